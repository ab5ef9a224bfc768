import ArgumentParser
import Foundation
import SitrepCore

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure the whole pipeline: documents/s, MB/s and peak memory on a named corpus.",
        discussion: "Default corpus: the FA-KES Syrian war articles in ../shared/data/corpus/fa-kes-syria."
    )

    @Argument(help: "Corpus: a file or directory Sitrep can read.")
    var path: String = "../shared/data/corpus/fa-kes-syria/FA-KES-Dataset.csv"

    @Option(name: .customLong("repeat"), help: "Passes over the corpus (the best pass is reported).")
    var passes: Int = 3

    @Option(help: "Fail (exit 1) when documents/s falls below this.")
    var minDocsPerSecond: Double?

    @Option(help: "Fail (exit 1) when peak memory in MB exceeds this.")
    var maxPeakMB: Double?

    @Option(help: "Fail (exit 1) when the event-type model classifies fewer sentences/s on one core.")
    var minSentencesPerSecond: Double?

    @Option(help: "Fail (exit 1) when loading the event-type model takes longer (ms).")
    var maxModelLoadMs: Double?

    func run() throws {
        let t0 = Date()
        let pipeline = Pipeline()
        // Load the data files once, outside the timed passes, and report how long that takes.
        _ = pipeline.run(Article(body: .text("Warmup: gunmen attacked a checkpoint in Douma on Monday."), published: CivilDate(year: 2020, month: 1, day: 1)))
        let loadSeconds = Date().timeIntervalSince(t0)

        var articles: [Article] = []
        var failures = 0
        DocumentReader(format: .auto, defaultPublished: nil, defaultSource: nil).forEach(paths: [path]) { r in
            switch r {
            case .success(let a): articles.append(a)
            case .failure(let e): failures += 1; Console.error(e.description)
            }
        }
        guard !articles.isEmpty else { throw ValidationError("no documents in \(path)") }
        let bytes = articles.reduce(0) { n, a in
            switch a.body { case .text(let t), .html(let t): n + t.utf8.count }
        }
        var best = Double.infinity
        var events = 0
        for _ in 0..<max(1, passes) {
            let start = Date()
            let results = ParallelMap.map(articles) { pipeline.run($0).recorded.count }
            best = min(best, Date().timeIntervalSince(start))
            events = results.reduce(0, +)
        }
        let peakMB = Double(PeakMemory.bytes()) / 1_048_576
        var failed: [String] = []
        let docsPerSecond = Double(articles.count) / best
        print("corpus           \(path)")
        print("documents        \(articles.count) (\(failures) unreadable), \(String(format: "%.2f", Double(bytes) / 1_048_576)) MB")
        print("events           \(events)")
        print("cores            \(ProcessInfo.processInfo.activeProcessorCount)")
        print("load             \(String(format: "%.3f", loadSeconds)) s (gazetteer, actors, lexicons)")
        print("best pass        \(String(format: "%.3f", best)) s of \(max(1, passes))")
        print("documents/s      \(String(format: "%.0f", docsPerSecond))")
        print("MB/s             \(String(format: "%.2f", Double(bytes) / 1_048_576 / best))")
        print("peak memory      \(String(format: "%.0f", peakMB)) MB")
        if let m = ModelBench.run(articles, pipeline: pipeline, passes: passes) {
            print("model load       \(String(format: "%.1f", m.loadMilliseconds)) ms (event-type model)")
            print("classification   \(String(format: "%.0f", m.sentencesPerSecond)) sentences/s on one core (\(m.sentences) sentences, features and scoring)")
            if let min = minSentencesPerSecond, m.sentencesPerSecond < min { failed.append("sentences/s \(Int(m.sentencesPerSecond)) below \(Int(min))") }
            if let max = maxModelLoadMs, m.loadMilliseconds > max { failed.append("model load \(Int(m.loadMilliseconds)) ms above \(Int(max)) ms") }
        }
        if let m = minDocsPerSecond, docsPerSecond < m { failed.append("documents/s \(Int(docsPerSecond)) below \(Int(m))") }
        if let m = maxPeakMB, peakMB > m { failed.append("peak memory \(Int(peakMB)) MB above \(Int(m)) MB") }
        for f in failed { Console.error(f) }
        if !failed.isEmpty { throw ExitCode(1) }
    }
}

/// Peak resident memory of this process (VmHWM), as the kernel counts it.
enum PeakMemory {
    static func bytes() -> Int {
        guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in s.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kb = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
            return kb * 1024
        }
        return 0
    }
}
