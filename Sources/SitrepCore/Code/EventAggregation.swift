/// The codebook's unit of analysis: one event per actor pair, location and day. Frames of one
/// document that describe the same event (the same actors, place and day, or a frame missing
/// one of these that agrees on the rest) become one event.
extension DocumentCoder {
    public func code(_ doc: Doc) -> [CodedEvent] {
        let all = frames(doc)
        let (live, dead) = (all.filter { $0.modality == nil }, all.filter { $0.modality != nil })
        var groups = group(live)
        groups.sort { $0.first!.sentence < $1.first!.sentence }
        let coalitions = Coalition.all(in: doc)
        var events = groups.flatMap { splitByDay(makeEvent(doc, $0, coalitions: coalitions), $0) }
        events += dead.map { f -> CodedEvent in
            var e = makeEvent(doc, [f], coalitions: coalitions)
            e.droppedReason = Self.reason(for: f.modality!)
            e.confidence *= 0.3
            return e
        }
        return disambiguateIDs(events)
    }

    /// One event per day (codebook: the unit is actor pair, place and day): a clause reporting
    /// daily fighting over several days becomes one event a day, the toll split evenly with the
    /// remainder on the first day.
    func splitByDay(_ event: CodedEvent, _ frames: [EventFrame]) -> [CodedEvent] {
        guard let range = frames.compactMap(\.dateRange).first, event.timePrecision == .day else { return [event] }
        let days = range.upperBound.dayNumber - range.lowerBound.dayNumber + 1
        let shares = FatalityRules.splitAcrossDays(total: event.fatalities, days: days)
        let claimedShares = event.claimedFatalities.map { FatalityRules.splitAcrossDays(total: $0, days: days) }
        return (0..<days).map { k in
            var e = event
            e.eventDate = range.lowerBound.adding(days: k)
            e.fatalities = shares[k]
            e.fatalitiesLow = min(e.fatalitiesLow, shares[k])
            e.claimedFatalities = claimedShares.map { $0[k] }
            e.explanation.append(("event_date", "day \(k + 1) of \(days) (\(range.lowerBound) to \(range.upperBound)): one event a day"))
            e.explanation.append(("fatalities", "\(event.fatalities) over \(days) days split evenly, remainder on the first day: \(shares[k])"))
            e.notes = EventNotes.write(e) + " Total of \(event.fatalities) fatalities reported from \(range.lowerBound.longForm) to \(range.upperBound.longForm), split evenly across days."
            e.eventID = EventID.make(article: e.articleID, event: e)
            return e
        }
    }

    static func reason(for m: Modality) -> String {
        switch m {
        case .negated: "negated or denied"
        case .future: "future, planned or intended, not an event that happened"
        case .hypothetical: "hypothetical"
        case .background: "background statistic, not a dated incident"
        case .notPolitical: "not political violence, protest or a strategic development (disaster, accident, sport, market, private quarrel)"
        }
    }

    // MARK: Grouping

    /// Greedy clustering: frames that carry a date and a place seed events; the others join the
    /// first compatible event, or stand alone.
    func group(_ frames: [EventFrame]) -> [[EventFrame]] {
        var groups: [[EventFrame]] = []
        // (Indices are sorted, not frames: frames are large values to move around.)
        let missing = frames.map { ($0.date != nil ? 0 : 1) + ($0.location != nil ? 0 : 1) }
        let ordered = frames.indices.sorted { (missing[$0], $0) < (missing[$1], $1) }.map { frames[$0] }
        // Reports of one event sit near each other; the window keeps long documents linear.
        var spans: [(lo: Int, hi: Int)] = []
        for f in ordered {
            let gi = groups.indices.first { g in
                // The seed and the latest members stand for the group: checking every member of a
                // long run of reports would make grouping quadratic.
                f.sentence - spans[g].hi <= 25 && spans[g].lo - f.sentence <= 25
                    && compatible(groups[g][0], f) && groups[g].suffix(6).allSatisfy { compatible($0, f) }
            }
            if let gi {
                groups[gi].append(f)
                spans[gi] = (min(spans[gi].lo, f.sentence), max(spans[gi].hi, f.sentence))
            } else {
                groups.append([f])
                spans.append((f.sentence, f.sentence))
            }
        }
        return groups.map { g in
            g.indices.sorted { (g[$0].sentence, $0) < (g[$1].sentence, $1) }.map { g[$0] }
        }
    }

