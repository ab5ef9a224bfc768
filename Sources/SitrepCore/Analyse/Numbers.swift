/// Reads the number of people a report gives: "70", "300,000", "1.5 million", "twenty-five",
/// "one hundred and fifty", "more than 150", "between 20 and 30", "dozens", "a soldier".
///
/// Conventions (data: lexicon/numbers-*.txt):
/// - Bounds and estimates record the figure given — the codebook's lowest-number rule applied to
///   "more than 150" → 150, "about 70" → 70, "nearly 70" → 70. "Up to 70" also records 70 with
///   low = high = 70: it is the only figure the source gives, and a low bound of 1 would claim a
///   range the source never stated. "Fewer than 10" records 9.
/// - Ranges ("20 to 30", "20-30", "between 20 and 30", "two or three") record the lower end,
///   with `low`/`high` holding both ends.
/// - Vague words are coded by ACLED's conventions and flagged `isVague` (see numbers-phrases.txt).
/// - "a"/"an" is one only before a word for a person ("a soldier", "an unidentified man").
public enum NumberParser {
    /// Parses a quantity starting at token `i`; `end` is the index one past its last token.
    public static func parse(_ tokens: [Token], at i: Int) -> (count: Count, end: Int)? {
        guard i < tokens.count else { return nil }
        let lex = NumberLexicon.shared
        // A bound or estimate word needs a figure after it; "some" alone is also a vague count.
        if let (kind, j) = lex.qualifiers.match(tokens, at: i, limit: sentenceEnd(tokens, i)),
           let (core, end) = parseCore(tokens, at: j), !core.isVague {
            return (kind.apply(to: core), end)
        }
        return parseCore(tokens, at: i)
    }

    /// A figure, a range or a vague phrase, without qualifiers.
    static func parseCore(_ tokens: [Token], at i: Int) -> (count: Count, end: Int)? {
        guard i < tokens.count else { return nil }
        let limit = sentenceEnd(tokens, i)
        // "between 20 and 30"
        if tokens[i].norm == "between", let a = simple(tokens, at: i + 1, limit: limit), !a.vague,
           a.end < limit, tokens[a.end].norm == "and", let b = simple(tokens, at: a.end + 1, limit: limit),
           !b.vague, b.value > a.value {
            return (Count(value: a.value, low: a.value, high: b.value), b.end)
        }
        guard let a = simple(tokens, at: i, limit: limit) else { return nil }
        let e1 = a.end
        if a.vague { return (Count(value: a.value, isVague: true), e1) }
        // "20 to 30", "20-30", "two or three"
        if e1 + 1 < limit, ["to", "-", "or"].contains(tokens[e1].norm),
           let b = simple(tokens, at: e1 + 1, limit: limit), !b.vague, b.value > a.value {
            return (Count(value: a.value, low: a.value, high: b.value), b.end)
        }
        // "100+" and "20 or so" read like "more than 100" and "about 20".
        if e1 < limit, tokens[e1].norm == "+", tokens[e1].span.start == tokens[e1 - 1].span.end {
            return (Count(value: a.value), e1 + 1)
        }
        if e1 + 1 < limit, tokens[e1].norm == "or", tokens[e1 + 1].norm == "so" {
            return (Count(value: a.value), e1 + 2)
        }
        return (Count(value: a.value), e1)
    }

    /// One figure: digits, number words, a fixed phrase, or "a"/"an" before a person.
    static func simple(_ tokens: [Token], at i: Int, limit: Int) -> (value: Int, vague: Bool, end: Int)? {
        guard i < limit else { return nil }
        let lex = NumberLexicon.shared
        let t = tokens[i]
        if let (p, end) = lex.phrases.match(tokens, at: i, limit: limit) {
            // "a dozen", "half a dozen", "two dozen" are handled here and by the scale words below.
            return (p.value, p.vague, end)
        }
        if t.kind == .number {
            guard let (v, end) = digits(tokens, at: i, limit: limit) else { return nil }
            return (v, false, end)
        }
        if let (v, end) = words(tokens, at: i, limit: limit) { return (v, false, end) }
        // "a soldier", "an unidentified man": one, but only before a person.
        if t.norm == "a" || t.norm == "an", personFollows(tokens, after: i, limit: limit) {
            return (1, false, i + 1)
        }
        return nil
    }

