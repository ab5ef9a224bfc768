import ArgumentParser
import Foundation
import SitrepCore
import SitrepStore

struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Event database tools: dump, counts, a generator and the ingest and query benchmarks.",
        subcommands: [StoreDump.self, StoreCounts_.self, StoreGenerate.self, StoreBenchIngest.self, StoreBenchQuery.self]
    )
}

struct StoreDump: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Every row of every table in a fixed order, without wall-clock columns: equal dumps, equal content."
    )
    @OptionGroup var store: StoreOptions

    func run() throws {
        var out = OutputBuffer()
        try store.openExisting().dump { out.write($0 + "\n") }
        out.flush()
    }
}

struct StoreCounts_: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "counts", abstract: "Rows in the main tables.")
    @OptionGroup var store: StoreOptions

    func run() throws {
        let c = try store.openExisting().counts()
        print("articles \(c.articles) (active \(c.activeArticles), stories \(c.stories)), mentions \(c.mentions), events \(c.events), revisions \(c.revisions), deletions \(c.deletions)")
    }
}

struct StoreBenchIngest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-ingest",
        abstract: "Ingest a corpus into a fresh database end to end: articles/s, MB/s and peak memory.",
        discussion: "Default corpus: FA-KES and the Wikipedia conflict articles in ../shared/data/corpus."
    )

    @Argument(help: "Corpus files or directories.")
    var paths: [String] = ["../shared/data/corpus/fa-kes-syria/FA-KES-Dataset.csv", "../shared/data/corpus/wikipedia-conflicts"]

    @Option(help: "Database file to create (replaced if it exists).")
    var db: String = NSTemporaryDirectory() + "sitrep-bench-ingest.db"

    @Option(help: "Fail (exit 1) when articles/s falls below this.")
    var minArticlesPerSecond: Double?

    @Option(help: "Fail (exit 1) when peak memory in MB exceeds this.")
    var maxPeakMB: Double?

    func run() throws {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
        let loadStart = Date()
        let (pipeline, _) = Bench.loadedPipeline()
        pipeline.prepareForBatch()
        let load = Date().timeIntervalSince(loadStart)

        // End to end: reading, cleaning, coding, merging and committing.
        let start = Date()
        let (articles, failures) = readArticles(paths, format: .auto, published: nil, source: nil)
        let store = try SQLiteEventStore(path: db)
        let report = try Ingestor(pipeline: pipeline).run(articles, into: store, errors: failures)
        let seconds = Date().timeIntervalSince(start)
        let bytes = articles.reduce(0) { $0 + $1.byteCount }
        let c = try store.counts()
        let peakMB = Double(PeakMemory.bytes()) / 1_048_576
        let perSecond = Double(articles.count) / seconds
        print("corpus           \(paths.joined(separator: " + "))")
        print("articles         \(articles.count) (\(failures) unreadable), \(String(format: "%.2f", Double(bytes) / 1_048_576)) MB")
        print("stored           \(report.articlesAdded) articles in \(c.stories) stories, \(report.mentionsAdded) reports → \(c.events) events")
        print("cores            \(ProcessInfo.processInfo.activeProcessorCount)")
        print("load             \(String(format: "%.3f", load)) s (gazetteer, actors, lexicons, sound-alike index; not timed)")
        print("end to end       \(String(format: "%.3f", seconds)) s (read, code, merge, commit)")
        print("articles/s       \(String(format: "%.0f", perSecond))")
        print("MB/s             \(String(format: "%.2f", Double(bytes) / 1_048_576 / seconds))")
        print("peak memory      \(String(format: "%.0f", peakMB)) MB")
        print("database         \(db), \(String(format: "%.1f", Double(fileSize(db) + fileSize(db + "-wal")) / 1_048_576)) MB")
        var failed: [String] = []
        if let m = minArticlesPerSecond, perSecond < m { failed.append("articles/s \(Int(perSecond)) below \(Int(m))") }
        if let m = maxPeakMB, peakMB > m { failed.append("peak memory \(Int(peakMB)) MB above \(Int(m)) MB") }
        for f in failed { Console.error(f) }
        if !failed.isEmpty { throw ExitCode(1) }
    }
}

func fileSize(_ path: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
}

/// Deterministic pseudo-random numbers (SplitMix64), so generated databases are reproducible.
struct StoreRandom {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
    mutating func int(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

struct StoreGenerate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Fill a database with synthetic canonical events (for the query benchmark).",
        discussion: """
        Countries come from ACLED's country list (taxonomy/acled-regions.tsv) with a skewed share of events
        (the k-th country about 1/k of the first's), dates over 2018–2024, every sub-event type. Events carry
        no reports. The same --seed gives the same database.
        """
    )

    @Option(help: "Database file to create (replaced if it exists).") var db: String
    @Option(help: "Events to generate.") var events: Int = 1_000_000
    @Option(help: "Random seed.") var seed: UInt64 = 6

