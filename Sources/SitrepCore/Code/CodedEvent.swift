/// A span of the cleaned text that supports one field of an event.
public struct Evidence: Sendable, Hashable {
    public var field: String
    public var span: Span
    public var text: String

    public init(field: String, span: Span, text: String) {
        self.field = field
        self.span = span
        self.text = text
    }
}

/// One event coded the way ACLED's coders code it, with the text behind every field.
public struct CodedEvent: Sendable {
    public var eventID: String
    public var articleID: String
    public var eventDate: CivilDate?
    public var timePrecision: TimePrecision?
    public var subEventType: SubEventType
    public var actor1: Actor?
    public var assocActor1: [Actor]
    public var actor2: Actor?
    public var assocActor2: [Actor]
    public var civilianTargeting: Bool
    public var location: EventLocation?
    public var source: String?
    public var notes: String
    public var fatalities: Int
    public var fatalitiesLow: Int
    public var fatalitiesHigh: Int
    /// Figure given by a party to the conflict, kept apart from the verified count.
    public var claimedFatalities: Int?
    public var claimedBy: String?
    public var confidence: Double
    public var evidence: [Evidence]
    /// Why the codebook would not record this event; nil for recorded events.
    public var droppedReason: String?
    /// The reason of an event that has all but its date: a document with no date of its own, coded
    /// without `--published` (codebook: an event is recorded with its date).
    public static let noDateReason = "no date"
    /// Human-readable reasons for each field, for `--explain`.
    public var explanation: [(field: String, reason: String)]
    public var title: String?
    public var url: String?
    public var published: CivilDate?

    public var eventType: EventType { subEventType.eventType }
    /// Where the text first reports the event: the start of the words that typed it.
    public var reportedAt: Int {
        evidence.first { $0.field == "sub_event_type" }?.span.start ?? evidence.map(\.span.start).min() ?? Int.max
    }
    public var disorderType: DisorderType { subEventType.disorderType }
    public var interaction: String { Inter.interaction(actor1?.inter, actor2?.inter) }
}