    /// "70", "300,000", "1.5 million", "3 dozen": a digit token with an optional scale word.
    static func digits(_ tokens: [Token], at i: Int, limit: Int) -> (Int, Int)? {
        let text = tokens[i].norm
        // Ordinals, dates, times and decimals with no scale are not counts of people.
        var sawDot = false, commaOK = true
        var intPart = 0, fracDigits: [Int] = []
        for ch in text.utf8 {
            switch ch {
            case 48...57:
                if sawDot { fracDigits.append(Int(ch) - 48) } else { intPart = intPart * 10 + Int(ch) - 48 }
            case UInt8(ascii: ","):
                guard !sawDot else { return nil }
            case UInt8(ascii: "."):
                guard !sawDot else { return nil }
                sawDot = true
            default:
                return nil
            }
            if intPart > 1_000_000_000 { return nil }
        }
        if text.contains(",") {
            // Thousands separators come in groups of three: "300,000" yes, "3,5" no.
            let groups = text.split(separator: ",")
            commaOK = groups.dropFirst().allSatisfy { $0.count == 3 || ($0.contains(".") && $0.prefix(while: { $0 != "." }).count == 3) }
        }
        guard commaOK else { return nil }
        // Days of the month: "14 March", "March 14", "the 14th of March".
        let months = DateLexicon.shared.months
        if i + 1 < limit, months[tokens[i + 1].norm] != nil || (tokens[i + 1].norm == "of" && i + 2 < limit
            && months[tokens[i + 2].norm] != nil) { return nil }
        // ("01 Oct. 7 people killed": a month that already has its day does not take another.)
        let monthBefore = i > 0 && months[tokens[i - 1].norm] != nil ? i - 1
            : i > 1 && tokens[i - 1].norm == "." && months[tokens[i - 2].norm] != nil ? i - 2 : nil
        if let m = monthBefore, !(m > 0 && tokens[m - 1].kind == .number) { return nil }
        var end = i + 1
        var scale = 1
        if end < limit, let s = NumberLexicon.shared.scales[tokens[end].norm] {
            scale = s
            end += 1
        }
        if sawDot, scale == 1 { return nil }
        // Compound modifiers: "25-year-old", "3-day"; the figure is not a head count.
        if end + 1 < limit, tokens[end].norm == "-", tokens[end].span.start == tokens[end - 1].span.end,
           tokens[end + 1].kind == .word {
            return nil
        }
        // Years: a bare 1900–2100 is a count only when people are named right after it and no
        // date word stands before it ("in 2015 fighters were killed" is a year).
        if scale == 1, !text.contains(","), text.count == 4, (1900...2100).contains(intPart) {
            if !personFollows(tokens, after: i, limit: limit) { return nil }
            if i > 0, DateLexicon.shared.cueLastWords.contains(tokens[i - 1].norm)
                || DateLexicon.shared.months[tokens[i - 1].norm] != nil { return nil }
        }
        var value = intPart * scale
        if sawDot {
            var frac = 0.0, unit = 0.1
            for d in fracDigits { frac += Double(d) * unit; unit /= 10 }
            value += Int((frac * Double(scale)).rounded())
        }
        return (value, end)
    }

    /// "seventy", "twenty-five", "twenty five", "one hundred and fifty", "a hundred", "two dozen".
    static func words(_ tokens: [Token], at i: Int, limit: Int) -> (Int, Int)? {
        let lex = NumberLexicon.shared
        enum Last { case none, unit, ten, small, large, and }
        var total = 0, current = 0, k = i, last = Last.none
        // "a hundred", "a thousand" (but "a dozen" is a fixed phrase)
        if tokens[i].norm == "a" || tokens[i].norm == "an" {
            guard i + 1 < limit, let s = lex.scales[tokens[i + 1].norm], s != 12 else { return nil }
            current = 1
            last = .unit
            k = i + 1
        }
        loop: while k < limit {
            let norm = tokens[k].norm
            if let (v, cls) = lex.wordValue(norm) {
                switch cls {
                case .unit:
                    // "twenty five" joins; "five six" or "ten five" are two numbers.
                    let joins = last == .none || last == .small || last == .large || last == .and
                        || (last == .ten && current % 10 == 0 && v < 10)
                    guard joins else { break loop }
                    current += v
                    last = .unit
                case .ten:
                    guard last == .none || last == .small || last == .large || last == .and else { break loop }
                    current += v
                    last = .ten
                case .scale:
                    guard last == .unit || last == .ten || (last == .small && v >= 1000) else { break loop }
                    if v >= 1000 {
                        total += max(current, 1) * v
                        current = 0
                        last = .large
                    } else {
                        current = max(current, 1) * v
                        last = .small
                    }
                }
                k += 1
                continue
            }
            // "one hundred and fifty": "and" joins only after a scale word and before a number word.
            if norm == "and", last == .small || last == .large, k + 1 < limit,
               let (_, cls) = lex.wordValue(tokens[k + 1].norm), cls != .scale {
                last = .and
                k += 1
                continue
            }
            break
        }
        guard last != .none, last != .and else { return nil }
        return (total + current, k)
    }

