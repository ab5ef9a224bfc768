/// The fatality figure of one event, with the range the reports give and why.
public struct FatalityFigure: Sendable, Hashable {
    /// What ACLED records: the lowest credible figure.
    public var fatalities: Int
    public var low: Int
    public var high: Int
    /// The casualty phrases the figure rests on.
    public var evidence: [Span]
    /// One line for `--explain`.
    public var explanation: String

    public init(fatalities: Int, low: Int, high: Int, evidence: [Span], explanation: String) {
        self.fatalities = fatalities
        self.low = low
        self.high = high
        self.evidence = evidence
        self.explanation = explanation
    }
}

/// ACLED's fatality rules, each in one place. The coder decides which casualty mentions belong
/// to an event; these rules turn them into the figure the codebook asks for.
public enum FatalityRules {
    /// The most deaths one event can be coded with. ACLED splits large tolls into events by place
    /// and day ("1,000 fatalities across the country" is split, never one event), and no event of
    /// its data, 1997 on, comes near this (the largest toll in the dev exports is 148). A figure
    /// above it is a war's or a country's total, or a misread number ("999,999,999 million
    /// killed"), not the toll of an event: it is left out, and ranges are cut off here.
    public static let plausibleMaximum = 10_000

    public static func figure(for mentions: [CasualtyMention], in doc: Doc) -> FatalityFigure {
        // Rule "reported deaths only": wounded never count, and "casualties" that do not separate
        // the dead from the injured count as 0.
        let killed = mentions.filter { $0.outcome == .killed }.sorted { $0.span < $1.span }
        guard !killed.isEmpty else {
            let why = mentions.isEmpty ? "no deaths reported"
                : "only injuries or unsplit casualties reported; ACLED records no injuries (0)"
            return FatalityFigure(fatalities: 0, low: 0, high: 0, evidence: mentions.map(\.span), explanation: why)
        }
        let plausible = killed.filter { $0.count.value <= plausibleMaximum }
        guard !plausible.isEmpty else {
            return FatalityFigure(fatalities: 0, low: 0, high: 0, evidence: killed.map(\.span),
                                  explanation: "figures above \(plausibleMaximum), more than any single event has had, are no event's toll")
        }
        let figure = plausibleFigure(for: plausible.map(capped), in: doc)
        guard figure.fatalities <= plausibleMaximum else {
            return FatalityFigure(fatalities: 0, low: 0, high: 0, evidence: figure.evidence,
                                  explanation: "the groups add up to \(figure.fatalities), more than any single event has had: no event's toll")
        }
        return figure
    }

    /// A mention whose range runs past the bound, cut off at it ("between 5,000 and 20 million").
    static func capped(_ m: CasualtyMention) -> CasualtyMention {
        var m = m
        m.count.high = min(m.count.high, plausibleMaximum)
        return m
    }

    static func plausibleFigure(for killed: [CasualtyMention], in doc: Doc) -> FatalityFigure {
        var reports = killed.map { Report(mention: $0, form: CasualtyExtractor.form(of: $0, in: doc), doc: doc) }
        // Rule "deaths coded with another event": an ACLED note marks them "(coded separately)".
        reports.removeAll { $0.form != .coded && codedSeparately($0.mention, in: doc) }
        guard !reports.isEmpty else {
            return FatalityFigure(fatalities: 0, low: 0, high: 0, evidence: killed.map(\.span),
                                  explanation: "deaths reported were coded with another event")
        }

        // Rule "the note's own coding": an ACLED note that states how it coded the fatalities is
        // the coder's decision; the last such statement stands.
        if let coded = reports.last(where: { $0.form == .coded }) {
            let v = coded.mention.count.value
            return FatalityFigure(fatalities: v, low: v, high: v, evidence: [coded.mention.span],
                                  explanation: "coded as stated: \(v)")
        }

        // Rule "separate groups add up; repeated reports of the same deaths do not".
        var groups: [Group] = []
        var anaphoric: [Report] = []
        for r in reports where r.form == .group || r.form == .anaphoric {
            // "the victim died" is someone already counted — unless nobody else is.
            if r.form == .anaphoric,
               !reports.contains(where: { $0.form == .group && $0.sentence == r.sentence && $0.mention.span != r.mention.span }) {
                anaphoric.append(r)
                continue
            }
            if let g = groups.firstIndex(where: { $0.sameDeaths(as: r) }) {
                groups[g].reports.append(r)
            } else {
                groups.append(Group(first: r))
            }
        }
        // "There were no fatalities", "no one was hurt": a statement about the whole event.
        let totals = reports.filter { $0.form == .total || ($0.form == .none && $0.mention.victims == nil) }
        if groups.isEmpty, totals.isEmpty, let a = anaphoric.first { groups.append(Group(first: a)) }

        var candidates: [Int] = []
        var evidence: [Span] = []
        var parts: [String] = []
        if !groups.isEmpty {
            let sum = groups.reduce(0) { $0 + $1.lowest }
            candidates.append(sum)
            evidence += groups.flatMap { $0.reports.map(\.mention.span) }
            parts.append(groups.count == 1 ? "\(sum) killed"
                         : "groups added up: " + groups.map { "\($0.lowest)" }.joined(separator: " + ") + " = \(sum)")
        }
        // Rule "a stated total covers the whole event": "2 fatalities", "the death toll rose to 30".
        let statedTotals = precise(totals.map(\.mention.count))
        if !statedTotals.isEmpty {
            evidence += totals.map(\.mention.span)
            parts.append("stated total " + statedTotals.map { "\($0.value)" }.joined(separator: "/"))
        }
        if candidates.isEmpty, statedTotals.isEmpty {
            // Rule "no casualties" → 0.
            return FatalityFigure(fatalities: 0, low: 0, high: 0, evidence: reports.map(\.mention.span),
                                  explanation: "no deaths: \"\(doc.text(reports[0].mention.span))\"")
        }
        // Rule "conflicting reports → the lowest": a stated total, when there is one, stands for the
        // group counts (it is the same deaths summed by the source); several totals → the lowest.
        let low: Int, high: Int, value: Int
        if !statedTotals.isEmpty {
            value = statedTotals.map(\.value).min()!
            low = min(value, candidates.min() ?? value)
            high = max(statedTotals.map(\.high).max()!, groups.reduce(0) { $0 + $1.highest })
        } else {
            value = candidates[0]
            low = value
            high = groups.reduce(0) { $0 + $1.highest }
        }
        var why = parts.joined(separator: "; ")
        if high > value { why += "; conflicting or ranged reports → lowest \(value) (up to \(high))" }
        if reports.contains(where: { $0.mention.count.isVague }) { why += "; vague figures coded by convention" }
        return FatalityFigure(fatalities: value, low: low, high: max(high, value), evidence: evidence, explanation: why)
    }

