import Foundation

/// The part of a news page a paragraph belongs to.
public enum PageBlock: String, Sendable, Hashable, CaseIterable {
    /// The page's headline, kept as the text's first line.
    case headline
    /// The summary line under the headline.
    case standfirst
    /// The story: the lede and the paragraphs after it.
    case body
    /// A photo or video caption, a file photo.
    case caption
    /// A photo credit, an agency's signature, "Source: …".
    case credit
    case byline
    /// Related stories, "read more", "most read".
    case related
    /// The page's own date lines ("Published: …", "Tuesday, October 2, 2012").
    case pageDate = "page-date"
    /// An embedded post.
    case embed
    /// Section labels, outlet names, truncated link texts: short lines that are no sentence.
    case meta
    /// Comment forms, share widgets, cookie notices, rights lines.
    case furniture

    /// Blocks whose sentences Sitrep codes.
    public var isStory: Bool { self == .headline || self == .standfirst || self == .body }
}

/// Reads a page paragraph by paragraph, as a reader does: the headline, the lines above the story
/// (dates, outlet, section, photo), the lede with its dateline, then the story's paragraphs among
/// captions, credits, embedded posts and link lists.
enum PageStructure {
    struct Reading {
        var blocks: [(kind: PageBlock, text: String)] = []
        /// What each left-out paragraph was, in the words of the notes ("comment", "share", "caption").
        var removedKinds: [String] = []
        /// The headline found in the text, when the input gave no title.
        var headline: String?
        /// The page's own date: the earliest of its date lines (a page is stored or updated after it
        /// is published, never before).
        var date: CivilDate?
        /// The date a dateline or the lede's leading date gives the report ("KYIV, March 14").
        var datelineDate: CivilDate?
        var source: String?
        var datelinePlace: String?
        /// Agencies and outlets the page credits (short forms: "AFP", "Reuters").
        var credits: [String] = []
        var notes: [String] = []

        mutating func seeDate(_ d: CivilDate?) {
            guard let d else { return }
            date = date.map { min($0, d) } ?? d
        }
    }

    /// Lines above the story read for dates, outlet and photo before the lede is found.
    static let leadZone = 12

