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
///
/// One bad document never blocks the rest. With a store that keeps an `IngestJournal`, the
/// documents of a batch are recorded as being coded (in the transaction that stores the batch
/// `lookahead` batches before it) before any of them is; a run that dies leaves them listed, and
/// the next run codes them in `isolation` first and quarantines the one that fails. A
/// document that fails within the process (its time budget) is quarantined at once.
public struct Ingestor: Sendable {
    public let pipeline: Pipeline
    public var batchSize: Int
    public var batchBytes: Int
    /// Where the documents a dead run was coding are tried first; nil: they are coded like any other.
    public var isolation: (any IsolatedCoder)?
    /// Batches being coded ahead of the one being written: enough to keep every core busy while
    /// the writer commits, few enough that a dead run leaves a short list to test.
    static let lookahead = 2

    public init(pipeline: Pipeline, batchSize: Int = 128, batchBytes: Int = 1 << 20, isolation: (any IsolatedCoder)? = nil) {
        self.pipeline = pipeline
        self.batchSize = batchSize
        self.batchBytes = batchBytes
        self.isolation = isolation
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

    /// `warn` gets one line per document that was cut to the size limit or quarantined.
    public func run(_ articles: [Article], into store: any EventStore, errors: Int = 0,
                    progress: (IngestProgress) -> Void = { _ in }, warn: (String) -> Void = { _ in }) throws -> IngestReport {
        let start = Date()
        var report = IngestReport()
        let journal = store as? any IngestJournal
        // Content already stored is skipped before the costly extraction, and so is content set aside.
        let ids = articles.map(ArticleExtractor.contentID)
        let known = try store.knownArticleIDs(ids)
        let earlier = try journal?.quarantinedIDs(ids) ?? []
        var setAside = earlier
        if let journal {
            let recovered = try recover(articles, ids: ids, skip: known.union(earlier), journal: journal, warn: warn)
            setAside.formUnion(recovered.map(\.articleID))
            report.articlesQuarantined += recovered.count
        }
        let skip = ids.map { known.contains($0) || setAside.contains($0) }
        report.articlesSkippedQuarantined = ids.filter { earlier.contains($0) && !known.contains($0) }.count
        if report.articlesSkippedQuarantined > 0 {
            warn("\(report.articlesSkippedQuarantined) document(s) skipped: quarantined by an earlier run (`sitrep quarantine` lists them)")
        }

        let batches = batches(articles)
        func starting(_ b: Int) -> [PendingDocument] {
            guard b < batches.count else { return [] }
            return batches[b].filter { !skip[$0] }.map { PendingDocument(articleID: ids[$0], origin: articles[$0].origin) }
        }
        // Extraction runs over the input on every core, with no barrier between batches (a long
        // article would leave a core idle at each one), up to the batches recorded as being coded;
        // batches are written, in input order, as soon as all their articles are extracted.
        let queue = ExtractionQueue(count: articles.count, skip: skip)
        defer { queue.cancel() }
        let open = Self.lookahead
        if let journal, !batches.isEmpty {
            _ = try journal.ingest(IngestBatch(articles: [], starting: (0..<open).flatMap(starting)), at: Date())
        }
        queue.allow(upTo: batches.prefix(open).last?.upperBound ?? 0)
        if skip.contains(false) { pipeline.prepareForBatch() }
        queue.startWorkers(articles: articles, pipeline: pipeline)

        for (b, batch) in batches.enumerated() {
            var extracted: [ExtractedArticle] = []
            var failed: [QuarantinedDocument] = []
            var finished: [String] = []
            for (i, outcome) in zip(batch, queue.wait(batch)) {
                switch outcome {
                case .skipped:
                    report.articlesUnchanged += known.contains(ids[i]) ? 1 : 0
                case .extracted(let e):
                    extracted.append(e)
                    finished.append(e.id)
                    e.warnings.forEach(warn)
                    if e.published == nil {
                        report.articlesUndated += 1
                        report.eventsDroppedForNoDate += e.droppedForNoDate
                    }
                case .failed(let error):
                    failed.append(QuarantinedDocument(articles[i], reason: error.reason))
                    warn(error.description + " (quarantined)")
                }
            }
            var r: IngestReport
            if let journal {
                r = try journal.ingest(IngestBatch(articles: extracted, quarantined: failed, finished: finished,
                                                   starting: starting(b + open)), at: Date())
            } else {
                r = try store.ingest(extracted, at: Date())
            }
            r.articlesQuarantined += failed.count
            report.add(r)
            if b + open < batches.count { queue.allow(upTo: batches[b + open].upperBound) }
            progress(IngestProgress(done: batch.upperBound, total: articles.count, mentions: report.mentionsAdded,
                                    errors: errors + report.articlesQuarantined, seconds: Date().timeIntervalSince(start)))
        }
        return report
    }

    /// The documents a dead run left listed as being coded, tried in isolation; those that fail are
    /// quarantined (committed before anything else is coded, so a failure cannot repeat).
    func recover(_ articles: [Article], ids: [String], skip: Set<String>, journal: any IngestJournal,
                 warn: (String) -> Void) throws -> [QuarantinedDocument] {
        let pending = Set(try journal.pendingDocuments().map(\.articleID))
        guard !pending.isEmpty else { return [] }
        var seen = Set<String>()
        let suspects = articles.indices.filter { pending.contains(ids[$0]) && !skip.contains(ids[$0]) && seen.insert(ids[$0]).inserted }
        let settled = ids.filter { pending.contains($0) && skip.contains($0) }
        guard !suspects.isEmpty || !settled.isEmpty else { return [] }
        var quarantined: [QuarantinedDocument] = []
        if let isolation, !suspects.isEmpty {
            warn("a previous run stopped while coding \(suspects.count) of these document(s): trying them on their own first")
            // One isolated run per failing document: each run goes on after the one that failed.
            var rest = suspects[...]
            while !rest.isEmpty, let f = try isolation.firstFailure(coding: rest.map { articles[$0] }) {
                guard rest.indices.contains(rest.startIndex + f.index) else { break }
                let q = QuarantinedDocument(articles[rest[rest.startIndex + f.index]], reason: f.reason)
                warn("\(EscapedText.line(q.origin)): quarantined: \(EscapedText.line(q.reason))")
                quarantined.append(q)
                rest = rest.dropFirst(f.index + 1)
            }
        }
        let tried = suspects.map { ids[$0] }.filter { id in !quarantined.contains { $0.articleID == id } }
        _ = try journal.ingest(IngestBatch(articles: [], quarantined: quarantined, finished: tried + settled), at: Date())
        return quarantined
    }
}

/// What became of one article of the input.
enum ExtractionOutcome {
    /// Already stored or quarantined: not coded again.
    case skipped
    case extracted(ExtractedArticle)
    /// Coding stopped with a reason (over its time budget).
    case failed(DocumentError)
}

/// Articles handed to worker threads in input order, up to a limit the writer raises once the
/// articles below it are recorded as being coded; results are read, range by range, by the writer.
final class ExtractionQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var outcomes: [ExtractionOutcome?]
    private let skip: [Bool]
    private var next = 0
    private var allowed = 0
    private var cancelled = false

