import ArgumentParser
import Foundation
import SitrepCore

struct CleanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean",
        abstract: "Print the text Sitrep codes from each page, block by block, and what it left out.",
        discussion: "Reads the same inputs as extract. --format json writes one object a document with its blocks and metadata."
    )

    @Argument(help: "Files or directories to read; none or '-' reads stdin.")
    var paths: [String] = []

    @Option(name: .customLong("input"), help: "Input format: auto, text, html, jsonl, csv.")
    var input: InputFormat = .auto

    @Option(help: "Output: text or json.")
    var format: Format = .text

    @Option(help: "Publication date (YYYY-MM-DD) for documents that have none.")
    var published: CivilDate?

    @Option(help: "Title for documents that have none.")
    var title: String?

    enum Format: String, ExpressibleByArgument { case text, json }

    func run() throws {
        let pipeline = Pipeline(defaultPublished: published, typeModel: nil)
        let reader = DocumentReader(format: input, defaultPublished: nil, defaultSource: nil)
        var out = OutputBuffer()
        var failures = 0
        let handle: (Result<Article, DocumentError>) -> Void = { result in
            switch result {
            case .success(var a):
                if a.title == nil { a.title = title }
                let doc = pipeline.clean(a)
                switch format {
                case .text: out.write("== \(a.origin)\n" + PageFormats.text(doc) + "\n")
                case .json: out.write(PageFormats.json(doc) + "\n")
                }
            case .failure(let e):
                failures += 1
                Console.error(e.description)
            }
        }
        reader.forEach(commandLinePaths: paths, handle)
        out.flush()
        if failures > 0 {
            Console.error("\(failures) document(s) failed")
            throw ExitCode(1)
        }
    }
}
