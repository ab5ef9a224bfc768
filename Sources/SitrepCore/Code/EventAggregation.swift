/// The codebook's unit of analysis: one event per actor pair, location and day. Frames of one
/// document that describe the same event (the same actors, place and day, or a frame missing
/// one of these that agrees on the rest) become one event.
extension DocumentCoder {
    public func code(_ doc: Doc) -> [CodedEvent] {
        let all = readAsAPage(frames(doc), doc)
        let (live, dead) = (all.filter { $0.modality == nil }, all.filter { $0.modality != nil })
        // The headline's frames are grouped apart: they name the body's event, and `consolidate`
        // joins them to it.
        var groups = group(live.filter { !$0.isSupport }) + group(live.filter(\.isSupport))
        groups.sort { $0.first!.sentence < $1.first!.sentence }
        groups = consolidate(groups, bodyTellsSomething: all.contains { !$0.isSupport })
        let coalitions = Coalition.all(in: doc)
        var events = groups.flatMap { g in
            splitByPlace(makeEvent(doc, g, coalitions: coalitions), g, doc).flatMap { splitByDay($0, g) }
        }
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

    /// A page is read as a whole (issue 13): when its headline and lede only announce, plan or call
    /// for something ("will hold protests next week"), only tell a match, a disaster or a market, or
    /// only give statistics or analysis, the page is of that kind, and what else it tells is too
    /// unless it gives a day of its own (or, on a sports or disaster page, a named armed group).
    func readAsAPage(_ frames: [EventFrame], _ doc: Doc) -> [EventFrame] {
        let ledeSentence = doc.sentences.indices.first { doc.block(ofSentence: $0) == .body } ?? 0
        let lede = frames.first { !$0.isSupport && $0.sentence >= ledeSentence }?.sentence ?? ledeSentence
        let lead = frames.filter { $0.isSupport || $0.sentence == lede }
        guard let kind = lead.first?.modality, [.future, .notPolitical, .background].contains(kind),
              lead.allSatisfy({ $0.modality == kind }) else { return frames }
        return frames.map { f in
            var f = f
            guard f.modality == nil else { return f }
            // On an announcement, what the sentence itself says will or would happen is planned
            // whatever day it names ("the main rally would be taken out from Peshawar on March 28").
            if kind == .future, cues.find(doc, in: doc.sentences[f.sentence].tokens).contains(where: { $0.cue == .future && $0.weight >= 0.7 }) {
                f.modality = .future
                return f
            }
            // (On a page of statistics or analysis only a day of its own makes an incident.)
            guard !f.ownDate || kind == .background && f.date?.precision != .day else { return f }
            if kind == .notPolitical, doc.actors(in: f.clause).contains(where: { !$0.isGeneric && $0.actor.inter.isArmed }) { return f }
            f.modality = kind
            return f
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

    // MARK: Events

    func makeEvent(_ doc: Doc, _ frames: [EventFrame], coalitions: [Coalition]) -> CodedEvent {
        var explanation: [(field: String, reason: String)] = []
        var evidence: [Evidence] = []
        func cite(_ field: String, _ span: Span) {
            guard span.length > 0 else { return }
            evidence.append(Evidence(field: field, span: span, text: doc.text(span)))
        }

        let typed = typing(frames)
        let ruleType = combinedType(typed)
        let decision = TypeDecision.decide(rule: ruleType, ruleStrength: typed.map(\.strength).max() ?? 0,
                                           ranked: typeModel.map { TypeDecision.rank(typed, rule: ruleType, doc: doc, model: $0) }, model: typeModel)
        let type = decision.type ?? ruleType
        let lead = typed.first { $0.subEventType == type } ?? typed[0]
        explanation.append(("sub_event_type", "\(type.rawValue): " + frames.map { "sentence \($0.sentence + 1): \($0.subEventType.rawValue) (\($0.typingReason))" }.joined(separator: "; ")
            + (frames.count > 1 ? "; combined by the codebook hierarchy" : "") + "; \(decision.reason)"))
        for f in frames { cite("sub_event_type", f.anchor.span) }

        // The most precise date and place among the frames.
        // A day the text states outranks the day a report is dated by (an empty span).
        let dated = frames.compactMap(\.date).filter { $0.date != nil }.min {
            ($0.span.length == 0 ? 1 : 0, $0.precision.rawValue) < ($1.span.length == 0 ? 1 : 0, $1.precision.rawValue)
        }
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
        // The place the text ties to the event, the most precise first; the dateline's city only
        // when the text names none.
        // Admin names as ACLED wrote them on the event's day (Libya's before 2018).
        let location = frames.compactMap(\.location).min {
            ($0.mention == nil ? 1 : 0, breadth($0), $0.geoPrecision) < ($1.mention == nil ? 1 : 0, breadth($1), $1.geoPrecision)
        }.map { l in
            ACLEDAdminNames.shared.named(l, on: date, countryCode: l.mention?.place.countryCode ?? Gazetteer.shared.country(acledName: l.country)?.iso2 ?? "")
        }
        if let l = location {
            cite("location", l.evidence)
            explanation.append(("location", "\(l.location) (\(l.admin1), \(l.country)), geo_precision \(l.geoPrecision)" + (l.explanation.isEmpty ? "" : ": \(l.explanation)")))
        } else {
            explanation.append(("location", "no place below country level"))
        }

        var (actor1, assoc1, actor2, assoc2) = mergeActors(frames, lead: lead)
        (actor1, assoc1) = expandCoalition(actor1, assoc1, coalitions: coalitions, near: lead.sentence)
        (actor2, assoc2) = expandCoalition(actor2, assoc2, coalitions: coalitions, near: lead.sentence)
        // A perpetrator the report names later ("X claimed responsibility for the attack") is the
        // one the lede left unnamed.
        if actor1 == nil || actor1?.isGeneric == true, type.eventType != .protests, type.eventType != .strategicDevelopments,
           let claimant = claimedPerpetrator(doc, frames), claimant.actor.name != actor2?.actor.name {
            explanation.append(("actor1", "\(claimant.actor.name) claimed responsibility: \"\(doc.text(claimant.span))\""))
            actor1 = claimant
        }
        let eventCountry = location?.country ?? doc.focusCountry
        actor1 = actor1.map { inEventCountry($0, location?.country, date: date, doc) }
        actor2 = actor2.map { inEventCountry($0, location?.country, date: date, doc) }
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
        // A headline restates the body's toll ("Shelling kills four" over "killing four
        // civilians"): its figures count only when the body gives none.
        let told = frames.contains { !$0.isSupport && ($0.casualties + $0.claimedCasualties).contains { $0.outcome == .killed } }
            ? frames.filter { !$0.isSupport } : frames
        let verified = told.flatMap(\.casualties).filter { seen.insert($0.span).inserted }
        let claimed = told.flatMap(\.claimedCasualties).filter { seen.insert($0.span).inserted }
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
            event.droppedReason = CodedEvent.noDateReason
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
        // A battle absorbs the shelling around it only when there was fighting: an ambush with an
        // IED, a grenade thrown at a police post, a bomb that killed a ranger, with no exchange of
        // fire told, is the explosion (codebook: battles need both sides fighting).
        let weapons = frames.filter { $0.subEventType.eventType == .explosions }
        if !weapons.isEmpty, frames.contains(where: { $0.subEventType.eventType == .battles }),
           !frames.contains(where: { $0.concepts.has(.clash, atLeast: 0.5) }) {
            return SubEventRules.combine(weapons.map(\.subEventType)) ?? weapons[0].subEventType
        }
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
