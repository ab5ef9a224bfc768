/// What an event trigger says about the kind of event, before the codebook decides the sub-event type.
public enum Concept: String, Sendable, Hashable, CaseIterable, Codable {
    case chemical = "CHEMICAL", air = "AIR", suicide = "SUICIDE", shelling = "SHELLING", ied = "IED",
         grenade = "GRENADE"
    case clash = "CLASH", attack = "ATTACK", take = "TAKE", reversed = "REVERSED", transfer = "TRANSFER"
    case kill = "KILL", abduct = "ABDUCT", sexual = "SEXUAL"
    case protest = "PROTEST", riot = "RIOT", mob = "MOB", intervene = "INTERVENE", excessive = "EXCESSIVE"
    case arrest = "ARREST", loot = "LOOT", agreement = "AGREEMENT", hq = "HQ", disrupted = "DISRUPTED",
         change = "CHANGE", other = "OTHER"
    /// Retaking ground ("recaptured", "took back"); mass graves found; a hint (never an event alone)
    /// that the actor fights on the government's side ("pro-government", "loyal to the president").
    case regain = "REGAIN", grave = "GRAVE", progov = "PROGOV"
}

/// A trigger phrase found in the text.
public struct Trigger: Sendable, Hashable {
    public var span: Span
    public var tokens: Range<Int>
    public var concept: Concept
    public var weight: Double
    public var phrase: String
}

/// The trigger lexicon (data: lexicon/triggers.tsv).
public struct TriggerLexicon: Sendable {
    public static let shared = TriggerLexicon()
    let matcher: PhraseMatcher<Concept>

    init() {
        matcher = PhraseMatcher.load("lexicon/triggers.tsv") { Concept(rawValue: $0) }
    }

    /// Triggers in a token range, longest phrase winning where phrases overlap. A whole sentence's
    /// are read from the document's trigger layer when the analysis stage has filled it.
    public func find(_ doc: Doc, in range: Range<Int>) -> [Trigger] {
        if let all = doc.triggers, !range.isEmpty, doc.sentences[doc.tokens[range.lowerBound].sentence].tokens == range {
            var lo = 0, hi = all.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if all[mid].tokens.lowerBound < range.lowerBound { lo = mid + 1 } else { hi = mid }
            }
            var out: [Trigger] = []
            while lo < all.count, all[lo].tokens.lowerBound < range.upperBound {
                out.append(all[lo])
                lo += 1
            }
            return out
        }
        return scan(doc, in: range)
    }

    /// Every sentence's triggers, in text order: the document's trigger layer.
    public func layer(_ doc: Doc) -> [Trigger] {
        var all = doc.sentences.flatMap { scan(doc, in: $0.tokens) }
        // In a report of air, drone or missile strikes, a bare "strike" ("the strike at Mai Tsebri",
        // "Monday's strike") is one of them, not a walkout.
        if let weapon = all.first(where: { [.air, .shelling].contains($0.concept) && $0.weight >= 0.9 && $0.phrase.contains("strike") }) {
            for k in all.indices where all[k].concept == .protest && (all[k].phrase == "strike" || all[k].phrase == "strikes") {
                all[k].concept = weapon.concept
                all[k].weight = 0.9
            }
        }
        return all
    }

    func scan(_ doc: Doc, in range: Range<Int>) -> [Trigger] {
        matcher.scan(doc.tokens, in: range).map { m in
            Trigger(span: Span(doc.tokens[m.tokens.lowerBound].span.start, doc.tokens[m.tokens.upperBound - 1].span.end),
                    tokens: m.tokens, concept: m.label, weight: m.weight, phrase: m.phrase)
        }
    }
}

/// The strength of each concept among a clause's triggers.
public struct ConceptSet: Sendable, Hashable {
    public private(set) var weights: [Concept: Double] = [:]

    public init(_ triggers: [Trigger] = []) {
        for t in triggers { add(t.concept, t.weight) }
    }

    public mutating func add(_ c: Concept, _ w: Double) {
        weights[c] = max(weights[c] ?? 0, w)
    }

    /// A concept counts when some trigger signals it clearly; weak hints only break ties.
    public func has(_ c: Concept, atLeast w: Double = 0.5) -> Bool { (weights[c] ?? 0) >= w }
    public func weight(_ c: Concept) -> Double { weights[c] ?? 0 }
    public var isEmpty: Bool { weights.isEmpty }
    public var strongest: Double { weights.values.max() ?? 0 }
}
