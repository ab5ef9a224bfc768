import Foundation
import GRDB
import SitrepCore
import Testing
@testable import SitrepStore

/// One bad document never blocks the others: a run that died leaves the documents it was coding
/// listed, the next run tries them in isolation and quarantines the one that fails.
@Suite struct IngestRecoveryTests {
    /// Isolation that "crashes" on documents holding a marker, and counts how often it was asked.
    final class MarkerCrash: IsolatedCoder, @unchecked Sendable {
        let marker: String
        private let lock = NSLock()
        private(set) var runs = 0
        private(set) var documentsCoded = 0

        init(marker: String) { self.marker = marker }

        func firstFailure(coding articles: [Article]) throws -> (index: Int, reason: String)? {
            lock.lock()
            defer { lock.unlock() }
            runs += 1
            guard let bad = articles.firstIndex(where: { a in
                if case .text(let t) = a.body { return t.contains(marker) }
                return false
            }) else {
                documentsCoded += articles.count
                return nil
            }
            documentsCoded += bad + 1
            return (bad, "coding it crashed the process (signal 4): fault")
        }
    }

    static func reports(_ n: Int, poisonAt: Int? = nil) -> [Article] {
        (0..<n).map { i in
            let poison = i == poisonAt ? " POISON" : ""
            return Article(body: .text("On 3 May 2021, gunmen killed \(i % 7 + 1) villagers near Kadugli, residents said (report \(i)).\(poison)"),
                           published: CivilDate(year: 2021, month: 5, day: 4), origin: "batch.jsonl:\(i + 1)")
        }
    }

    /// What a run that died while coding `articles` leaves behind: them, listed as being coded.
    static func deadRun(_ articles: [Article], in store: SQLiteEventStore) throws {
        let pending = articles.map { PendingDocument(articleID: ArticleExtractor.contentID($0), origin: $0.origin) }
        _ = try store.ingest(IngestBatch(articles: [], starting: pending), at: Date())
    }

    @Test func theDocumentThatKilledARunIsQuarantinedAndEveryOtherStored() throws {
        let s = try TempStore()
        let articles = Self.reports(40, poisonAt: 23)
        try Self.deadRun(Array(articles[16..<32]), in: s.store)
        let crash = MarkerCrash(marker: "POISON")
        var warnings: [String] = []
        let report = try Ingestor(pipeline: TempStore.pipeline, batchSize: 8, isolation: crash)
            .run(articles, into: s.store, warn: { warnings.append($0) })
        #expect(report.articlesAdded == 39)
        #expect(report.articlesQuarantined == 1)
        let q = try s.store.quarantined()
        #expect(q.map(\.origin) == ["batch.jsonl:24"])
        #expect(q.first?.reason == "coding it crashed the process (signal 4): fault")
        #expect(q.first?.articleID == ArticleExtractor.contentID(articles[23]))
        #expect(try s.store.pendingDocuments().isEmpty)
        #expect(warnings.contains("batch.jsonl:24: quarantined: coding it crashed the process (signal 4): fault"))
        // One isolated run up to the bad document, one for the documents after it.
        #expect(crash.runs == 2)
        #expect(crash.documentsCoded == 16)
    }

    @Test func aQuarantinedDocumentIsSkippedByLaterRuns() throws {
        let s = try TempStore()
        let articles = Self.reports(10, poisonAt: 4)
        try Self.deadRun(articles, in: s.store)
        let crash = MarkerCrash(marker: "POISON")
        _ = try Ingestor(pipeline: TempStore.pipeline, isolation: crash).run(articles, into: s.store)
        let again = try Ingestor(pipeline: TempStore.pipeline, isolation: crash).run(articles, into: s.store)
        #expect(again.articlesSkippedQuarantined == 1)
        #expect(again.articlesUnchanged == 9)
        #expect(again.articlesQuarantined == 0)
    }

    @Test func withNothingPendingNoDocumentIsTriedInIsolation() throws {
        let s = try TempStore()
        let crash = MarkerCrash(marker: "POISON")
        let report = try Ingestor(pipeline: TempStore.pipeline, batchSize: 4, isolation: crash).run(Self.reports(12), into: s.store)
        #expect(report.articlesAdded == 12)
        #expect(crash.runs == 0)
        #expect(try s.store.pendingDocuments().isEmpty)
    }

