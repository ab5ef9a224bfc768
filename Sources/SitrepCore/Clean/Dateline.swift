/// What the opening of a report says about itself before the story starts.
struct Dateline: Equatable, Sendable {
    var place: String?
    var source: String?
    var month: Int?
    var day: Int?
    var year: Int?
    /// UTF-8 length of the opening, with the separator and spaces after it.
    var length: Int

    /// The day the dateline names: its own year, else the latest such day not after publication.
    func date(published: CivilDate?) -> CivilDate? {
        guard let month, let day else { return nil }
        if let year { return CivilDate.isValid(year: year, month: month, day: day) ? CivilDate(year: year, month: month, day: day) : nil }
        guard let published else { return nil }
        for y in [published.year, published.year - 1] where CivilDate.isValid(year: y, month: month, day: day) {
            let d = CivilDate(year: y, month: month, day: day)
            if d <= published { return d }
        }
        return nil
    }
}

/// Reads the openings wire copy and scraped pages put before the story:
/// `(Zaman Al Wasl)- …`, `DAMASCUS (Reuters) - …`, `BEIRUT, Dec 15 (AFP) — …`,
/// `ALEPPO, Syria, March 3 - …`, and leading publication dates such as `Wed 05 Apr 2017 …`.
enum DatelineParser {
    struct Tok {
        enum Kind { case word, number, punct }
        var text: String
        /// Lower-cased once, since every pattern compares it.
        var lower: String
        var kind: Kind
        var start: Int
        var end: Int
        var isCapitalized: Bool
        /// Every letter upper-case, as datelines write the place ("DEIR EZZOR").
        var isAllCaps: Bool
        var isDash: Bool { text == "-" || text == "\u{2013}" || text == "\u{2014}" || text == "\u{2015}" }
    }

    /// Tokens of the first `limit` bytes of a paragraph: words (with inner hyphens and
    /// apostrophes, "AL-BAB", "Ma'arat"), digit runs, and single punctuation marks.
    static func tokens(_ s: String, limit: Int = 400) -> [Tok] {
        var out: [Tok] = []
        out.reserveCapacity(48)
        let b = Array(s.utf8.prefix(limit + 8))
        let n = b.count
        /// The scalar at `i` and its length; ASCII needs no decoding.
        @inline(__always) func scalar(_ i: Int) -> (Unicode.Scalar, Int) {
            let c = b[i]
            if c < 0x80 { return (Unicode.Scalar(c), 1) }
            var len = 1
            if c & 0xE0 == 0xC0 { len = 2 } else if c & 0xF0 == 0xE0 { len = 3 } else if c & 0xF8 == 0xF0 { len = 4 }
            len = min(len, n - i)
            let u = String(decoding: b[i..<(i + len)], as: UTF8.self).unicodeScalars.first ?? " "
            return (u, len)
        }
        @inline(__always) func isLetter(_ u: Unicode.Scalar) -> Bool {
            u.value < 0x80 ? (u.value | 0x20 >= 0x61 && u.value | 0x20 <= 0x7A) : u.properties.isAlphabetic
        }
        @inline(__always) func isDigit(_ u: Unicode.Scalar) -> Bool { u.value >= 0x30 && u.value <= 0x39 }
        var i = 0
        while i < n, i < limit {
            let (u, len) = scalar(i)
            if u.value <= 0x20 || u.properties.isWhitespace { i += len; continue }
            let start = i
            var kind = Tok.Kind.punct
            var upper = 0, lowerCount = 0
            if isDigit(u) {
                kind = .number
                while i < n, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
            } else if isLetter(u) {
                kind = .word
                while i < n {
                    let (c, l) = scalar(i)
                    if isLetter(c) {
                        if c.value < 0x80 { if c.value < 0x61 { upper += 1 } else { lowerCount += 1 } }
                        else if c.properties.isUppercase { upper += 1 } else if c.properties.isLowercase { lowerCount += 1 }
                        i += l
                        continue
                    }
                    if isDigit(c) { i += l; continue }
                    if c == "-" || c == "'" || c == "\u{2019}", i + l < n, isLetter(scalar(i + l).0) {
                        i += l
                        continue
                    }
                    break
                }
            } else {
                i += len
            }
            let text = String(decoding: b[start..<i], as: UTF8.self)
            let first = u.value < 0x80 ? (u.value >= 0x41 && u.value <= 0x5A) : u.properties.isUppercase
            out.append(Tok(text: text, lower: kind == .word ? text.lowercased() : text, kind: kind, start: start, end: i,
                           isCapitalized: kind == .word && first, isAllCaps: kind == .word && upper > 0 && lowerCount == 0))
        }
        return out
    }

