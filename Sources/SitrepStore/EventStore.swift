import Foundation
import SitrepCore

/// The event store's interface: what the CLI and the HTTP server (a later issue) use, whatever
/// database is behind it. `SQLiteEventStore` implements it now; a PostgreSQL store will follow,
/// which is why the schema is plain portable SQL in versioned migrations.
public protocol EventStore: Sendable {
    /// Content ids already stored (any status): re-ingesting them is a no-op, so callers can skip
    /// extraction for them.
    func knownArticleIDs(_ ids: [String]) throws -> Set<String>
    /// Stores a batch in one transaction: a crash loses at most the batch, never half of it.
    func ingest(_ batch: [ExtractedArticle], at: Date) throws -> IngestReport
    /// Withdraws an article (by content id or url): its reports leave their events; events left
    /// with no report are deleted and go to the deletion feed.
    func retract(_ articleIDOrURL: String, reason: String, at: Date) throws -> IngestReport

    func events(_ query: EventQuery) throws -> EventPage
    func event(id: String) throws -> EventDetail?
    func article(id: String) throws -> ArticleDetail?
    func stats(_ query: StatsQuery) throws -> [WeeklyStat]
    func changes(since: Date) throws -> ChangeFeed
    func counts() throws -> StoreCounts
    /// Every row of every table in a fixed order, without wall-clock columns: two stores that hold
    /// the same content dump the same text.
    func dump(_ write: (String) -> Void) throws
}

public struct IngestReport: Sendable, Hashable {
    public var articlesAdded = 0
    public var articlesUnchanged = 0
    public var articlesSuperseded = 0
    public var articlesWithdrawn = 0
    public var nearDuplicates = 0
    public var mentionsAdded = 0
    public var eventsCreated = 0
    public var eventsUpdated = 0
    public var eventsDeleted = 0
    /// Documents set aside by this run (their coding failed), and documents skipped because an
    /// earlier run set them aside.
    public var articlesQuarantined = 0
    public var articlesSkippedQuarantined = 0
    /// Documents coded with no date of their own (nor `--published`), and the events that cost.
    public var articlesUndated = 0
    public var eventsDroppedForNoDate = 0

    public init() {}

    public mutating func add(_ o: IngestReport) {
        articlesAdded += o.articlesAdded
        articlesUnchanged += o.articlesUnchanged
        articlesSuperseded += o.articlesSuperseded
        articlesWithdrawn += o.articlesWithdrawn
        nearDuplicates += o.nearDuplicates
        mentionsAdded += o.mentionsAdded
        eventsCreated += o.eventsCreated
        eventsUpdated += o.eventsUpdated
        eventsDeleted += o.eventsDeleted
        articlesQuarantined += o.articlesQuarantined
        articlesSkippedQuarantined += o.articlesSkippedQuarantined
        articlesUndated += o.articlesUndated
        eventsDroppedForNoDate += o.eventsDroppedForNoDate
    }
}

public struct StoreCounts: Sendable, Hashable {
    public var articles: Int
    public var activeArticles: Int
    public var stories: Int
    public var mentions: Int
    public var events: Int
    public var revisions: Int
    public var deletions: Int
}

// MARK: queries

public enum EventSort: String, Sendable, CaseIterable {
    case dateDesc = "date-desc", dateAsc = "date-asc", fatalitiesDesc = "fatalities-desc"
}

/// Filters for `events`; every filter is optional and they combine with AND.
public struct EventQuery: Sendable, Hashable {
    public var country: String?
    public var admin1: String?
    public var from: CivilDate?
    public var to: CivilDate?
    public var eventType: EventType?
    public var subEventType: SubEventType?
    /// Matches actor1, actor2 or an associated actor, case-insensitively, anywhere in the name.
    public var actor: String?
    public var minFatalities: Int?
    /// min longitude, min latitude, max longitude, max latitude.
    public var bbox: (Double, Double, Double, Double)? {
        get { bboxValues.count == 4 ? (bboxValues[0], bboxValues[1], bboxValues[2], bboxValues[3]) : nil }
        set { bboxValues = newValue.map { [$0.0, $0.1, $0.2, $0.3] } ?? [] }
    }
    var bboxValues: [Double] = []
    /// Only events whose id is listed (used by the change feed).
    public var ids: [String]?
    public var sort: EventSort = .dateDesc
    public var limit: Int = 100
    /// The `nextCursor` of the previous page.
    public var cursor: String?

    public init() {}
}

public struct EventPage: Sendable {
    public var events: [CanonicalEvent]
    /// Pass back as `cursor` for the next page; nil on the last page.
    public var nextCursor: String?
}

/// One report of an event: the mention, its article and the text behind each field.
public struct EventReport: Sendable {
    public var mention: Mention
    public var article: ArticleSummary
    public var evidence: [EvidenceSpan]
}

public struct Revision: Sendable, Hashable {
    public var id: Int
    public var eventID: String
    public var version: Int
    public var at: String
    /// created, updated or deleted.
    public var kind: String
    public var reason: String
    public var changes: [FieldChange]
}

public struct EventDetail: Sendable {
    public var event: CanonicalEvent
    public var reports: [EventReport]
    /// The merge trail: how each report joined the event.
    public var links: [MergeLink]
    public var revisions: [Revision]
}

