// libFuzzer targets, compiled together with SitrepCore's sources by Tests/fuzz/run.sh (one binary;
// $SITREP_FUZZ_TARGET picks the target). Each target feeds the bytes to one reader or stage; any trap,
// sanitizer report, timeout or out-of-memory is a finding.
import Foundation

enum FuzzTarget: String, CaseIterable {
    /// The HTML main-text extractor and the cleaner behind it.
    case html
    /// JSONL documents (one per line).
    case jsonl
    /// CSV documents (header row, then one per row).
    case csv
    /// Gzip members (inflate, CRC-32, length, output cap).
    case gzip
    /// Dates, numbers and casualty phrases over the tokens of a text.
    case parsers
    /// The whole pipeline, from bytes in any format to coded events.
    case pipeline

    static let current: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["SITREP_FUZZ_TARGET"] ?? ""
        guard let t = FuzzTarget(rawValue: name) else {
            FileHandle.standardError.write(Data("set SITREP_FUZZ_TARGET to one of: \(allCases.map(\.rawValue).joined(separator: ", "))\n".utf8))
            exit(2)
        }
        return t
    }()
}

/// Small limits: a finding should be a bug, not a slow input the limits would cut anyway.
let fuzzPipeline: Pipeline = {
    var p = Pipeline(defaultPublished: CivilDate(year: 2021, month: 5, day: 4))
    p.limits = DocumentLimits(maxTextBytes: 64 << 10)
    return p
}()

func fuzzOne(_ data: Data) {
    switch FuzzTarget.current {
    case .html:
        let html = String(decoding: data, as: UTF8.self)
        _ = HTMLExtractor.extract(html)
        _ = Cleaner.clean(Article(body: .html(html)))
    case .jsonl:
        for item in DocumentReader(format: .jsonl).read(data: data, origin: "fuzz.jsonl") {
            if case .failure(let e) = item { precondition(!e.description.contains("\n"), "a multi-line error") }
        }
    case .csv:
        _ = CSVTable(text: String(decoding: data, as: UTF8.self))
        _ = DocumentReader(format: .csv).read(data: data, origin: "fuzz.csv")
    case .gzip:
        _ = try? Gzip.decompress(data, limit: 1 << 20)
        _ = DocumentReader(format: .auto).read(data: data, origin: "fuzz.gz")
    case .parsers:
        let text = String(decoding: data, as: UTF8.self)
        let doc = Doc(articleID: "fuzz", origin: "fuzz", title: nil, published: CivilDate(year: 2021, month: 5, day: 4),
                      source: nil, url: nil, clean: CleanText(text: text))
        _ = DateExtractor.extract(doc)
        for i in doc.tokens.indices { _ = NumberParser.parse(doc.tokens, at: i) }
        _ = CasualtyExtractor.extract(doc)
        _ = PublishedDate.parse(text)
        _ = CivilDate(iso: text)
    case .pipeline:
        for item in DocumentReader(format: .auto).read(data: data, origin: "fuzz") {
            guard case .success(let article) = item else { continue }
            _ = try? fuzzPipeline.runWithinLimits(article)
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    fuzzOne(Data(bytes: start, count: count))
    return 0
}