    func run() throws {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
        let start = Date()
        let store = try SQLiteEventStore(path: db)
        let countries = Lexicon.table("taxonomy/acled-regions.tsv").compactMap { $0.first }
        guard !countries.isEmpty else { throw ValidationError("no country list") }
        // Zipf-like weights: a few countries hold most events, as in ACLED's data.
        let weights = countries.indices.map { 1 / Double($0 + 1) }
        let total = weights.reduce(0, +)
        var cumulative: [Double] = []
        var acc = 0.0
        for w in weights { acc += w / total; cumulative.append(acc) }
        var rng = StoreRandom(state: seed)
        let types = SubEventType.allCases
        let first = CivilDate(year: 2018, month: 1, day: 1).dayNumber
        let days = CivilDate(year: 2024, month: 12, day: 31).dayNumber - first + 1
        var batch: [CanonicalEvent] = []
        batch.reserveCapacity(50_000)
        for i in 0..<events {
            let u = rng.unit()
            let ci = cumulative.firstIndex { $0 >= u } ?? countries.count - 1
            let country = countries[ci]
            let sub = types[rng.int(types.count)]
            let date = CivilDate(dayNumber: first + rng.int(days))
            let lat = Double(ci % 60) - 30 + rng.unit() * 4, lon = Double(ci * 7 % 300) - 150 + rng.unit() * 4
            let fatalities = rng.int(10) < 6 ? 0 : rng.int(40)
            let a1 = Actor(name: "Military Forces of \(country)", inter: .stateForces, country: country)
            let a2 = rng.int(2) == 0 ? Actor(name: "Civilians (\(country))", inter: .civilians, country: country)
                : Actor(name: "Unidentified Armed Group (\(country))", inter: .politicalMilitia, country: country)
            let id = "GEN" + String(i)
            batch.append(CanonicalEvent(
                id: id, eventDate: date, timePrecision: .day, subEventType: sub, actor1: a1, assocActor1: [], actor2: a2,
                assocActor2: [], civilianTargeting: a2.inter == .civilians, iso: nil, country: country,
                admin1: "Region \(rng.int(12) + 1)", admin2: "", location: "Place \(rng.int(500))", latitude: lat,
                longitude: lon, geoPrecision: 1 + rng.int(3), fatalities: fatalities, fatalitiesLow: fatalities,
                fatalitiesHigh: fatalities + rng.int(3), claimedFatalities: nil, claimedBy: nil, sources: ["Generated"],
                articleCount: 1, mentionCount: 1, confidence: 0.5,
                notes: "Generated event \(i) for the query benchmark.", anchorMention: id, anchorArticle: "generated"))
            if batch.count == 50_000 {
                try store.insertGenerated(batch, at: Date())
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { try store.insertGenerated(batch, at: Date()) }
        try store.analyze()
        let seconds = Date().timeIntervalSince(start)
        print("generated        \(events) events in \(countries.count) countries, \(String(format: "%.1f", seconds)) s (\(String(format: "%.0f", Double(events) / seconds)) events/s)")
        print("database         \(db), \(String(format: "%.0f", Double(fileSize(db) + fileSize(db + "-wal")) / 1_048_576)) MB")
    }
}

struct StoreBenchQuery: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-query",
        abstract: "Time event queries with country + date range + event type filters: median and p99.",
        discussion: "Each query picks a (country, event type) present in the database, in proportion to its events, and a window of --days days inside its span, and fetches the first page (--limit) sorted by date."
    )

    @OptionGroup var store: StoreOptions
    @Option(help: "Queries to run.") var queries: Int = 300
    @Option(help: "Days in each query's date range.") var days: Int = 90
    @Option(help: "Page size.") var limit: Int = 100
    @Option(help: "Random seed.") var seed: UInt64 = 7
    @Option(help: "Fail (exit 1) when the median exceeds this many milliseconds.") var maxMedianMs: Double?

    func run() throws {
        let db = try store.open()
        let blocks = try db.blocks()
        guard !blocks.isEmpty else { throw ValidationError("the database has no events: run `sitrep store generate` first") }
        let total = try db.counts().events
        var rng = StoreRandom(state: seed)
        var times: [Double] = []
        var rows = 0
        // Each (country, event type) is picked in proportion to its events, as an analyst's queries
        // go where the events are: the busiest countries' blocks are the slow ones.
        var cumulative: [Int] = []
        var acc = 0
        for b in blocks { acc += b.events; cumulative.append(acc) }
        for _ in 0..<queries {
            let pick = rng.int(acc)
            let (country, type, a, b, _) = blocks[cumulative.firstIndex { $0 > pick }!]
            let span = max(0, b.dayNumber - a.dayNumber - days)
            let from = CivilDate(dayNumber: a.dayNumber + rng.int(span + 1))
            var q = EventQuery()
            q.country = country
            q.eventType = EventType(rawValue: type)
            q.from = from
            q.to = from.adding(days: days - 1)
            q.limit = limit
            let t = Date()
            let page = try db.events(q)
            times.append(Date().timeIntervalSince(t) * 1000)
            rows += page.events.count
        }
        times.sort()
        let median = times[times.count / 2]
        let p99 = times[min(times.count - 1, Int(Double(times.count) * 0.99))]
        print("database         \(store.db), \(total) events, \(blocks.count) (country, event type) pairs")
        print("queries          \(queries): country + \(days)-day range + event type, first \(limit) by date")
        print("rows per query   \(String(format: "%.1f", Double(rows) / Double(queries))) on average")
        print("median           \(String(format: "%.2f", median)) ms")
        print("p99              \(String(format: "%.2f", p99)) ms")
        print("max              \(String(format: "%.2f", times.last!)) ms")
        if let m = maxMedianMs, median > m {
            Console.error("median \(String(format: "%.2f", median)) ms above \(m) ms")
            throw ExitCode(1)
        }
    }
}