    static func read(_ paragraphs: [String], title: String?, published: CivilDate?, hints: [PageBlock?] = []) -> Reading {
        var r = Reading()
        let cues = PageCues.shared
        var title = title
        var i = 0
        let isPage = paragraphs.count >= 3
        // A date without its year ("KYIV, March 14") is read as a reader would: against the feed's
        // date, else the latest dated day the page gives, else today.
        // (A report is filed within days of the latest day it tells.)
        let reference = published ?? latestDate(paragraphs).map { min($0.adding(days: 7), CivilDate.today()) } ?? CivilDate.today()
        var sawHeadline = false
        // Lines above the story.
        // A single paragraph is the story, whatever it looks like: its opening is read as the lede's.
        while paragraphs.count > 1, i < paragraphs.count, i < leadZone {
            var p = paragraphs[i]
            if let hint = hints.indices.contains(i) ? hints[i] : nil, !hint.isStory {
                r.blocks.append((hint, p))
                i += 1
                continue
            }
            // A leading date ("date 2025-02-06", "13 February 2022") may share its line with the story.
            let toks = DatelineParser.tokens(p)
            if let d = DatelineParser.leadingDate(toks, allowAlone: true) {
                r.seeDate(d.date(published: published ?? r.date))
                if let s = d.source, r.source == nil { r.source = s }
                let rest = String(decoding: p.utf8.dropFirst(d.length), as: UTF8.self).trimmingCharacters(in: .whitespaces)
                r.blocks.append((.pageDate, String(decoding: p.utf8.prefix(d.length), as: UTF8.self)))
                r.notes.append("took the page's date line off the text")
                if rest.isEmpty { i += 1; continue }
                p = rest
            }
            if let (date, length) = epochPrefix(p) {
                // "1670342243 FARC dissidents …": a page store's Unix time stamp.
                r.seeDate(date)
                r.blocks.append((.pageDate, String(p.prefix(length))))
                p = String(p.dropFirst(length)).trimmingCharacters(in: .whitespaces)
                if p.isEmpty { i += 1; continue }
            }
            if let t = title, let n = DatelineParser.headlinePrefix(DatelineParser.tokens(p), title: t) {
                sawHeadline = true
                let rest = String(decoding: p.utf8.dropFirst(n), as: UTF8.self).trimmingCharacters(in: .whitespaces)
                if rest.isEmpty { i += 1; continue }
                p = rest
            }
            if let (kind, note) = furniture(p, cues: cues, inLeadZone: true, isPage: isPage, credits: &r.credits) {
                r.blocks.append((kind, p))
                r.removedKinds.append(note)
                i += 1
                continue
            }
            if isCaptionAboveCredit(p, next: i + 1 < paragraphs.count ? paragraphs[i + 1] : "", cues: cues) {
                r.blocks.append((.caption, p))
                i += 1
                continue
            }
            // The story starts with its first sentence, however short ("Troops advanced at dawn.").
            // A deck of clauses without a full stop ("Three dead; clashes break out in …; schools
            // close") sums the story up like a headline; the story itself ends its sentences.
            let deck = !endsWithStop(p) && p.contains("; ") && words(p) <= 60
            if !deck, isProse(p) || endsWithStop(p) && words(p) >= 3 { break }
            // A dateline on a line of its own ("DAMASCUS (Reuters) -") opens the lede below it.
            let lineToks = DatelineParser.tokens(p)
            if let d = DatelineParser.dateline(lineToks, alone: true), d.length + 2 >= p.utf8.count {
                r.datelinePlace = d.place ?? r.datelinePlace
                if let s = d.source { r.source = s; r.credits += NewsSources.shared.credited(in: s) }
                r.notes.append("took the dateline \(d.place ?? d.source ?? "") off the text")
                i += 1
                continue
            }
            // (The story may start a few lines further down, under a byline or a date.)
            let next = paragraphs[(i + 1)..<min(paragraphs.count, i + 5)].max { $0.utf8.count < $1.utf8.count } ?? ""
            if title == nil, !sawHeadline, deck || isHeadline(p, next: next) {
                title = p
                r.headline = p
                sawHeadline = true
                r.notes.append("took the first line as the headline")
            } else if !r.blocks.contains(where: { $0.kind == .standfirst }),
                      sawHeadline ? words(p) >= 6 && hasLowercaseWords(p) : deck || isHeadline(p, next: next) {
                // The summary under the headline, or the page's own headline under a feed's title.
                r.blocks.append((.standfirst, p))
            } else if let name = NewsSources.shared.name(of: p) {
                r.credits.append(name)
                r.blocks.append((.credit, p))
            } else if words(p) <= 14, let d = DatelineParser.firstFullDate(DatelineParser.tokens(p)) {
                // "Emily Wilson·21 August 2024", "Last update: August 24, 2015 21:18": a byline's date.
                r.seeDate(d)
                r.blocks.append((.pageDate, p))
            } else {
                r.blocks.append((.meta, p))
            }
            i += 1
        }
        // The lede: its dateline, source tag or date opens the story.
        if i < paragraphs.count {
            var notes: [String] = []
            let opening = Cleaner.readOpening(paragraphs[i], title: title, published: published ?? r.date ?? reference, notes: &notes)
            r.notes += notes
            r.datelineDate = opening.date
            if let s = opening.source { r.source = s; r.credits += NewsSources.shared.credited(in: s) }
            r.datelinePlace = opening.place ?? r.datelinePlace
            if !opening.rest.isEmpty { r.blocks.append((.body, opening.rest)) }
            i += 1
        }
        // The story, among the page's furniture.
        while i < paragraphs.count {
            let p = paragraphs[i]
            if let hint = hints.indices.contains(i) ? hints[i] : nil, !hint.isStory {
                r.blocks.append((hint, p))
                i += 1
                continue
            }
            // Comment sections and rights notices come last: what follows them is the page's, not the story's.
            if i * 2 >= paragraphs.count, let kind = Boilerplate.shared.sectionCut(p) ?? (isRightsNotice(p) ? "rights" : nil) {
                r.notes.append(Cleaner.furnitureNote(kind, paragraphs.count - i))
                for q in paragraphs[i...] { r.blocks.append((.furniture, q)) }
                break
            }
            if let d = DatelineParser.leadingDate(DatelineParser.tokens(p), allowAlone: true), d.length >= p.utf8.count - 2 {
                r.seeDate(d.date(published: reference))
                r.blocks.append((.pageDate, p))
            } else if let (kind, note) = furniture(p, cues: cues, inLeadZone: false, isPage: isPage, credits: &r.credits) {
                r.blocks.append((kind, p))
                r.removedKinds.append(note)
            } else if !endsSentence(p) || p.hasSuffix(":"), words(p) <= 12 {
                // A line that is no sentence: a subheading, a link text, an outlet's name, a list item.
                if let name = NewsSources.shared.name(of: p) { r.credits.append(name); r.blocks.append((.credit, p)) }
                else { r.blocks.append((.meta, p)) }
            } else {
                if isCaptionAboveCredit(p, next: i + 1 < paragraphs.count ? paragraphs[i + 1] : "", cues: cues) {
                    r.blocks.append((.caption, p))
                    i += 1
                    continue
                }
                let (text, signature) = strippingSignature(p)
                if let s = signature {
                    r.credits += NewsSources.shared.credited(in: s)
                    r.blocks.append((.body, text))
                } else {
                    r.blocks.append((.body, p))
                }
            }
            i += 1
        }
        var seen = Set<String>()
        r.credits = r.credits.filter { seen.insert($0).inserted }
        return r
    }

