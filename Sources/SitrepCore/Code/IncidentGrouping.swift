/// One incident, one event (codebook: the unit is an actor pair, a place and a day): the frames of
/// a report that tell the same incident become one event, however many sentences tell it.
extension DocumentCoder {
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
        // Arrests made at a demonstration are how the police met it (codebook: protest with
        // intervention), part of the protest or riot event.
        if pair.contains(.arrests), pair.contains(where: { [.protests, .riots].contains($0.eventType) }) { return true }
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


    // MARK: The report as a whole

    /// A report's inverted pyramid: the lede tells the report's event, and later paragraphs add to
    /// it (who claimed it, the toll, the arrests that followed, "the attack …") or tell another
    /// event, at a place or on a day of their own. A later group that names no place and no day of
    /// its own, or the place and day of an earlier event, is more about that event. What only the
    /// headline or standfirst tells is the event the body tells.
    /// `bodyTellsSomething`: the body has frames of its own, recorded or not; a headline is coded on
    /// its own only for a page cut off after it.
    func consolidate(_ groups: [[EventFrame]], bodyTellsSomething: Bool) -> [[EventFrame]] {
        var told: [[EventFrame]] = []
        for g in groups where !g.allSatisfy(\.isSupport) {
            if let k = bestEvent(for: g, among: told) {
                told[k] = absorb(g, into: told[k])
            } else {
                told.append(g)
            }
        }
        for g in groups where g.allSatisfy(\.isSupport) {
            if let k = told.firstIndex(where: { isMoreAbout(g, $0, headline: true) }) {
                told[k] = absorb(g, into: told[k])
            } else if !bodyTellsSomething {
                // A page whose body tells nothing (cut off after its headline) is coded from the headline.
                told.append(g)
            }
        }
        return told.sorted { ($0.first?.sentence ?? 0) < ($1.first?.sentence ?? 0) }
    }

    /// The event a group tells more about: the one at the same place it names, else the latest told.
    func bestEvent(for g: [EventFrame], among told: [[EventFrame]]) -> Int? {
        let fitting = told.indices.filter { isMoreAbout(g, told[$0]) }
        if let here = g.first(where: \.ownPlace)?.location,
           let k = fitting.last(where: { isSamePlace(here, told[$0]) }) {
            return k
        }
        return fitting.last
    }

    /// The frames of a group told as more about an event; those of another kind of event give its
    /// fields (place, toll, who did it) but not its type: the report's event is what the lede says
    /// it was, with the codebook's hierarchy among what it says of the same kind.
    func absorb(_ g: [EventFrame], into event: [EventFrame]) -> [EventFrame] {
        let kind = typing(event).first?.subEventType ?? event[0].subEventType
        let added = g.map { f -> EventFrame in
            var f = f
            if f.isSupport || !familiesMerge(kind, f.subEventType) { f.isDetail = true }
            return f
        }
        return (event + added).sorted { $0.sentence < $1.sentence }
    }

    /// The frames that type an event: those told as the event, not as detail about it, nor as an
    /// event told already ("the attack", which a later sentence may type from who it names).
    func typing(_ frames: [EventFrame]) -> [EventFrame] {
        let first = frames.filter { !$0.isDetail && !$0.anaphoric }
        if !first.isEmpty { return first }
        let own = frames.filter { !$0.isDetail }
        return own.isEmpty ? frames : own
    }