    /// Two frames describe one event when nothing they say conflicts (type family, day, place,
    /// actors) and something positive ties them: the same day, the same place, or a named actor.
    func compatible(_ a: EventFrame, _ b: EventFrame) -> Bool {
        guard familiesMerge(a.subEventType, b.subEventType) else { return false }
        // A clause that places its event in a whole country describes country-wide activity, which
        // the codebook does not code and which is not the local event beside it.
        if a.countryLevel || b.countryLevel { return false }
        var ties = 0
        if let da = a.date?.date, let db = b.date?.date {
            guard da == db else { return false }
            ties += 1
        }
        if let la = a.location, let lb = b.location {
            guard placesMerge(la, lb) else { return false }
            ties += 1
        }
        guard actorsMerge(a.actors, b.actors) || sameCrowdTurnedViolent(a, b) else { return false }
        if !named(a.actors).isDisjoint(with: named(b.actors)) { ties += 1 }
        // Neighbouring sentences that complete each other: one gives the day, the other the place.
        if abs(a.sentence - b.sentence) == 1, (a.date == nil) != (b.date == nil), (a.location == nil) != (b.location == nil) {
            ties += 1
        }
        return ties > 0
    }

    /// Battle plus artillery is one Battles event; a protest that turns violent is one Riots event;
    /// a meeting that ends in an agreement is one Agreement. Other strategic developments stay apart.
    func familiesMerge(_ a: SubEventType, _ b: SubEventType) -> Bool {
        // Codebook aggregation: houses burned or goods looted by the attackers of the same day and
        // place belong to the attack, which outranks them in the hierarchy.
        let pair = Set([a, b])
        if pair.contains(.lootingPropertyDestruction),
           let other = pair.first(where: { $0 != .lootingPropertyDestruction }),
           [.battles, .explosions, .violenceAgainstCivilians, .riots].contains(other.eventType) {
            return true
        }
        if a.eventType == .strategicDevelopments || b.eventType == .strategicDevelopments {
            return a == b || Set([a, b]).isSubset(of: [.agreement, .other])
        }
        if a.eventType == b.eventType { return true }
        let families = Set([a.eventType, b.eventType])
        return families == [.battles, .explosions] || families == [.protests, .riots]
    }

    func placesMerge(_ a: EventLocation, _ b: EventLocation) -> Bool {
        if a.country != b.country { return false }
        if a.location == b.location || TextFolding.fold(a.location) == TextFolding.fold(b.location) { return true }
        // A region or province contains the towns named in it.
        let (broad, narrow) = breadth(a) >= breadth(b) ? (a, b) : (b, a)
        return breadth(broad) > breadth(narrow) && breadth(broad) >= 2
            && !broad.admin1.isEmpty && TextFolding.fold(broad.admin1) == TextFolding.fold(narrow.admin1)
    }

    /// How much ground a location covers: a named region or province is broad even when it is
    /// coded to a representative town.
    func breadth(_ l: EventLocation) -> Int {
        switch l.mention?.place.kind {
        case .region?, .admin1?, .admin2?, .country?: return 3
        default: return l.geoPrecision
        }
    }

    /// Actors agree when, side by side in some order, each pair is the same actor, or one is
    /// unknown, or one is a generic description of the other's category.
    func actorsMerge(_ a: EventActors, _ b: EventActors) -> Bool {
        func same(_ x: ActorMention?, _ y: ActorMention?) -> Bool {
            guard let x, let y else { return true }
            return identity(x.actor) == identity(y.actor) || ((x.isGeneric || y.isGeneric) && x.actor.inter == y.actor.inter)
        }
        return (same(a.actor1, b.actor1) && same(a.actor2, b.actor2)) || (same(a.actor1, b.actor2) && same(a.actor2, b.actor1))
    }

    /// A demonstration and the riot its crowd starts (codebook: a peaceful protest that turns
    /// violent is one Riots event): the police they fight, or the counter-demonstrators, are a
    /// side the peaceful report did not name, not a different event.
    func sameCrowdTurnedViolent(_ a: EventFrame, _ b: EventFrame) -> Bool {
        guard Set([a.subEventType.eventType, b.subEventType.eventType]) == [.protests, .riots] else { return false }
        func crowd(_ f: EventFrame) -> String? {
            [f.actors.actor1, f.actors.actor2].compactMap { $0 }.first { $0.actor.inter == .protesters || $0.actor.inter == .rioters }
                .map { identity($0.actor) }
        }
        guard let ca = crowd(a), ca == crowd(b) else { return false }
        let others = [a.actors.actor1, a.actors.actor2, b.actors.actor1, b.actors.actor2].compactMap { $0 }
            .filter { $0.actor.inter != .protesters && $0.actor.inter != .rioters }
        return others.allSatisfy { $0.actor.inter == .stateForces || $0.actor.inter == .civilians }
    }

