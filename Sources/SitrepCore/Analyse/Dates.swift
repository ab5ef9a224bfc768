/// Finds date expressions and resolves them to calendar days with ACLED's time precision.
///
/// Relative expressions ("yesterday", "on Sunday", "last week") resolve against the publication
/// date, or the dateline's date when the input gave none; with neither they keep `date: nil`
/// rather than guess. Absolute dates that give their year resolve without it.
///
/// Precision follows the codebook: a day named → 1; a week or weekend → 2, coded to its midpoint;
/// only a month → 3, coded to the 15th (first/last day for "beginning/end of"); a year or season
/// alone is less precise than a month and is not recorded.
public enum DateExtractor {
    public static func extract(_ doc: Doc) -> [DateMention] {
        var scan = DateScan(tokens: doc.tokens, reference: doc.published ?? doc.clean.datelineDate)
        return scan.run()
    }
}

/// One pass over a document's tokens; `found` doubles as the context for "the following day".
struct DateScan {
    let tokens: [Token]
    let reference: CivilDate?
    let lex = DateLexicon.shared
    var found: [DateMention] = []
    /// The last mention found that resolved to a day, for "the following day", "two days later"
    /// (kept here: searching `found` back for it is quadratic in a text of undated mentions).
    var lastDated: DateMention?

    init(tokens: [Token], reference: CivilDate?) {
        self.tokens = tokens
        self.reference = reference
    }

    mutating func run() -> [DateMention] {
        var i = 0
        while i < tokens.count {
            if let (m, end) = match(at: i) {
                found.append(m)
                if m.date != nil { lastDated = m }
                i = max(end, i + 1)
            } else {
                i += 1
            }
        }
        return found
    }

    // MARK: - Matching

    func match(at i: Int) -> (DateMention, Int)? {
        let t = tokens[i]
        if t.kind == .number {
            return numeric(at: i) ?? iso(at: i) ?? dayMonth(at: i) ?? ago(at: i)
        }
        // One lookup tells whether the word can start a date at all; most words cannot.
        let norm = t.norm
        guard let role = lex.starts[t] else {
            if norm.utf8.contains(UInt8(ascii: "-")), let r = monthOnly(at: i) { return r }  // "mid-March"
            return nil
        }
        if role.contains(.relative), let r = relative(at: i) { return r }
        if role.contains(.weekday), let w = weekday(at: i) { return w }
        if role.contains(.month) { return monthDay(at: i) ?? monthOnly(at: i) }
        if norm == "the", let r = theOrdinal(at: i) { return r }
        if role.contains(.count), let r = ago(at: i) { return r }
        if role.contains(.cue) { return cuedMonth(at: i) }
        return nil
    }

    // MARK: Absolute dates

