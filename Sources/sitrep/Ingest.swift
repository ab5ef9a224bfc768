import ArgumentParser
import Foundation
import SitrepCore
import SitrepStore

/// Options every store command shares.
struct StoreOptions: ParsableArguments {
    @Option(help: "The event database (SQLite). Default: $SITREP_DB, else sitrep.db.")
    var db: String = ProcessInfo.processInfo.environment["SITREP_DB"] ?? "sitrep.db"

    func open() throws -> SQLiteEventStore { try SQLiteEventStore(path: db) }
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

    func run() throws {
        let (articles, failures) = readArticles(paths, format: input, published: published, source: source)
        let db = try store.open()
        let pipeline = Pipeline(defaultPublished: published, defaultSource: source)
        let progress = ProgressLine(mode: quiet ? .quiet : jsonProgress ? .json : .tty)
        let report = try Ingestor(pipeline: pipeline, batchSize: batchSize).run(articles, into: db, errors: failures) {
            progress.update($0)
        }
        progress.finish()
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
        if failures > 0 {
            Console.error("\(failures) document(s) failed")
            throw ExitCode(1)
        }
    }
}

/// Reads every document of the inputs, reporting each unreadable one on stderr (the rest go on).
func readArticles(_ paths: [String], format: InputFormat, published: CivilDate?, source: String?) -> ([Article], Int) {
    let reader = DocumentReader(format: format, defaultPublished: published, defaultSource: source)
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
    let inputs = paths.filter { $0 != "-" }
    if inputs.isEmpty || paths.contains("-") {
        reader.read(data: FileHandle.standardInput.readDataToEndOfFile(), origin: "<stdin>").forEach(handle)
    }
    reader.forEach(paths: inputs, handle)
    return (articles, failures)
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
    }

    private func write(_ s: String) { FileHandle.standardError.write(Data(s.utf8)) }
}

extension Console {
    static func info(_ s: String) {
        FileHandle.standardError.write(Data((s + "\n").utf8))
    }
}
