import ArgumentParser
import Foundation
import SitrepCore

struct GazetteerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gazetteer",
        abstract: "Build or query the place gazetteer Sitrep ships.",
        subcommands: [Build.self, Lookup.self]
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

    struct Lookup: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the gazetteer's candidates for a name, best first.")

        @Argument(help: "A place name as a report writes it.")
        var name: String

        @Option(help: "How many candidates to show.")
        var limit: Int = 10

        func run() throws {
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
