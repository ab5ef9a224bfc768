import Foundation
import GRDB
import SitrepCore
import Testing
@testable import SitrepStore

/// What the HTTP server asks of the store beyond `EventStore` (issue 14: cheap misses, literal
/// filters, the anchor fields the CLI prints).
@Suite struct EventMapStoreTests {
    @Test func aDeletedEventIsFoundByItsIDAndAnUnknownOneByAnIndexLookUp() throws {
        let s = try TempStore()
        try s.ingest(Fixtures.fiveReports)
        let e = try #require(try s.allEvents().first)
        for u in Fixtures.fiveReports.compactMap(\.url) { _ = try s.store.retract(u, reason: "withdrawn in test", at: Date()) }
        let deletion = try #require(try s.store.lastDeletion(eventID: e.id))
        #expect(deletion.reason.contains("withdrawn") || deletion.replacedBy != nil)
        #expect(try s.store.lastDeletion(eventID: "SITNOSUCHEVENT") == nil)
        // The miss reads one index entry, not the deletion feed.
        let plan = try s.store.pool.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT * FROM deletions WHERE event_id = ? ORDER BY id DESC LIMIT 1",
                             arguments: ["SITNOSUCHEVENT"]).map { $0["detail"] as String }.joined(separator: "; ")
        }
        #expect(plan.contains("USING INDEX deletions_event") || plan.contains("USING COVERING INDEX deletions_event"), "\(plan)")
    }

    @Test func actorAndTextFiltersMatchWildcardsLiterally() throws {
        let s = try TempStore()
        try s.ingest(Fixtures.fiveReports + Fixtures.sameDaySameTown)
        let all = try s.allEvents()
        #expect(!all.isEmpty)
        for pattern in ["%", "_", "%%", "\\"] {
            var q = EventQuery()
            q.actor = pattern
            #expect(try s.store.events(q).events.isEmpty, "actor \(pattern) matched")
            #expect(try s.store.eventIDs(EventFilter(text: pattern), limit: 100).isEmpty, "text \(pattern) matched")
        }
        let names = all.compactMap { $0.actor1?.name }
        let named = try #require(names.first)
        var q = EventQuery()
        q.actor = String(named.prefix(5)).uppercased()
        #expect(try s.store.events(q).events.contains { $0.actor1?.name == named })
    }

    @Test func anchorsGiveTheTitleDateAndEvidenceTheCLIPrints() throws {
        let s = try TempStore()
        try s.ingest(Fixtures.fiveReports)
        let events = try s.allEvents()
        let anchors = try s.store.anchors(of: events)
        let cli = CodedEvents(store: s.store)
        for e in events {
            let a = try #require(anchors[e.id])
            let (coded, doc) = try cli.coded(e)
            #expect(a.title == coded.title && a.url == coded.url && a.published == coded.published)
            #expect(a.evidence.map(\.field) == coded.evidence.map(\.field))
            #expect(a.evidence.map(\.start) == coded.evidence.map { doc.codePointOffset($0.span.start) })
        }
    }

    @Test func sinceTimestampsAreWhollyOneOfTheirForms() {
        for good in ["1700000000", "1700000000.25", "2024-01-01", "2024-01-01T10:00:00Z", "2024-01-01T10:00:00.5+02:00"] {
            #expect(Timestamp.parse(good) != nil, "\(good)")
        }
        for bad in ["nan", "inf", "-inf", "1e9", "-5", "+5", "0x10", "2024-01-01x", "2024-01-01T10:00", " 2024-01-01", ""] {
            #expect(Timestamp.parse(bad) == nil, "\(bad)")
        }
    }
}