public struct ArticleSummary: Sendable, Hashable {
    public var id: String
    public var url: String?
    public var source: String?
    public var title: String?
    public var published: CivilDate?
    public var language: String
    /// active, superseded (a newer version at the same url) or withdrawn.
    public var status: String
    /// Articles that are copies of one another share a story (the smallest article id among them).
    public var storyID: String
    public var origin: String
}

public struct ArticleDetail: Sendable {
    public var article: ArticleSummary
    public var text: String
    public var mentions: [Mention]
    public var evidence: [String: [EvidenceSpan]]
    /// Other articles of the same story.
    public var copies: [ArticleSummary]
}

public struct Deletion: Sendable, Hashable {
    public var eventID: String
    public var at: String
    public var reason: String
    /// The event that took over its reports, when it was merged into another one.
    public var replacedBy: String?
}

public struct ChangeFeed: Sendable {
    /// Events changed (created or updated) since the timestamp, in their current state.
    public var changed: [CanonicalEvent]
    public var revisions: [Revision]
    public var deletions: [Deletion]
}

// MARK: stats

public struct StatsQuery: Sendable {
    /// The last week shown ends on this day (default: the latest event date in the store).
    public var asOf: CivilDate?
    public var weeks: Int = 1
    public var country: String?

    public init(asOf: CivilDate? = nil, weeks: Int = 1, country: String? = nil) {
        self.asOf = asOf
        self.weeks = weeks
        self.country = country
    }
}

/// ACLED Trendfinder's bands for a week against the mean of the 4 weeks before.
public enum TrendBand: String, Sendable, Hashable {
    case largeIncrease = "large increase"
    case moderateIncrease = "moderate increase"
    case limitedChange = "limited change"
    case largeDecrease = "large decrease"

    /// > +25 % large increase, +10–25 % moderate, −25–+10 % limited, < −25 % large decrease; an
    /// event count rising from nothing is a large increase.
    public static func band(current: Double, baseline: Double) -> TrendBand {
        guard baseline > 0 else { return current > 0 ? .largeIncrease : .limitedChange }
        let change = (current - baseline) / baseline
        if change > 0.25 { return .largeIncrease }
        if change > 0.10 { return .moderateIncrease }
        if change >= -0.25 { return .limitedChange }
        return .largeDecrease
    }
}

public struct WeeklyStat: Sendable, Hashable {
    /// Monday of the week.
    public var week: CivilDate
    public var country: String
    public var eventType: String
    public var events: Int
    public var fatalities: Int
    /// Mean weekly events and fatalities over the 4 weeks before.
    public var baselineEvents: Double
    public var baselineFatalities: Double
    public var eventsChange: Double?
    public var band: TrendBand
}

/// Pure weekly aggregation, kept apart from SQL so each store computes the same figures.
public enum WeeklyStats {
    /// Monday of the week holding `d`.
    public static func weekStart(_ d: CivilDate) -> CivilDate { d.adding(days: -((d.weekday + 6) % 7)) }

    /// `rows`: (country, event type, date, fatalities) for every event from 4 weeks before the first
    /// week shown to the end of the last.
    /// The most weeks one table shows (a century): a larger count is a typo, and would overflow.
    public static let maxWeeks = 5_218

    public static func compute(_ rows: [(String, String, CivilDate, Int)], lastWeek: CivilDate, weeks requested: Int) -> [WeeklyStat] {
        let weeks = min(max(1, requested), maxWeeks)
        // country|type → Monday's day number → (events, fatalities)
        var byKey: [String: [Int: (Int, Int)]] = [:]
        for (country, type, date, fat) in rows {
            let w = weekStart(date).dayNumber
            var cell = byKey[country + "\u{1F}" + type, default: [:]][w] ?? (0, 0)
            cell.0 += 1
            cell.1 = FatalitySum.add(cell.1, fat)
            byKey[country + "\u{1F}" + type, default: [:]][w] = cell
        }
        let last = weekStart(lastWeek).dayNumber
        var out: [WeeklyStat] = []
        for key in byKey.keys.sorted() {
            let parts = key.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
            let cells = byKey[key]!
            for w in stride(from: last - 7 * (weeks - 1), through: last, by: 7) {
                let (events, fatalities) = cells[w] ?? (0, 0)
                let prior = (1...4).map { cells[w - 7 * $0] ?? (0, 0) }
                let baseE = Double(prior.map(\.0).reduce(0, +)) / 4
                let baseF = prior.map { Double($0.1) }.reduce(0, +) / 4
                guard events > 0 || baseE > 0 else { continue }
                out.append(WeeklyStat(
                    week: CivilDate(dayNumber: w), country: parts[0], eventType: parts[1], events: events,
                    fatalities: fatalities, baselineEvents: baseE, baselineFatalities: baseF,
                    eventsChange: baseE > 0 ? (Double(events) - baseE) / baseE : nil,
                    band: TrendBand.band(current: Double(events), baseline: baseE)))
            }
        }
        return out
    }
}

/// Sums of fatalities that cannot trap: a store may hold tolls from before tolls were bounded.
enum FatalitySum {
    static func add(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b > 0 ? Int.max : Int.min) : sum
    }

    /// A floating-point SQL sum as an integer, saturated at the integer range.
    static func int(_ v: Double?) -> Int {
        guard let v, !v.isNaN else { return 0 }
        if v >= 9.2e18 { return Int.max }
        if v <= -9.2e18 { return Int.min }
        return Int(v.rounded())
    }
}
