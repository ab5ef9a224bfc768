import Foundation
import GRDB
import SitrepCore

/// What the HTTP server and its dashboard need beyond `EventStore`: aggregates over the events a
/// filter selects (a map grid and a weekly series, so a view of 100,000 events sends hundreds of
/// rows, not 100,000), a free-text filter, top actors, and the events an article reports.
/// Kept apart from `EventStore` so the store's interface stays as issue 6 defined it.
public protocol EventMapStore: EventStore {
    /// Events per grid cell (cells of `cellDegrees` × `cellDegrees`), with their position and counts by type.
    func eventGrid(_ filter: EventFilter, cellDegrees: Double) throws -> [GridCell]
    /// Events and fatalities per event date and event type (the caller bins them into weeks).
    func dailySeries(_ filter: EventFilter) throws -> [DailyCount]
    /// Actors (actor1 or actor2) by the number of events they appear in.
    func topActors(_ filter: EventFilter, limit: Int) throws -> [ActorCount]
    /// Ids of events matching the filter's text, at most `limit` (for `EventQuery.ids`).
    func eventIDs(_ filter: EventFilter, limit: Int) throws -> [String]
    /// The events the reports of one article belong to.
    func eventIDs(article: String) throws -> [String]
    /// Changes whenever any event is created, revised or deleted (by any process): a cheap check
    /// for caches of query results.
    func changeMarker() throws -> String
    /// The cleaned text of an article, for output formats that print evidence spans.
    func articleText(id: String) throws -> (ArticleSummary, String)?
    /// The evidence of one report.
    func evidence(mention: String) throws -> [EvidenceSpan]
    /// The latest deletion of an event id, if it was ever deleted (an index look-up).
    func lastDeletion(eventID: String) throws -> Deletion?
    /// What `sitrep events` prints with each canonical event beyond its own columns: the anchor
    /// article's title, url and publication date and the anchor report's evidence, by event id.
    func anchors(of events: [CanonicalEvent]) throws -> [String: EventAnchor]
}

/// The anchor article and report fields of a canonical event's output object.
public struct EventAnchor: Sendable, Hashable {
    public var title: String?
    public var url: String?
    public var published: CivilDate?
    /// Spans in the anchor article's cleaned text (code point offsets, as the CLI prints them).
    public var evidence: [EvidenceSpan]

    public init(title: String? = nil, url: String? = nil, published: CivilDate? = nil, evidence: [EvidenceSpan] = []) {
        self.title = title
        self.url = url
        self.published = published
        self.evidence = evidence
    }
}

/// `EventQuery`'s filters plus a free-text search over notes, place and actor names.
public struct EventFilter: Sendable {
    public var query: EventQuery
    /// Case-insensitive substring of the notes, location, admin1 or an actor name.
    public var text: String?

    public init(query: EventQuery = EventQuery(), text: String? = nil) {
        self.query = query
        self.text = text
    }
}

public struct GridCell: Sendable, Hashable {
    /// Mean position of the cell's events.
    public var latitude: Double
    public var longitude: Double
    public var events: Int
    public var fatalities: Int
    /// Event type → events.
    public var byType: [String: Int]
    /// For a single event, its id (the map can open it without zooming in).
    public var eventID: String?
}

public struct DailyCount: Sendable, Hashable {
    public var date: CivilDate
    public var eventType: String
    public var events: Int
    public var fatalities: Int
}

public struct ActorCount: Sendable, Hashable {
    public var name: String
    public var events: Int
    public var fatalities: Int
}

extension SQLiteEventStore: EventMapStore {
    /// Fatalities summed as floating point: an integer SUM fails on overflow ("integer overflow")
    /// when a store holds tolls misread before tolls were bounded (10^15 for "999,999,999 million").
    static let fatalitySum = "SUM(CAST(fatalities AS REAL))"

    /// The WHERE clause of a filter, every value a bound parameter (as `events` does).
    static func whereClause(_ f: EventFilter) -> (String, [(any DatabaseValueConvertible)?]) {
        var (clauses, args) = filterClauses(f.query)
        if let t = f.text, !t.isEmpty {
            // LIKE is case-insensitive for ASCII in SQLite and ILIKE-free SQL stays portable.
            let pattern = containsPattern(t)
            clauses.append("(LOWER(notes) LIKE ? ESCAPE '\\' OR LOWER(location) LIKE ? ESCAPE '\\' OR LOWER(admin1) LIKE ? ESCAPE '\\' OR actor_names LIKE ? ESCAPE '\\')")
            args += [pattern, pattern, pattern, pattern]
        }
        return (clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND "), args)
    }

    public func eventGrid(_ filter: EventFilter, cellDegrees: Double) throws -> [GridCell] {
        let (whereSQL, args) = Self.whereClause(filter)
        let cell = max(cellDegrees, 1e-6)
        // Cell indices from shifted coordinates, so truncation toward zero acts as floor.
        let sql = """
            SELECT CAST((latitude + 90) / ? AS INTEGER) AS cy, CAST((longitude + 180) / ? AS INTEGER) AS cx,
                   event_type, COUNT(*) AS n, \(Self.fatalitySum) AS f, SUM(latitude) AS sy, SUM(longitude) AS sx, MIN(id) AS one
            FROM events\(whereSQL) GROUP BY cy, cx, event_type
            """
        let allArgs: [(any DatabaseValueConvertible)?] = [cell, cell] + args
        return try pool.read { db in
            var cells: [Int64: (n: Int, f: Int, sy: Double, sx: Double, types: [String: Int], id: String)] = [:]
            let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(allArgs))
            while let r = try rows.next() {
                let key = (r["cy"] as Int64) << 32 | (r["cx"] as Int64)
                var c = cells[key] ?? (0, 0, 0, 0, [:], "")
                let n: Int = r["n"]
                c.n += n
                c.f = FatalitySum.add(c.f, FatalitySum.int(r["f"]))
                c.sy += r["sy"] as Double
                c.sx += r["sx"] as Double
                c.types[r["event_type"], default: 0] += n
                c.id = r["one"]
                cells[key] = c
            }
            return cells.keys.sorted().map { k in
                let c = cells[k]!
                return GridCell(latitude: c.sy / Double(c.n), longitude: c.sx / Double(c.n), events: c.n, fatalities: c.f,
                                byType: c.types, eventID: c.n == 1 ? c.id : nil)
            }
        }
    }

