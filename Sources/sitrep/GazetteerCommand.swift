import ArgumentParser
import Foundation
import SitrepCore

struct GazetteerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gazetteer",
        abstract: "Build or query the place gazetteer Sitrep ships.",
        subcommands: [Build.self, Import.self, Index.self, Lookup.self]
    )

    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rebuild the bundled gazetteer's sources from ../shared/data, then its index.",
            discussion: """
            Reads the GeoNames, ISO, OCHA and UCDP extracts and the village sources in \
            ../shared/data/gazetteer/villages (each optional) and writes one gzipped TSV a country to \
            OUT/places, with countries.tsv and the common-word list; then builds the memory-mapped \
            index of these sources into the cache (see `sitrep gazetteer index`).
            """
        )

        @Option(help: "The shared data folder.")
        var shared: String = "../shared/data"

        @Option(help: "Where to write the gazetteer files.")
        var out: String = "Sources/SitrepCore/Resources/gazetteer"

        func run() throws {
            let out = URL(fileURLWithPath: out)
            let report = try GazetteerBuilder.build(sharedData: URL(fileURLWithPath: shared), out: out)
            print(report)
            let g = try Gazetteer(directory: out)
            print("index: \(g.count) places in \(try GazetteerIndexCache.index(for: out).path)")
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build your own gazetteer: the bundled sources plus a full GeoNames dump or OpenStreetMap settlements.",
            discussion: """
            FILE is allCountries.txt or a country file (SY.txt) from download.geonames.org/export/dump: its \
            populated places (feature class P) join the shared sources (the same build as `gazetteer build`); \
            places already there (same geonameid) are not added twice. GeoNames data is CC BY 4.0: credit \
            geonames.org. FILE may also be an OpenStreetMap settlement table (.csv or .csv.gz with \
            canonical_name, aliases, type, lat, lng, admin_state, admin_lga columns, such as \
            ../shared/data/gazetteer/villages/nigeria-osm/settlements.csv.gz): OpenStreetMap data is under the \
            ODbL 1.0, so a gazetteer built with it is yours to use and must credit "© OpenStreetMap \
            contributors"; if you share it, share it under the ODbL. Use the result with --gazetteer DIR \
            or $SITREP_GAZETTEER=DIR.
            """
        )

        @Argument(help: "GeoNames dump files (19 tab-separated columns) or OpenStreetMap settlement tables (.csv, .csv.gz).")
        var files: [String]

        @Option(help: "GeoNames admin1CodesASCII.txt: names for admin1 codes the shared table lacks.")
        var admin1: String?

        @Option(help: "GeoNames admin2Codes.txt: admin2 names of the dump's places.")
        var admin2: String?

        @Option(help: "The shared data folder.")
        var shared: String = "../shared/data"

        @Option(help: "Where to write the gazetteer (places/*.tsv.gz, countries.tsv, places-common-words.txt).")
        var out: String = "~/.sitrep/gazetteer"

        func run() throws {
            func url(_ p: String) -> URL { URL(fileURLWithPath: (p as NSString).expandingTildeInPath) }
            for f in files + [admin1, admin2].compactMap({ $0 }) where !FileManager.default.fileExists(atPath: url(f).path) {
                throw ValidationError("no such file: \(f)")
            }
            let osm = files.filter { $0.hasSuffix(".csv") || $0.hasSuffix(".csv.gz") }
            let dumps = files.filter { !osm.contains($0) }
            let dump = GazetteerBuilder.DumpImport(files: dumps.map(url), admin1Codes: admin1.map(url), admin2Codes: admin2.map(url),
                                                   osmSettlements: osm.map(url))
            let report = try GazetteerBuilder.build(sharedData: url(shared), out: url(out), dump: dump)
            print(report)
            _ = try Gazetteer(directory: url(out))
            let bad = report.dump?.badLines ?? []
            for b in bad { Console.error("bad line \(b)") }
            if let n = report.dump?.badCount, n > bad.count { Console.error("… \(n - bad.count) more bad lines") }
            print("written to \(url(out).path); use it with --gazetteer \(out) or \(Gazetteer.environmentVariable)=\(out)")
        }
    }

    struct Index: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build the gazetteer's index into the cache if it is not there yet, and print where it is.",
            discussion: """
            The index is built once per set of place sources, at first use, into \
            $SITREP_CACHE_DIR, $XDG_CACHE_HOME/sitrep or ~/.cache/sitrep (else a folder in the temporary \
            directory): gazetteer/<key>.bin, where the key hashes the sources. Running this first makes \
            the build a step of its own (CI, benchmarks) instead of a pause in the first command.
            """
        )

        @OptionGroup var gazetteer: GazetteerOption

        func run() throws {
            try gazetteer.apply()
            let dir = Gazetteer.directory
            let start = Date()
            let file = try GazetteerIndexCache.index(for: dir, building: { f in
                print("building the index of \(dir.path) into \(f.path)")
            }, built: { b in
                print(String(format: "built in %.1f s: %d places, %.0f MB", b.seconds, b.records, Double(b.bytes) / 1_000_000))
            })
            if Date().timeIntervalSince(start) < 1 { print("index of \(dir.path) is built") }
            print(file.path)
        }
    }

    struct Lookup: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the gazetteer's candidates for a name, best first.")

        @Argument(help: "A place name as a report writes it.")
        var name: String

        @Option(help: "How many candidates to show.")
        var limit: Int = 10

        @OptionGroup var gazetteer: GazetteerOption

        func run() throws {
            try gazetteer.apply()
            let t0 = Date()
            let candidates = Gazetteer.shared.lookup(name)
            let ms = Date().timeIntervalSince(t0) * 1000
            for p in candidates.prefix(limit) {
                print("\(p.name)\t\(p.kind.rawValue)\t\(p.admin2)\t\(p.admin1)\t\(p.country)\t\(p.latitude),\(p.longitude)\tpop \(p.population)")
            }
            if candidates.isEmpty { print("no candidates for \"\(name)\"") }
            FileHandle.standardError.write(Data(String(format: "load + lookup: %.0f ms\n", ms).utf8))
        }
    }
}

/// `--gazetteer DIR`: code with an imported gazetteer (as `sitrep gazetteer import` writes)
/// instead of the bundled one. Sets `$SITREP_GAZETTEER`, which `Gazetteer.shared` reads on first
/// use, so it must run before anything builds a pipeline.
struct GazetteerOption: ParsableArguments {
    @Option(name: .customLong("gazetteer"), help: ArgumentHelp("A gazetteer folder (places/*.tsv.gz, countries.tsv) to use instead of the bundled one.", valueName: "DIR"))
    var directory: String?

    func apply() throws {
        guard let directory else { return }
        let dir = URL(fileURLWithPath: (directory as NSString).expandingTildeInPath)
        // Checked here so that a wrong path is an error, not a silent fall back to the bundled gazetteer.
        guard Gazetteer.hasSources(in: dir) else {
            throw ValidationError("no gazetteer in \(directory): expected places/*.tsv.gz (sitrep gazetteer import writes them)")
        }
        setenv(Gazetteer.environmentVariable, dir.path, 1)
    }
}