    /// A Unix time stamp in seconds opening a line (ten digits, from 2001 to today): its day.
    static func epochPrefix(_ p: String) -> (CivilDate, Int)? {
        let digits = p.prefix(while: { $0.isASCII && $0.isNumber })
        guard digits.count == 10, let seconds = Int(digits), p.dropFirst(10).first.map({ $0 == " " }) ?? true else { return nil }
        let date = CivilDate(year: 1970, month: 1, day: 1).adding(days: seconds / 86_400)
        guard date.year >= 2001, date <= CivilDate.today() else { return nil }
        return (date, 10)
    }

    /// The latest day with its year the page gives, as the reference for dates given without one.
    static func latestDate(_ paragraphs: [String]) -> CivilDate? {
        var latest: CivilDate?
        let today = CivilDate.today()
        for p in paragraphs.prefix(60) {
            let t = DatelineParser.tokens(p)
            var i = 0
            while i < t.count {
                if let (y, m, d, after) = DatelineParser.fullDate(t, i), CivilDate.isValid(year: y, month: m, day: d) {
                    let date = CivilDate(year: y, month: m, day: d)
                    if date <= today, latest.map({ date > $0 }) ?? true { latest = date }
                    i = after
                } else {
                    i += 1
                }
            }
        }
        return latest
    }

    /// A picture described just above its photographer's credit ("(Name / Associated Press)").
    static func isCaptionAboveCredit(_ p: String, next: String, cues: PageCues) -> Bool {
        guard words(p) <= 60, words(next) <= 8, hasCaptionVerb(p, cues: cues), let credit = trailingCredit(next, cues: cues) else { return false }
        return credit.strong
    }

    /// "Copyright © 2022 …", "© 2022 …", "(c) 2022 …": the page's rights, after the story.
    static func isRightsNotice(_ p: String) -> Bool {
        let head = p.prefix(16).lowercased()
        return head.hasPrefix("copyright") || head.hasPrefix("©") || head.hasPrefix("(c) ")
    }

    /// A short unpunctuated line over longer prose, which is no byline, widget label or date.
    static func isHeadline(_ p: String, next: String) -> Bool {
        let n = words(p)
        guard n >= 3, n <= 20, !endsSentence(p), !p.hasSuffix(","), next.utf8.count > p.utf8.count else { return false }
        return Boilerplate.shared.kind(of: p) == nil && DatelineParser.leadingDate(DatelineParser.tokens(p), allowAlone: true) == nil
    }

    // MARK: furniture

    /// The kind of a paragraph that is not the story, or nil for the story.
    static func furniture(_ p: String, cues: PageCues, inLeadZone: Bool, isPage: Bool, credits: inout [String]) -> (PageBlock, String)? {
        if let kind = Boilerplate.shared.kind(of: p) {
            switch kind {
            case "byline": return (.byline, kind)
            case "related": return (.related, kind)
            default: return (.furniture, kind)
            }
        }
        // A text of one or two paragraphs (a wire snippet, a coder's note) is all story.
        guard isPage, let kind = storyFurniture(p, cues: cues, inLeadZone: inLeadZone, credits: &credits) else { return nil }
        return (kind, kind.rawValue)
    }

