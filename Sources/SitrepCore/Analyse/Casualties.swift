/// Finds the phrases that report people killed or wounded, with the figure, who the victims were,
/// and whether they were civilians.
///
/// It reads what the sentence says and nothing more: "300,000 people have died in the conflict" is
/// found like any other report, and deciding that it is a background statistic is the coder's job.
/// Which phrases belong to one event, and how they add up, is `FatalityRules`'.
///
/// Patterns (data: lexicon/casualties-*.txt):
/// - subject counts: "more than 150 regime troops have been killed", "3 soldiers and 2 civilians were
///   killed", "about 70 people, including women and children, had been killed", "10 people died",
///   "2 dead", "a man was shot dead", "the bomber was killed", "no one was hurt" (→ 0);
/// - object counts: "killing 2 civilians", "killed at least 37 people", "left 2 dead";
/// - nouns: "2 fatalities", "5 bodies", "claimed 9 lives", "the death of 1 civilian", "no casualties" (→ 0);
/// - totals: "the death toll rose to 30"; ACLED notes' "Fatalities coded as 3".
public enum CasualtyExtractor {
    public static func extract(_ doc: Doc) -> [CasualtyMention] {
        var scan = CasualtyScan(doc: doc)
        scan.run()
        return scan.found
    }

    /// How a casualty phrase gives its figure, which decides how `FatalityRules` weighs it.
    public enum Form: Sendable, Hashable {
        /// An ACLED note's own coding: "Fatalities coded as 3".
        case coded
        /// A figure for the whole event: "2 fatalities", "the death toll rose to 30".
        case total
        /// A group of people with a figure: "3 soldiers were killed", "killing 2 civilians".
        case group
        /// Someone already introduced: "the victim died", "he was killed".
        case anaphoric
        /// Nobody: "no casualties", "no one was hurt".
        case none
    }

    /// The form of a mention found in `doc`, read back from the words under its spans.
    public static func form(of m: CasualtyMention, in doc: Doc) -> Form {
        let toks = doc.tokens
        let all = PhraseTokens.range(of: m.span, in: toks)
        let c = PhraseTokens.range(of: m.countSpan, in: toks)
        let before = all.lowerBound..<max(all.lowerBound, c.lowerBound)
        if before.contains(where: { ["coded", "estimated"].contains(toks[$0].norm) })
            || (m.count.value == 0 && all.contains(where: { toks[$0].norm == "coded" })) { return .coded }
        if m.count.value == 0, m.count.high == 0 { return .none }
        // "2 fatalities", "the death toll rose to 30", "1 killed.": the whole event's figure — but
        // "the army sustained 1 fatality" or "4 Taliban fatalities" is one side's.
        if all.contains(where: { ["toll", "fatalities", "fatality"].contains(toks[$0].norm) }), m.victims == nil {
            let s = toks[all.lowerBound].sentence
            let lead = doc.sentences[s].tokens.lowerBound..<all.lowerBound
            if !lead.contains(where: { ["sustained", "suffered", "sustaining", "suffering"].contains(toks[$0].norm) }) { return .total }
        }
        if m.victims == nil, let s = all.first.map({ toks[$0].sentence }) {
            let sentence = doc.sentences[s].tokens
            let rest = all.upperBound..<sentence.upperBound
            if all.lowerBound == sentence.lowerBound, rest.allSatisfy({ toks[$0].kind == .punctuation }) { return .total }
        }
        if let first = c.first, CasualtyScan.determiners.contains(toks[first].norm) || CasualtyScan.pronouns[toks[first].norm] != nil {
            if m.count.value == 1, !c.contains(where: { toks[$0].kind == .number }) { return .anaphoric }
        }
        return .group
    }
}

/// One pass over a document's tokens.
struct CasualtyScan {
    let doc: Doc
    let tokens: [Token]
    let lex = CasualtyLexicon.shared
    var found: [CasualtyMention] = []
    /// First tokens of counts already given to a casualty word, so one figure is read once.
    var used = Set<Int>()

