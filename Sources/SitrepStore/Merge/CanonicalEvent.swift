import SitrepCore

/// One event as the dataset shows it: every report of it merged.
public struct CanonicalEvent: Sendable, Hashable, Codable {
    public var id: String
    public var eventDate: CivilDate
    public var timePrecision: TimePrecision
    public var subEventType: SubEventType
    public var actor1: Actor?
    public var assocActor1: [Actor]
    public var actor2: Actor?
    public var assocActor2: [Actor]
    public var civilianTargeting: Bool
    public var iso: Int?
    public var country: String
    public var admin1: String
    public var admin2: String
    public var location: String
    public var latitude: Double
    public var longitude: Double
    public var geoPrecision: Int
    /// The codebook's figure: the lowest credible toll among the reports.
    public var fatalities: Int
    /// The range the reports give.
    public var fatalitiesLow: Int
    public var fatalitiesHigh: Int
    public var claimedFatalities: Int?
    public var claimedBy: String?
    /// Distinct sources, sorted.
    public var sources: [String]
    public var articleCount: Int
    public var mentionCount: Int
    public var confidence: Double
    public var notes: String
    public var anchorMention: String
    public var anchorArticle: String

    public var eventType: EventType { subEventType.eventType }
    public var disorderType: DisorderType { subEventType.disorderType }
    public var interaction: String { Inter.interaction(actor1?.inter, actor2?.inter) }

    public init(id: String, eventDate: CivilDate, timePrecision: TimePrecision, subEventType: SubEventType,
                actor1: Actor?, assocActor1: [Actor], actor2: Actor?, assocActor2: [Actor], civilianTargeting: Bool,
                iso: Int?, country: String, admin1: String, admin2: String, location: String, latitude: Double,
                longitude: Double, geoPrecision: Int, fatalities: Int, fatalitiesLow: Int, fatalitiesHigh: Int,
                claimedFatalities: Int?, claimedBy: String?, sources: [String], articleCount: Int, mentionCount: Int,
                confidence: Double, notes: String, anchorMention: String, anchorArticle: String) {
        self.id = id
        self.eventDate = eventDate
        self.timePrecision = timePrecision
        self.subEventType = subEventType
        self.actor1 = actor1
        self.assocActor1 = assocActor1
        self.actor2 = actor2
        self.assocActor2 = assocActor2
        self.civilianTargeting = civilianTargeting
        self.iso = iso
        self.country = country
        self.admin1 = admin1
        self.admin2 = admin2
        self.location = location
        self.latitude = latitude
        self.longitude = longitude
        self.geoPrecision = geoPrecision
        self.fatalities = fatalities
        self.fatalitiesLow = fatalitiesLow
        self.fatalitiesHigh = fatalitiesHigh
        self.claimedFatalities = claimedFatalities
        self.claimedBy = claimedBy
        self.sources = sources
        self.articleCount = articleCount
        self.mentionCount = mentionCount
        self.confidence = confidence
        self.notes = notes
        self.anchorMention = anchorMention
        self.anchorArticle = anchorArticle
    }

    /// Field name → value as text, for revisions ("what changed").
    public var fieldValues: [(String, String)] {
        [("event_date", eventDate.description), ("time_precision", String(timePrecision.rawValue)),
         ("sub_event_type", subEventType.rawValue), ("actor1", actor1?.name ?? ""),
         ("assoc_actor_1", assocActor1.map(\.name).joined(separator: "; ")), ("actor2", actor2?.name ?? ""),
         ("assoc_actor_2", assocActor2.map(\.name).joined(separator: "; ")),
         ("civilian_targeting", civilianTargeting ? "Civilian targeting" : ""), ("country", country),
         ("admin1", admin1), ("admin2", admin2), ("location", location), ("geo_precision", String(geoPrecision)),
         ("fatalities", String(fatalities)), ("fatalities_low", String(fatalitiesLow)),
         ("fatalities_high", String(fatalitiesHigh)), ("claimed_fatalities", claimedFatalities.map(String.init) ?? ""),
         ("sources", sources.joined(separator: "; ")), ("article_count", String(articleCount)),
         ("mention_count", String(mentionCount)), ("anchor_mention", anchorMention), ("notes", notes)]
    }