    func isMoreAbout(_ g: [EventFrame], _ event: [EventFrame], headline: Bool = false) -> Bool {
        // A day of its own that is not the event's day makes another event (one event a day).
        if let day = g.first(where: \.ownDate)?.date, !sameDay(day, event) { return false }
        // A place of its own elsewhere makes another event (one event a place).
        if let here = g.first(where: \.ownPlace)?.location,
           let there = (event.first(where: \.ownPlace) ?? event.first(where: { $0.location != nil }))?.location,
           !sameGround(here, there) {
            return false
        }
        if headline || g.contains(where: \.anaphoric) { return true }
        let kind = typing(event).first?.subEventType ?? event[0].subEventType
        let sidesAgree = g.allSatisfy { f in event.contains { e in actorsMerge(e.actors, f.actors) } }
        // The same kind of violence, with no day of its own, at the event's place: the same incident
        // unless other named groups fought it (roles read from a quote or a statement are often
        // the speaker's, not the fighters').
        if familiesMerge(kind, g[0].subEventType) {
            return sidesAgree || (!g.contains(where: \.ownDate) && !namedSidesDiffer(g, event))
        }
        // Another kind of event with no day of its own, at no place of its own, the event's place or a
        // town inside the province it was told in: what followed the event (a deployment, a claim),
        // or the same violence read another way ("some stormed the houses of UN staff" in a riot);
        // not arrests by others, nor other named groups doing something else.
        guard !g.contains(where: \.ownDate),
              !g.contains(where: { $0.ownPlace && !isWithin($0.location, event) && !isSamePlace($0.location, event) }) else { return false }
        if g.allSatisfy({ $0.subEventType.eventType == .strategicDevelopments && $0.subEventType != .arrests }) { return true }
        if sidesAgree { return true }
        // (Lethal force against protesters is violence too: "forces opened fire on people" is more
        // of the shooting at a protest.)
        func violent(_ t: SubEventType) -> Bool {
            [.battles, .explosions, .violenceAgainstCivilians, .riots].contains(t.eventType) || t == .excessiveForceAgainstProtesters
        }
        return violent(kind) && g.allSatisfy { violent($0.subEventType) } && !namedSidesDiffer(g, event)
    }

    func isSamePlace(_ place: EventLocation?, _ event: [EventFrame]) -> Bool {
        guard let place, let there = event.compactMap(\.location).first(where: { $0.mention != nil }) else { return false }
        return TextFolding.fold(place.location) == TextFolding.fold(there.location) && place.country == there.country
    }

    /// A place inside the broader place (province, region) an event was told in.
    func isWithin(_ place: EventLocation?, _ event: [EventFrame]) -> Bool {
        guard let place, let there = event.compactMap(\.location).first(where: { $0.mention != nil }),
              let kind = there.mention?.place.kind, [.region, .admin1, .admin2].contains(kind) else { return false }
        return breadth(there) > breadth(place) && placesMerge(place, there)
    }

    /// A day a report states agrees with an event's when it falls within the precision of the day
    /// the event was told with ("earlier this week", "in March"), or within two days of the report's
    /// own date (reports come out a day or two after) where the event's day was not told.
    func sameDay(_ day: DateMention, _ event: [EventFrame]) -> Bool {
        guard let d = day.date else { return true }
        let told = event.first(where: \.ownDate)?.date ?? event.first(where: { $0.date != nil })?.date
        guard let t = told, let e = t.date else { return true }
        let slack: Int
        if t.span.length == 0 { slack = 2 } else {
            switch t.precision { case .day: slack = 0; case .week: slack = 4; case .month: slack = 16 }
        }
        return abs(d.dayNumber - e.dayNumber) <= slack
    }

    /// Places that can be one event's: the same place, a town inside a named province or region, a
    /// place within 10 km (a village and the town it is near), or a dateline that only says which country.
    func sameGround(_ a: EventLocation, _ b: EventLocation) -> Bool {
        if a.mention == nil || b.mention == nil { return a.country == b.country }
        if placesMerge(a, b) { return true }
        return a.country == b.country && Earth.distanceKm(a.latitude, a.longitude, b.latitude, b.longitude) <= 10
    }

    func namedSidesDiffer(_ g: [EventFrame], _ event: [EventFrame]) -> Bool {
        let mine = Set(g.flatMap { named($0.actors.filterGeneric()) })
        let theirs = Set(event.flatMap { named($0.actors.filterGeneric()) })
        return !mine.isEmpty && !theirs.isEmpty && mine.isDisjoint(with: theirs)
    }
}

extension EventActors {
    /// The named actors only: generic descriptions ("gunmen") can be anyone's.
    func filterGeneric() -> EventActors {
        EventActors(actor1: actor1?.isGeneric == true ? nil : actor1, assoc1: [],
                    actor2: actor2?.isGeneric == true ? nil : actor2, assoc2: [])
    }
}
