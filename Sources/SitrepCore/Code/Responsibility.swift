/// Who carried out an attack, as a later sentence of the report says ("Al-Shabaab claimed
/// responsibility for the attack"): the perpetrator the lede did not name becomes Actor1.
extension DocumentCoder {
    static let responsibility = PhraseMatcher<String>.load("lexicon/responsibility.tsv") { $0 }

    /// The named armed group a sentence of the event (or the one after it) says carried it out.
    func claimedPerpetrator(_ doc: Doc, _ frames: [EventFrame]) -> ActorMention? {
        var sentences = Set<Int>()
        for f in frames { sentences.insert(f.sentence); sentences.insert(f.sentence + 1) }
        for si in sentences.sorted() where si < doc.sentences.count {
            let range = doc.sentences[si].tokens
            for m in Self.responsibility.scan(doc.tokens, in: range) where m.label == "CLAIM" {
                let start = doc.tokens[m.tokens.lowerBound].span.start
                // The claimant stands just before the claim ("the TPNPB claimed", "Al-Shabaab has claimed").
                let before = doc.actors(in: Span(doc.sentences[si].span.start, start)).last { a in
                    !a.isGeneric && a.actor.inter.isArmed && start - a.span.end <= 24
                }
                guard let claimant = before else { continue }
                let opening = Span(doc.sentences[si].span.start, claimant.span.start)
                let negated = Self.responsibility.scan(doc.tokens, in: range).contains { n in
                    n.label == "NEGATION" && opening.contains(Span(doc.tokens[n.tokens.lowerBound].span.start, doc.tokens[n.tokens.lowerBound].span.end))
                } || doc.tokens[range].contains { ["no", "not", "yet"].contains($0.norm) && $0.span.start > claimant.span.end && $0.span.end <= start }
                if !negated { return claimant }
            }
        }
        return nil
    }
}
