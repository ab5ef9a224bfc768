import SitrepCore

/// One coded event of one article, as the store keeps it: what merging compares.
public struct Mention: Sendable, Hashable, Codable {
    /// Stable: a hash of the article's url (its content id when it has none) and what identifies the
    /// event in it, so a corrected version of an article keeps its mentions' ids (and the events
    /// they anchor keep theirs) unless the correction moves the event.
    public var id: String
    public var articleID: String
    /// Position among the article's recorded events.
    public var ordinal: Int
    public var published: CivilDate?
    public var source: String?
    public var eventDate: CivilDate
    public var timePrecision: TimePrecision
    /// The text names the calendar day ("on 14 March"); false for "on Monday", "yesterday" or an
    /// undated report coded to its publication date, which may be a day off.
    public var dateExplicit: Bool
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
    public var fatalities: Int
    public var fatalitiesLow: Int
    public var fatalitiesHigh: Int
    /// The report gives a toll (a casualty phrase backs `fatalities`); a report that says nothing
    /// of the dead is not a credible "0" against one that counts them.
    public var hasToll: Bool
    public var claimedFatalities: Int?
    public var claimedBy: String?
    public var confidence: Double
    public var notes: String

    public var eventType: EventType { subEventType.eventType }

    public init(id: String, articleID: String, ordinal: Int, published: CivilDate?, source: String?,
                eventDate: CivilDate, timePrecision: TimePrecision, dateExplicit: Bool, subEventType: SubEventType,
                actor1: Actor?, assocActor1: [Actor], actor2: Actor?, assocActor2: [Actor], civilianTargeting: Bool,
                iso: Int?, country: String, admin1: String, admin2: String, location: String, latitude: Double,
                longitude: Double, geoPrecision: Int, fatalities: Int, fatalitiesLow: Int, fatalitiesHigh: Int,
                hasToll: Bool, claimedFatalities: Int?, claimedBy: String?, confidence: Double, notes: String) {
        self.id = id
        self.articleID = articleID
        self.ordinal = ordinal
        self.published = published
        self.source = source
        self.eventDate = eventDate
        self.timePrecision = timePrecision
        self.dateExplicit = dateExplicit
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
        self.hasToll = hasToll
        self.claimedFatalities = claimedFatalities
        self.claimedBy = claimedBy
        self.confidence = confidence
        self.notes = notes
    }

    /// The store's record of a recorded coded event; nil for events the codebook drops (no date or
    /// no place below country level), which the store does not keep.
    public init?(_ e: CodedEvent, articleID: String, ordinal: Int, idKey: String) {
        guard e.droppedReason == nil, let date = e.eventDate, let l = e.location else { return nil }
        let dateText = e.evidence.first { $0.field == "event_date" }?.text ?? ""
        self.init(
            id: "M" + EventID.hash(idKey).prefix(16).uppercased(),
            articleID: articleID, ordinal: ordinal, published: e.published, source: e.source, eventDate: date,
            timePrecision: e.timePrecision ?? .day, dateExplicit: dateText.contains { $0.isNumber },
            subEventType: e.subEventType, actor1: e.actor1, assocActor1: e.assocActor1, actor2: e.actor2,
            assocActor2: e.assocActor2, civilianTargeting: e.civilianTargeting, iso: l.iso, country: l.country,
            admin1: l.admin1, admin2: l.admin2, location: l.location, latitude: l.latitude, longitude: l.longitude,
            geoPrecision: l.geoPrecision, fatalities: e.fatalities, fatalitiesLow: e.fatalitiesLow,
            fatalitiesHigh: e.fatalitiesHigh, hasToll: e.evidence.contains { $0.field == "fatalities" },
            claimedFatalities: e.claimedFatalities, claimedBy: e.claimedBy, confidence: e.confidence, notes: e.notes)
    }

    /// What identifies an event within its article, for its id.
    public static func key(_ e: CodedEvent, article: String) -> String {
        [article, e.eventDate?.description ?? "", e.location?.location ?? "", e.location?.admin1 ?? "", e.eventType.rawValue,
         [e.actor1?.name ?? "", e.actor2?.name ?? ""].sorted().joined(separator: "|")].joined(separator: "\u{1F}")
    }

    /// How many days either side of its date the report may be: the codebook's time precision,
    /// and a day for a relative or undated day ("on Monday" in a report filed overnight).
    public var dayTolerance: Int {
        switch timePrecision {
        case .month: 15
        case .week: 3
        case .day: dateExplicit ? 0 : 1
        }
    }
}