    func named(_ a: EventActors) -> Set<String> {
        Set([a.actor1, a.actor2].compactMap { $0.map { identity($0.actor) } })
    }

    /// Protesters who start to riot are the same crowd under another name.
    func identity(_ a: Actor) -> String {
        a.inter == .protesters || a.inter == .rioters ? "crowd|\(a.country ?? "")" : a.name
    }

    // MARK: Events

    func makeEvent(_ doc: Doc, _ frames: [EventFrame], coalitions: [Coalition]) -> CodedEvent {
        var explanation: [(field: String, reason: String)] = []
        var evidence: [Evidence] = []
        func cite(_ field: String, _ span: Span) {
            guard span.length > 0 else { return }
            evidence.append(Evidence(field: field, span: span, text: doc.text(span)))
        }

        let ruleType = combinedType(frames)
        let decision = TypeDecision.decide(rule: ruleType, ruleStrength: frames.map(\.strength).max() ?? 0,
                                           ranked: typeModel.map { TypeDecision.rank(frames, rule: ruleType, doc: doc, model: $0) }, model: typeModel)
        let type = decision.type ?? ruleType
        let lead = frames.first { $0.subEventType == type } ?? frames[0]
        explanation.append(("sub_event_type", "\(type.rawValue): " + frames.map { "sentence \($0.sentence + 1): \($0.subEventType.rawValue) (\($0.typingReason))" }.joined(separator: "; ")
            + (frames.count > 1 ? "; combined by the codebook hierarchy" : "") + "; \(decision.reason)"))
        for f in frames { cite("sub_event_type", f.anchor.span) }

        // The most precise date and place among the frames.
        let dated = frames.compactMap(\.date).filter { $0.date != nil }.min { $0.precision < $1.precision }
        var date = dated?.date
        var precision = dated?.precision
        if let d = dated {
            cite("event_date", d.span)
            explanation.append(("event_date", "\"\(doc.text(d.span))\" resolved to \(d.date!) (precision \(d.precision.rawValue))"))
        } else if let p = doc.published {
            // Undated in the text: the report's own date bounds it, at week precision.
            date = p
            precision = .week
            explanation.append(("event_date", "no date in the text; publication date \(p) at week precision"))
        } else {
            explanation.append(("event_date", "no date in the text and no publication date: left empty"))
        }
        let location = frames.compactMap(\.location).min { (breadth($0), $0.geoPrecision) < (breadth($1), $1.geoPrecision) }
        if let l = location {
            cite("location", l.evidence)
            explanation.append(("location", "\(l.location) (\(l.admin1), \(l.country)), geo_precision \(l.geoPrecision)" + (l.explanation.isEmpty ? "" : ": \(l.explanation)")))
        } else {
            explanation.append(("location", "no place below country level"))
        }

        var (actor1, assoc1, actor2, assoc2) = mergeActors(frames, lead: lead)
        (actor1, assoc1) = expandCoalition(actor1, assoc1, coalitions: coalitions, near: lead.sentence)
        (actor2, assoc2) = expandCoalition(actor2, assoc2, coalitions: coalitions, near: lead.sentence)
        let eventCountry = location?.country ?? doc.focusCountry
        actor1 = actor1.map { homeOrAbroad($0, eventCountry) }
        actor2 = actor2.map { homeOrAbroad($0, eventCountry) }
        assoc1 = assoc1.map { homeOrAbroad($0, eventCountry) }
        assoc2 = assoc2.map { homeOrAbroad($0, eventCountry) }
        if let a = actor1 { cite("actor1", a.span); explanation.append(("actor1", "\(a.actor.name) (\(a.actor.inter.label)) from \"\(doc.text(a.span))\"")) }
        if let a = actor2 { cite("actor2", a.span); explanation.append(("actor2", "\(a.actor.name) (\(a.actor.inter.label)) from \"\(doc.text(a.span))\"")) }
        for a in assoc1 { cite("assoc_actor_1", a.span) }
        for a in assoc2 { cite("assoc_actor_2", a.span) }

        // Fatalities: verified reports apart from figures a party to the conflict claims.
        var seen = Set<Span>()
        let verified = frames.flatMap(\.casualties).filter { seen.insert($0.span).inserted }
        let claimed = frames.flatMap(\.claimedCasualties).filter { seen.insert($0.span).inserted }
        // Non-violent events kill no one: deaths a peaceful protest or an agreement mentions are its
        // cause or background ("protested over the killing of …"), not its toll.
        let nonViolent: Set<SubEventType> = [.peacefulProtest, .protestWithIntervention, .agreement, .arrests,
                                             .changeToGroupActivity, .headquartersOrBaseEstablished,
                                             .nonViolentTransferOfTerritory]
        var figure = FatalityRules.figure(for: nonViolent.contains(type) ? [] : verified, in: doc)
        if nonViolent.contains(type), !verified.isEmpty {
            figure.explanation = "a \(type.rawValue.lowercased()) event kills no one; the deaths it mentions are its cause or background"
        }
        let claimedFigure = claimed.isEmpty ? nil : FatalityRules.figure(for: claimed, in: doc)
        for s in figure.evidence { cite("fatalities", s) }
        explanation.append(("fatalities", "\(figure.fatalities): \(figure.explanation)"))
        let claimant = frames.compactMap(\.claimant).first
        if let c = claimant { cite("claimed_by", c.span) }
        if let cf = claimedFigure, cf.fatalities > 0 {
            for s in cf.evidence { cite("claimed_fatalities", s) }
            explanation.append(("claimed_fatalities", "\(cf.fatalities) claimed by \(claimant?.actor.name ?? "a party to the conflict"), not counted as verified: \(cf.explanation)"))
        }

        // Civilians targeted: civilians are the main or only target (codebook: civilian_targeting).
        let civilianTargeting = actor2?.actor.inter == .civilians
            && [.violenceAgainstCivilians, .explosions, .riots].contains(type.eventType)
            || (type == .excessiveForceAgainstProtesters)
        let country = location?.country ?? doc.focusCountry
        var event = CodedEvent(
            eventID: "", articleID: doc.articleID, eventDate: date, timePrecision: precision, subEventType: type,
            actor1: actor1?.actor, assocActor1: assoc1.map(\.actor), actor2: actor2?.actor, assocActor2: assoc2.map(\.actor),
            civilianTargeting: civilianTargeting, location: location, source: doc.source, notes: "",
            fatalities: figure.fatalities,
            fatalitiesLow: min(figure.low, claimedFigure?.low ?? figure.low),
            fatalitiesHigh: max(figure.high, claimedFigure?.high ?? 0),
            claimedFatalities: (claimedFigure?.fatalities).flatMap { $0 > 0 ? $0 : nil },
            claimedBy: claimant?.actor.name, confidence: 0, evidence: evidence, droppedReason: nil,
            explanation: explanation, title: doc.title, url: doc.url, published: doc.published)
        event.notes = EventNotes.write(event)
        event.confidence = confidence(frames, event)
        if decision.type == nil {
            event.droppedReason = "event type not confident: " + decision.reason
        } else if location == nil {
            event.droppedReason = country == nil ? "no place" : "no place below country level"
        } else if date == nil {
            event.droppedReason = "no date"
        }
        event.eventID = EventID.make(article: doc.articleID, event: event)
        return event
    }