    /// Words before a singular person that make it one known person ("the victim", "his wife").
    static let determiners: Set<String> = ["the", "his", "her", "their", "its", "this", "that"]
    /// Pronouns that stand for one person, as subject or object.
    static let pronouns: [String: Side] = ["he": .subject, "she": .subject, "him": .object, "her": .object]
    /// Subjects that mean nobody.
    static let nobody: Set<String> = ["nobody", "none", "noone"]

    enum Side { case subject, object }

    struct Counted {
        var count: Count
        var range: Range<Int>
        /// Where the words naming the victims start: after the figure, or on the noun itself for
        /// an implied one ("killed commander X", "the victim").
        var npStart: Int

        init(count: Count, range: Range<Int>, npStart: Int? = nil) {
            self.count = count
            self.range = range
            self.npStart = npStart ?? range.upperBound
        }
    }

    struct Item {
        var counted: Counted
        var victims: Range<Int>
        var civilian: Bool
    }

    init(doc: Doc) {
        self.doc = doc
        self.tokens = doc.tokens
    }

    mutating func run() {
        var i = 0
        while i < tokens.count {
            let sentence = doc.sentences[tokens[i].sentence].tokens
            guard let (trigger, end) = lex.triggers.match(tokens, at: i, limit: sentence.upperBound) else {
                i += 1
                continue
            }
            handle(trigger, i..<end, in: sentence)
            i = end
        }
    }

    // MARK: - Triggers

    mutating func handle(_ trig: CasualtyLexicon.Trigger, _ t: Range<Int>, in s: Range<Int>) {
        switch trig.role {
        case .passive:
            let back = subject(before: t.lowerBound, from: s.lowerBound)
            // "the slain suspect": a participle after an article describes, it does not count.
            let adjectival = t.lowerBound > s.lowerBound
                && (CasualtyScan.determiners.contains(tokens[t.lowerBound - 1].norm) || ["a", "an"].contains(tokens[t.lowerBound - 1].norm))
            let fwd = adjectival ? nil : object(after: t.upperBound, to: s.upperBound)
            // "2 soldiers killed 3 civilians": with no auxiliary the verb is active and its object counts;
            // a subject with no auxiliary counts only when no object follows ("2 soldiers killed in …").
            let objectFollows = t.upperBound < s.upperBound && tokens[t.upperBound].kind != .punctuation
                && !lex.npStops.contains(tokens[t.upperBound].norm) && tokens[t.upperBound].norm != "by"
            if let b = back, b.passive || (fwd == nil && !objectFollows) {
                emit(b.items, trig, t, subjectSide: true)
            } else if let f = fwd {
                emit(f, trig, t, subjectSide: false)
            }
        case .active:
            if let f = object(after: t.upperBound, to: s.upperBound) { emit(f, trig, t, subjectSide: false) }
        case .intrans:
            if let b = subject(before: t.lowerBound, from: s.lowerBound) { emit(b.items, trig, t, subjectSide: true) }
        case .noun:
            noun(trig, t, in: s)
        case .toll:
            toll(trig, t, in: s)
        case .coded:
            coded(t, in: s)
        }
    }

