/// The one place where the codebook's rules and the trained model together decide an event's
/// sub-event type.
///
/// The rules (`SubEventRules`, the trigger lexicon) carry the codebook's knowledge and work where
/// training data are thin; the model (`TypeModel`, trained on ACLED rows, which also sees the
/// rules' answer as a feature) knows how ACLED's coders actually split the common types. In order:
/// 1. No model: the rules decide.
/// 2. Where data is thin the codebook decides: when the rules name a type the model saw fewer than
///    `minSupport` rows of (chemical weapons, suicide bombs, headquarters, agreements, territory…),
///    or the model's favourite is such a type, the rules' type stands.
/// 3. A remote weapon named by a strong trigger (≥ `strongTrigger`) is not overruled by the model's
///    violence against civilians: the hierarchy puts the tactic first.
/// 4. Otherwise a confident model decides: its top type with calibrated probability ≥ `accept`.
/// 5. Otherwise the rules decide, unless neither is confident — the rules found only weak cues
///    (every trigger below `weakTrigger`) and the model gives no type `abstainBelow` or more — in
///    which case Sitrep abstains and records no event.
public enum TypeDecision {
    public static let minSupport = 30
    public static let accept: Float = 0.5
    public static let weakTrigger = 0.6
    public static let strongTrigger = 0.9
    public static let abstainBelow: Float = 0.5

    public struct Outcome: Sendable, Hashable {
        /// nil: abstain.
        public var type: SubEventType?
        public var probability: Float?
        public var reason: String
    }

    public static func decide(rule: SubEventType, ruleStrength: Double, ranked: [(type: SubEventType, p: Float)]?,
                              model: TypeModel?) -> Outcome {
        guard let model, let ranked, let top = ranked.first else {
            return Outcome(type: rule, probability: nil, reason: "codebook rules (no model)")
        }
        let pRule = ranked.first { $0.type == rule }?.p ?? 0
        func pct(_ p: Float) -> String { String(Int((p * 100).rounded())) + "%" }
        if model.support(of: rule) < minSupport {
            return Outcome(type: rule, probability: pRule,
                           reason: "codebook rules: the model saw only \(model.support(of: rule)) rows of \(rule.rawValue)")
        }
        if top.type != rule, model.support(of: top.type) < minSupport {
            return Outcome(type: rule, probability: pRule,
                           reason: "codebook rules: the model's \(top.type.rawValue) (\(pct(top.p))) rests on \(model.support(of: top.type)) rows")
        }
        // The weapon decides (codebook hierarchy: explosions/remote violence outrank violence against
        // civilians): a clear shelling, air strike or bomb that killed civilians stays that tactic,
        // with the civilians as its target, whatever the model makes of the victims.
        if rule.eventType == .explosions, top.type.eventType == .violenceAgainstCivilians, ruleStrength >= strongTrigger {
            return Outcome(type: rule, probability: pRule,
                           reason: "codebook rules: the weapon decides (\(rule.rawValue) outranks the model's \(top.type.rawValue), \(pct(top.p)))")
        }
        if top.p >= accept {
            return Outcome(type: top.type, probability: top.p,
                           reason: top.type == rule ? "rules and model agree (\(pct(top.p)))"
                               : "model \(pct(top.p)) over the rules' \(rule.rawValue) (\(pct(pRule)))")
        }
        if ruleStrength < weakTrigger && top.p < abstainBelow {
            return Outcome(type: nil, probability: top.p,
                           reason: "abstained: weak cues (\(ruleStrength)) and no type above \(pct(abstainBelow)) in the model")
        }
        return Outcome(type: rule, probability: pRule, reason: "codebook rules; the model is unsure (\(top.type.rawValue) \(pct(top.p)))")
    }

    /// The model's ranking for the sentences of an event's frames.
    public static func rank(_ frames: [EventFrame], rule: SubEventType, doc: Doc, model: TypeModel) -> [(type: SubEventType, p: Float)] {
        let sentences = Array(Set(frames.flatMap { [$0.sentence] + $0.mergedSentences })).sorted()
        let features = TypeFeatures.extract(doc, ranges: TypeFeatures.tokens(of: sentences, in: doc), rule: rule, bits: model.bits)
        return model.rank(features)
    }
}
