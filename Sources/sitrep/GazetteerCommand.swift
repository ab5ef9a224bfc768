import ArgumentParser
import Foundation
import SitrepCore

struct GazetteerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gazetteer",
        abstract: "Build or query the place gazetteer Sitrep ships.",
        subcommands: [Build.self, Import.self, Lookup.self]
    )

    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rebuild the bundled gazetteer from the GeoNames, ISO, OCHA and UCDP extracts in ../shared/data."
        )

        @Option(help: "The shared data folder.")
        var shared: String = "../shared/data"

        @Option(help: "Where to write the gazetteer files.")
        var out: String = "Sources/SitrepCore/Resources/gazetteer"

        func run() throws {
            let report = try GazetteerBuilder.build(sharedData: URL(fileURLWithPath: shared), out: URL(fileURLWithPath: out))
            print(report)
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build a gazetteer with every populated place of a full GeoNames dump added.",
            discussion: """
            FILE is allCountries.txt or a country file (SY.txt) from download.geonames.org/export/dump. Its \
            populated places (feature class P) join the shared sources (the same build as `gazetteer build`); \
            places already there (same geonameid) are not added twice. Use the result with \
            --gazetteer DIR or $SITREP_GAZETTEER=DIR. GeoNames data is CC BY 4.0: credit geonames.org.
            """
        )

        @Argument(help: "GeoNames dump files (19 tab-separated columns).")
        var files: [String]

        @Option(help: "GeoNames admin1CodesASCII.txt: names for admin1 codes the shared table lacks.")
        var admin1: String?

        @Option(help: "GeoNames admin2Codes.txt: admin2 names of the dump's places.")
        var admin2: String?

        @Option(help: "The shared data folder.")
        var shared: String = "../shared/data"

        @Option(help: "Where to write the gazetteer (places.bin, countries.tsv, places-common-words.txt).")
        var out: String = "~/.sitrep/gazetteer"

        func run() throws {
            func url(_ p: String) -> URL { URL(fileURLWithPath: (p as NSString).expandingTildeInPath) }
            for f in files + [admin1, admin2].compactMap({ $0 }) where !FileManager.default.fileExists(atPath: url(f).path) {
                throw ValidationError("no such file: \(f)")
            }
            let dump = GazetteerBuilder.DumpImport(files: files.map(url), admin1Codes: admin1.map(url), admin2Codes: admin2.map(url))
            let report = try GazetteerBuilder.build(sharedData: url(shared), out: url(out), dump: dump)
            print(report)
            let bad = report.dump?.badLines ?? []
            for b in bad { Console.error("bad line \(b)") }
            if let n = report.dump?.badCount, n > bad.count { Console.error("… \(n - bad.count) more bad lines") }
            print("written to \(url(out).path); use it with --gazetteer \(out) or \(Gazetteer.environmentVariable)=\(out)")
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
    @Option(name: .customLong("gazetteer"), help: ArgumentHelp("A gazetteer folder (places.bin, countries.tsv) to use instead of the bundled one.", valueName: "DIR"))
    var directory: String?

    func apply() throws {
        guard let directory else { return }
        let dir = URL(fileURLWithPath: (directory as NSString).expandingTildeInPath)
        // Checked here so that a wrong path is an error, not a silent fall back to the bundled gazetteer.
        do { _ = try Gazetteer(directory: dir) } catch { throw ValidationError("cannot load gazetteer in \(directory): \(error)") }
        setenv(Gazetteer.environmentVariable, dir.path, 1)
    }
}