    /// "2 fatalities", "claimed 9 lives", "the death of 1 civilian", "no casualties".
    mutating func noun(_ trig: CasualtyLexicon.Trigger, _ t: Range<Int>, in s: Range<Int>) {
        let lo = max(s.lowerBound, t.lowerBound - 6)
        // "no casualties", "no reports of casualties", "without casualties": nobody.
        for k in stride(from: t.lowerBound - 1, through: max(s.lowerBound, t.lowerBound - 4), by: -1) {
            let n = tokens[k].norm
            if n == "no" || n == "without" || n == "zero" {
                // "no other casualties", "no further deaths": says nothing about those already counted.
                if (k + 1..<t.lowerBound).contains(where: { ["other", "further", "more", "additional"].contains(tokens[$0].norm) }) {
                    return
                }
                // "no injuries on the rebel side": about one side only, not the event.
                if t.upperBound < s.upperBound, ["on", "among", "amongst", "for"].contains(tokens[t.upperBound].norm) { return }
                let span = Span(tokens[k].span.start, tokens[t.upperBound - 1].span.end)
                found.append(CasualtyMention(span: span, countSpan: tokens[k].span, count: Count(value: 0),
                                             outcome: trig.outcome == .wounded ? .wounded : .killed))
                return
            }
            if tokens[k].kind == .punctuation || countAt(k, limit: t.lowerBound, side: .object) != nil { break }
        }
        // A count and at most three modifiers right before the noun: "2 civilian fatalities".
        for j in lo..<t.lowerBound where !used.contains(j) {
            // Only a figure counts a noun: "the commander survived the assassination" is no count.
            guard !["a", "an"].contains(tokens[j].norm), let (count, end) = NumberParser.parse(tokens, at: j),
                  end <= t.lowerBound else { continue }
            let c = Counted(count: count, range: j..<end)
            if let before = trig.before {
                guard j > s.lowerBound, before.contains(tokens[j - 1].norm) else { continue }
            }
            let mods = c.npStart..<t.lowerBound
            guard mods.count <= 3, mods.allSatisfy({ tokens[$0].kind != .punctuation && !lex.npStops.contains(tokens[$0].norm) })
            else { continue }
            let item = Item(counted: c, victims: mods, civilian: civilian(in: mods))
            emit([item], trig, t, subjectSide: true)
            return
        }
        // "the death of 1 civilian", "the bodies of 5 men"
        if t.upperBound < s.upperBound, tokens[t.upperBound].norm == "of",
           let f = object(after: t.upperBound + 1, to: s.upperBound) {
            emit(f, trig, t, subjectSide: false)
        }
    }

    /// "the death toll rose to 30", "the toll from the attack stood at 12".
    mutating func toll(_ trig: CasualtyLexicon.Trigger, _ t: Range<Int>, in s: Range<Int>) {
        var k = t.upperBound
        while k < s.upperBound, k - t.upperBound < 7 {
            if tokens[k].kind == .punctuation { return }
            if let c = countAt(k, limit: s.upperBound, side: .object), !c.count.isVague {
                if c.range.upperBound < s.upperBound, lex.units.contains(tokens[c.range.upperBound].norm) { return }
                let item = Item(counted: c, victims: c.range.upperBound..<c.range.upperBound, civilian: false)
                emit([item], trig, t, subjectSide: false)
                return
            }
            k += 1
        }
    }

    /// "Fatalities coded as 3", "Unclear fatalities coded to 10": an ACLED note's own coding.
    mutating func coded(_ t: Range<Int>, in s: Range<Int>) {
        var head: Int? = nil
        for k in stride(from: t.lowerBound - 1, through: max(s.lowerBound, t.lowerBound - 7), by: -1) {
            let n = tokens[k].norm
            if n.hasPrefix("fatalit") || n.hasPrefix("casualt") || n.hasPrefix("death") { head = k; break }
        }
        guard let h = head else { return }
        var k = t.upperBound
        if k < s.upperBound, ["to", "as", "at"].contains(tokens[k].norm) { k += 1 }
        guard let c = countAt(k, limit: s.upperBound, side: .object), c.range.lowerBound == k else {
            // "(fatalities coded to Horlivka event)": the deaths were counted with another event.
            if let e = (k..<min(s.upperBound, k + 8)).first(where: { ["event", "events", "separately"].contains(tokens[$0].norm) }) {
                let span = Span(tokens[h].span.start, tokens[e].span.end)
                found.append(CasualtyMention(span: span, countSpan: tokens[h].span, count: Count(value: 0), outcome: .killed))
            }
            return
        }
        let span = Span(tokens[h].span.start, tokens[c.range.upperBound - 1].span.end)
        used.insert(c.range.lowerBound)
        found.append(CasualtyMention(span: span, countSpan: self.span(of: c.range), count: c.count, outcome: .killed))
    }

    // MARK: - Counts before and after the casualty word