    /// Captions, credits and embedded posts: the furniture news pages set among the story's paragraphs.
    static func storyFurniture(_ p: String, cues: PageCues, inLeadZone: Bool, credits: inout [String]) -> PageBlock? {
        let lower = p.lowercased()
        if cues.embed.contains(where: { lower.contains($0) }) { return .embed }
        let n = words(p)
        if n <= 30, cues.creditLine.contains(where: { lower.hasPrefix($0) }) {
            credits += NewsSources.shared.credited(in: p)
            return .credit
        }
        if n <= 80, cues.captionStart.contains(where: { lower.hasPrefix($0) }) || cues.captionPhrase.contains(where: { lower.contains($0) }) {
            credits += NewsSources.shared.credited(in: p)
            return .caption
        }
        if let credit = trailingCredit(p, cues: cues) {
            let described = hasCaptionVerb(p, cues: cues) || hasFullDate(p) || inLeadZone
            if credit.strong ? n <= 70 : (n <= 60 && described) || n <= 12 {
                credits += NewsSources.shared.credited(in: credit.text)
                return credit.text.utf8.count + 3 >= p.utf8.count ? .credit : .caption
            }
        }
        // AP and AFP captions without a credit: "Police stand guard in X on May 3, 2021."
        if hasCaptionVerb(p, cues: cues), n <= 70 && hasFullDate(p) || n <= 50 && inLeadZone && !isProse(p) {
            return .caption
        }
        // "The crater caused by a roadside bomb in X, 14 July 2015.": a picture described, dated.
        if n >= 6, n <= 40, endsWithFullDate(p), !hasFiniteVerb(p) { return .caption }
        return nil
    }

    /// A credit at the end of a paragraph: a photo credit anywhere in its last words ("Video: …",
    /// "[File: Name/AFP]", "(c) copyright"), or a last segment after a full stop, dash, slash or
    /// bracket that is a credit ("/ Supplied") or an agency's name ("(Reuters)", ". AP", "— AFP").
    /// Strong credits name a photo or photographer; a bare agency name may also sign a story.
    static func trailingCredit(_ p: String, cues: PageCues) -> (text: String, strong: Bool)? {
        let t = p.trimmingCharacters(in: .whitespaces)
        let tail = String(t.suffix(90)).lowercased()
        if let c = cues.credit.first(where: { tail.contains($0) }), let r = tail.range(of: c) {
            let from = t.index(t.endIndex, offsetBy: -tail.distance(from: r.lowerBound, to: tail.endIndex))
            return (String(t[from...]), true)
        }
        guard let (segment, start) = lastSegment(t) else { return nil }
        let lower = segment.lowercased()
        if cues.creditEnd.contains(where: { lower.hasPrefix($0) }) { return (segment, true) }
        guard NewsSources.shared.name(of: segment) != nil else { return nil }
        let bracketed = t[..<start].last == "(" || t[..<start].last == "[" || (t.first == "(" || t.first == "[") && (t.last == ")" || t.last == "]")
        let strong = bracketed && (t.contains("/") || t.contains(":") || isNameBefore(t[..<t.index(before: start)]))
        return (segment, strong)
    }

    /// The words after the last full stop, dash, slash or opening bracket, closing bracket dropped,
    /// when they are few.
    static func lastSegment(_ t: String) -> (String, String.Index)? {
        var best: String.Index?
        for sep in [". ", ".", " — ", " – ", " -- ", "--", " - ", " / ", "/", "(", "["] {
            if let r = t.range(of: sep, options: .backwards), r.upperBound < t.endIndex, best.map({ r.upperBound > $0 }) ?? true {
                best = r.upperBound
            }
        }
        guard let start = best else { return nil }
        var segment = String(t[start...]).trimmingCharacters(in: .whitespaces)
        while let last = segment.last, last == ")" || last == "]" || last == "." { segment.removeLast() }
        guard !segment.isEmpty, words(segment) <= 8 else { return nil }
        return (segment, start)
    }

    /// An agency's signature at the end of the story's paragraph ("… Keita./Agence France-Presse",
    /// "… he added. -- PTI"): the paragraph without it, and the signature.
    static func strippingSignature(_ p: String) -> (String, String?) {
        guard let (segment, start) = lastSegment(p), NewsSources.shared.name(of: segment) != nil else { return (p, nil) }
        var head = String(p[..<start])
        while let last = head.last, last == " " || last == "/" || last == "-" || last == "\u{2014}" || last == "\u{2013}" || last == "(" {
            head.removeLast()
        }
        return (head, segment)
    }

    static func isNameBefore(_ s: Substring) -> Bool {
        let ws = s.split(separator: " ").suffix(2)
        return ws.count == 2 && ws.allSatisfy { w in w.count >= 2 && w.unicodeScalars.allSatisfy { !$0.properties.isLowercase } }
    }

    // MARK: reading the words

