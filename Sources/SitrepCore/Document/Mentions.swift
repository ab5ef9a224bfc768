/// ACLED time precision: 1 the day is known, 2 only the week (coded to its midpoint),
/// 3 only the month (coded to mid-month, or its first/last day for "beginning/end of").
public enum TimePrecision: Int, Codable, Sendable, Comparable {
    case day = 1
    case week = 2
    case month = 3

    public static func < (a: TimePrecision, b: TimePrecision) -> Bool { a.rawValue < b.rawValue }
}

/// A date expression and the day it resolves to.
public struct DateMention: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case absolute      // "18 December 2015", "18/12/2015", "December 18"
        case weekday       // "on Sunday", "Tuesday"
        case relative      // "yesterday", "last week", "earlier this month"
    }

    public var span: Span
    /// Nil when the expression needs a publication date that the document lacks.
    public var date: CivilDate?
    public var precision: TimePrecision
    public var kind: Kind

    public init(span: Span, date: CivilDate?, precision: TimePrecision, kind: Kind) {
        self.span = span
        self.date = date
        self.precision = precision
        self.kind = kind
    }
}

/// A number as a report gives it: "more than 150", "20 to 30", "dozens".
public struct Count: Sendable, Hashable, Codable {
    /// The figure ACLED would record: the lower bound for "more than N", "at least N", ranges.
    public var value: Int
    public var low: Int
    public var high: Int
    /// True for vague quantities coded by convention ("dozens" → 12, "several" → 3).
    public var isVague: Bool

    public init(value: Int, low: Int? = nil, high: Int? = nil, isVague: Bool = false) {
        self.value = value
        self.low = low ?? value
        self.high = high ?? value
        self.isVague = isVague
    }
}

/// A casualty phrase: "about 70 people, including women and children, had been killed".
public struct CasualtyMention: Sendable, Hashable {
    public enum Outcome: String, Sendable, Hashable {
        case killed
        case wounded
        /// "casualties" with no split between dead and injured: ACLED records 0 dead.
        case casualties
    }

    public var span: Span
    /// Span of the number phrase alone ("about 70").
    public var countSpan: Span
    public var count: Count
    public var outcome: Outcome
    /// The people counted, as written ("regime troops", "people", "civilians").
    public var victims: String?
    /// Civilians are named among the victims ("civilians", "women and children").
    public var civilianVictims: Bool

    public init(span: Span, countSpan: Span, count: Count, outcome: Outcome, victims: String? = nil,
                civilianVictims: Bool = false) {
        self.span = span
        self.countSpan = countSpan
        self.count = count
        self.outcome = outcome
        self.victims = victims
        self.civilianVictims = civilianVictims
    }
}

/// How a place is referred to, which decides ACLED's geo_precision.
public enum PlaceQualifier: String, Sendable, Hashable, Codable {
    case exact          // "in Douma"
    case near           // "near X", "outskirts of X", "north of X"
    case area           // "X region", "X countryside", "X district" (part of a region)
    case province       // "X province/governorate/state" or an admin1 name on its own
}

/// A place name found in the text and the gazetteer entry it was resolved to.
public struct PlaceMention: Sendable, Hashable {
    /// `Place.source` of a settlement the gazetteer lacks, read from the report's own words and
    /// placed at the unit the report puts it in (see `Reading.unknownSettlements`).
    public static let reportSource = "report"

    public var span: Span
    public var place: Place
    public var qualifier: PlaceQualifier
    /// Other gazetteer entries with the same name that were considered, best first.
    public var alternatives: [Place]
    /// 0–1: how sure the resolver is that this is the right place.
    public var score: Double
    /// One of several namesakes in one country that nothing in the report tells apart: the
    /// likeliest is given, at a lower precision (near it) rather than as a precise point.
    public var ambiguous = false

    public init(span: Span, place: Place, qualifier: PlaceQualifier, alternatives: [Place] = [],
                score: Double = 1) {
        self.span = span
        self.place = place
        self.qualifier = qualifier
        self.alternatives = alternatives
        self.score = score
    }
}

/// An actor named or described in the text ("Islam Army", "regime troops", "gunmen").
public struct ActorMention: Sendable, Hashable {
    public var span: Span
    public var actor: Actor
    /// True for descriptions resolved by country ("gunmen" → Unidentified Armed Group (Mali)).
    public var isGeneric: Bool

    public init(span: Span, actor: Actor, isGeneric: Bool = false) {
        self.span = span
        self.actor = actor
        self.isGeneric = isGeneric
    }
}