    /// The people counted before a casualty word: count, victims, an aside, more counts joined by
    /// "and", then only auxiliaries and adverbs up to the word.
    func subject(before t: Int, from s: Int) -> (items: [Item], passive: Bool)? {
        guard t > s else { return nil }
        for j in max(s, t - 16)..<t where !used.contains(j) {
            guard tokens[j].kind == .number || lex.countStarters.contains(tokens[j].norm)
                    || tokens[j].norm.utf8.contains(UInt8(ascii: "-")) else { continue }
            if let r = chain(from: j, to: t) { return r }
        }
        return nil
    }

    func chain(from j: Int, to t: Int) -> (items: [Item], passive: Bool)? {
        var k = j
        var items: [Item] = []
        while true {
            guard let c = countAt(k, limit: t, side: .subject) else { return nil }
            let np = victims(from: c.npStart, limit: t, subjectSide: true)
            var civ = civilian(in: np)
            k = np.upperBound
            if let (end, asideCiv) = aside(at: k, limit: t) ?? inlineAside(at: k, limit: t) {
                k = end
                civ = civ || asideCiv
            }
            // "two women who were accused of witchcraft are lynched": skip the relative clause.
            if k < t, ["who", "that", "which"].contains(tokens[k].norm) {
                var g = t
                while g > k + 1, lex.gap.contains(tokens[g - 1].norm) { g -= 1 }
                if g - k <= 12, g > k { k = g }
            }
            items.append(Item(counted: c, victims: np, civilian: civ))
            // "3 soldiers and 2 civilians were killed": each group counts.
            if k + 1 < t, tokens[k].norm == "and" || tokens[k].norm == ",",
               countAt(k + 1, limit: t, side: .subject) != nil, !used.contains(k + 1) {
                k += 1
                continue
            }
            break
        }
        var passive = false
        while k < t, lex.gap.contains(tokens[k].norm) {
            if lex.auxiliaries.contains(tokens[k].norm) { passive = true }
            k += 1
        }
        return k == t ? (items, passive) : nil
    }

    /// The people counted after a casualty word: "killing 2 civilians and 3 soldiers".
    func object(after e: Int, to limit: Int) -> [Item]? {
        var k = e
        var items: [Item] = []
        // "the killing of 1 gendarme"
        if k < limit, tokens[k].norm == "of", e > 0, tokens[e - 1].norm.hasSuffix("ing") { k += 1 }
        while k < limit, !used.contains(k), let c = countAt(k, limit: limit, side: .object) {
            var np = victims(from: c.npStart, limit: limit, subjectSide: false)
            let headless = !np.contains { lex.persons[tokens[$0].norm] != nil }
            // With no word for people the phrase must be short: "killed 12 Houthis", not a clause.
            // With no word for people a long phrase is a clause, not victims: keep the figure alone.
            if headless, np.count > 7 { np = np.lowerBound..<np.lowerBound }
            // "killing two soldiers and one other was injured": the next figure is another clause's subject.
            if !items.isEmpty, (np.upperBound < limit && (lex.auxiliaries.contains(tokens[np.upperBound].norm)
                || lex.otherOutcomes.contains(tokens[np.upperBound].norm)))
                || (np.first.map { lex.otherOutcomes.contains(tokens[$0].norm) } ?? false) { break }
            var civ = civilian(in: np)
            k = np.upperBound
            if let (end, asideCiv) = aside(at: k, limit: limit) {
                k = end
                civ = civ || asideCiv
            }
            items.append(Item(counted: c, victims: np, civilian: civ))
            if k + 1 < limit, tokens[k].norm == "and" || tokens[k].norm == ",",
               countAt(k + 1, limit: limit, side: .object) != nil {
                k += 1
                continue
            }
            // "killed 8 civilians in Mbakira and 7 civilians in Chavinyungu": a place between groups.
            if k < limit, ["in", "at", "near", "from", "on"].contains(tokens[k].norm),
               let j = ((k + 1)..<min(limit, k + 7)).first(where: { tokens[$0].norm == "and" || tokens[$0].kind == .punctuation }),
               tokens[j].norm == "and", j + 1 < limit, let next = countAt(j + 1, limit: limit, side: .object),
               !next.count.isVague, victims(from: next.npStart, limit: limit, subjectSide: false)
                   .contains(where: { lex.persons[tokens[$0].norm] != nil }) {
                k = j + 1
                continue
            }
            break
        }
        return items.isEmpty ? nil : items
    }