    /// "18/12/2015", "12/18/2015", "18.12.15", "2015/12/18": one token.
    func numeric(at i: Int) -> (DateMention, Int)? {
        let text = tokens[i].norm
        guard text.utf8.count >= 6, text.utf8.contains(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: ".") })
        else { return nil }
        let sep: Character = text.contains("/") ? "/" : "."
        let parts = text.split(separator: sep)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }),
              let a = Int(parts[0]), let b = Int(parts[1]), let c = Int(parts[2]) else { return nil }
        var y: Int, m: Int, d: Int
        if parts[0].count == 4 {
            (y, m, d) = (a, b, c)
        } else {
            guard parts[2].count == 4 || parts[2].count == 2 else { return nil }
            y = parts[2].count == 4 ? c : expandYear(c)
            // Day first, as most of the world writes it, unless that is impossible ("12/18/2015").
            (d, m) = (a, b)
            if m > 12, d <= 12 { (d, m) = (b, a) }
        }
        guard CivilDate.isValid(year: y, month: m, day: d) else { return nil }
        let date = CivilDate(year: y, month: m, day: d)
        return (mention(i, i + 1, date, .day, .absolute), i + 1)
    }

    /// "2015-12-18" (tokenized as five tokens with no spaces between them).
    func iso(at i: Int) -> (DateMention, Int)? {
        guard i + 4 < tokens.count, tokens[i].norm.count == 4, let y = Int(tokens[i].norm),
              tokens[i + 1].norm == "-", tokens[i + 3].norm == "-",
              let m = Int(tokens[i + 2].norm), let d = Int(tokens[i + 4].norm),
              (i..<(i + 4)).allSatisfy({ tokens[$0].span.end == tokens[$0 + 1].span.start }),
              CivilDate.isValid(year: y, month: m, day: d) else { return nil }
        return (mention(i, i + 5, CivilDate(year: y, month: m, day: d), .day, .absolute), i + 5)
    }

    /// "18 December", "18th of December 2015", "11-12 March" (the first day; the second is found next).
    func dayMonth(at i: Int) -> (DateMention, Int)? {
        guard let day = dayNumber(tokens[i]) else { return nil }
        var k = i + 1
        // "11-12 March", "11 and 12 March", "12 to 13 May": the first day takes the month that follows.
        if k + 2 < tokens.count, ["-", "and", "to"].contains(tokens[k].norm), dayNumber(tokens[k + 1]) != nil,
           let month = monthAt(k + 2) {
            let (y, _) = year(after: k + 3)
            return absoluteWithPrecision(i, i + 1, month: month, day: day, year: y)
        }
        if k < tokens.count, tokens[k].norm == "of" { k += 1 }
        guard k < tokens.count, let month = monthAt(k) else { return nil }
        k += 1
        if k < tokens.count, tokens[k].norm == ".", isAbbreviation(tokens[k - 1]) { k += 1 }
        let (y, end) = year(after: k)
        return absoluteWithPrecision(i, end, month: month, day: day, year: y)
    }

    /// "December 18", "Dec. 18, 2015", "December 18th 2015".
    func monthDay(at i: Int) -> (DateMention, Int)? {
        guard let month = monthAt(i) else { return nil }
        var k = i + 1
        if k < tokens.count, tokens[k].norm == ".", isAbbreviation(tokens[i]) { k += 1 }
        guard k < tokens.count, let day = dayNumber(tokens[k]) else { return nil }
        // "May 2015" is a month and year, not a day.
        guard tokens[k].norm.count <= 4, !(tokens[k].norm.count == 4 && Int(tokens[k].norm) != nil) else { return nil }
        k += 1
        var end = k
        if k < tokens.count, tokens[k].norm == "," { end = k + 1 }
        let (y, yEnd) = year(after: end)
        if y == nil { end = k } else { end = yEnd }
        return absoluteWithPrecision(i, end, month: month, day: day, year: y)
    }

    /// A month named with a cue word before it ("in March", "mid-March", "the end of March 2015")
    /// or a year after it ("December 2015"): precision 3.
    func monthOnly(at i: Int) -> (DateMention, Int)? {
        var norm = tokens[i].norm
        var part = DateLexicon.MonthPart.any
        var cued = false
        for (prefix, p) in [("mid-", DateLexicon.MonthPart.mid), ("early-", .first), ("late-", .last)] where norm.hasPrefix(prefix) {
            norm = String(norm.dropFirst(prefix.count))
            part = p
            cued = true
        }
        guard let m = lex.months[norm] else { return nil }
        // "mid-March": the capital is on the month, after the prefix.
        if m.strict, !(tokens[i].text.dropFirst(tokens[i].text.count - norm.count).first?.isUppercase ?? false) { return nil }
        let (y, end) = year(after: i + 1)
        guard cued || y != nil else { return nil }
        return (monthMention(i, end, month: m.number, part: part, year: y), end)
    }

    /// A cue phrase and the month after it: "in March", "early March", "the end of March 2015".
    func cuedMonth(at i: Int) -> (DateMention, Int)? {
        guard let (part, k) = lex.cues.match(tokens, at: i), k < tokens.count else { return nil }
        // Only the cue words that point at part of the month belong to the mention ("early", "end of").
        let start = part == .any ? k : i
        let t = tokens[k]
        if let m = lex.months[t.norm] {
            if m.strict, !t.isCapitalized { return nil }
            // A day after the month is a full date, found when the scan reaches the month.
            if k + 1 < tokens.count, dayNumber(tokens[k + 1]) != nil, !isYear(tokens[k + 1]) { return nil }
            if k + 1 < tokens.count, part == .any, isDayBefore(k) { return nil }
            let (y, end) = year(after: k + 1)
            return (monthMention(start, end, month: m.number, part: part, year: y), end)
        }
        if t.norm.hasPrefix("mid-"), let r = monthOnly(at: k) { return r }
        return nil
    }

    /// "on the 18th": that day of the month the report was published in (or the month before, when
    /// the 18th is still to come).
    func theOrdinal(at i: Int) -> (DateMention, Int)? {
        guard i > 0, tokens[i - 1].norm == "on", i + 1 < tokens.count, tokens[i + 1].kind == .number,
              tokens[i + 1].norm.count > 2, let day = dayNumber(tokens[i + 1]) else { return nil }
        if i + 2 < tokens.count, tokens[i + 2].norm == "of" || lex.months[tokens[i + 2].norm] != nil { return nil }
        guard let ref = reference else { return (mention(i, i + 2, nil, .day, .absolute), i + 2) }
        var y = ref.year, m = ref.month
        if day > ref.day + 7 {
            m -= 1
            if m == 0 { m = 12; y -= 1 }
        }
        guard CivilDate.isValid(year: y, month: m, day: day) else { return nil }
        return (mention(i, i + 2, CivilDate(year: y, month: m, day: day), .day, .absolute), i + 2)
    }

    // MARK: Weekdays

    /// "Sunday", "on Tuesday", "last Friday", "next Friday", "this Friday, December 18".
    func weekday(at i: Int) -> (DateMention, Int)? {
        var k = i
        var modifier: String? = nil
        if lex.weekdays[tokens[k].norm] == nil {
            modifier = tokens[k].norm
            k += 1
        }
        guard k < tokens.count, let wd = lex.weekdays[tokens[k].norm] else { return nil }
        let afterName = k + 1
        // A full date after the weekday decides ("Friday, December 18"; "Sunday (13 December)").
        var j = afterName
        if j < tokens.count, tokens[j].norm == "," || tokens[j].norm == "(" { j += 1 }
        if j < tokens.count, tokens[j].sentence == tokens[k].sentence,
           let (abs, end) = (tokens[j].kind == .number ? dayMonth(at: j) : monthDay(at: j)),
           abs.precision == .day {
            var stop = end
            if tokens[j - 1].norm == "(", stop < tokens.count, tokens[stop].norm == ")" { stop += 1 }
            var m = abs
            m.span = Span(tokens[i].span.start, tokens[stop - 1].span.end)
            return (m, stop)
        }
        guard let ref = reference else { return (mention(i, afterName, nil, .day, .weekday), afterName) }
        let back = (ref.weekday - wd + 7) % 7
        let offset: Int
        switch modifier {
        case "next": offset = back == 0 ? 7 : 7 - back
        case "this", "coming": offset = back == 0 ? 0 : 7 - back
        case "last", "past": offset = back == 0 ? -7 : -back
        default: offset = -back
        }
        return (mention(i, afterName, ref.adding(days: offset), .day, .weekday), afterName)
    }

    // MARK: Relative expressions

    func relative(at i: Int) -> (DateMention, Int)? {
        guard let (rel, end) = lex.relative.match(tokens, at: i) else { return nil }
        if case .chain(let n) = rel {
            // "the following day" only means something after a date.
            guard let prev = lastDated, let d = prev.date else {
                return (mention(i, end, nil, .day, .relative), end)
            }
            return (mention(i, end, d.adding(days: n), prev.precision, .relative), end)
        }
        guard let ref = reference else {
            return (mention(i, end, nil, precision(of: rel), .relative), end)
        }
        let monday = ref.adding(days: -((ref.weekday + 6) % 7))
        let date: CivilDate
        switch rel {
        case .day(let n): date = ref.adding(days: n)
        case .chain: return nil
        // ACLED codes a week to its midpoint: the Thursday of a Monday–Sunday week.
        case .week(.last): date = monday.adding(days: -7 + 3)
        case .week(.this): date = monday.adding(days: 3)
        case .week(.earlier):
            let span = ref.dayNumber - monday.dayNumber
            date = span == 0 ? monday.adding(days: -7 + 3) : monday.adding(days: (span - 1) / 2)
        case .weekend: date = ref.adding(days: -((ref.weekday + 1) % 7))
        case .month(let n):
            var y = ref.year, m = ref.month + n
            while m < 1 { m += 12; y -= 1 }
            while m > 12 { m -= 12; y += 1 }
            date = CivilDate(year: y, month: m, day: 15)
        }
        return (mention(i, end, date, precision(of: rel), .relative), end)
    }

    func precision(of rel: DateLexicon.Relative) -> TimePrecision {
        switch rel {
        case .day, .chain: return .day
        case .week, .weekend: return .week
        case .month: return .month
        }
    }

    /// "three days ago", "two weeks ago", "a month ago"; "two days later" counts from the previous date.
    func ago(at i: Int) -> (DateMention, Int)? {
        // Cheap test first: "ago", "earlier", "later" or "before" must come within a few words.
        guard i + 2 < tokens.count, (i + 2..<min(tokens.count, i + 6)).contains(where: {
            let w = tokens[$0].norm
            return w == "ago" || w == "earlier" || w == "later" || w == "before"
        }) else { return nil }
        var n = 0, k = i
        if tokens[i].norm == "a" || tokens[i].norm == "an" {
            n = 1
            k = i + 1
        } else if let (c, e) = NumberParser.parseCore(tokens, at: i), !c.isVague, c.value == c.high, c.value < 400 {
            n = c.value
            k = e
        } else {
            return nil
        }
        guard k + 1 < tokens.count else { return nil }
        let unit = tokens[k].norm
        let days: Int, precision: TimePrecision
        switch unit {
        case "day", "days": days = n; precision = .day
        case "week", "weeks": days = 7 * n; precision = .week
        case "month", "months": days = 0; precision = .month
        default: return nil
        }
        let word = tokens[k + 1].norm
        guard ["ago", "earlier", "later", "before"].contains(word) else { return nil }
        let end = k + 2
        let base: CivilDate?
        if word == "ago" {
            base = reference
        } else {
            base = lastDated?.date
        }
        guard let b = base else { return (mention(i, end, nil, precision, .relative), end) }
        let sign = word == "later" ? 1 : -1
        if precision == .month {
            var y = b.year, m = b.month + sign * n
            while m < 1 { m += 12; y -= 1 }
            while m > 12 { m -= 12; y += 1 }
            return (mention(i, end, CivilDate(year: y, month: m, day: 15), .month, .relative), end)
        }
        return (mention(i, end, b.adding(days: sign * days), precision, .relative), end)
    }

    // MARK: - Pieces

    /// 1–31 written as digits, optionally with an ordinal suffix ("18", "18th").
    func dayNumber(_ t: Token) -> Int? {
        guard t.kind == .number else { return nil }
        var v = 0, digits = 0
        // A third digit already rules the token out: stopping there keeps a 19-digit number from
        // overflowing `v`.
        for ch in t.norm.utf8 {
            guard ch >= 48 && ch <= 57, digits < 3 else { break }
            v = v * 10 + Int(ch) - 48
            digits += 1
        }
        guard digits >= 1, digits <= 2 else { return nil }
        let suffix = t.norm.dropFirst(digits)
        guard suffix.isEmpty || ["st", "nd", "rd", "th"].contains(suffix) else { return nil }
        return (1...31).contains(v) ? v : nil
    }

    func isYear(_ t: Token) -> Bool {
        guard t.kind == .number, t.norm.count == 4, let y = Int(t.norm) else { return false }
        return (1900...2100).contains(y)
    }

    /// The month at `k`; strict names ("May", "March") must be capitalised.
    func monthAt(_ k: Int) -> Int? {
        guard k < tokens.count, let m = lex.months[tokens[k].norm] else { return nil }
        if m.strict, !tokens[k].isCapitalized { return nil }
        return m.number
    }

    func isAbbreviation(_ t: Token) -> Bool { t.norm.count <= 4 && lex.months[t.norm] != nil }

    /// A day number stands right before the month at `k` ("18 December" is found from the day).
    func isDayBefore(_ k: Int) -> Bool { k > 0 && dayNumber(tokens[k - 1]) != nil }

    /// An optional year starting at `k` ("2015", or ", 2015").
    func year(after k: Int) -> (Int?, Int) {
        var j = k
        if j < tokens.count, tokens[j].norm == "," { j += 1 }
        if j < tokens.count, isYear(tokens[j]) { return (Int(tokens[j].norm), j + 1) }
        return (nil, k)
    }

    /// Two-digit years: the century that puts them no more than a year after the reference.
    func expandYear(_ yy: Int) -> Int {
        let refYear = reference?.year ?? 2050
        let candidate = 2000 + yy
        return candidate > refYear + 1 ? 1900 + yy : candidate
    }

    /// A day-precision date, lowered to week or month precision when an ACLED note says so:
    /// "Around 13 April 2022 (week of)", "Around 15 March 2022 (month of)"; "(as reported)" stays 1.
    func absoluteWithPrecision(_ a: Int, _ b: Int, month: Int, day: Int, year: Int?) -> (DateMention, Int)? {
        // A day no such month has ("30 February") is not a date.
        guard day <= CivilDate.daysInMonth(year: 2000, month: month) else { return nil }
        let date = resolve(month: month, day: day, year: year)
        if date == nil, year != nil || reference != nil { return nil }
        var p = TimePrecision.day
        if b + 3 < tokens.count, tokens[b].norm == "(", tokens[b + 2].norm == "of", tokens[b + 3].norm == ")" {
            if tokens[b + 1].norm == "week" { p = .week }
            if tokens[b + 1].norm == "month" { p = .month }
        }
        return (mention(a, b, date, p, .absolute), b)
    }

    /// A day and month resolved to a date: the year given, or for a day and month alone the year
    /// that puts it nearest before the reference date — up to 7 days after it is allowed, since reports
    /// announce meetings "this Friday, December 18".
    func resolve(month: Int, day: Int, year: Int?) -> CivilDate? {
        if let y = year {
            return CivilDate.isValid(year: y, month: month, day: day) ? CivilDate(year: y, month: month, day: day) : nil
        }
        guard let ref = reference else { return nil }
        let limit = ref.dayNumber + 7
        for y in [ref.year + 1, ref.year, ref.year - 1, ref.year - 2, ref.year - 3, ref.year - 4] {
            guard CivilDate.isValid(year: y, month: month, day: day) else { continue }
            let d = CivilDate(year: y, month: month, day: day)
            if d.dayNumber <= limit { return d }
        }
        return nil
    }

    func monthMention(_ a: Int, _ b: Int, month: Int, part: DateLexicon.MonthPart, year: Int?) -> DateMention {
        var y = year
        if y == nil, let ref = reference {
            // A month with no year is the latest such month that has begun by the reference date.
            y = month <= ref.month ? ref.year : ref.year - 1
        }
        guard let yy = y else { return mention(a, b, nil, .month, .absolute) }
        return mention(a, b, CivilDate(year: yy, month: month, day: part.day(year: yy, month: month)), .month, .absolute)
    }

    func mention(_ a: Int, _ b: Int, _ date: CivilDate?, _ p: TimePrecision, _ kind: DateMention.Kind) -> DateMention {
        DateMention(span: Span(tokens[a].span.start, tokens[b - 1].span.end), date: date, precision: p, kind: kind)
    }
}