    init(count: Int, skip: [Bool]) {
        outcomes = Array(repeating: nil, count: count)
        self.skip = skip
    }

    func allow(upTo end: Int) {
        condition.lock()
        allowed = max(allowed, end)
        condition.broadcast()
        condition.unlock()
    }

    /// Wakes every worker and lets it stop (the writer failed or finished).
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    func startWorkers(articles: [Article], pipeline: Pipeline) {
        for _ in 0..<max(1, ProcessInfo.processInfo.activeProcessorCount) {
            Thread.detachNewThread { [self] in
                while let i = take() {
                    do throws(DocumentError) {
                        set(i, .extracted(try ArticleExtractor.extractWithinLimits(articles[i], pipeline: pipeline)))
                    } catch {
                        set(i, .failed(error))
                    }
                }
            }
        }
    }

    /// The next article to code, waiting until it is allowed; nil when there is none left.
    private func take() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if cancelled { return nil }
            while next < outcomes.count, skip[next] {
                outcomes[next] = .skipped
                next += 1
                condition.broadcast()
            }
            if next >= outcomes.count { return nil }
            if next < allowed {
                next += 1
                return next - 1
            }
            condition.wait()
        }
    }

    private func set(_ i: Int, _ v: ExtractionOutcome) {
        condition.lock()
        outcomes[i] = v
        condition.broadcast()
        condition.unlock()
    }

    /// Blocks until every index of `range` has its outcome; hands them over and frees them here.
    func wait(_ range: Range<Int>) -> [ExtractionOutcome] {
        condition.lock()
        defer { condition.unlock() }
        while !range.allSatisfy({ outcomes[$0] != nil }) { condition.wait() }
        let out = range.compactMap { outcomes[$0] }
        for i in range { outcomes[i] = .skipped }
        return out
    }
}