    /// What differs from an earlier state of the event: (field, old, new).
    public func changes(since old: CanonicalEvent) -> [FieldChange] {
        zip(old.fieldValues, fieldValues).compactMap { o, n in
            o.1 == n.1 ? nil : FieldChange(field: n.0, old: o.1, new: n.1)
        }
    }
}

public struct FieldChange: Sendable, Hashable, Codable {
    public var field: String
    public var old: String
    public var new: String

    /// A revision's changes as a JSON array of {field, old, new}: the stored form and the API's.
    public static func write(_ changes: [FieldChange], to w: inout JSONWriter) {
        w.objects(changes) { w, c in
            w.field("field", c.field)
            w.field("old", c.old)
            w.field("new", c.new)
        }
    }
}

/// Builds the canonical event of a cluster: pure, so the same members always give the same event.
public enum CanonicalBuilder {
    public static func id(anchor: Mention) -> String {
        "SIT" + EventID.hash("event\u{1F}" + anchor.id).prefix(12).uppercased()
    }

    public static func build(_ cluster: Cluster) -> CanonicalEvent {
        let members = cluster.members
        let anchor = cluster.anchor

        // Type: what most reports say; ties go to the codebook's hierarchy (earlier case wins).
        let subType = mostCommon(members.map(\.subEventType)) { $0.hierarchyRank < $1.hierarchyRank }!

        // Date: the most precise; among those, what most reports say, then the earliest.
        let bestTime = members.map(\.timePrecision).min()!
        let date = mostCommon(members.filter { $0.timePrecision == bestTime }.map(\.eventDate)) { $0 < $1 }!

        // Place: the most precise; among those, the place most reports name, then by name.
        let bestGeo = members.map(\.geoPrecision).min()!
        let placed = members.filter { $0.geoPrecision == bestGeo }
        let placeKey = mostCommon(placed.map { $0.location + "\u{1F}" + $0.admin1 }) { $0 < $1 }!
        let place = placed.filter { $0.location + "\u{1F}" + $0.admin1 == placeKey }.min { $0.id < $1.id }!

        // Actors: from the report that names them best (named sides over unknown or generic ones).
        func named(_ a: Actor?) -> Int { a == nil ? 0 : (EventMatcher.isGeneric(a!) ? 1 : 2) }
        let actorSource = members.max { l, r in
            (named(l.actor1) + named(l.actor2), r.id) < (named(r.actor1) + named(r.actor2), l.id)
        }!
        var assoc1 = actorSource.assocActor1, assoc2 = actorSource.assocActor2
        for m in members {
            for a in m.assocActor1 where !assoc1.contains(a) && a != actorSource.actor1 { assoc1.append(a) }
            for a in m.assocActor2 where !assoc2.contains(a) && a != actorSource.actor2 { assoc2.append(a) }
        }
        assoc1.sort { $0.name < $1.name }
        assoc2.sort { $0.name < $1.name }

        // Fatalities (codebook: conflicting reports → the lowest): the lowest toll among reports
        // that give one; a report silent on the dead does not make it 0. Low/high span all reports.
        let tolls = members.filter(\.hasToll)
        let fatalities = tolls.map(\.fatalities).min() ?? 0
        let low = (tolls.isEmpty ? members : tolls).map(\.fatalitiesLow).min() ?? 0
        let high = members.map(\.fatalitiesHigh).max() ?? 0
        let claim = members.filter { $0.claimedFatalities != nil }.min { ($0.claimedFatalities!, $0.id) < ($1.claimedFatalities!, $1.id) }

        var event = CanonicalEvent(
            id: id(anchor: anchor), eventDate: date, timePrecision: bestTime, subEventType: subType,
            actor1: actorSource.actor1, assocActor1: assoc1, actor2: actorSource.actor2, assocActor2: assoc2,
            civilianTargeting: members.contains(where: \.civilianTargeting), iso: place.iso, country: place.country,
            admin1: place.admin1, admin2: place.admin2, location: place.location, latitude: place.latitude,
            longitude: place.longitude, geoPrecision: bestGeo, fatalities: fatalities, fatalitiesLow: min(low, fatalities),
            fatalitiesHigh: max(high, fatalities), claimedFatalities: claim?.claimedFatalities, claimedBy: claim?.claimedBy,
            sources: Array(Set(members.compactMap(\.source))).sorted(),
            articleCount: Set(members.map(\.articleID)).count, mentionCount: members.count,
            confidence: members.map(\.confidence).max() ?? 0, notes: "", anchorMention: anchor.id,
            anchorArticle: anchor.articleID)
        event.notes = notes(event)
        return event
    }