    /// A figure in casualty context: numbers, "a soldier", "another", "the victim", "he", "no one".
    func countAt(_ k: Int, limit: Int, side: Side) -> Counted? {
        guard k < limit else { return nil }
        let n = tokens[k].norm
        let one = Count(value: 1)
        // Nobody: "no one was hurt", "none were injured", "no civilians were killed".
        if side == .subject {
            if CasualtyScan.nobody.contains(n) { return Counted(count: Count(value: 0), range: k..<(k + 1)) }
            if n == "no", k + 1 < limit, tokens[k + 1].norm == "one" {
                return Counted(count: Count(value: 0), range: k..<(k + 2))
            }
            if n == "no", k + 1 < limit, lex.persons[tokens[k + 1].norm] != nil {
                return Counted(count: Count(value: 0), range: k..<(k + 1))
            }
        }
        // "he was killed", "killing him", "beat him to death" (an object before "to death").
        if CasualtyScan.pronouns[n] != nil {
            // "her husband" is a possessive, handled with the determiners below.
            let possessive = n == "her" && k + 1 < limit && tokens[k + 1].kind == .word
                && !lex.npStops.contains(tokens[k + 1].norm)
            if !possessive { return Counted(count: one, range: k..<(k + 1)) }
        }
        // "another was injured", "killing another", "another presidential guard", "one other"
        if n == "another" || (n == "one" && k + 1 < limit && tokens[k + 1].norm == "other") {
            let end = n == "one" ? k + 2 : k + 1
            if end >= limit || tokens[end].kind == .punctuation || lex.gap.contains(tokens[end].norm)
                || lex.npStops.contains(tokens[end].norm) || lex.triggers.startsWith(tokens[end].norm) {
                return Counted(count: one, range: k..<end)
            }
            if NumberParser.personFollows(tokens, after: end - 1, limit: limit) {
                return Counted(count: one, range: k..<end)
            }
        }
        // "the two", "his three sons" → the figure; "the victim", "his wife" → one known person.
        if CasualtyScan.determiners.contains(n), k + 1 < limit {
            if let (c, end) = NumberParser.parse(tokens, at: k + 1), end <= limit, !unitFollows(end, limit) {
                return Counted(count: c, range: (k + 1)..<end)
            }
            return singular(after: k, limit: limit, side: side).map { _ in Counted(count: one, range: k..<(k + 1)) }
        }
        if let (c, end) = NumberParser.parse(tokens, at: k), end <= limit {
            return unitFollows(end, limit) ? nil : Counted(count: c, range: k..<end)
        }
        // "a Palestinian was killed": an article, a few words and a singular verb.
        if side == .subject, n == "a" || n == "an", singular(after: k, limit: limit, side: side) != nil {
            return Counted(count: one, range: k..<(k + 1))
        }
        // "killed commander Yusuf al Awni": a title with no article is one person.
        if side == .object, let head = bareSingular(at: k, limit: limit) {
            return Counted(count: one, range: head..<(head + 1), npStart: k)
        }
        return nil
    }

    /// After a determiner or article at `k`: the noun phrase names one person — its last person
    /// noun is singular ("the police commander"), or, for a subject, a singular verb follows
    /// ("the VDP was killed"). Returns the phrase's end.
    func singular(after k: Int, limit: Int, side: Side) -> Int? {
        var j = k + 1
        var head: CasualtyLexicon.Person? = nil
        while j < limit, j - k <= 6 {
            let t = tokens[j]
            if t.kind == .punctuation, !["-", "'", "\"", "/"].contains(t.norm) { break }
            if lex.npStops.contains(t.norm) || lex.auxiliaries.contains(t.norm) || lex.triggers.startsWith(t.norm) { break }
            if let p = lex.persons[t.norm] { head = p }
            j += 1
        }
        if let h = head { return h.plural ? nil : j }
        if side == .subject, j > k + 1, j < limit, ["was", "is", "has", "had"].contains(tokens[j].norm) { return j }
        return nil
    }