    public func dailySeries(_ filter: EventFilter) throws -> [DailyCount] {
        let (whereSQL, args) = Self.whereClause(filter)
        let sql = "SELECT event_date, event_type, COUNT(*) AS n, \(Self.fatalitySum) AS f FROM events\(whereSQL) GROUP BY event_date, event_type ORDER BY event_date, event_type"
        return try pool.read { db in
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).compactMap { r in
                guard let d = CivilDate(iso: r["event_date"]) else { return nil }
                return DailyCount(date: d, eventType: r["event_type"], events: r["n"], fatalities: FatalitySum.int(r["f"]))
            }
        }
    }

    public func topActors(_ filter: EventFilter, limit: Int) throws -> [ActorCount] {
        let (whereSQL, args) = Self.whereClause(filter)
        // An event counts once for each side it names.
        let sql = """
            SELECT name, COUNT(*) AS n, \(Self.fatalitySum) AS f FROM (
                SELECT actor1 AS name, fatalities FROM events\(whereSQL)
                UNION ALL
                SELECT actor2 AS name, fatalities FROM events\(whereSQL)
            ) AS sides WHERE name IS NOT NULL AND name <> '' GROUP BY name ORDER BY n DESC, name LIMIT ?
            """
        let allArgs = args + args + [max(1, limit)]
        return try pool.read { db in
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(allArgs)).map {
                ActorCount(name: $0["name"], events: $0["n"], fatalities: FatalitySum.int($0["f"]))
            }
        }
    }

    public func eventIDs(_ filter: EventFilter, limit: Int) throws -> [String] {
        let (whereSQL, args) = Self.whereClause(filter)
        let sql = "SELECT id FROM events\(whereSQL) ORDER BY id LIMIT ?"
        return try pool.read { db in
            try String.fetchAll(db, sql: sql, arguments: StatementArguments(args + [max(1, limit)]))
        }
    }

    public func changeMarker() throws -> String {
        // Both are index look-ups: the newest revision (every change writes one) and the newest
        // event update (bulk-generated events have no revision).
        try pool.read { db in
            let revision = try Int.fetchOne(db, sql: "SELECT MAX(id) FROM revisions") ?? 0
            let updated = try String.fetchOne(db, sql: "SELECT MAX(updated_at) FROM events") ?? ""
            return "\(revision)|\(updated)"
        }
    }

    public func lastDeletion(eventID: String) throws -> Deletion? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM deletions WHERE event_id = ? ORDER BY id DESC LIMIT 1", arguments: [eventID])
                .map { Deletion(eventID: $0["event_id"], at: $0["at"], reason: $0["reason"], replacedBy: $0["replaced_by"]) }
        }
    }

    public func anchors(of events: [CanonicalEvent]) throws -> [String: EventAnchor] {
        guard !events.isEmpty else { return [:] }
        let articleIDs = Array(Set(events.map(\.anchorArticle))), mentionIDs = Array(Set(events.map(\.anchorMention)))
        return try pool.read { db in
            var articles: [String: Row] = [:]
            var evidence: [String: [EvidenceSpan]] = [:]
            for r in try Self.rows(db, "SELECT id, title, url, published FROM articles WHERE id IN", articleIDs) { articles[r["id"]] = r }
            for r in try Self.rows(db, "SELECT * FROM evidence WHERE mention_id IN", mentionIDs, then: "ORDER BY mention_id, seq") {
                evidence[r["mention_id"], default: []].append(Rows.evidence(r))
            }
            var out: [String: EventAnchor] = [:]
            for e in events {
                let a = articles[e.anchorArticle]
                out[e.id] = EventAnchor(title: a?["title"], url: a?["url"], published: a.flatMap { Rows.date($0["published"]) },
                                        evidence: evidence[e.anchorMention] ?? [])
            }
            return out
        }
    }

    /// `select … IN (ids…) then`, 500 ids a statement (SQLite's limit on bound parameters).
    static func rows(_ db: Database, _ select: String, _ ids: [String], then: String = "") throws -> [Row] {
        var rows: [Row] = []
        for chunk in stride(from: 0, to: ids.count, by: 500) {
            let part = Array(ids[chunk..<min(ids.count, chunk + 500)])
            let sql = select + " (" + part.map { _ in "?" }.joined(separator: ",") + ") " + then
            rows += try Row.fetchAll(db, sql: sql, arguments: StatementArguments(part))
        }
        return rows
    }

    public func eventIDs(article: String) throws -> [String] {
        try pool.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT event_id FROM mentions WHERE article_id = ? AND event_id IS NOT NULL ORDER BY event_id",
                                arguments: [article])
        }
    }
}

/// A LIKE pattern (with `ESCAPE '\'`) matching values that contain `text` literally: the text's own
/// `%` and `_` are escaped, so `actor=%` matches actors with a percent sign, not every actor.
func containsPattern(_ text: String) -> String {
    "%" + text.lowercased().replacingOccurrences(of: "\\", with: "\\\\")
        .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
}
