import Foundation
import SitrepCore
@testable import SitrepStore

enum Fixtures {
    static let directory = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")

    static func articles(_ name: String, published: CivilDate? = nil) -> [Article] {
        DocumentReader(format: .auto, defaultPublished: published).read(paths: [directory.appendingPathComponent(name).path])
            .compactMap { try? $0.get() }
    }

    static var fiveReports: [Article] { articles("one-event-five-reports.jsonl") }
    static var sameDaySameTown: [Article] { articles("same-day-same-town.jsonl") }
    static var seedStyle: [Article] {
        articles("seed-style-report.txt", published: CivilDate(year: 2016, month: 6, day: 16))
            + articles("seed-style-copy.txt", published: CivilDate(year: 2016, month: 6, day: 16))
    }

    static let sharedRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared")
}

/// A store in a fresh temporary file, removed when the test's value goes away.
final class TempStore {
    let dir: URL
    let store: SQLiteEventStore
    static let pipeline = Pipeline()

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-store-test-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        store = try SQLiteEventStore(path: dir.appendingPathComponent("events.db").path)
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    @discardableResult
    func ingest(_ articles: [Article], batchSize: Int = 128, at: Date = Date()) throws -> IngestReport {
        try Ingestor(pipeline: Self.pipeline, batchSize: batchSize).run(articles, into: store)
    }

    func allEvents() throws -> [CanonicalEvent] {
        var q = EventQuery()
        q.limit = 10_000
        q.sort = .dateAsc
        return try store.events(q).events
    }

    /// Event id → sorted member mention ids.
    func membership() throws -> [String: [String]] {
        var out: [String: [String]] = [:]
        for e in try allEvents() {
            out[e.id] = try store.event(id: e.id)!.reports.map(\.mention.id).sorted()
        }
        return out
    }

    func dump() throws -> [String] {
        var lines: [String] = []
        try store.dump { lines.append($0) }
        return lines
    }
}
