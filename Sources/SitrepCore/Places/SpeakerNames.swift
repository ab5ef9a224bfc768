/// A name a quote is attributed to is a person or a government, not where something happened:
/// "added Isa, who said …", "said Mubarak", "Kabul said it would respond". Such mentions leave the
/// place layer, so they neither place an event nor pull the document's focus.
enum SpeakerNames {
    static let speech: Set<String> = ["said", "says", "added", "adds", "told", "explained", "noted", "insisted", "recalled",
                                      "continued", "asked", "stressed", "warned", "claimed", "wrote", "tweeted"]

    static func withoutSpeakers(_ places: [PlaceMention], in doc: Doc) -> [PlaceMention] {
        places.filter { !isSpeaker($0, doc) }
    }

    static func isSpeaker(_ p: PlaceMention, _ doc: Doc) -> Bool {
        guard p.place.kind != .country else { return false }
        let first = PhraseTokens.index(atOrAfter: p.span.start, in: doc.tokens)
        var last = first
        while last + 1 < doc.tokens.count, doc.tokens[last + 1].span.end <= p.span.end { last += 1 }
        guard first < doc.tokens.count else { return false }
        let before = first > 0 ? doc.tokens[first - 1].norm : ""
        let after = last + 1 < doc.tokens.count ? doc.tokens[last + 1].norm : ""
        let after2 = last + 2 < doc.tokens.count ? doc.tokens[last + 2].norm : ""
        // "…,” added Isa" / "said Isa," — the name right after a verb of speech is its speaker.
        if speech.contains(before) { return true }
        // "Isa, who said", "Kabul said it would …" (but "police in Tbilisi said" names a place).
        if FunctionWords.contains(before) && before != "and" { return false }
        if speech.contains(after) { return true }
        return after == "," && after2 == "who"
    }
}
