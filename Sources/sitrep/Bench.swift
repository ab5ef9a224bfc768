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

    @Option(help: "Fail (exit 1) when opening the gazetteer plus its first lookup takes longer than this (ms).")
    var maxGazetteerLoadMs: Double?

    @OptionGroup var gazetteer: GazetteerOption

    /// A pipeline with every data file loaded (one short document coded), and how long that took:
    /// benchmarks time the work, not the loading.
    static func loadedPipeline() -> (Pipeline, TimeInterval) {
        let t0 = Date()
        let pipeline = Pipeline()
        _ = pipeline.run(Article(body: .text("Warmup: gunmen attacked a checkpoint in Douma on Monday."), published: CivilDate(year: 2020, month: 1, day: 1)))
        return (pipeline, Date().timeIntervalSince(t0))
    }

    func run() throws {
        try gazetteer.apply()
        // A gazetteer whose index is not built yet is built by a child process first: the build is
        // a one-off (seconds, a few hundred MB) that would otherwise count as load time and peak memory.
        try PlaceBench.ensureIndex()
        // Cold gazetteer: the first open of the file and the first lookup, before anything else touches it.
        let gazetteerLoadMs = PlaceBench.coldLoadMs()
        // Built here so that "load" below stays what it was (the index is built on first use, in a pass).
        let soundalikeIndexMs = PlaceBench.soundalikeIndexMs()
        let (pipeline, pipelineLoad) = Bench.loadedPipeline()
        let loadSeconds = gazetteerLoadMs / 1000 + pipelineLoad

        let (articles, failures) = readArticles([path], format: .auto, published: nil, source: nil)
        guard !articles.isEmpty else { throw ValidationError("no documents in \(path)") }
        let bytes = articles.reduce(0) { $0 + $1.byteCount }
        var best = Double.infinity
        var events = 0
        for _ in 0..<max(1, passes) {
            let start = Date()
            let results = ParallelMap.map(articles) { pipeline.run($0).recorded.count }
            best = min(best, Date().timeIntervalSince(start))
            events = results.reduce(0, +)
        }
        // Peak memory of the pipeline's passes, before the place bench holds every analysed document.
        let peakMB = Double(PeakMemory.bytes()) / 1_048_576
        var failed: [String] = []
        let places = PlaceBench.run(pipeline: pipeline, articles: articles, passes: max(1, passes))
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
        print("places           gazetteer \(Gazetteer.directory.path), \(Gazetteer.shared.count) records")
        print("gazetteer load   \(String(format: "%.1f", gazetteerLoadMs)) ms (open + first lookup, cold)")
        print("soundalike index \(String(format: "%.0f", soundalikeIndexMs)) ms (built on first use)")
        print("place lookups/s  \(String(format: "%.0f", places.lookupsPerSecond)) (one core; \(places.names) place mentions of the corpus, \(places.distinctNames) distinct, \(String(format: "%.1f", places.candidatesPerLookup)) candidates each)")
        print("resolution       \(String(format: "%.0f", places.documentsPerSecond)) documents/s (PlaceResolver.resolve, all cores, \(places.mentions) places)")
        if let m = minDocsPerSecond, docsPerSecond < m { failed.append("documents/s \(Int(docsPerSecond)) below \(Int(m))") }
        if let m = maxPeakMB, peakMB > m { failed.append("peak memory \(Int(peakMB)) MB above \(Int(m)) MB") }
        if let m = maxGazetteerLoadMs, gazetteerLoadMs > m {
            failed.append("gazetteer load \(String(format: "%.1f", gazetteerLoadMs)) ms above \(m) ms")
        }
        for f in failed { Console.error(f) }
        if !failed.isEmpty { throw ExitCode(1) }
    }
}

/// The place stage alone: gazetteer load, name lookups, and the resolver over the corpus.
enum PlaceBench {
    struct Figures {
        var names = 0
        var distinctNames = 0
        var lookupsPerSecond = 0.0
        var candidatesPerLookup = 0.0
        var documentsPerSecond = 0.0
        var mentions = 0
    }

    /// Runs `sitrep gazetteer index` (same gazetteer, same environment) when the cache lacks the index.
    static func ensureIndex() throws {
        guard GazetteerIndexCache.existingIndex(for: Gazetteer.directory) == nil else { return }
        let p = Process()
        p.executableURL = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        p.arguments = ["gazetteer", "index"]
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw ValidationError("sitrep gazetteer index failed") }
    }

    /// Must run before anything else uses `Gazetteer.shared`, or it measures nothing.
    static func coldLoadMs() -> Double {
        let start = Date()
        _ = Gazetteer.shared.candidates("Douma")
        return Date().timeIntervalSince(start) * 1000
    }

    /// The consonant-skeleton index the resolver builds the first time a document needs it.
    static func soundalikeIndexMs() -> Double {
        let start = Date()
        Gazetteer.shared.prepareSoundalikes()
        return Date().timeIntervalSince(start) * 1000
    }

    static func run(pipeline: Pipeline, articles: [Article], passes: Int) -> Figures {
        var f = Figures()
        let g = pipeline.resolver.gazetteer
        // Documents as the resolver receives them: analysed up to, not including, places.
        let analysed = ParallelMap.map(articles) { a -> (Doc, [String]) in
            var d = pipeline.analyse(a)
            let names = d.places.map { d.text($0.span) }
            d.places = []
            d.focusCountry = nil
            d.actors = []
            return (d, names)
        }
        let docs = analysed.map(\.0)
        // The names the corpus writes, as written: what a lookup meets in practice.
        let names = analysed.flatMap(\.1)
        f.names = names.count
        f.distinctNames = Set(names).count
        if !names.isEmpty {
            var lookups = 0, candidates = 0
            let start = Date()
            // Whole passes over the list until half a second has gone by, for a stable rate.
            repeat {
                for n in names { candidates += g.candidates(n).count }
                lookups += names.count
            } while Date().timeIntervalSince(start) < 0.5
            f.lookupsPerSecond = Double(lookups) / Date().timeIntervalSince(start)
            f.candidatesPerLookup = Double(candidates) / Double(lookups)
        }
        var best = Double.infinity
        for _ in 0..<passes {
            let start = Date()
            let counts = ParallelMap.map(docs) { pipeline.resolver.resolve($0).places.count }
            best = min(best, Date().timeIntervalSince(start))
            f.mentions = counts.reduce(0, +)
        }
        f.documentsPerSecond = Double(docs.count) / best
        return f
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
