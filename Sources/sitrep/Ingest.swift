import ArgumentParser
import Foundation
import SitrepCore
import SitrepStore

/// Options every store command shares.
struct StoreOptions: ParsableArguments {
    @Option(help: "The event database (SQLite). Default: $SITREP_DB, else sitrep.db.")
    var db: String = ProcessInfo.processInfo.environment["SITREP_DB"] ?? "sitrep.db"

    /// Opens the database, creating it if there is none (commands that write).
    func open() throws -> SQLiteEventStore { try SQLiteEventStore(path: db) }

    /// Opens a database that must exist (commands that read): a mistyped path is an error, not a
    /// new empty database.
    func openExisting() throws -> SQLiteEventStore {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: db, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw ValidationError(EscapedText.line("no event database at \(db) (`sitrep ingest --db \(db) …` makes one)"))
        }
        return try open()
    }
}

/// The limits every coding command applies to each document.
struct LimitOptions: ParsableArguments {
    @Option(help: "Most bytes of text coded per document; longer ones are cut at a paragraph boundary, with a warning.")
    var maxDocumentBytes = DocumentLimits.standard.maxTextBytes

    @Option(help: "Most seconds coding one document may take before it fails (0: no limit).")
    var maxSecondsPerDocument = 60.0

    @Option(help: "Most bytes a gzip file may expand to; a larger one is refused.")
    var maxGzipBytes = Gzip.defaultLimit

    func validate() throws {
        guard maxDocumentBytes >= 1024 else { throw ValidationError("--max-document-bytes must be at least 1024") }
        guard maxGzipBytes >= 1024 else { throw ValidationError("--max-gzip-bytes must be at least 1024") }
        guard maxSecondsPerDocument.isFinite, maxSecondsPerDocument >= 0 else {
            throw ValidationError("--max-seconds-per-document must be a number of seconds, 0 or more")
        }
    }

    var limits: DocumentLimits {
        DocumentLimits(maxTextBytes: maxDocumentBytes, maxSeconds: maxSecondsPerDocument > 0 ? maxSecondsPerDocument : nil)
    }
}

struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Code reports and store them in the event database, merging what many outlets report once.",
        discussion: """
        Reads what `extract` reads. Each article is stored once (by a hash of its content): re-ingesting it
        changes nothing; a new text at the same url revises what the old one contributed. Copies of one story
        are linked; reports of one event from different articles are merged into one canonical event. Work
        is committed in batches, so an interrupted run can simply be run again. Documents that fail to read
        are reported on stderr and the rest go on; the exit status is 1 when any document failed.

        A document whose coding fails (over its time budget, or it crashed a run: the next run finds the
        documents the dead run was coding and tries them in a separate process first) is quarantined:
        reported on stderr, kept out of later runs, and listed by `sitrep quarantine`.
        """
    )

    @Argument(help: "Files or directories to read; '-' reads stdin.")
    var paths: [String] = []

    @OptionGroup var store: StoreOptions

    @Option(name: .customLong("input"), help: "Input format: auto, text, html, jsonl, csv.")
    var input: InputFormat = .auto

    @Option(help: "Publication date (YYYY-MM-DD) for documents that have none.")
    var published: CivilDate?

    @Option(help: "Source name for documents that have none.")
    var source: String?

    @Option(help: "Articles per committed batch (a batch also ends once it holds 1 MB of input).")
    var batchSize: Int = 128

    @Flag(help: "No progress line and no summary.")
    var quiet = false

    @Flag(help: "Progress as one JSON object a line on stderr, for scripts.")
    var jsonProgress = false

    @OptionGroup var limits: LimitOptions

    func run() throws {
        let (articles, failures) = readArticles(paths, format: input, published: published, source: source,
                                                maxGzipBytes: limits.maxGzipBytes)
        let db = try store.open()
        var configured = Pipeline(defaultPublished: published, defaultSource: source)
        configured.limits = limits.limits
        let pipeline = configured
        let progress = ProgressLine(mode: quiet ? .quiet : jsonProgress ? .json : .tty)
        let isolation = ChildProcessCoder(published: published, source: source, limits: limits)
        let ingestor = Ingestor(pipeline: pipeline, batchSize: batchSize, isolation: isolation)
        let report = try ingestor.run(articles, into: db, errors: failures, progress: { progress.update($0) }, warn: { line in
            progress.interrupt { Console.error(line) }
        })
        progress.finish()
        Console.undated(report.articlesUndated, droppedEvents: report.eventsDroppedForNoDate)
        if !quiet {
            let c = try db.counts()
            Console.info("""
                \(report.articlesAdded) article(s) added, \(report.articlesUnchanged) unchanged, \
                \(report.articlesSuperseded) revised by a new version, \(report.nearDuplicates) copies of a stored story; \
                \(report.mentionsAdded) reports of events → \(report.eventsCreated) event(s) created, \
                \(report.eventsUpdated) updated, \(report.eventsDeleted) deleted; \
                store: \(c.activeArticles) articles in \(c.stories) stories, \(c.events) events (\(store.db))
                """)
        }
        let failed = failures + report.articlesQuarantined + report.articlesSkippedQuarantined
        if failed > 0 {
            Console.error("\(failed) document(s) failed" + (report.articlesQuarantined + report.articlesSkippedQuarantined > 0
                ? " (\(report.articlesQuarantined + report.articlesSkippedQuarantined) quarantined: `sitrep quarantine --db \(store.db)`)" : ""))
            throw ExitCode(1)
        }
    }
}