    // MARK: openings

    /// The source tag or dateline at the start of a paragraph.
    /// `alone`: the line may end after the separator ("PORT-AU-PRINCE, Haiti —" over the lede).
    static func dateline(_ t: [Tok], alone: Bool = false) -> Dateline? {
        guard !t.isEmpty else { return nil }
        // (Zaman Al Wasl)- …
        if t[0].text == "(", let (source, after) = sourceTag(t, 0) {
            var k = after
            if k < t.count, t[k].isDash || t[k].text == ":" { k += 1 }
            if k < t.count, k + 1 < t.count, t[k].isDash { k += 1 } // "--"
            guard k < t.count else { return nil }
            return Dateline(source: source, length: t[k].start)
        }
        // PLACE[, Region][, Date] [(Source)] - …
        var k = 0
        var placeWords: [Tok] = []
        while k < t.count, t[k].kind == .word, placeWords.count < 4 {
            if t[k].isAllCaps || t[k].isCapitalized && (placeWords.isEmpty || !placeWords[0].isAllCaps) {
                placeWords.append(t[k]); k += 1
            } else { break }
        }
        guard !placeWords.isEmpty, !labels.contains(placeWords[0].lower) else { return nil }
        let allCaps = placeWords.allSatisfy(\.isAllCaps)
        let letters = placeWords.reduce(0) { $0 + $1.text.count }
        var line = Dateline(place: String(joined(placeWords)), length: 0)
        var strong = false
        // ", Syria" — up to two regions, written in title case.
        var regions = 0
        while k + 1 < t.count, t[k].text == ",", regions < 2 {
            if let (m, d, y, after) = monthDay(t, k + 1) {
                line.month = m; line.day = d; line.year = y
                k = after
                strong = true
                break
            }
            var j = k + 1, words = 0
            while j < t.count, t[j].kind == .word, t[j].isCapitalized, words < 3 { j += 1; words += 1 }
            if words == 0, allCaps {
                // A date in another language or form ("12 juin"): up to three words or numbers
                // that a source tag or dash must close.
                while j < t.count, t[j].kind != .punct, words < 3 { j += 1; words += 1 }
                guard j < t.count, t[j].text == "(" || t[j].isDash else { break }
            }
            guard words > 0 else { break }
            k = j
            regions += 1
        }
        if k < t.count, t[k].text == "(", let (source, after) = sourceTag(t, k) {
            line.source = source
            k = after
            strong = true
        }
        guard k < t.count else { return nil }
        // The separator: a dash; a colon after a capitalised place; nothing only after
        // "PLACE (Source)" written in capitals, as some agencies do.
        if t[k].isDash {
            // "Bamako, Mali — …": a long dash after a place and its country or region, as AP and
            // VOA write datelines in title case.
            if regions > 0, t[k].text == "\u{2014}" || t[k].text == "\u{2013}" { strong = true }
            k += 1
            if k < t.count, t[k].isDash { k += 1 }
        } else if t[k].text == ":" && allCaps {
            k += 1
        } else if !(allCaps && line.source != nil) {
            return nil
        }
        // A mixed-case opening is a dateline only with a source or date to vouch for it.
        guard allCaps && letters >= 3 || strong else { return nil }
        if alone, k >= t.count, let last = t.last {
            line.length = last.end
            return line
        }
        guard k < t.count else { return nil }
        line.length = t[k].start
        return line
    }

    /// `(Reuters)`: one to six words, the first capitalised, closed on the same line.
    static func sourceTag(_ t: [Tok], _ open: Int) -> (String, Int)? {
        var k = open + 1
        var words: [Tok] = []
        while k < t.count, t[k].text != ")" {
            guard t[k].kind == .word || t[k].kind == .number || t[k].text == "." || t[k].text == "&"
                || t[k].text == "/" || t[k].text == "-" else { return nil }
            words.append(t[k])
            k += 1
            if words.count > 8 { return nil }
        }
        // ("(dpa)": an agency that writes its name in lower case.)
        guard k < t.count, let first = words.first, words.contains(where: { $0.kind == .word }),
              first.isCapitalized || NewsSources.shared.name(of: joinedSpans(words)) != nil else {
            return nil
        }
        return (String(joinedSpans(words)), k + 1)
    }

