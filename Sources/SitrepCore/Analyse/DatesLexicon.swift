/// Month and weekday names, relative phrases and cue words (lexicon/dates-*.txt), loaded once.
struct DateLexicon: Sendable {
    /// Which day of a month a month-precision date is coded to (ACLED: mid-month, or the
    /// first/last day for "beginning/end of the month").
    enum MonthPart: String, Sendable {
        case any, first, mid, last

        func day(year: Int, month: Int) -> Int {
            switch self {
            case .any, .mid: return 15
            case .first: return 1
            case .last: return CivilDate.daysInMonth(year: year, month: month)
            }
        }
    }

    enum Relative: Sendable {
        /// Publication date shifted by N days.
        case day(Int)
        /// The previous resolved date in the text shifted by N days.
        case chain(Int)
        case week(Week)
        case weekend
        /// The publication month shifted by N months.
        case month(Int)
    }

    enum Week: String, Sendable { case last, this, earlier }

    struct Month: Sendable {
        var number: Int
        /// Also an everyday word ("may", "march"): needs a capital and a day, year or cue next to it.
        var strict: Bool
    }

    static let shared = DateLexicon()

    let months: [String: Month]
    let weekdays: [String: Int]
    let relative: PhraseTable<Relative>
    /// Cue phrases before a bare month name, with the part of the month they point at.
    let cues: PhraseTable<MonthPart>
    /// Words tying a date to something other than the event ("ceasefire", "since").
    let attached: Set<String>

    init() {
        var m: [String: Month] = [:]
        for f in PhraseRows.of("dates-months") where f.count >= 2 {
            if let n = Int(f[1]) { m[f[0]] = Month(number: n, strict: f.count > 2 && f[2] == "strict") }
        }
        months = m
        var w: [String: Int] = [:]
        for f in PhraseRows.of("dates-weekdays") where f.count >= 2 {
            if let n = Int(f[1]) { w[f[0]] = n }
        }
        weekdays = w
        var r = PhraseTable<Relative>()
        for f in PhraseRows.of("dates-relative") where f.count >= 2 {
            let arg = f.count > 2 ? f[2] : ""
            switch f[1] {
            case "day": if let n = Int(arg) { r.add(f[0], .day(n)) }
            case "chain": if let n = Int(arg) { r.add(f[0], .chain(n)) }
            case "week": if let wk = Week(rawValue: arg) { r.add(f[0], .week(wk)) }
            case "weekend": r.add(f[0], .weekend)
            case "month": if let n = Int(arg) { r.add(f[0], .month(n)) }
            default: continue
            }
        }
        relative = r
        var c = PhraseTable<MonthPart>()
        var cueWords = Set<String>()
        for f in PhraseRows.of("dates-cues") where f.count >= 2 {
            if let p = MonthPart(rawValue: f[1]) {
                c.add(f[0], p)
                if let last = f[0].split(separator: " ").last { cueWords.insert(String(last)) }
            }
        }
        cues = c
        cueLastWords = cueWords
        let firstWords = { (rows: [[String]]) in rows.compactMap { $0.first?.split(separator: " ").first.map(String.init) } }
        starts = WordMap(DateLexicon.buildStarts(months: m, weekdays: w, relative: firstWords(PhraseRows.of("dates-relative")),
                                         cues: firstWords(PhraseRows.of("dates-cues")),
                                         numberWords: firstWords(PhraseRows.of("numbers-words"))))
        attached = Set(PhraseRows.of("dates-attached").compactMap { $0.first })
    }

    /// Last words of the cue phrases: a four-digit figure after one of these is a year ("in 2015").
    let cueLastWords: Set<String>

    /// What a word can begin: the scan looks each word up once here and skips the rest.
    struct Starts: OptionSet, Sendable {
        let rawValue: UInt8
        static let month = Starts(rawValue: 1)
        static let weekday = Starts(rawValue: 2)
        static let relative = Starts(rawValue: 4)
        static let cue = Starts(rawValue: 8)
        /// "a week ago", "three days later"
        static let count = Starts(rawValue: 16)
        static let other = Starts(rawValue: 32)
    }

    let starts: WordMap<Starts>

    static func buildStarts(months: [String: Month], weekdays: [String: Int], relative: [String], cues: [String],
                            numberWords: [String]) -> [String: Starts] {
        var s: [String: Starts] = [:]
        for m in months.keys { s[m, default: []].insert(.month) }
        for w in weekdays.keys { s[w, default: []].insert(.weekday) }
        // "last Friday", "next Friday", "this Friday, December 18"
        for w in ["last", "this", "next", "past", "coming"] { s[w, default: []].insert(.weekday) }
        for r in relative { s[r, default: []].insert(.relative) }
        for c in cues { s[c, default: []].insert(.cue) }
        for n in numberWords + ["a", "an"] { s[n, default: []].insert(.count) }
        s["the", default: []].insert(.other)  // "on the 18th"
        return s
    }
}