    /// Rule "summed totals are split evenly per day": the remainder goes to the first day, so
    /// 13 over 3 days → [5, 4, 4] and 14 → [6, 4, 4].
    public static func splitAcrossDays(total: Int, days: Int) -> [Int] {
        guard days > 0 else { return [] }
        let each = total / days
        var out = Array(repeating: each, count: days)
        out[0] += total - each * days
        return out
    }

    /// Counts given as numbers beat vague words coded by convention when both report the same
    /// deaths ("dozens were killed … 40 people died" → 40, not 12).
    static func precise(_ counts: [Count]) -> [Count] {
        let exact = counts.filter { !$0.isVague }
        return exact.isEmpty ? counts : exact
    }

    /// "killing 17 militants (coded separately)": ACLED counted these deaths with another event.
    static func codedSeparately(_ m: CasualtyMention, in doc: Doc) -> Bool {
        let toks = doc.tokens
        var k = PhraseTokens.index(atOrAfter: m.span.start, in: toks)
        guard k < toks.count else { return false }
        let sentence = toks[k].sentence
        while k + 1 < toks.count, toks[k].sentence == sentence, toks[k].span.start < m.span.end + 24 {
            if toks[k].norm == "coded", toks[k + 1].norm == "separately" { return true }
            k += 1
        }
        return false
    }

    struct Report {
        var mention: CasualtyMention
        var form: CasualtyExtractor.Form
        var sentence: Int
        /// Who was killed, as a set of words ("ukrainian", "servicemen"); empty for "people" or
        /// no victims named.
        var key: Set<String>
        var civilian: Bool
        /// The sentence reports someone's claim ("NRF claimed killing 3").
        var claimed: Bool

        init(mention: CasualtyMention, form: CasualtyExtractor.Form, doc: Doc) {
            self.mention = mention
            self.form = form
            let s = doc.sentenceIndex(of: mention.span) ?? 0
            sentence = s
            key = Report.key(of: mention)
            civilian = mention.civilianVictims
            let claims = CasualtyLexicon.shared.claims
            claimed = s < doc.sentences.count && doc.sentences[s].tokens.contains { claims.contains(doc.tokens[$0].norm) }
        }

        /// The victims' words, folded, with singular and plural person nouns made one.
        static func key(of m: CasualtyMention) -> Set<String> {
            guard let v = m.victims else { return [] }
            let persons = CasualtyLexicon.shared.persons
            var out = Set<String>()
            for w in v.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "(" || $0 == ")" }) {
                let f = TextFolding.fold(String(w))
                if ["the", "of", "and", "his", "her", "their", "its", "a", "an"].contains(f) { continue }
                if let p = persons[f] {
                    if p.cls == .generic { continue }
                    out.insert(p.plural ? f : f + "s")
                } else {
                    out.insert(f)
                }
            }
            return out
        }

        var isGeneric: Bool { key.isEmpty && !civilian }

        /// Same kind of victims: the same words, or one description inside the other
        /// ("soldiers" and "Ukrainian soldiers"), and the same civilian status.
        func compatible(with o: Report) -> Bool {
            guard civilian == o.civilian else { return false }
            return key.isSubset(of: o.key) || o.key.isSubset(of: key)
        }
    }

    struct Group {
        var reports: [Report]

        init(first: Report) { reports = [first] }

        var lowest: Int { FatalityRules.precise(reports.map(\.mention.count)).map(\.value).min() ?? 0 }
        var highest: Int { FatalityRules.precise(reports.map(\.mention.count)).map(\.high).max() ?? 0 }

        /// Rule "conflicting reports of the same deaths": a report from a later sentence about the
        /// same kind of victims, or a claim about them, is another report of these deaths; a figure
        /// with no victims named is one only when the sentence reports a claim ("police said two died").
        /// In one sentence, groups are separate ("3 soldiers and 2 civilians") unless it sets a claim
        /// against a report ("four were killed; police claim two were killed").
        func sameDeaths(as r: Report) -> Bool {
            guard let first = reports.first else { return false }
            if r.sentence == first.sentence {
                return r.claimed && r.mention.outcome == first.mention.outcome && r.compatible(with: first)
                    && !(r.isGeneric != first.isGeneric)
            }
            // The same figure again ("killed 2 separatists … the bodies of two killed") is a restatement.
            if r.mention.count.value == first.mention.count.value, r.isGeneric || r.compatible(with: first) { return true }
            if r.isGeneric || first.isGeneric { return r.claimed && r.compatible(with: first) || (r.isGeneric && first.isGeneric) }
            if r.compatible(with: first) { return true }
            return r.claimed && !r.civilian && !first.civilian
        }
    }
}