    /// Month and day, either order, with an optional year: "Dec 15", "15 December", "March 3, 2016".
    static func monthDay(_ t: [Tok], _ i: Int) -> (Int, Int, Int?, Int)? {
        var k = i
        var month: Int?, day: Int?
        if k < t.count, let m = monthNumber(t[k]) {
            month = m
            k += 1
            if k < t.count, t[k].text == "." { k += 1 }
            guard k < t.count, t[k].kind == .number, let d = Int(t[k].text), (1...31).contains(d) else { return nil }
            day = d
            k += 1
        } else if k + 1 < t.count, t[k].kind == .number, let d = Int(t[k].text), (1...31).contains(d),
                  let m = monthNumber(t[k + 1]) {
            day = d; month = m
            k += 2
            if k < t.count, t[k].text == "." { k += 1 }
        }
        guard let month, let day else { return nil }
        var year: Int?
        var j = k
        if j < t.count, t[j].text == "," { j += 1 }
        if j < t.count, t[j].kind == .number, t[j].text.count == 4, let y = Int(t[j].text), (1900...2100).contains(y) {
            year = y
            k = j + 1
        }
        return (month, day, year, k)
    }

    // MARK: leading publication dates

    /// A publication date opening the text: "Wed 05 Apr 2017", "Date of publication 7 July 2016",
    /// "23-04-2016", "Posted on July 20 2016"; also "AFP Saturday 21 Jun 2014" (agency first).
    static func leadingDate(_ t: [Tok], allowAlone: Bool = false) -> Dateline? {
        var k = 0
        var source: String?
        if t.count > 2, t[0].kind == .word, t[0].isAllCaps, (2...6).contains(t[0].text.count),
           fullDate(t, 1) != nil || fullDate(t, 2) != nil && weekdays[t[1].lower] != nil {
            source = t[0].text
            k = 1
        }
        k = skipPrefixPhrase(t, k)
        if k < t.count, weekdays[t[k].lower] != nil {
            k += 1
            if k < t.count, t[k].text == "," || t[k].text == "." { k += 1 }
        }
        guard let (y, m, d, after) = fullDate(t, k) else { return nil }
        k = after
        // A clock time may follow: "10:45", "10:45 GMT".
        if k + 2 < t.count, t[k].kind == .number, t[k + 1].text == ":", t[k + 2].kind == .number {
            k += 3
            if k < t.count, ["gmt", "utc", "am", "pm"].contains(t[k].lower) { k += 1 }
        }
        while k < t.count, t[k].isDash || t[k].text == "|" || t[k].text == "," { k += 1 }
        guard k < t.count else {
            // A paragraph that is only a date: the whole of it is the opening.
            return allowAlone && t.last.map({ $0.end < 400 }) == true
                ? Dateline(source: source, month: m, day: d, year: y, length: t.last!.end) : nil
        }
        return Dateline(source: source, month: m, day: d, year: y, length: t[k].start)
    }

    /// A date with its year, in the orders news sites print: "05 Apr 2017", "Jul 7 2016",
    /// "23-04-2016" (day first), "01.10.2017", "2016-04-23".
    static func fullDate(_ t: [Tok], _ i: Int) -> (Int, Int, Int, Int)? {
        if let (m, d, y, after) = monthDay(t, i), let y { return (y, m, d, after) }
        guard i + 4 < t.count, t[i].kind == .number, t[i + 2].kind == .number, t[i + 4].kind == .number,
              t[i + 1].text == t[i + 3].text, ["-", ".", "/"].contains(t[i + 1].text),
              let a = Int(t[i].text), let b = Int(t[i + 2].text), let c = Int(t[i + 4].text),
              t[i + 1].end == t[i + 2].start, t[i + 2].end == t[i + 3].start else { return nil }
        if t[i].text.count == 4, CivilDate.isValid(year: a, month: b, day: c) { return (a, b, c, i + 5) }
        // Day first is the order outside the US; "/" stays ambiguous and is not read.
        if t[i + 4].text.count == 4, t[i + 1].text != "/", CivilDate.isValid(year: c, month: b, day: a) {
            return (c, b, a, i + 5)
        }
        return nil
    }