/// Reads every document of the inputs, reporting each unreadable one on stderr (the rest go on).
func readArticles(_ paths: [String], format: InputFormat, published: CivilDate?, source: String?,
                  maxGzipBytes: Int = Gzip.defaultLimit) -> ([Article], Int) {
    var reader = DocumentReader(format: format, defaultPublished: published, defaultSource: source)
    reader.maxInflatedBytes = maxGzipBytes
    var articles: [Article] = []
    var failures = 0
    let handle: (Result<Article, DocumentError>) -> Void = { r in
        switch r {
        case .success(let a): articles.append(a)
        case .failure(let e):
            failures += 1
            Console.error(e.description)
        }
    }
    reader.forEach(commandLinePaths: paths, handle)
    return (articles, failures)
}

extension DocumentReader {
    /// Every document of a command's inputs, in order: "-", or no path at all, reads stdin.
    func forEach(commandLinePaths paths: [String], _ handle: (Item) -> Void) {
        let inputs = paths.filter { $0 != "-" }
        if inputs.isEmpty || paths.contains("-") {
            read(data: FileHandle.standardInput.readDataToEndOfFile(), origin: "<stdin>").forEach(handle)
        }
        if !inputs.isEmpty { forEach(paths: inputs, handle) }
    }
}

/// Progress on stderr: a line rewritten in place on a terminal, JSON lines for scripts, or nothing.
final class ProgressLine {
    enum Mode { case quiet, tty, json }
    let mode: Mode
    private var last = Date.distantPast
    private var drawn = false

    init(mode: Mode) {
        // A progress line only makes sense on a terminal; redirected output stays clean.
        self.mode = mode == .tty && isatty(STDERR_FILENO) == 0 ? .quiet : mode
    }

    func update(_ p: IngestProgress) {
        switch mode {
        case .quiet: return
        case .json:
            let eta = p.etaSeconds.map { String(format: "%.1f", $0) } ?? "null"
            write("{\"done\":\(p.done),\"total\":\(p.total),\"docs_per_s\":\(String(format: "%.1f", p.docsPerSecond)),\"events\":\(p.mentions),\"errors\":\(p.errors),\"eta_s\":\(eta)}\n")
        case .tty:
            guard Date().timeIntervalSince(last) > 0.2 || p.done == p.total else { return }
            last = Date()
            let eta = p.etaSeconds.map { "ETA \(Int($0.rounded()))s" } ?? ""
            write("\r\u{1B}[K\(p.done)/\(p.total) documents  \(Int(p.docsPerSecond)) docs/s  \(p.mentions) events  \(p.errors) errors  \(eta)")
            drawn = true
        }
    }

    func finish() {
        if drawn { write("\n") }
        drawn = false
    }

    /// Prints a message on its own line, then lets the progress line be drawn again below it.
    func interrupt(_ print: () -> Void) {
        if drawn { write("\r\u{1B}[K") }
        print()
    }

    private func write(_ s: String) { FileHandle.standardError.write(Data(s.utf8)) }
}

extension Console {
    static func info(_ s: String) {
        FileHandle.standardError.write(Data((EscapedText.line(s) + "\n").utf8))
    }
}