    @Test func suspectsThatCodeCleanlyAreStoredAfterOneIsolatedRun() throws {
        let s = try TempStore()
        let articles = Self.reports(12)
        try Self.deadRun(articles, in: s.store)
        let crash = MarkerCrash(marker: "POISON")
        let report = try Ingestor(pipeline: TempStore.pipeline, isolation: crash).run(articles, into: s.store)
        #expect(report.articlesAdded == 12)
        #expect(crash.runs == 1)
        #expect(try s.store.quarantined().isEmpty)
    }

    @Test func aDocumentOverItsTimeBudgetIsQuarantinedAndTheRestStored() throws {
        let s = try TempStore()
        var pipeline = Pipeline()
        pipeline.limits = DocumentLimits(maxSeconds: 1e-9)
        let report = try Ingestor(pipeline: pipeline, batchSize: 2).run(Self.reports(3), into: s.store)
        #expect(report.articlesQuarantined == 3)
        #expect(try s.store.quarantined().allSatisfy { $0.reason.hasPrefix("over the time budget") })
        #expect(try s.store.pendingDocuments().isEmpty)
    }

    @Test func whileABatchIsWrittenOnlyTheNextBatchesAreListedAsBeingCoded() throws {
        let s = try TempStore()
        let articles = Self.reports(30)
        var pendingCounts: [Int] = []
        _ = try Ingestor(pipeline: TempStore.pipeline, batchSize: 5).run(articles, into: s.store, progress: { _ in
            pendingCounts.append((try? s.store.pendingDocuments().count) ?? -1)
        })
        // After batch b is stored, batches b+1 and b+2 are listed (5 + 5), then fewer at the end.
        #expect(pendingCounts == [10, 10, 10, 10, 5, 0])
    }

    @Test func eachFailingSuspectCostsOneIsolatedRun() throws {
        let s = try TempStore()
        var articles = Self.reports(20, poisonAt: 3)
        articles[11].body = .text("POISON again, on 3 May 2021 in Kadugli")
        try Self.deadRun(articles, in: s.store)
        let crash = MarkerCrash(marker: "POISON")
        let report = try Ingestor(pipeline: TempStore.pipeline, isolation: crash).run(articles, into: s.store)
        #expect(report.articlesQuarantined == 2)
        #expect(report.articlesAdded == 18)
        #expect(try s.store.quarantined().map(\.origin).sorted() == ["batch.jsonl:12", "batch.jsonl:4"])
        #expect(crash.runs == 3)
    }

    @Test func twoWritersWaitForEachOther() throws {
        let s = try TempStore()
        let other = try SQLiteEventStore(path: s.store.path)
        let holding = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            try? other.pool.write { db in
                try db.execute(sql: "INSERT INTO ingest_pending (article_id, origin, at) VALUES ('x', 'x', 'x')")
                holding.signal()
                Thread.sleep(forTimeInterval: 0.5)
            }
            done.signal()
        }
        holding.wait()
        // The first writer holds the lock for half a second: this one waits instead of failing.
        let report = try s.ingest(Self.reports(2))
        #expect(report.articlesAdded == 2)
        done.wait()
    }
}

/// Sums over the store cannot trap, whatever tolls it holds.
@Suite struct StoreSumsTests {
    @Test func mapStatsAndActorsSumHugeTollsWithoutFailing() throws {
        let s = try TempStore()
        try s.ingest(IngestRecoveryTests.reports(6))
        // Tolls stored before tolls were bounded: an integer SUM over two of them overflows.
        try s.store.pool.write { db in try db.execute(sql: "UPDATE events SET fatalities = 9000000000000000000") }
        #expect(try s.store.counts().events >= 1)
        let cells = try s.store.eventGrid(EventFilter(), cellDegrees: 360)
        #expect(cells.allSatisfy { $0.fatalities >= 9_000_000_000_000_000_000 })
        #expect(try s.store.dailySeries(EventFilter()).allSatisfy { $0.fatalities > 0 })
        #expect(try s.store.topActors(EventFilter(), limit: 5).allSatisfy { $0.fatalities > 0 })
        var q = StatsQuery(asOf: nil, weeks: Int.max, country: nil)
        #expect(try !s.store.stats(q).isEmpty)
        q.weeks = Int.min
        _ = try s.store.stats(q)
        #expect(FatalitySum.add(Int.max - 1, 5) == Int.max)
        #expect(FatalitySum.add(3, 4) == 7)
        #expect(FatalitySum.int(1e30) == Int.max)
        #expect(FatalitySum.int(.nan) == 0)
        var page = EventQuery()
        page.limit = Int.max
        #expect(try s.store.events(page).events.count == (try s.store.counts().events))
    }
}
