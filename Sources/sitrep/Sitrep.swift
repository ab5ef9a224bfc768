import ArgumentParser
import Foundation
import SitrepCore

@main
struct Sitrep: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sitrep",
        abstract: "Turn conflict news reports into ACLED-coded events, offline.",
        subcommands: [Extract.self, CleanCommand.self, Eval.self, Bench.self, GazetteerCommand.self, ActorsCommand.self, Train.self, Ingest.self, Events.self, Retract.self, Stats.self, QuarantineCommand.self, StoreCommand.self, Serve.self],
        defaultSubcommand: Extract.self
    )
}

/// Standard error, line by line: whatever a message quotes from the input (a file name, a field)
/// stays on its line and cannot drive the terminal.
enum Console {
    static func error(_ s: String) {
        FileHandle.standardError.write(Data(("sitrep: " + EscapedText.line(s) + "\n").utf8))
    }

    /// Never a silent zero: what a missing date cost (`extract`, `ingest`).
    static func undated(_ documents: Int, droppedEvents: Int) {
        guard documents > 0 else { return }
        error("\(documents) document(s) had no date of their own (give --published): \(droppedEvents) event(s) not recorded for want of a date")
    }
}

/// Buffered standard output: printing events one `print` at a time would dominate run time.
struct OutputBuffer {
    private var buffer = ""

    mutating func write(_ s: String) {
        buffer += s
        if buffer.utf8.count > 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer.utf8))
        buffer = ""
    }
}

extension CivilDate: ExpressibleByArgument {
    public init?(argument: String) { self.init(iso: argument) }
}

extension InputFormat: ExpressibleByArgument {}
extension OutputFormat: ExpressibleByArgument {}
