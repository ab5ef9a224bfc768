import ArgumentParser
import Foundation
import SitrepCore
import SitrepEval

struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure Sitrep against coded data.",
        subcommands: [ACLED.self, News.self, Articles.self, Dups.self]
    )

    struct ACLED: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "acled",
            abstract: "Code each row's notes (published = the row's date) and compare with the row.",
            discussion: "With --floors FILE (lines 'metric<TAB>minimum'), exits 1 when any figure falls below its floor."
        )

        @Argument(help: "ACLED export(s), 2023 or pre-2019 schema.")
        var files: [String]

        @Option(help: "Use only the first N rows of each file.")
        var limit: Int?

        @Option(help: "Floors to enforce: a file of 'metric<TAB>minimum' lines.")
        var floors: String?

        @Flag(help: "Print per-sub-event-type precision, recall and F1.")
        var perType = false

        @Option(help: "Break every figure down by a gold column: country, event_type or geo_precision.")
        var by: Breakdown?

        @Option(help: "Name regime periods of state actors as of this date (default: the latest row's date).")
        var namesAsOf: CivilDate?

        @Option(help: "With --by, leave out groups with fewer rows than this.")
        var minRows: Int = 20

        @Option(help: "Print N readout-part rows whose sub-event type was wrong, for error analysis (refused with --part report).")
        var showErrors: Int = 0

        @Option(help: "Write every readout-part row's gold and coded place, type and distance as TSV to FILE, for error analysis (refused with --part report).")
        var dumpOutcomes: String?

        @Option(help: "Event-type model file (default: the bundled one; 'none': rules only). Refused if it was trained on a file evaluated here.")
        var model: String?

        @Flag(help: "Train a model on every other ACLED export in the evaluated file's folder and evaluate with it (training and test rows from different files).")
        var holdout = false

        @Option(name: .customLong("train-on"), parsing: .upToNextOption, help: "Train a model on these exports and evaluate with it; FILES must not be among them.")
        var trainOn: [String] = []

        @Option(help: "Cross-validate over the FILES' rows: each of N folds is coded by a model trained on the other folds.")
        var folds: Int?

        @Option(help: "Score only this part of acled-dev (eval/ACLED-PARTS.md): readout (errors may be read), report (never read, only scored) or all.")
        var part: ACLEDPart?

        @Flag(name: .customLong("leave-one-out"), help: "For each FILE with sub-event types, train the model on all the other FILES (old-schema ones included) and code it; every figure per file, then the mean and the worst file.")
        var leaveOneOut = false

        @OptionGroup var gazetteer: GazetteerOption

        func run() throws {
            try gazetteer.apply()
            if part == .report && (showErrors > 0 || dumpOutcomes != nil) {
                throw ValidationError("the report part is scored, never read: --show-errors and --dump-outcomes take --part readout (eval/ACLED-PARTS.md)")
            }
            if leaveOneOut {
                guard !holdout, trainOn.isEmpty, folds == nil, model == nil else {
                    throw ValidationError("--leave-one-out trains its own models: no --holdout, --train-on, --folds or --model")
                }
                try runLeaveOneOut()
                return
            }
            var rows: [ACLEDRow] = []
            for f in files {
                var r = try ACLEDRow.load(URL(fileURLWithPath: f))
                if let limit { r = Array(r.prefix(limit)) }
                rows += r
            }
            if let part {
                let total = rows.count
                rows = rows.filter { part.includes($0) }
                print("part: \(part.rawValue), \(rows.count) of \(total) rows (eval/ACLED-PARTS.md)")
            }
            let start = Date()
            // ACLED names regime periods as of its export: a period still open then reads "(2018-)".
            let asOf = namesAsOf ?? rows.compactMap(\.date).max()
            let outcomes = try evaluate(rows, asOf: asOf)
            let seconds = Date().timeIntervalSince(start)
            let metrics = ACLEDEvaluation.metrics(outcomes)
            print("sitrep eval acled: \(files.joined(separator: ", "))")
            for (name, value) in metrics {
                let shown = name == "rows" ? String(Int(value)) : String(format: "%.4f", value)
                print("\(name.padding(toLength: 30, withPad: " ", startingAt: 0)) \(shown)")
            }
            print("seconds".padding(toLength: 30, withPad: " ", startingAt: 0) + " " + String(format: "%.2f", seconds))
            if let by {
                let groups = Dictionary(grouping: outcomes) { by.key($0.row) }
                let names = metrics.map(\.name).filter { $0 != "rows" }
                print("\nby \(by.rawValue) (groups of at least \(minRows) rows)")
                print(([by.rawValue.padding(toLength: 28, withPad: " ", startingAt: 0), "rows"] + names).joined(separator: "\t"))
                for (key, group) in groups.sorted(by: { $0.value.count > $1.value.count }) where group.count >= minRows {
                    let m = ACLEDEvaluation.metrics(group)
                    let cells = names.map { n in m.first { $0.name == n }.map { String(format: "%.3f", $0.value) } ?? "-" }
                    print(([key.padding(toLength: 28, withPad: " ", startingAt: 0), String(group.count)] + cells).joined(separator: "\t"))
                }
            }
            if perType {
                let f1 = SubEventF1(outcomes.map { ($0.row.subEventType, $0.event?.subEventType.rawValue) })
                print("\nsub-event type                         precision  recall     f1  support")
                for t in f1.perType {
                    print("\(t.type.padding(toLength: 38, withPad: " ", startingAt: 0)) \(String(format: "%9.3f %7.3f %6.3f %8d", t.precision, t.recall, t.f1, t.support))")
                }
            }
            // Only readout rows are ever listed or written: the report part is scored, never read.
            let readable = outcomes.filter { ACLEDPart.readout.includes($0.row) }
            if showErrors > 0 {
                print("\nerrors (readout part only):")
                for o in readable.filter({ $0.event?.subEventType.rawValue != $0.row.subEventType }).prefix(showErrors) {
                    print("- gold \(o.row.subEventType) | got \(o.event?.subEventType.rawValue ?? "none")\(o.recorded ? "" : " (dropped: \(o.event?.droppedReason ?? "-"))")\n  \(o.row.notes.prefix(300))")
                }
            }
            if let dumpOutcomes {
                try ACLEDEvaluation.outcomeTable(readable).write(toFile: dumpOutcomes, atomically: true, encoding: .utf8)
            }
            if let floors {
                let failed = try Floors.check(metrics, file: floors)
                if !failed.isEmpty {
                    for f in failed { Console.error("below floor: \(f)") }
                    throw ExitCode(1)
                }
                print("all figures at or above the floors in \(floors)")
            }
        }
    }
}