    static func words(_ s: String) -> Int {
        var n = 0, inWord = false
        for u in s.utf8 {
            let space = u == 0x20 || u == 0x0A || u == 0x09
            if !space && !inWord { n += 1 }
            inWord = !space
        }
        return n
    }

    /// A full stop, question or exclamation mark ends the text, perhaps inside a closing quote.
    static func endsWithStop(_ s: String) -> Bool {
        var t = Substring(s.trimmingCharacters(in: .whitespaces))
        while let last = t.last, "\"'\u{201D}\u{2019}".contains(last) { t = t.dropLast() }
        return t.last.map { ".!?".contains($0) } ?? false
    }

    static func endsSentence(_ s: String) -> Bool { TextLayout.endsSentence(s.trimmingCharacters(in: .whitespaces)) }

    /// A paragraph of the story: a sentence of some length.
    static func isProse(_ p: String) -> Bool {
        let n = words(p)
        return (n >= 12 && (endsSentence(p) || p.contains(". "))) || n >= 25
    }

    static func hasLowercaseWords(_ p: String) -> Bool {
        p.split(separator: " ").filter { $0.first?.isLowercase == true }.count >= 2
    }

    static func lowerWords(_ p: String, limit: Int) -> [String] {
        p.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "'" && $0 != "-" }).prefix(limit).map(String.init)
    }

    /// A present-tense verb of a caption after its subject, in the first words ("Protesters chant …").
    static func hasCaptionVerb(_ p: String, cues: PageCues) -> Bool {
        // Verbs are written in lower case: "March" in "On 18 March" is no march.
        let ws = p.split(whereSeparator: { !$0.isLetter && $0 != "'" && $0 != "-" }).prefix(16)
            .map { $0.first?.isLowercase == true ? $0.lowercased() : "" }
        let modal: Set<String> = ["to", "will", "would", "could", "can", "may", "might", "must", "should", "did", "do",
                                  "does", "not", "never", "the", "a", "an", "who", "that", "which"]
        for k in 1..<max(1, ws.count) where !modal.contains(ws[k - 1]) {
            if cues.captionVerbs.contains(ws[k]) { return true }
            if k + 1 < ws.count, cues.captionVerbs.contains(ws[k] + " " + ws[k + 1]) { return true }
        }
        return false
    }

    static let finite: Set<String> = ["was", "were", "is", "are", "had", "has", "have", "said", "says", "will", "would",
                                      "killed", "attacked", "told", "reported", "added"]

    static func hasFiniteVerb(_ p: String) -> Bool {
        lowerWords(p, limit: 80).contains { finite.contains($0) }
    }

    /// A calendar date with its year ("December 14, 2021", "14 July 2015"): captions date their
    /// pictures in full, stories rarely date what they tell.
    static func hasFullDate(_ p: String) -> Bool {
        fullDateEnd(p, mustEnd: false)
    }

    static func endsWithFullDate(_ p: String) -> Bool { fullDateEnd(p, mustEnd: true) }

    private static func fullDateEnd(_ p: String, mustEnd: Bool) -> Bool {
        let ws = p.split(whereSeparator: { $0 == " " || $0 == "," }).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ".;:")) }
        for (k, w) in ws.enumerated() where w.count == 4 {
            guard let y = Int(w), (1900...2099).contains(y) else { continue }
            if mustEnd && k < ws.count - 1 { continue }
            let near = ws[max(0, k - 3)..<k].map { $0.lowercased() }
            if near.contains(where: { m in CivilDate.monthNames.contains { $0.lowercased().hasPrefix(m.prefix(3)) && m.count >= 3 } }) {
                return true
            }
        }
        return false
    }
}

/// The words of `lexicon/page-structure.tsv`.
struct PageCues: Sendable {
    static let shared = PageCues()
    var captionStart: [String] = []
    var captionPhrase: [String] = []
    var credit: [String] = []
    var creditEnd: [String] = []
    var captionVerbs = Set<String>()
    var creditLine: [String] = []
    var embed: [String] = []

    init() {
        for row in Lexicon.table("lexicon/page-structure.tsv") where row.count >= 2 {
            let text = row[1].lowercased()
            switch row[0] {
            case "CAPTION_START": captionStart.append(text)
            case "CAPTION_PHRASE": captionPhrase.append(text)
            case "CREDIT": credit.append(text)
            case "CREDIT_END": creditEnd.append(text)
            case "CAPTION_VERB": captionVerbs.insert(text)
            case "CREDIT_LINE": creditLine.append(text)
            case "EMBED": embed.append(text)
            default: continue
            }
        }
    }
}