    /// Whether a word for a person follows within a few modifiers ("a soldier", "an unarmed young man",
    /// "a 25-year-old farmer").
    static func personFollows(_ tokens: [Token], after i: Int, limit: Int) -> Bool {
        let persons = CasualtyLexicon.shared.persons
        var k = i + 1
        var steps = 0
        while k < limit, steps < 5 {
            let t = tokens[k]
            if persons[t.norm] != nil { return true }
            // Modifiers are words, numbers and the hyphens of "25-year-old"; anything else ends the phrase.
            if t.kind == .punctuation, t.norm != "-", t.norm != "/" { return false }
            if CasualtyLexicon.shared.npStops.contains(t.norm) { return false }
            k += 1
            steps += 1
        }
        return false
    }

    static func sentenceEnd(_ tokens: [Token], _ i: Int) -> Int {
        let s = tokens[i].sentence
        var k = i
        while k < tokens.count, tokens[k].sentence == s, k - i < 24 { k += 1 }
        return k
    }
}

/// Number words, fixed phrases and qualifiers (lexicon/numbers-*.txt), loaded once.
struct NumberLexicon: Sendable {
    enum WordClass: Sendable { case unit, ten, scale }

    enum Qualifier: String, Sendable {
        case atLeast = "atleast", about, atMost = "atmost", below

        /// The codebook records the figure given for bounds and estimates (lowest-number rule).
        func apply(to c: Count) -> Count {
            switch self {
            case .atLeast, .about, .atMost: return c
            case .below:
                let v = max(0, c.value - 1)
                return Count(value: v, low: v, high: max(v, c.high - 1))
            }
        }
    }

    static let shared = NumberLexicon()


    let wordValues: [String: (Int, WordClass)]
    let scales: [String: Int]
    let phrases: PhraseTable<(value: Int, vague: Bool)>
    let qualifiers: PhraseTable<Qualifier>

    init() {
        var w: [String: (Int, WordClass)] = [:]
        var sc: [String: Int] = [:]
        for f in PhraseRows.of("numbers-words") where f.count >= 3 {
            guard let v = Int(f[1]) else { continue }
            let cls: WordClass = f[2] == "scale" ? .scale : f[2] == "ten" ? .ten : .unit
            w[f[0]] = (v, cls)
            if cls == .scale { sc[f[0]] = v }
        }
        wordValues = w
        scales = sc
        var p = PhraseTable<(value: Int, vague: Bool)>()
        for f in PhraseRows.of("numbers-phrases") where f.count >= 3 {
            guard let v = Int(f[1]) else { continue }
            p.add(f[0], (v, f[2] == "vague"))
        }
        phrases = p
        var q = PhraseTable<Qualifier>()
        for f in PhraseRows.of("numbers-qualifiers") where f.count >= 2 {
            if let k = Qualifier(rawValue: f[1]) { q.add(f[0], k) }
        }
        qualifiers = q
    }

    /// Value of a number word, including hyphenated compounds ("twenty-five").
    func wordValue(_ norm: String) -> (Int, WordClass)? {
        if let v = wordValues[norm] { return v }
        guard norm.utf8.contains(UInt8(ascii: "-")) else { return nil }
        let parts = norm.split(separator: "-")
        guard parts.count == 2, let (a, ca) = wordValues[String(parts[0])], ca == .ten,
              let (b, cb) = wordValues[String(parts[1])], cb == .unit, b < 10 else { return nil }
        return (a + b, .ten)
    }
}
