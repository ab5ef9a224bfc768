import Foundation
import GRDB
import SitrepCore

/// The event store on an embedded SQLite database (GRDB, WAL mode).
///
/// Each `ingest` call is one transaction: its articles are stored in the order given, then what
/// they touch is re-clustered once (`Applier`), so the content after a crash and a re-run with the
/// same batches equals that of an uninterrupted run.
public final class SQLiteEventStore: EventStore {
    let pool: DatabasePool
    public let path: String
    let mentions = MentionCache()

    /// How long a write waits for another process's write to finish ("database is locked").
    public static let busyTimeout: TimeInterval = 60

    public init(path: String) throws {
        self.path = path
        var config = Configuration()
        // Two writers (two `ingest` runs, `ingest` beside `serve`) take turns instead of failing.
        config.busyMode = .timeout(Self.busyTimeout)
        // WAL with synchronous=NORMAL: a committed transaction survives a killed process.
        // A larger page cache (64 MB) keeps the indexes an ingest probes in memory; checkpoints
        // every 40 MB of log rather than 4 MB write a page an ingest keeps changing fewer times.
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA cache_size = -65536")
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 10000")
        }
        pool = try DatabasePool(path: path, configuration: config)
        try Schema.migrator.migrate(pool)
    }

    // MARK: ingest

    public func knownArticleIDs(_ ids: [String]) throws -> Set<String> {
        try existing(ids, table: "articles", column: "id")
    }

    /// The ids among `ids` that `table.column` holds, asked 500 at a time (SQLite's bound-parameter limit).
    func existing(_ ids: [String], table: String, column: String) throws -> Set<String> {
        guard !ids.isEmpty else { return [] }
        return try pool.read { db in
            var found = Set<String>()
            for chunk in stride(from: 0, to: ids.count, by: 500) {
                let part = Array(ids[chunk..<min(ids.count, chunk + 500)])
                let sql = "SELECT \(column) FROM \(table) WHERE \(column) IN (" + part.map { _ in "?" }.joined(separator: ",") + ")"
                found.formUnion(try String.fetchAll(db, sql: sql, arguments: StatementArguments(part)))
            }
            return found
        }
    }

    public func ingest(_ batch: [ExtractedArticle], at: Date) throws -> IngestReport {
        try ingest(IngestBatch(articles: batch), at: at)
    }

    public func retract(_ articleIDOrURL: String, reason: String, at: Date) throws -> IngestReport {
        let stamp = Timestamp.format(at)
        return try pool.write { db in
            let apply = Applier(db: db, at: stamp, mentions: mentions)
            try apply.retract(articleIDOrURL, reason: reason)
            return apply.report
        }
    }

    // MARK: queries

    /// The conditions of a filter, every value a bound parameter (shared by pages, map and stats).
    static func filterClauses(_ q: EventQuery) -> ([String], [(any DatabaseValueConvertible)?]) {
        var clauses: [String] = []
        var args: [(any DatabaseValueConvertible)?] = []
        if let c = q.country { clauses.append("country = ?"); args.append(c) }
        if let a = q.admin1 { clauses.append("admin1 = ?"); args.append(a) }
        if let t = q.eventType { clauses.append("event_type = ?"); args.append(t.rawValue) }
        if let s = q.subEventType { clauses.append("sub_event_type = ?"); args.append(s.rawValue) }
        if let d = q.from { clauses.append("event_date >= ?"); args.append(d.description) }
        if let d = q.to { clauses.append("event_date <= ?"); args.append(d.description) }
        if let a = q.actor { clauses.append("actor_names LIKE ? ESCAPE '\\'"); args.append(containsPattern(a)) }
        if let m = q.minFatalities { clauses.append("fatalities >= ?"); args.append(m) }
        if let (w, s, e, n) = q.bbox {
            clauses.append("longitude >= ? AND longitude <= ? AND latitude >= ? AND latitude <= ?")
            args += [w, e, s, n]
        }
        if let ids = q.ids {
            clauses.append(ids.isEmpty ? "0 = 1" : "id IN (" + ids.map { _ in "?" }.joined(separator: ",") + ")")
            args += ids.map { $0 as (any DatabaseValueConvertible)? }
        }
        return (clauses, args)
    }

    public func events(_ query: EventQuery) throws -> EventPage {
        if let ids = query.ids, ids.isEmpty { return EventPage(events: [], nextCursor: nil) }
        var (clauses, args) = Self.filterClauses(query)
        // Keyset paging: the cursor is the sort key and id of the last row of the previous page.
        let (key, direction) = switch query.sort {
        case .dateDesc: ("event_date", "DESC")
        case .dateAsc: ("event_date", "ASC")
        case .fatalitiesDesc: ("fatalities", "DESC")
        }
        if let cursor = query.cursor {
            let parts = cursor.split(separator: "|", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw StoreError.badCursor(cursor) }
            let op = direction == "DESC" ? "<" : ">"
            let value: any DatabaseValueConvertible = key == "fatalities" ? (Int(parts[0]) ?? 0) : parts[0]
            clauses.append("(\(key) \(op) ? OR (\(key) = ? AND id \(op) ?))")
            args += [value, value, parts[1]]
        }
        // (Below Int.max: the query asks for one row more than the page to know whether one follows.)
        let limit = min(max(1, query.limit), Int.max - 1)
        let sql = "SELECT \(Rows.eventColumns) FROM events"
            + (clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND "))
            + " ORDER BY \(key) \(direction), id \(direction) LIMIT \(limit + 1)"
        let finalArgs = args
        return try pool.read { db in
            var events = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(finalArgs)).map(Rows.event)
            var next: String? = nil
            if events.count > limit {
                events.removeLast()
                let last = events[events.count - 1]
                next = (key == "fatalities" ? String(last.fatalities) : last.eventDate.description) + "|" + last.id
            }
            return EventPage(events: events, nextCursor: next)
        }
    }

    public func event(id: String) throws -> EventDetail? {
        try pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT \(Rows.eventColumns) FROM events WHERE id = ?", arguments: [id])
            else { return nil }
            let mentions = try Row.fetchAll(db, sql: "SELECT \(Rows.mentionColumns) FROM mentions WHERE event_id = ? ORDER BY id",
                                            arguments: [id]).map(Rows.mention)
            var reports: [EventReport] = []
            for m in mentions {
                let a = try Row.fetchOne(db, sql: "SELECT \(Rows.articleSummaryColumns) FROM articles WHERE id = ?",
                                         arguments: [m.articleID]).map(Rows.articleSummary)
                let ev = try Row.fetchAll(db, sql: "SELECT * FROM evidence WHERE mention_id = ? ORDER BY seq",
                                          arguments: [m.id]).map(Rows.evidence)
                if let a { reports.append(EventReport(mention: m, article: a, evidence: ev)) }
            }
            let links = try Row.fetchAll(db, sql: "SELECT * FROM merge_links WHERE event_id = ? ORDER BY mention_id, linked_to",
                                         arguments: [id]).compactMap { r -> MergeLink? in
                guard let e = Rows.decodeEvidence(r["detail"]) else { return nil }
                return MergeLink(mention: r["mention_id"], linkedTo: r["linked_to"], evidence: e)
            }
            let revisions = try Row.fetchAll(db, sql: "SELECT * FROM revisions WHERE event_id = ? ORDER BY id",
                                             arguments: [id]).map(Rows.revision)
            return EventDetail(event: Rows.event(row), reports: reports, links: links, revisions: revisions)
        }
    }

    public func article(id: String) throws -> ArticleDetail? {
        try pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT \(Rows.articleSummaryColumns), text FROM articles WHERE id = ?",
                                             arguments: [id]) else { return nil }
            let summary = Rows.articleSummary(row)
            let mentions = try Row.fetchAll(db, sql: "SELECT \(Rows.mentionColumns) FROM mentions WHERE article_id = ? ORDER BY ordinal",
                                            arguments: [id]).map(Rows.mention)
            var evidence: [String: [EvidenceSpan]] = [:]
            for m in mentions {
                evidence[m.id] = try Row.fetchAll(db, sql: "SELECT * FROM evidence WHERE mention_id = ? ORDER BY seq",
                                                  arguments: [m.id]).map(Rows.evidence)
            }
            let copies = try Row.fetchAll(db, sql: "SELECT \(Rows.articleSummaryColumns) FROM articles WHERE story_id = ? AND id <> ? ORDER BY id",
                                          arguments: [summary.storyID, id]).map(Rows.articleSummary)
            return ArticleDetail(article: summary, text: row["text"], mentions: mentions, evidence: evidence, copies: copies)
        }
    }

    /// The cleaned text of an article, for output formats that print evidence spans.
    public func articleText(id: String) throws -> (ArticleSummary, String)? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT \(Rows.articleSummaryColumns), text FROM articles WHERE id = ?", arguments: [id])
                .map { (Rows.articleSummary($0), $0["text"]) }
        }
    }

    /// The evidence of one mention.
    public func evidence(mention: String) throws -> [EvidenceSpan] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM evidence WHERE mention_id = ? ORDER BY seq", arguments: [mention])
                .map(Rows.evidence)
        }
    }

    public func stats(_ query: StatsQuery) throws -> [WeeklyStat] {
        try pool.read { db in
            let last: CivilDate
            if let a = query.asOf {
                last = a
            } else if let s = try String.fetchOne(db, sql: "SELECT MAX(event_date) FROM events"), let d = CivilDate(iso: s) {
                last = d
            } else {
                return []
            }
            let end = WeeklyStats.weekStart(last).adding(days: 6)
            let weeks = min(max(1, query.weeks), WeeklyStats.maxWeeks)
            let start = WeeklyStats.weekStart(last).adding(days: -7 * (weeks - 1 + 4))
            var sql = "SELECT country, event_type, event_date, fatalities FROM events WHERE event_date >= ? AND event_date <= ?"
            var args: [(any DatabaseValueConvertible)?] = [start.description, end.description]
            if let c = query.country { sql += " AND country = ?"; args.append(c) }
            let rows = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).compactMap { r -> (String, String, CivilDate, Int)? in
                guard let d = CivilDate(iso: r["event_date"]) else { return nil }
                return (r["country"], r["event_type"], d, r["fatalities"])
            }
            return WeeklyStats.compute(rows, lastWeek: last, weeks: weeks)
        }
    }

    public func changes(since: Date) throws -> ChangeFeed {
        let stamp = Timestamp.format(since)
        let (revisions, deletions, changedIDs) = try pool.read { db in
            let revisions = try Row.fetchAll(db, sql: "SELECT * FROM revisions WHERE at >= ? ORDER BY id", arguments: [stamp])
                .map(Rows.revision)
            let deletions = try Row.fetchAll(db, sql: "SELECT * FROM deletions WHERE at >= ? ORDER BY id", arguments: [stamp])
                .map { Deletion(eventID: $0["event_id"], at: $0["at"], reason: $0["reason"], replacedBy: $0["replaced_by"]) }
            let changed = try String.fetchAll(db, sql: "SELECT id FROM events WHERE updated_at >= ? ORDER BY id", arguments: [stamp])
            return (revisions, deletions, changed)
        }
        var changed: [CanonicalEvent] = []
        for chunk in stride(from: 0, to: changedIDs.count, by: 500) {
            var q = EventQuery()
            q.ids = Array(changedIDs[chunk..<min(changedIDs.count, chunk + 500)])
            q.limit = 500
            q.sort = .dateAsc
            changed += try events(q).events
        }
        return ChangeFeed(changed: changed, revisions: revisions, deletions: deletions)
    }

    public func counts() throws -> StoreCounts {
        try pool.read { db in
            func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? 0 }
            return StoreCounts(
                articles: try count("SELECT COUNT(*) FROM articles"),
                activeArticles: try count("SELECT COUNT(*) FROM articles WHERE status = 'active'"),
                stories: try count("SELECT COUNT(DISTINCT story_id) FROM articles WHERE status = 'active'"),
                mentions: try count("SELECT COUNT(*) FROM mentions"),
                events: try count("SELECT COUNT(*) FROM events"),
                revisions: try count("SELECT COUNT(*) FROM revisions"),
                deletions: try count("SELECT COUNT(*) FROM deletions"))
        }
    }

    public func dump(_ write: (String) -> Void) throws {
        try pool.read { db in
            for (table, order) in Schema.dumpOrder {
                let columns = try db.columns(in: table).map(\.name).filter { !Schema.clockColumns.contains($0) }
                let cursor = try Row.fetchCursor(db, sql: "SELECT \(columns.joined(separator: ", ")) FROM \(table) ORDER BY \(order)")
                while let row = try cursor.next() {
                    var line = table
                    for c in columns {
                        let v: DatabaseValue = row[c]
                        let text: String
                        switch v.storage {
                        case .null: text = "NULL"
                        case .int64(let i): text = String(i)
                        case .double(let d): text = String(d)
                        case .string(let s): text = s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
                        case .blob(let b): text = "x'" + b.map { String(format: "%02x", $0) }.joined() + "'"
                        }
                        line += "|" + c + "=" + text
                    }
                    write(line)
                }
            }
        }
    }

    // MARK: bulk loading (benchmarks)

    /// Inserts events directly, without reports: for filling a database to benchmark queries.
    public func insertGenerated(_ events: [CanonicalEvent], at: Date) throws {
        let stamp = Timestamp.format(at)
        try pool.write { db in
            // A large page cache keeps the five index B-trees in memory during a bulk load.
            try db.execute(sql: "PRAGMA cache_size = -262144")
            let stmt = try db.cachedStatement(sql: Rows.insertEventSQL)
            for e in events { try stmt.execute(arguments: Rows.eventArguments(e, version: 1, createdAt: stamp, updatedAt: stamp)) }
        }
    }

    /// Refreshes the query planner's statistics (after a bulk load).
    public func analyze() throws {
        try pool.write { db in try db.execute(sql: "ANALYZE") }
    }

    /// Distinct (country, event type) pairs with their date span and event count, for the query benchmark.
    public func blocks() throws -> [(country: String, type: String, first: CivilDate, last: CivilDate, events: Int)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT country, event_type, MIN(event_date) AS a, MAX(event_date) AS b, COUNT(*) AS n FROM events GROUP BY country, event_type ORDER BY country, event_type")
                .compactMap { r in
                    guard let a = CivilDate(iso: r["a"]), let b = CivilDate(iso: r["b"]) else { return nil }
                    return (r["country"], r["event_type"], a, b, r["n"])
                }
        }
    }
}

public enum StoreError: Error, CustomStringConvertible {
    case badCursor(String)
    case noSuchArticle(String)

    public var description: String {
        switch self {
        case .badCursor(let c): "not a cursor from this store: \(c)"
        case .noSuchArticle(let a): "no active article with id or url \(a)"
        }
    }
}