    func combinedType(_ frames: [EventFrame]) -> SubEventType {
        // Territory taken and lost again within a day is an armed clash: either a clause says the
        // gain did not last, or both sides are said to have taken ground.
        let captures = frames.filter { $0.concepts.has(.take, atLeast: 0.6) }
        if captures.contains(where: { $0.concepts.has(.reversed) }) { return .armedClash }
        let takers = Set(captures.compactMap { $0.actors.actor1?.actor.name })
        if takers.count >= 2 { return .armedClash }
        return SubEventRules.combine(frames.map(\.subEventType)) ?? frames[0].subEventType
    }

    /// Codebook, inter 8: a state's forces acting outside their own country are External/Other
    /// forces; at home they are State forces. Settled once the event's place is known.
    func homeOrAbroad(_ m: ActorMention, _ eventCountry: String?) -> ActorMention {
        let organs = ["Military Forces of ", "Police Forces of ", "Government of "]
        guard let home = m.actor.country, let here = eventCountry, organs.contains(where: { m.actor.name.hasPrefix($0) }),
              m.actor.inter == .stateForces || m.actor.inter == .externalForces else { return m }
        var m = m
        m.actor.inter = home == here ? .stateForces : .externalForces
        return m
    }

    /// Actor1 and Actor2 of the event from all its frames, oriented like the lead frame; named
    /// actors replace generic ones of the same category.
    func mergeActors(_ frames: [EventFrame], lead: EventFrame)
        -> (ActorMention?, [ActorMention], ActorMention?, [ActorMention]) {
        var a1 = lead.actors.actor1, a2 = lead.actors.actor2
        var s1 = lead.actors.assoc1, s2 = lead.actors.assoc2
        func better(_ cur: ActorMention?, _ cand: ActorMention?) -> ActorMention? {
            guard let c = cand else { return cur }
            guard let x = cur else { return c }
            return x.isGeneric && !c.isGeneric && x.actor.inter == c.actor.inter ? c : x
        }
        func same(_ x: ActorMention?, _ y: ActorMention?) -> Bool {
            guard let x, let y else { return false }
            return x.actor.name == y.actor.name || (x.actor.inter == y.actor.inter && (x.isGeneric || y.isGeneric))
        }
        for f in frames where f.sentence != lead.sentence {
            var (b1, b2, t1, t2) = (f.actors.actor1, f.actors.actor2, f.actors.assoc1, f.actors.assoc2)
            // Orient: the side that matches our Actor1 goes first.
            if same(b2, a1) || same(b1, a2) { swap(&b1, &b2); swap(&t1, &t2) }
            a1 = better(a1, b1)
            a2 = better(a2, b2)
            s1 += t1
            s2 += t2
        }
        func dedupe(_ xs: [ActorMention], excluding: ActorMention?) -> [ActorMention] {
            var seen = Set<String>(excluding.map { [$0.actor.name] } ?? [])
            return xs.filter { seen.insert($0.actor.name).inserted }
        }
        return (a1, dedupe(s1, excluding: a1), a2, dedupe(s2, excluding: a2))
    }

