import ArgumentParser
import Foundation
import SitrepCore

struct ActorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actors",
        abstract: "Extend or query the actor dictionary Sitrep ships.",
        subcommands: [Import.self, Lookup.self]
    )

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add the named actors of your own ACLED exports (2023 or pre-2019 schema) to the dictionary.",
            discussion: """
            Keeps the actor names, inter codes, countries and years of the actor1/actor2 columns, never the rows.
            Writes them in the format of Resources/actors/harvested.tsv to --out, merging with what that file
            already holds. The dictionary loads actors/imported.tsv from the data directory (the bundled
            Resources, or $SITREP_DATA) and every file listed in $SITREP_ACTORS (paths separated by ':').
            Without --out the first $SITREP_ACTORS file is written, else actors/imported.tsv in the data directory.
            """
        )

        @Argument(help: "ACLED export(s) as CSV.")
        var files: [String]

        @Option(help: "The actor file to write (merged with its current lines).")
        var out: String?

        @Flag(help: "Print the new and updated names.")
        var verbose = false

        func run() throws {
            var tables: [CSVTable] = []
            for f in files {
                let data = try Data(contentsOf: URL(fileURLWithPath: f))
                let table = CSVTable(text: String(decoding: data, as: UTF8.self))
                guard table.column("actor1") != nil else {
                    Console.error("\(f): no actor1 column; is it an ACLED export?")
                    throw ExitCode(1)
                }
                tables.append(table)
            }
            let target = out.map { URL(fileURLWithPath: $0) } ?? ActorDictionary.defaultImportFile
            let existingText = (try? String(contentsOf: target, encoding: .utf8)) ?? ""
            let found = ActorDictionaryBuilder.harvest(tables)
            let (entries, summary) = ActorDictionaryBuilder.merge(found, into: ActorDictionaryBuilder.parse(existingText),
                                                                  known: ActorDictionary.shippedEntries())
            let names = files.map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: ", ")
            let text = ActorDictionaryBuilder.tsv(entries, sources: "user exports (\(names)) by `sitrep actors import`")
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: target, atomically: true, encoding: .utf8)
            let rows = tables.map(\.rows.count).reduce(0, +)
            print("sitrep actors import: \(rows) rows, \(summary.seen) named actors")
            print("  new:       \(summary.added.count)")
            print("  updated:   \(summary.updated.count)")
            print("  unchanged: \(summary.unchanged)")
            print("  wrote \(entries.count) actors to \(target.path)")
            if verbose {
                for n in summary.added { print("  + \(n)") }
                for n in summary.updated { print("  ~ \(n)") }
            }
        }
    }

    struct Lookup: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the actors a name stands for in a country on a date.")

        @Argument(help: "A name, alias or description as a report writes it.")
        var name: String

        @Option(help: "The country of the event (ACLED spelling).")
        var country: String?

        @Option(help: "The day of the event (YYYY-MM-DD).")
        var date: CivilDate?

        func run() throws {
            let actors = ActorDictionary.shared.lookup(name, country: country, date: date)
            for a in actors { print("\(a.name)\t\(a.inter.label)\t\(a.country ?? "")") }
            if actors.isEmpty { print("no actor for \"\(name)\"") }
        }
    }
}
