/// What one clause says happened: the tactic, who, where, when, how many died, and how sure the
/// text is about it. Frames of one document are merged into coded events by `DocumentCoder`.
public struct EventFrame: Sendable {
    public var sentence: Int
    public var clause: Span
    /// The trigger that named the event; the others in the clause refine it.
    public var anchor: Trigger
    public var triggers: [Trigger]
    public var concepts: ConceptSet
    public var subEventType: SubEventType
    /// The typing rule's reasons, for `--explain`.
    public var typingReason: String
    public var date: DateMention?
    /// "from Monday to Wednesday": the clause reports daily events over several days.
    public var dateRange: ClosedRange<CivilDate>?
    public var location: EventLocation?
    /// The clause names a country and no place inside it.
    public var countryLevel: Bool
    public var actors: EventActors
    public var casualties: [CasualtyMention]
    /// Tolls given by a party to the conflict: kept apart from the verified count.
    public var claimedCasualties: [CasualtyMention] = []
    public var target: TargetKind
    /// The party to the conflict whose statement this clause reports ("Islam Army said …").
    public var claimant: ActorMention?
    public var modality: Modality?
    public var strength: Double
    /// Later sentences folded into this clause ("Police used tear gas to disperse them."): the
    /// model reads them with it.
    public var mergedSentences: [Int] = []
    /// The part of the page the clause is in: a headline or standfirst only names the event the
    /// body tells.
    public var block: PageBlock = .body
    /// The event is named as one already told: "the attack", "this blast", "Monday's assault".
    public var anaphoric = false
    /// Told after the report's event as more about it (who claimed it, the toll, the arrests
    /// that followed) rather than as an event of its own: it gives fields, not the type.
    public var isDetail = false

    /// The clause names its own day ("on Monday"), rather than inheriting one from before.
    public var ownDate: Bool { date.map { $0.span.length > 0 && clause.contains($0.span) } ?? false }
    /// The clause names its own place, rather than inheriting one from before or the dateline.
    public var ownPlace: Bool { location.map { $0.mention != nil && clause.contains($0.evidence) } ?? false }
    /// Only a headline or standfirst tells it.
    public var isSupport: Bool { block == .headline || block == .standfirst }
}

/// Words that tell who an attack was aimed at (data: lexicon/targets.tsv).
struct TargetWords: Sendable {
    enum Kind: String, Sendable, Hashable { case armed = "ARMED", civilian = "CIVILIAN", protesters = "PROTESTERS" }
    static let shared = TargetWords()
    let matcher: PhraseMatcher<Kind>
    /// A party's rank and file (lexicon/party-followers.txt).
    let followers: Set<String>
    /// Words of a fight fought with firearms (lexicon/clash-gunfire.txt).
    let gunfire: Set<String>
    /// Words that say who a victim was (lexicon/victim-cues.txt), by kind.
    let former, member, crime, mistake: Set<String>
    init() {
        matcher = PhraseMatcher.load("lexicon/targets.tsv") { Kind(rawValue: $0) }
        followers = Set(Lexicon.lines("party-followers"))
        gunfire = Set(Lexicon.lines("clash-gunfire"))
        var cues: [String: Set<String>] = [:]
        for f in PhraseRows.of("victim-cues") where f.count >= 2 { cues[f[0], default: []].insert(f[1]) }
        (former, member, crime, mistake) = (cues["FORMER"] ?? [], cues["MEMBER"] ?? [], cues["CRIME"] ?? [], cues["MISTAKE"] ?? [])
    }

    /// The kind of target an actor of this category is.
    static func kind(of inter: Inter) -> TargetKind {
        switch inter {
        case .civilians: .civilians
        case .protesters: .protesters
        default: .armed
        }
    }

    /// The kind of target a target word names.
    static func kind(of label: Kind) -> TargetKind {
        switch label {
        case .armed: .armed
        case .civilian: .civilians
        case .protesters: .protesters
        }
    }

    /// "off-duty" or "off duty" at token i.
    static func isOffDuty(_ tokens: [Token], at i: Int) -> Bool {
        tokens[i].norm == "off-duty" || (tokens[i].norm == "off" && i + 1 < tokens.count && tokens[i + 1].norm == "duty")
    }

    /// Codebook, inter 7: off-duty soldiers and police are civilians. True when the description in
    /// tokens `first...last` is said to be off duty: just before it ("an off-duty state police
    /// officer") or in a bracket right after it or its head noun ("an army colonel (assumed off-duty)").
    static func isOffDuty(_ tokens: [Token], first: Int, last: Int) -> Bool {
        let sentence = tokens[first].sentence
        if (max(0, first - 3)..<first).contains(where: { tokens[$0].sentence == sentence && isOffDuty(tokens, at: $0) }) { return true }
        var j = last + 1
        while j < min(tokens.count, last + 3), tokens[j].kind == .word { j += 1 }
        guard j < tokens.count, tokens[j].text == "(" || tokens[j].text == "[" else { return false }
        j += 1
        while j < min(tokens.count, last + 12), tokens[j].text != ")", tokens[j].text != "]" {
            if isOffDuty(tokens, at: j) { return true }
            j += 1
        }
        return false
    }

    func kind(of text: String) -> TargetKind {
        let toks = Tokenizer.tokenize(text)
        guard !toks.isEmpty else { return .unknown }
        // Codebook, inter 7: off-duty soldiers and police are civilians.
        if toks.indices.contains(where: { TargetWords.isOffDuty(toks, at: $0) }) { return .civilians }
        // The head noun is last: "regime troops", "women and children".
        for i in stride(from: toks.count - 1, through: 0, by: -1) {
            if let m = matcher.matches(toks, at: i).first, m.weight >= 0.6 {
                switch m.label {
                case .armed: return .armed
                case .civilian: return .civilians
                case .protesters: return .protesters
                }
            }
        }
        return .unknown
    }
}