extension ACLEDPart: ExpressibleByArgument {}

enum Breakdown: String, ExpressibleByArgument, CaseIterable {
    case country
    case eventType = "event_type"
    case geoPrecision = "geo_precision"

    func key(_ row: ACLEDRow) -> String {
        switch self {
        case .country: row.country
        case .eventType: row.eventType
        case .geoPrecision: String(row.geoPrecision)
        }
    }
}

extension Eval {
    struct News: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Event typing on the project's own news-style snippets (eval/news-dev.jsonl).",
            discussion: "Prints the frozen part and the dev part side by side (eval/NEWS-DEV.md) and the whole set: micro/macro/weighted F1, every sub-event type's recall, and the false-event rate per non-event category. Floors name the whole set's figures as printed, a part's as dev_<figure> or frozen_<figure>; --show-errors lists dev-part errors only."
        )

        @Argument(help: "Snippets, one JSON object a line: id, text, published, sub_event_type (null for non-events).")
        var file: String = "eval/news-dev.jsonl"

        @Option(help: "Print N dev-part snippets Sitrep got wrong (never frozen-part ones).")
        var showErrors: Int = 0

        @Option(help: "Event-type model file (default: the bundled one; 'none': codebook rules only).")
        var model: String?

        @Option(help: "Floors file (lines 'metric<TAB>minimum'; *_rate figures are ceilings): exits 1 when a figure is worse.")
        var floors: String?

        @OptionGroup var gazetteer: GazetteerOption

        func run() throws {
            try gazetteer.apply()
            let snippets = try NewsEvaluation.load(URL(fileURLWithPath: file))
            let typeModel: TypeModel? = try model.map { $0 == "none" ? nil : try TypeModel.load(URL(fileURLWithPath: $0)) } ?? TypeModel.bundled
            let (all, dev, frozen) = NewsEvaluation.runParts(snippets, pipeline: Pipeline(typeModel: typeModel))
            print(Self.table(file: file, all: all, dev: dev, frozen: frozen))
            // Only the dev part's errors are ever shown: the frozen part is only scored.
            for e in dev.errors.prefix(showErrors) {
                print("- \(e.id): gold \(e.gold) | got \(e.got)\n  \(e.text.prefix(240))")
            }
            if let floors {
                let failed = try Floors.check(Self.metrics(all: all, dev: dev, frozen: frozen), file: floors)
                if !failed.isEmpty {
                    for f in failed { Console.error("below floor: \(f)") }
                    throw ExitCode(1)
                }
                print("all figures at or above the floors in \(floors)")
            }
        }

        /// The figures floors can name: the whole set's unprefixed, each part's as dev_… and frozen_….
        static func metrics(all: NewsEvaluation.Report, dev: NewsEvaluation.Report, frozen: NewsEvaluation.Report) -> [(name: String, value: Double)] {
            all.metrics + dev.metrics.map { ("dev_" + $0.name, $0.value) } + frozen.metrics.map { ("frozen_" + $0.name, $0.value) }
        }

        /// The frozen part and the dev part side by side, then the whole set.
        static func table(file: String, all: NewsEvaluation.Report, dev: NewsEvaluation.Report, frozen: NewsEvaluation.Report) -> String {
            func pad(_ s: String, _ n: Int) -> String { s.padding(toLength: max(n, s.count), withPad: " ", startingAt: 0) }
            func cell(_ s: String) -> String { String(repeating: " ", count: max(0, 16 - s.count)) + s }
            var out = ["sitrep eval news: \(file): \(all.snippets) snippets, \(all.events) events, \(all.nonEvents) non-events"]
            out.append(pad("figure", 38) + cell("frozen") + cell("dev") + cell("all"))
            for (name, f) in [("snippets", { (r: NewsEvaluation.Report) in Double(r.snippets) }), ("events", { Double($0.events) }),
                              ("non_events", { Double($0.nonEvents) })] as [(String, (NewsEvaluation.Report) -> Double)] {
                out.append(pad(name, 38) + [frozen, dev, all].map { cell(String(Int(f($0)))) }.joined())
            }
            let names = all.metrics.map(\.name).filter { !$0.hasPrefix("false_event_rate_") }
            for name in names {
                let v = [frozen, dev, all].map { r in r.metrics.first { $0.name == name }.map { String(format: "%.4f", $0.value) } ?? "-" }
                out.append(pad(name, 38) + v.map(cell).joined())
            }
            out.append("\n" + pad("sub-event type: recall (support)", 38) + cell("frozen") + cell("dev") + cell("all") + "  precision all     f1 all")
            for t in all.f1.perType {
                let v = [frozen, dev].map { r in
                    r.f1.perType.first { $0.type == t.type && $0.support > 0 }.map { String(format: "%.3f (%d)", $0.recall, $0.support) } ?? "- (0)"
                } + [String(format: "%.3f (%d)", t.recall, t.support)]
                out.append(pad(t.type, 38) + v.map(cell).joined() + String(format: "  %13.3f %10.3f", t.precision, t.f1))
            }
            out.append("\n" + pad("non-event category: false-event rate", 38) + cell("frozen") + cell("dev") + cell("all"))
            for c in all.categories {
                let v = [frozen, dev].map { r in
                    r.categories.first { $0.category == c.category }.map { String(format: "%.3f (%d/%d)", $0.rate, $0.falseEvents, $0.snippets) } ?? "- (0)"
                } + [String(format: "%.3f (%d/%d)", c.rate, c.falseEvents, c.snippets)]
                out.append(pad(c.category, 38) + v.map(cell).joined())
            }
            return out.joined(separator: "\n")
        }
    }
}

/// Floors kept in the repo: CI fails when a figure drops below one.
enum Floors {
    static func check(_ metrics: [(name: String, value: Double)], file: String) throws -> [String] {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        var failed: [String] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count >= 2, let floor = Double(parts[1]) else { continue }
            guard let m = metrics.first(where: { $0.name == parts[0] }) else {
                failed.append("\(parts[0]): no such figure")
                continue
            }
            // For error figures (mean absolute error, false/missed event rates, false merges) the floor is a ceiling.
            let ceiling = parts[0].hasSuffix("_mae") || parts[0].hasSuffix("_rate") || parts[0].hasSuffix("false_merges")
            let bad = ceiling ? m.value > floor : m.value < floor
            if bad { failed.append("\(parts[0]) = \(String(format: "%.4f", m.value)), floor \(floor)") }
        }
        return failed
    }
}
