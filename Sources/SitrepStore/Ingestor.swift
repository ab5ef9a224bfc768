import Foundation
import SitrepCore

/// Where an ingest run stands, for progress lines.
public struct IngestProgress: Sendable {
    public var done: Int
    public var total: Int
    public var mentions: Int
    public var errors: Int
    public var seconds: Double

    public var docsPerSecond: Double { seconds > 0 ? Double(done) / seconds : 0 }
    public var etaSeconds: Double? { docsPerSecond > 0 ? Double(total - done) / docsPerSecond : nil }
}

/// Ingests articles in batches: extraction on every core, then one transaction per batch, so a
/// crash loses at most the batch being written and a re-run skips what was committed.
///
/// A batch ends at `batchSize` articles or once it holds `batchBytes` of input, whichever comes
/// first: a batch of long reports costs the writer as much as many short ones, and the last
/// batch is written after extraction has finished, on one core. Boundaries depend on the input
/// alone, so a re-run after a crash cuts the same batches (revisions record what each changed).
public struct Ingestor: Sendable {
    public let pipeline: Pipeline
    public var batchSize: Int
    public var batchBytes: Int

    public init(pipeline: Pipeline, batchSize: Int = 128, batchBytes: Int = 1 << 20) {
        self.pipeline = pipeline
        self.batchSize = batchSize
        self.batchBytes = batchBytes
    }

    /// The batches of `articles`: consecutive index ranges.
    public func batches(_ articles: [Article]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var first = 0, bytes = 0
        for (i, a) in articles.enumerated() {
            bytes += a.byteCount
            if i + 1 - first >= max(1, batchSize) || bytes >= batchBytes {
                out.append(first..<(i + 1))
                first = i + 1
                bytes = 0
            }
        }
        if first < articles.count { out.append(first..<articles.count) }
        return out
    }

    public func run(_ articles: [Article], into store: any EventStore, errors: Int = 0,
                    progress: (IngestProgress) -> Void = { _ in }) throws -> IngestReport {
        let start = Date()
        var report = IngestReport()
        // Content already stored is skipped before the costly extraction.
        let ids = articles.map(ArticleExtractor.contentID)
        let known = try store.knownArticleIDs(ids)
        // Extraction runs over the whole input on every core, with no barrier between batches (a
        // long article would leave a core idle at each one); batches are written, in input order,
        // as soon as all their articles are extracted.
        let results = ExtractionResults(count: articles.count)
        let pipeline = self.pipeline
        if known.count < articles.count { pipeline.prepareForBatch() }
        DispatchQueue.global().async {
            DispatchQueue.concurrentPerform(iterations: articles.count) { i in
                results.set(i, known.contains(ids[i]) ? nil : ArticleExtractor.extract(articles[i], pipeline: pipeline))
            }
        }
        for batch in batches(articles) {
            let (first, end) = (batch.lowerBound, batch.upperBound)
            let extracted = results.wait(first..<end).compactMap { $0 }
            var r = try store.ingest(extracted, at: Date())
            r.articlesUnchanged += (end - first) - extracted.count
            report.add(r)
            progress(IngestProgress(done: end, total: articles.count, mentions: report.mentionsAdded, errors: errors,
                                    seconds: Date().timeIntervalSince(start)))
        }
        return report
    }
}

/// Extraction results filled in by worker threads and read, range by range, by the writer.
final class ExtractionResults: @unchecked Sendable {
    private let condition = NSCondition()
    private var values: [ExtractedArticle?]
    private var done: [Bool]

    init(count: Int) {
        values = Array(repeating: nil, count: count)
        done = Array(repeating: false, count: count)
    }

    func set(_ i: Int, _ v: ExtractedArticle?) {
        condition.lock()
        values[i] = v
        done[i] = true
        condition.broadcast()
        condition.unlock()
    }

    /// Blocks until every index of `range` is set; hands the values over and frees them here.
    func wait(_ range: Range<Int>) -> [ExtractedArticle?] {
        condition.lock()
        defer { condition.unlock() }
        while !range.allSatisfy({ done[$0] }) { condition.wait() }
        let out = Array(values[range])
        for i in range { values[i] = nil }
        return out
    }
}