    /// A singular person noun after at most three modifiers, with no article: "commander X".
    func bareSingular(at k: Int, limit: Int) -> Int? {
        var j = k
        while j < limit, j - k <= 3, tokens[j].kind == .word {
            if let p = lex.persons[tokens[j].norm] { return p.plural || p.cls == .generic ? nil : j }
            if lex.npStops.contains(tokens[j].norm) || lex.gap.contains(tokens[j].norm) { return nil }
            j += 1
        }
        return nil
    }

    func unitFollows(_ end: Int, _ limit: Int) -> Bool {
        end < limit && end < tokens.count && lex.units.contains(tokens[end].norm)
    }

    /// Prepositions that may continue the victims' phrase before the verb: "a man from Soran in
    /// Hama died", "two militants belonging to the TTP faction were killed".
    static let attachments: Set<String> = ["from", "of", "in", "at", "near", "with", "belonging", "affiliated",
                                           "loyal", "to", "inside", "on", "aboard", "within"]

    /// The words naming the people counted, from just after the figure.
    func victims(from e: Int, limit: Int, subjectSide: Bool) -> Range<Int> {
        var k = e
        var depth = 0
        let maxLength = subjectSide ? 12 : 8
        while k < limit, k - e < maxLength {
            let t = tokens[k]
            if t.kind == .punctuation {
                if t.norm == "(" || t.norm == "[" { depth += 1; k += 1; continue }
                if t.norm == ")" || t.norm == "]", depth > 0 { depth -= 1; k += 1; continue }
                // Hyphens inside a name ("PDF - Tamu" aside) join only when attached to a word.
                if t.norm == "-", depth == 0, k > 0, tokens[k - 1].span.end != t.span.start { break }
                if depth > 0 || ["-", "'s", "/", "'", "\""].contains(t.norm) { k += 1; continue }
                break
            }
            if depth > 0 { k += 1; continue }
            let n = t.norm
            if n == "of", k + 1 < limit, ["them", "whom", "those", "these", "us"].contains(tokens[k + 1].norm) {
                k += 2
                continue
            }
            if lex.npStops.contains(n) && n != "of" {
                guard subjectSide else { break }
                // "imam and religious scholar": "and" joins nouns when no new figure follows.
                if n == "and", k + 1 < limit, tokens[k + 1].kind == .word, countAt(k + 1, limit: limit, side: .subject) == nil,
                   !lex.gap.contains(tokens[k + 1].norm), !lex.triggers.startsWith(tokens[k + 1].norm) {
                    k += 1
                    continue
                }
                if CasualtyScan.attachments.contains(n), k > e { k += 1; continue }
                break
            }
            if lex.auxiliaries.contains(n) || (k > e && lex.otherOutcomes.contains(n)) { break }
            // "two of their counterparts accusing them": a participle starts a new clause.
            if !subjectSide, k > e, n.count > 5, n.hasSuffix("ing") { break }
            if subjectSide, lex.gap.contains(n), lex.persons[n] == nil,
               (k..<limit).allSatisfy({ lex.gap.contains(tokens[$0].norm) }) { break }
            if lex.triggers.startsWith(n), lex.triggers.match(tokens, at: k, limit: limit) != nil { break }
            k += 1
        }
        return e..<k
    }

