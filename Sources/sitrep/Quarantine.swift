import ArgumentParser
import Foundation
import SitrepCore
import SitrepStore

struct QuarantineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quarantine",
        abstract: "Documents set aside because coding them failed: when, content id, origin and why.",
        discussion: """
        `sitrep ingest` quarantines a document that crashed or hung a run (found by trying the documents a dead
        run was coding in a separate process) or that overran its time budget. Later runs skip it.
        """
    )

    @OptionGroup var store: StoreOptions
    @Flag(help: "JSON lines instead of a table.") var json = false

    func run() throws {
        let docs = try store.openExisting().quarantined()
        var out = OutputBuffer()
        for d in docs {
            if json {
                var w = JSONWriter()
                w.beginObject()
                w.field("article_id", d.articleID)
                w.field("origin", d.origin)
                w.field("url", d.url)
                w.field("bytes", d.bytes)
                w.field("reason", d.reason)
                w.field("at", d.at)
                w.endObject()
                out.write(w.out + "\n")
            } else {
                out.write([d.at, d.articleID, d.origin, d.reason].map(EscapedText.line).joined(separator: "\t") + "\n")
            }
        }
        out.flush()
        if docs.isEmpty, !json { Console.info("no quarantined documents in \(store.db)") }
    }
}
