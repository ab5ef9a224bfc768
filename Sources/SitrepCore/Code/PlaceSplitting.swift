/// One event per location (codebook): a clause that tells one act at several places it lists
/// ("shelled the villages of Harbel, Al-Sheikh Issa and the outskirts of Tal Rifaat") is an event
/// at each, the toll split evenly with the remainder at the first.
extension DocumentCoder {
    /// Words that may stand between the places of one list.
    static let listJoiners: Set<String> = Set(Lexicon.lines("place-list-joiners"))
    /// The longest list of places a report tells one act at, place by place.
    static let longestPlaceList = 3

    func splitByPlace(_ event: CodedEvent, _ frames: [EventFrame], _ doc: Doc) -> [CodedEvent] {
        // Violence and protest happen where they happen; a deployment to six cities is one decision.
        guard event.eventType != .strategicDevelopments, let l = event.location, let mention = l.mention,
              let lead = typing(frames).first(where: { $0.clause.contains(mention.span) }) else { return [event] }
        let listed = coordinatedPlaces(with: mention, in: lead.clause, doc)
        // A long list ("clashes were reported in Rajshahi, Bogura, Jhenidah, Cox's Bazar …") sums
        // up what happened across a region: no one place is told well enough to be an event.
        // (Count the list's names as written too: not every village of a long list is known.)
        let named = max(doc.places(in: lead.clause).filter { $0.place.kind == .populated && listed.contains($0) }.count,
                        namesListed(around: mention, doc))
        if max(listed.count, named) > Self.longestPlaceList {
            var e = event
            e.droppedReason = "a summary across \(max(listed.count, named)) places, none told as an event of its own"
            return [e]
        }
        guard listed.count >= 2 else { return [event] }
        let shares = FatalityRules.splitAcrossDays(total: event.fatalities, days: listed.count)
        return listed.enumerated().compactMap { k, m -> CodedEvent? in
            guard let place = resolver.locate(doc, places: [m], clause: lead.clause, anchor: lead.anchor.span) else { return nil }
            var e = event
            e.location = place
            e.fatalities = shares[k]
            e.fatalitiesLow = min(e.fatalitiesLow, shares[k])
            e.evidence = e.evidence.filter { $0.field != "location" } + [Evidence(field: "location", span: m.span, text: doc.text(m.span))]
            e.explanation = e.explanation.filter { $0.field != "location" }
            e.explanation.append(("location", "\(place.location) (\(place.admin1), \(place.country)), geo_precision \(place.geoPrecision): one of \(listed.count) places the clause lists, one event each (codebook: one event per location)"))
            if event.fatalities > 0 {
                e.explanation.append(("fatalities", "\(event.fatalities) over \(listed.count) places split evenly, remainder at the first: \(shares[k])"))
            }
            e.notes = EventNotes.write(e)
            e.eventID = EventID.make(article: e.articleID, event: e)
            return e
        }
    }

    /// How many capitalised names stand in one list with a place: "in Rajshahi, Bogura, Jhenidah,
    /// Cox's Bazar and Narsingdi" is five, whether or not the gazetteer knows each.
    func namesListed(around mention: PlaceMention, _ doc: Doc) -> Int {
        let t = doc.tokens
        let first = PhraseTokens.index(atOrAfter: mention.span.start, in: t)
        var last = first
        while last + 1 < t.count, t[last + 1].span.end <= mention.span.end { last += 1 }
        let sentence = t[first].sentence
        func name(from k: Int) -> Int? {   // the index after a capitalised name starting at k
            var j = k
            while j < t.count, t[j].sentence == sentence, t[j].isCapitalized || (j > k && ["'s", "-", "al"].contains(t[j].norm)) { j += 1 }
            return j > k ? j : nil
        }
        var count = 1, k = last + 1
        while k < t.count, t[k].sentence == sentence {
            var j = k
            if t[j].norm == "," { j += 1 }
            if j < t.count, t[j].norm == "and" { j += 1 }
            guard j > k, let after = name(from: j) else { break }
            count += 1
            k = after
        }
        return count
    }

    /// The places listed with `mention` in one clause, in text order: neighbours of the same kind
    /// and country separated only by commas, "and", and words for what kind of place each is.
    func coordinatedPlaces(with mention: PlaceMention, in clause: Span, _ doc: Doc) -> [PlaceMention] {
        let places = doc.places(in: clause).filter { $0.place.kind == .populated && $0.place.country == mention.place.country }
        guard let i = places.firstIndex(where: { $0.span == mention.span }) else { return [mention] }
        func joined(_ a: PlaceMention, _ b: PlaceMention) -> Bool {
            let lo = PhraseTokens.index(atOrAfter: a.span.end, in: doc.tokens)
            let hi = PhraseTokens.index(atOrAfter: b.span.start, in: doc.tokens)
            guard lo < hi, hi - lo <= 5 else { return false }
            let between = doc.tokens[lo..<hi].map(\.norm)
            return between.contains { $0 == "," || $0 == "and" } && between.allSatisfy { Self.listJoiners.contains($0) }
        }
        var lo = i, hi = i
        while lo > 0, joined(places[lo - 1], places[lo]) { lo -= 1 }
        while hi + 1 < places.count, joined(places[hi], places[hi + 1]) { hi += 1 }
        return Array(places[lo...hi])
    }
}