    /// An aside after the victims: ", including women and children," or "(mostly civilians)".
    func aside(at k: Int, limit: Int) -> (end: Int, civilian: Bool)? {
        guard k + 1 < limit else { return nil }
        let open = tokens[k].norm
        let close: String
        if open == "(" {
            close = ")"
        } else if open == ",", ["including", "among", "mostly", "mainly", "most", "many", "all", "both", "some"]
                    .contains(tokens[k + 1].norm) {
            close = ","
        } else {
            return nil
        }
        var j = k + 1
        while j < limit, j - k < 14 {
            if tokens[j].norm == close {
                return (j + 1, civilian(in: (k + 1)..<j))
            }
            // ", including five women." may run to the end of the sentence.
            if close == ",", tokens[j].norm == "." || tokens[j].norm == ";" {
                return (j, civilian(in: (k + 1)..<j))
            }
            j += 1
        }
        if close == ",", j == limit { return (j, civilian(in: (k + 1)..<j)) }
        return nil
    }

    /// "Three militants including their commander were killed", "one soldier, suspected to be a
    /// commander, was shot": words up to where only auxiliaries and adverbs remain before the verb.
    func inlineAside(at k: Int, limit: Int) -> (end: Int, civilian: Bool)? {
        guard k < limit else { return nil }
        let n = tokens[k].norm
        guard ["including", "among", "mostly", "mainly", ","].contains(n) else { return nil }
        var j = k + 1
        while j < limit, j - k <= 12 {
            if n == ",", tokens[j].norm == "," {
                return (j + 1, civilian(in: (k + 1)..<j))
            }
            if n != ",", (j..<limit).allSatisfy({ lex.gap.contains(tokens[$0].norm) }) {
                return (j, civilian(in: (k + 1)..<j))
            }
            j += 1
        }
        return nil
    }

    func civilian(in r: Range<Int>) -> Bool {
        var armed = false
        for k in r {
            let n = tokens[k].norm
            if n == "armed" || n == "gunmen" { armed = true }
            if lex.civilianCues.contains(n) { return true }
            if let p = lex.persons[n], p.cls == .civilian, !armed { return true }
        }
        return false
    }

    // MARK: - Output

    mutating func emit(_ items: [Item], _ trig: CasualtyLexicon.Trigger, _ t: Range<Int>, subjectSide: Bool) {
        for item in items {
            let c = item.counted
            used.insert(c.range.lowerBound)
            let start = subjectSide ? tokens[c.range.lowerBound].span.start : tokens[t.lowerBound].span.start
            let lastToken = subjectSide ? t.upperBound - 1 : max(c.range.upperBound, item.victims.upperBound) - 1
            let span = Span(start, max(tokens[lastToken].span.end, tokens[t.upperBound - 1].span.end))
            let victims = victimsText(item.victims)
            // Nobody hurt means nobody killed: a zero always reads as zero dead.
            let outcome: CasualtyMention.Outcome = c.count.value == 0 && c.count.high == 0 ? .killed : trig.outcome
            found.append(CasualtyMention(span: span, countSpan: self.span(of: c.range), count: c.count,
                                         outcome: outcome, victims: victims, civilianVictims: item.civilian))
            if trig.alsoWounded, c.count.value > 0 {
                found.append(CasualtyMention(span: span, countSpan: self.span(of: c.range), count: c.count,
                                             outcome: .wounded, victims: victims, civilianVictims: item.civilian))
            }
        }
    }

    func span(of r: Range<Int>) -> Span {
        Span(tokens[r.lowerBound].span.start, tokens[r.upperBound - 1].span.end)
    }

    /// The victims as written, without a leading "of the" ("two of the attackers" → "attackers");
    /// nil when they are only a pronoun ("two of them").
    func victimsText(_ r: Range<Int>) -> String? {
        var a = r.lowerBound
        while a < r.upperBound, ["of", "the", "those"].contains(tokens[a].norm) { a += 1 }
        guard a < r.upperBound else { return nil }
        if r.upperBound - a == 1, ["them", "whom", "these", "us"].contains(tokens[a].norm) { return nil }
        var b = r.upperBound
        while b > a, tokens[b - 1].kind == .punctuation, tokens[b - 1].norm != ")" { b -= 1 }
        guard b > a else { return nil }
        return doc.text(Span(tokens[a].span.start, tokens[b - 1].span.end))
    }
}
