/// Why a described event is not (or not yet) a recordable event.
public enum Modality: String, Sendable, Hashable, Codable {
    case negated
    case future
    case hypothetical
    case background
    /// A disaster, accident, epidemic, match, market move or private quarrel.
    case notPolitical
}

/// Words that place a sentence outside political violence and protest (data: lexicon/non-events.tsv).
public struct NonEventCues: Sendable {
    public static let shared = NonEventCues()
    let matcher: PhraseMatcher<String>

    init() {
        matcher = PhraseMatcher.load("lexicon/non-events.tsv") { $0 }
    }

    /// The kind of non-event a sentence describes, if any cue in it is strong.
    public func kind(_ doc: Doc, in range: Range<Int>) -> String? { cue(doc, in: range)?.kind }

    /// The first strong cue: its kind and weight (1 for a word of the domain itself, "investors",
    /// "concert"; 0.8 for a topic people also protest about, "inflation", "anniversary").
    public func cue(_ doc: Doc, in range: Range<Int>) -> (kind: String, weight: Double)? {
        matcher.scan(doc.tokens, in: range).first { m in
            // One capitalised word inside a sentence is part of a name ("Chhatra League", "Awami
            // League"), not the sport; a sport's own names are phrases ("Premier League").
            let first = doc.tokens[m.tokens.lowerBound]
            if m.tokens.count == 1, m.tokens.lowerBound > range.lowerBound, first.isCapitalized,
               doc.tokens[m.tokens.lowerBound - 1].kind == .word { return false }
            return m.weight >= 0.8
        }.map { ($0.label, $0.weight) }
    }
}

/// Cue phrases for negation, future, hypotheticals, background statistics and reported speech
/// (data: lexicon/modality.tsv).
public struct ModalityCues: Sendable {
    public enum Cue: String, Sendable, Hashable {
        case negation = "NEGATION", future = "FUTURE", hypothetical = "HYPOTHETICAL",
             background = "BACKGROUND", speech = "SPEECH", subordinate = "SUBORDINATE",
             /// What came before the report's event, or keeps happening: background after the lede.
             retrospective = "RETROSPECTIVE"
    }

    public static let shared = ModalityCues()
    let matcher: PhraseMatcher<Cue>

    init() {
        matcher = PhraseMatcher.load("lexicon/modality.tsv") { Cue(rawValue: $0) }
    }

    public struct Found: Sendable, Hashable {
        public var cue: Cue
        public var tokens: Range<Int>
        public var weight: Double
    }

    /// Cue words written with a capital inside a sentence are parts of names ("May 18 Square",
    /// "Planned Parenthood"), not cues.
    public func find(_ doc: Doc, in range: Range<Int>) -> [Found] {
        matcher.scan(doc.tokens, in: range).compactMap { m in
            let first = m.tokens.lowerBound
            // ("… (Reuters) - If rebels attack …": after a dash or bracket a capital opens the clause.)
            let opensClause = first == range.lowerBound || !(doc.tokens[first - 1].norm.first?.isLetter ?? false)
            if !opensClause, doc.tokens[first].isCapitalized, m.label != .speech, m.label != .background,
               m.label != .retrospective { return nil }
            return Found(cue: m.label, tokens: m.tokens, weight: m.weight)
        }
    }

    /// Clause boundaries inside a sentence: a trigger's modality does not leak across them.
    static let clauseBoundaries: WordSet = [";", ",", ":", "\u{2014}", "while", "whereas", "but", "after", "before", "when"]

    static func clauseRange(of tokenIndex: Int, in sentence: Range<Int>, tokens: [Token]) -> Range<Int> {
        let boundaries = clauseBoundaries
        // A clause longer than 60 tokens is a run-on; bounding the walk keeps huge sentences linear.
        let floor = max(sentence.lowerBound, tokenIndex - 60), ceiling = min(sentence.upperBound, tokenIndex + 60)
        var lo = tokenIndex
        while lo > floor, !boundaries.contains(tokens[lo - 1]) { lo -= 1 }
        var hi = tokenIndex + 1
        while hi < ceiling, !boundaries.contains(tokens[hi]) { hi += 1 }
        return lo..<hi
    }

    /// The modality of a trigger: a negation or future cue shortly before it in its clause,
    /// a hypothetical cue opening its clause, or background-statistic cues in the sentence.
    public func modality(of trigger: Trigger, in doc: Doc, sentence: Range<Int>, cues: [Found]) -> Modality? {
        let clause = ModalityCues.clauseRange(of: trigger.tokens.lowerBound, in: sentence, tokens: doc.tokens)
        for cue in cues where cue.weight >= 0.7 {
            let before = cue.tokens.upperBound <= trigger.tokens.lowerBound
            let distance = trigger.tokens.lowerBound - cue.tokens.upperBound
            switch cue.cue {
            case .negation:
                // "no clashes", "did not attack", "denied carrying out the strike"
                if before && distance <= 4 && clause.contains(cue.tokens.lowerBound) { return .negated }
            case .future:
                if before && clause.contains(cue.tokens.lowerBound) && distance <= 8 { return .future }
            case .hypothetical:
                if before && clause.contains(cue.tokens.lowerBound) { return .hypothetical }
            case .background:
                // "after months of shelling": a duration right before the trigger is no single incident.
                if before && distance == 0 { return .background }
            case .speech, .subordinate, .retrospective:
                break
            }
        }
        return nil
    }

    /// True when the trigger sits in a clause that gives the event's cause, purpose, suspicion or an
    /// earlier event ("after weeks of fighting", "suspected of firing rockets", "to stop attacks",
    /// "over the killing of"): the sentence's main clause names the event being reported, the
    /// subordinate one only its background. The cue stands before the trigger, in its clause or as
    /// the word that opens it.
    public func isSubordinate(_ trigger: Trigger, in doc: Doc, sentence: Range<Int>, cues: [Found]) -> Bool {
        var at = trigger.tokens.lowerBound
        // "after jets bombed the market on Tuesday, killing fifteen people": a participle after a comma
        // has no subject of its own and continues the clause before the comma.
        let continues = at >= 2 && at - 2 >= sentence.lowerBound && doc.tokens[at - 1].norm == ","
            && doc.tokens[at].norm.hasSuffix("ing")
        if continues { at -= 2 }
        let clause = ModalityCues.clauseRange(of: at, in: sentence, tokens: doc.tokens)
        return cues.contains { cue in
            guard cue.cue == .subordinate, cue.weight >= 0.7, cue.tokens.upperBound <= at,
                  continues || at - cue.tokens.upperBound <= 6 else { return false }
            return clause.contains(cue.tokens.lowerBound) || cue.tokens.upperBound == clause.lowerBound
        }
    }

    /// True when the sentence is a conflict-wide statistic or history, not a dated incident.
    public func isBackground(_ cues: [Found]) -> Bool {
        cues.contains { $0.cue == .background && $0.weight >= 0.7 }
    }

    public func isRetrospective(_ cues: [Found]) -> Bool {
        cues.contains { $0.cue == .retrospective && $0.weight >= 0.7 }
    }
}
