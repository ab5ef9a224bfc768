import ArgumentParser
import Foundation
import SitrepCore

struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Code news reports (files, directories or stdin) into ACLED events.",
        discussion: """
        Reads plain text, HTML, JSONL (one document a line: id, text or html, title, published, source, url)
        and CSV, detected from the file or forced with --input. Prints one event per line (JSONL), ACLED CSV
        or GeoJSON. Documents that fail to read are reported on stderr and the rest go on; the exit status
        is 1 when any document failed.
        """
    )

    @Argument(help: "Files or directories to read; none or '-' reads stdin.")
    var paths: [String] = []

    @Option(name: .customLong("input"), help: "Input format: auto, text, html, jsonl, csv.")
    var input: InputFormat = .auto

    @Option(help: "Output format: jsonl, csv, geojson.")
    var format: OutputFormat = .jsonl

    @Option(help: "Publication date (YYYY-MM-DD) for documents that have none.")
    var published: CivilDate?

    @Option(help: "Source name for documents that have none.")
    var source: String?

    @Flag(help: "Print a human-readable account of each event and why each field has its value.")
    var explain = false

    @Flag(help: "Also output events the codebook would not record, with a dropped_reason.")
    var includeDropped = false

    @Option(help: "Event-type model trained with `sitrep train` (default: the bundled model; 'none': codebook rules only).")
    var model: String?

    @OptionGroup var gazetteer: GazetteerOption
    @OptionGroup var limits: LimitOptions

    @Option(help: .hidden) var codingLog: String?

    func run() throws {
        try gazetteer.apply()
        let typeModel: TypeModel? = try model.map { $0 == "none" ? nil : try TypeModel.load(URL(fileURLWithPath: $0)) } ?? TypeModel.bundled
        var configured = Pipeline(defaultPublished: published, defaultSource: source, typeModel: typeModel)
        configured.limits = limits.limits
        let pipeline = configured
        var reader = DocumentReader(format: input, defaultPublished: nil, defaultSource: nil)
        reader.maxInflatedBytes = limits.maxGzipBytes
        var out = OutputBuffer()
        var failures = 0
        var undated = 0, droppedForNoDate = 0
        var firstFeature = true
        if format == .csv && !explain { out.write(EventFormats.csvHeader.joined(separator: ",") + "\n") }
        if format == .geojson && !explain { out.write("{\"type\":\"FeatureCollection\",\"features\":[\n") }

        // Documents are coded in batches on all cores; output keeps input order. With a coding log
        // (`ingest` trying documents in isolation), one at a time, each named in the log first.
        var log: FileHandle?
        if let path = codingLog {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
            log = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        }
        var batch: [Article] = []
        @Sendable func code(_ a: Article) -> Result<Pipeline.Result, DocumentError> {
            Result { () throws(DocumentError) in try pipeline.runWithinLimits(a) }
        }
        var prepared = false
        func flushBatch() {
            // What a batch would build on first need (the sound-alike index), built before the
            // cores start: the same work whichever document needs it first.
            if batch.count > 1, !prepared {
                pipeline.prepareForBatch()
                prepared = true
            }
            let outcomes = log.map { log in
                batch.map { a in
                    log.write(Data((a.origin + "\n").utf8))
                    return code(a)
                }
            } ?? ParallelMap.map(batch) { code($0) }
            batch.removeAll(keepingCapacity: true)
            for outcome in outcomes {
                let r: Pipeline.Result
                switch outcome {
                case .success(let s): r = s
                case .failure(let e):
                    failures += 1
                    Console.error(e.description)
                    continue
                }
                r.warnings.forEach(Console.error)
                if r.doc.published == nil {
                    undated += 1
                    droppedForNoDate += r.droppedForNoDate
                }
                if explain { out.write(EventFormats.explainDocument(r.doc)) }
                for e in r.events where includeDropped || e.droppedReason == nil {
                    if explain {
                        out.write(EventFormats.explain(e, doc: r.doc) + "\n")
                        continue
                    }
                    switch format {
                    case .jsonl: out.write(EventFormats.json(e, doc: r.doc, includeDropped: includeDropped) + "\n")
                    case .csv: out.write(EventFormats.csvRow(e, doc: r.doc) + "\n")
                    case .geojson:
                        out.write((firstFeature ? "" : ",\n") + EventFormats.geoJSONFeature(e, doc: r.doc, includeDropped: includeDropped))
                        firstFeature = false
                    }
                }
                if explain && !r.events.contains(where: { includeDropped || $0.droppedReason == nil }) {
                    out.write("   no events\n\n")
                }
            }
        }
        let handle: (Result<Article, DocumentError>) -> Void = { result in
            switch result {
            case .success(let a):
                batch.append(a)
                if batch.count >= 64 { flushBatch() }
            case .failure(let e):
                failures += 1
                Console.error(e.description)
            }
        }
        reader.forEach(commandLinePaths: paths, handle)
        flushBatch()
        if format == .geojson && !explain { out.write("\n]}\n") }
        out.flush()
        Console.undated(undated, droppedEvents: droppedForNoDate)
        if failures > 0 {
            Console.error("\(failures) document(s) failed")
            throw ExitCode(1)
        }
    }
}
