import Foundation
import SitrepCore
import SitrepStore

/// The separate process could not do its work at all: no document is to blame.
struct IsolationFailure: Error, CustomStringConvertible {
    var description: String
}

/// Codes documents in a child `sitrep extract --coding-log FILE` (one at a time, each named in
/// FILE before it is coded), so a document that crashes or hangs the coder takes only the child
/// with it and the log says which it was: how `ingest` finds the document that killed a run.
struct ChildProcessCoder: IsolatedCoder {
    let published: CivilDate?
    let source: String?
    let maxDocumentBytes: Int
    let maxSecondsPerDocument: Double

    init(published: CivilDate?, source: String?, limits: LimitOptions) {
        self.published = published
        self.source = source
        maxDocumentBytes = limits.maxDocumentBytes
        maxSecondsPerDocument = limits.maxSecondsPerDocument
    }

    func firstFailure(coding articles: [Article]) throws -> (index: Int, reason: String)? {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-isolated-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("documents.jsonl")
        let errors = dir.appendingPathComponent("stderr")
        let log = dir.appendingPathComponent("coding-log")
        try Data(articles.map(Self.jsonLine).joined().utf8).write(to: input)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)

        let child = Process()
        // The running binary itself: /proc/self/exe is this process's executable on Linux.
        child.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var arguments = ["extract", "--input", "jsonl", "--max-document-bytes", String(maxDocumentBytes),
                         "--max-seconds-per-document", String(maxSecondsPerDocument)]
        if let published { arguments += ["--published", published.description] }
        if let source { arguments += ["--source", source] }
        child.arguments = arguments + ["--coding-log", log.path, "-"]
        child.standardInput = try FileHandle(forReadingFrom: input)
        child.standardOutput = FileHandle.nullDevice
        child.standardError = try FileHandle(forWritingTo: errors)
        try child.run()

        // The child applies the time budget itself between stages; this catches a stage that hangs.
        let perDocument = maxSecondsPerDocument > 0 ? 2 * maxSecondsPerDocument : 300
        let timeout = 30 + perDocument * Double(articles.count)
        let deadline = Date().addingTimeInterval(timeout)
        while child.isRunning, Date() < deadline { usleep(20_000) }
        if child.isRunning {
            child.terminate()
            usleep(500_000)
            if child.isRunning { kill(child.processIdentifier, SIGKILL) }
            child.waitUntilExit()
            return try blame(log, "coding it did not finish within \(Int(timeout)) s (stopped)")
        }
        let said = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        switch (child.terminationReason, child.terminationStatus) {
        case (.exit, 0), (.exit, 1):
            // 1: documents the child could not read or that overran their budget; the run itself
            // reports those, in this process.
            return nil
        case (.exit, let status):
            throw IsolationFailure(description: "could not code documents in a separate process (exit status \(status)): \(Self.lastWords(said) ?? "no message")")
        case (.uncaughtSignal, let signal):
            return try blame(log, "coding it crashed the process (signal \(signal))" + (Self.lastWords(said).map { ": \($0)" } ?? ""))
        @unknown default:
            return try blame(log, "coding it stopped the process")
        }
    }

    /// The document the child was coding when it stopped: the last line of its coding log names it
    /// (`<stdin>:N`, the Nth line of the JSONL it was given).
    func blame(_ log: URL, _ reason: String) throws -> (index: Int, reason: String) {
        let lines = ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n")
        guard let last = lines.last, let n = last.split(separator: ":").last.flatMap({ Int($0) }), n >= 1 else {
            throw IsolationFailure(description: "a separate process stopped before coding any document: \(reason)")
        }
        return (n - 1, reason)
    }

    /// The line of a crash report that says what went wrong.
    static func lastWords(_ stderr: String) -> String? {
        let lines = stderr.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        let line = lines.first { $0.contains("Fatal error") || $0.contains("runtime failure") }
            ?? lines.first { $0.hasPrefix("***") } ?? lines.last
        return line.map { EscapedText.line($0.trimmingCharacters(in: CharacterSet(charactersIn: "* "))) }
    }

    /// One document as a line of the JSONL that `extract --input jsonl` reads.
    static func jsonLine(_ a: Article) -> String {
        var w = JSONWriter()
        w.beginObject()
        if let id = a.id { w.field("id", id) }
        switch a.body {
        case .text(let t): w.field("text", t)
        case .html(let h): w.field("html", h)
        }
        if let t = a.title { w.field("title", t) }
        if let p = a.published { w.field("published", p.description) }
        if let s = a.source { w.field("source", s) }
        if let u = a.url { w.field("url", u) }
        w.endObject()
        return w.out + "\n"
    }
}