    /// The first date with its year anywhere in a short line ("Emily Wilson·21 August 2024",
    /// "Published on 13.09.2021 at 23h25 by …", "AG Kinshasa Tuesday, July 26, 2022, 7:31 p.m.").
    static func firstFullDate(_ t: [Tok]) -> CivilDate? {
        for i in t.indices {
            if let (y, m, d, _) = fullDate(t, i), CivilDate.isValid(year: y, month: m, day: d) {
                return CivilDate(year: y, month: m, day: d)
            }
        }
        return nil
    }

    static func skipPrefixPhrase(_ t: [Tok], _ i: Int) -> Int {
        for phrase in leadPhrases {
            guard i + phrase.count <= t.count else { continue }
            if zip(t[i..<(i + phrase.count)], phrase).allSatisfy({ $0.lower == $1 }) {
                var k = i + phrase.count
                if k < t.count, t[k].text == ":" { k += 1 }
                return k
            }
        }
        return i
    }

    /// Prefix phrases, longest first so "published on" wins over "published".
    static let leadPhrases: [[String]] = Lexicon.lines("clean-leading-dates")
        .map { $0.lowercased().split(separator: " ").map(String.init) }
        .sorted { $0.count > $1.count }

    /// Wire labels that look like a capitalised place ("BREAKING:", "UPDATE 2-").
    static let labels: Set<String> = Set(Lexicon.lines("clean-dateline-labels").map { $0.lowercased() })

    static let weekdays: [String: Int] = {
        var d: [String: Int] = [:]
        let names = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
        for (i, n) in names.enumerated() {
            d[n] = i
            d[String(n.prefix(3))] = i
        }
        d["tues"] = 2; d["thu"] = 4; d["thur"] = 4; d["thurs"] = 4
        return d
    }()

    static let months: [String: Int] = {
        var d: [String: Int] = [:]
        for (i, n) in CivilDate.monthNames.enumerated() {
            d[n.lowercased()] = i + 1
            d[String(n.lowercased().prefix(3))] = i + 1
        }
        d["sept"] = 9
        return d
    }()

    static func monthNumber(_ t: Tok) -> Int? {
        guard t.kind == .word, t.isCapitalized else { return nil }
        return months[t.lower]
    }

    // MARK: helpers

    static func joined(_ toks: [Tok]) -> String { toks.map(\.text).joined(separator: " ") }

    /// Tokens joined as written: no space where the text had none ("U.S.", "Al-Ahram").
    static func joinedSpans(_ toks: [Tok]) -> String {
        var s = ""
        for (i, t) in toks.enumerated() {
            if i > 0, toks[i - 1].end != t.start { s += " " }
            s += t.text
        }
        return s
    }

    /// Length of a repeated headline at the start of the text, with the stop after it.
    static func headlinePrefix(_ t: [Tok], title: String) -> Int? {
        let titleTokens = tokens(title, limit: 400)
        if let n = headlinePrefix(t, words: titleTokens.filter { $0.kind != .punct }.map(\.lower)) { return n }
        // Page titles carry the site's sections after a dash: "Headline - Region - World - Site".
        guard let cut = titleTokens.firstIndex(where: { $0.isDash || $0.text == "|" }) else { return nil }
        return headlinePrefix(t, words: titleTokens[..<cut].filter { $0.kind != .punct }.map(\.lower))
    }

    static func headlinePrefix(_ t: [Tok], words: [String]) -> Int? {
        guard words.count >= 3 else { return nil }
        var k = 0, w = 0
        while w < words.count, k < t.count {
            if t[k].kind == .punct { k += 1; continue }
            guard t[k].lower == words[w] else { return nil }
            k += 1
            w += 1
        }
        guard w == words.count else { return nil }
        while k < t.count, t[k].kind == .punct, [".", ":", "|", "-", "\u{2013}", "\u{2014}"].contains(t[k].text) { k += 1 }
        // The headline on a line of its own: the whole paragraph goes.
        guard k < t.count else { return t.last.map { $0.end } }
        return t[k].start
    }
}