    /// A generic actor ("rebels", "Islamist factions") stands for the coalition the document names
    /// nearest before it: its first group becomes the actor and the others its associated actors.
    func expandCoalition(_ actor: ActorMention?, _ assoc: [ActorMention], coalitions: [Coalition], near sentence: Int)
        -> (ActorMention?, [ActorMention]) {
        guard let a = actor, a.isGeneric || a.actor.name.hasPrefix("Opposition Rebels") else { return (actor, assoc) }
        let fitting = coalitions.filter { c in
            c.inter == a.actor.inter && (a.actor.country == nil || c.members.allSatisfy { $0.actor.country == nil || $0.actor.country == a.actor.country })
        }
        guard let coalition = fitting.last(where: { $0.sentence <= sentence }) ?? fitting.first,
              abs(coalition.sentence - sentence) <= 25, let head = coalition.members.first else { return (actor, assoc) }
        var seen = Set(assoc.map(\.actor.name) + [head.actor.name])
        let rest = coalition.members.dropFirst().filter { seen.insert($0.actor.name).inserted }
        return (head, assoc + rest)
    }

    /// How sure Sitrep is: the trigger's strength, whether date, place and actors were found, and
    /// whether the event rests on a party's claim.
    func confidence(_ frames: [EventFrame], _ e: CodedEvent) -> Double {
        var c = frames.map(\.strength).max() ?? 0.5
        c *= e.eventDate == nil ? 0.5 : (e.timePrecision == .day ? 1 : 0.8)
        c *= e.location.map { [1.0, 0.9, 0.75][min(2, max(0, $0.geoPrecision - 1))] } ?? 0.4
        c *= e.actor1 == nil ? 0.7 : 1
        if frames.allSatisfy({ $0.claimant != nil }) { c *= 0.8 }
        c = min(1, c * (1 + 0.1 * Double(frames.count - 1)))
        return (c * 1000).rounded() / 1000
    }

    /// Ids stay stable for the same input; two events that hash alike get a suffix in text order.
    func disambiguateIDs(_ events: [CodedEvent]) -> [CodedEvent] {
        var seen: [String: Int] = [:]
        return events.map { e in
            var e = e
            let n = seen[e.eventID, default: 0]
            seen[e.eventID] = n + 1
            if n > 0 { e.eventID += "-\(n)" }
            return e
        }
    }
}

/// Named groups that the document lists together as one coalition or operations room: three or
/// more distinct named groups of one category in a sentence.
struct Coalition: Sendable {
    var sentence: Int
    var inter: Inter
    var members: [ActorMention]

    static func all(in doc: Doc) -> [Coalition] {
        var out: [Coalition] = []
        var i = 0
        while i < doc.actors.count {
            // One pass over the actors, a sentence at a time.
            let sentence = doc.sentenceIndex(of: doc.actors[i].span)
            var byInter: [Inter: [ActorMention]] = [:]
            var seen = Set<String>()
            while i < doc.actors.count, doc.sentenceIndex(of: doc.actors[i].span) == sentence {
                let a = doc.actors[i]
                if !a.isGeneric && seen.insert(a.actor.name).inserted { byInter[a.actor.inter, default: []].append(a) }
                i += 1
            }
            for (inter, members) in byInter where members.count >= 3 {
                out.append(Coalition(sentence: sentence ?? 0, inter: inter, members: members))
            }
        }
        return out.sorted { $0.sentence < $1.sentence }
    }
}