    /// ACLED's one-sentence note, written by the core's note writer, plus how many reports it rests on.
    static func notes(_ e: CanonicalEvent) -> String {
        var s = EventNotes.write(codedEvent(e))
        if e.articleCount > 1 {
            s += " Merged from \(e.articleCount) reports"
            if e.fatalitiesHigh > e.fatalities { s += " (tolls \(e.fatalitiesLow)–\(e.fatalitiesHigh))" }
            s += "."
        }
        return s
    }

    /// The event in the core's type, for the note writer and the output formats.
    public static func codedEvent(_ e: CanonicalEvent, evidence: [Evidence] = [], title: String? = nil,
                                  url: String? = nil, published: CivilDate? = nil) -> CodedEvent {
        var c = CodedEventTemplate.shared
        c.eventID = e.id
        c.articleID = e.anchorArticle
        c.eventDate = e.eventDate
        c.timePrecision = e.timePrecision
        c.subEventType = e.subEventType
        c.actor1 = e.actor1
        c.assocActor1 = e.assocActor1
        c.actor2 = e.actor2
        c.assocActor2 = e.assocActor2
        c.civilianTargeting = e.civilianTargeting
        c.location = EventLocation(mention: nil, location: e.location, admin1: e.admin1, admin2: e.admin2,
                                   country: e.country, iso: e.iso, latitude: e.latitude, longitude: e.longitude,
                                   geoPrecision: e.geoPrecision, evidence: Span(0, 0))
        c.source = e.sources.isEmpty ? nil : e.sources.joined(separator: "; ")
        c.notes = e.notes
        c.fatalities = e.fatalities
        c.fatalitiesLow = e.fatalitiesLow
        c.fatalitiesHigh = e.fatalitiesHigh
        c.claimedFatalities = e.claimedFatalities
        c.claimedBy = e.claimedBy
        c.confidence = e.confidence
        c.evidence = evidence
        c.droppedReason = nil
        c.explanation = []
        c.title = title
        c.url = url
        c.published = published
        return c
    }

    /// The value most members give; ties broken by `before`.
    static func mostCommon<T: Hashable>(_ values: [T], before: (T, T) -> Bool) -> T? {
        var counts: [T: Int] = [:]
        for v in values { counts[v, default: 0] += 1 }
        return counts.max { l, r in l.value != r.value ? l.value < r.value : before(r.key, l.key) }?.key
    }
}

/// `CodedEvent` has no public initialiser (its memberwise one is internal to SitrepCore), but every
/// field is a public `var`: the store takes one event the pipeline codes and overwrites every field.
enum CodedEventTemplate {
    static let shared: CodedEvent = {
        let pipeline = Pipeline(defaultPublished: CivilDate(year: 2020, month: 1, day: 1))
        for text in templateTexts {
            if let e = pipeline.run(Article(body: .text(text))).events.first { return e }
        }
        fatalError("the pipeline coded none of the template reports: cannot build events for output")
    }()

    static let templateTexts = [
        "On 3 January 2020, gunmen killed three villagers near Kadugli, residents said.",
        "On 3 January 2020, protesters rallied in Khartoum.",
        "Rebels attacked an army post in Douma on Friday.",
    ]
}
