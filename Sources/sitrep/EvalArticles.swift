import ArgumentParser
import Foundation
import SitrepCore
import SitrepEval

extension Eval {
    struct Articles: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Code real news pages and score the events against a hand-coded folder (news-dev's layout).",
            discussion: """
            DIR holds articles/ID.txt, index.jsonl, gold.jsonl and dups.jsonl. Events match by news-dev's rule \
            (same event type, place within 50 km or same location, or same admin1 where gold has no \
            coordinates, dates at most a day apart). Prints precision, recall and F1, traps without events, \
            and agreement of sub-event type, actors, fatalities, geo_precision and date among matched events, \
            for the work set and the quarter set aside (eval/NEWS-HOLDOUT.md). --floors lines are \
            'SPLIT.metric<TAB>minimum', e.g. 'work.event_f1'.
            """
        )

        @Argument(help: "A folder in news-dev's layout.")
        var dir: String = "../shared/data/news-dev"

        @Option(help: "Which pages to list errors or breakdowns for: work, held or all. Errors of the set aside are never listed.")
        var split: NewsSplit = .work

        @Flag(help: "List, per article, missed gold events and coded events that match none, with the sentence each came from.")
        var showErrors = false

        @Option(help: "Break the figures down by the index's column: country.")
        var by: String?

        @Option(help: "What Sitrep gets besides the page text: index (url, title, source, date from index.jsonl, as a feed gives them) or none.")
        var metadata: ArticleEvaluation.Metadata = .index

        @Option(help: "Event-type model file (default: the bundled one; 'none': codebook rules only).")
        var model: String?

        @Option(help: "Floors file (lines 'work.metric<TAB>minimum' or 'held.metric<TAB>minimum').")
        var floors: String?

        @OptionGroup var gazetteer: GazetteerOption

        func run() throws {
            try gazetteer.apply()
            if showErrors && split != .work {
                throw ValidationError("errors are listed for the work set only: the set aside is scored, never read (eval/NEWS-HOLDOUT.md)")
            }
            let set = try NewsArticleSet.load(URL(fileURLWithPath: dir))
            let typeModel: TypeModel? = try model.map { $0 == "none" ? nil : try TypeModel.load(URL(fileURLWithPath: $0)) } ?? TypeModel.bundled
            let evaluation = ArticleEvaluation(set: set, pipeline: Pipeline(typeModel: typeModel), metadata: metadata)
            let outcomes = evaluation.run(.all)
            let sides: [(String, [ArticleEvaluation.PageOutcome])] = [
                ("work", outcomes.filter { $0.side == .work }), ("held", outcomes.filter { $0.side == .held }), ("all", outcomes),
            ]
            let figures = sides.map { ($0.0, evaluation.figures($0.1)) }
            print("sitrep eval articles: \(dir) (metadata: \(metadata.rawValue))")
            print(row("", figures.map { $0.0 }))
            func counts(_ name: String, _ v: (ArticleEvaluation.Figures) -> Int) { print(row(name, figures.map { String(v($0.1)) })) }
            counts("pages", \.pages)
            counts("required gold events", \.requiredGold)
            counts("optional gold events", \.optionalGold)
            counts("coded events", \.coded)
            counts("matched required", \.matchedRequired)
            counts("matched optional", \.matchedOptional)
            counts("traps", \.traps)
            counts("pages with no date found", \.undated)
            for name in figures[0].1.named.map(\.name) {
                print(row(name, figures.map { f in
                    let v = f.1.named.first { $0.name == name }!.value
                    return name == "traps_without_events" ? String(Int(v)) : String(format: "%.3f", v)
                }))
            }
            if by == "country" {
                let chosen = outcomes.filter { split.includes($0.side) }
                print("\nby country (\(split.rawValue))\ncountry                          pages  gold  coded  matched     P      R     F1")
                for (country, group) in Dictionary(grouping: chosen, by: { $0.page.country }).sorted(by: { $0.key < $1.key }) {
                    let f = evaluation.figures(group)
                    print(country.padding(toLength: 32, withPad: " ", startingAt: 0)
                          + String(format: " %5d %5d %6d %8d %5.2f %6.2f %6.2f", f.pages, f.requiredGold, f.coded, f.matchedRequired, f.precision, f.recall, f.f1))
                }
            } else if let by {
                throw ValidationError("--by takes 'country', not '\(by)'")
            }
            if showErrors { printErrors(outcomes.filter { $0.side == .work }, set: set) }
            if let floors {
                var metrics: [(name: String, value: Double)] = []
                for (name, f) in figures { metrics += f.named.map { ("\(name).\($0.name)", $0.value) } }
                let failed = try Floors.check(metrics, file: floors)
                if !failed.isEmpty {
                    for f in failed { Console.error("below floor: \(f)") }
                    throw ExitCode(1)
                }
                print("all figures at or above the floors in \(floors)")
            }
        }

        func row(_ name: String, _ cells: [String]) -> String {
            name.padding(toLength: 30, withPad: " ", startingAt: 0) + cells.map { String(repeating: " ", count: max(0, 8 - $0.count)) + $0 }.joined()
        }

        /// What kept the closest coded event from matching a missed gold event: its type, place or date.
        func nearMiss(_ g: NewsArticleSet.GoldEvent, _ coded: [CodedEvent]) -> String? {
            var best: (Int, String)?
            for e in coded {
                var g2 = g
                var why: [String] = []
                if e.eventType.rawValue != g.eventType { why.append("type \(e.eventType.rawValue)"); g2.eventType = e.eventType.rawValue }
                if let d = e.eventDate, let gd = g.eventDate, abs(d.dayNumber - gd.dayNumber) > 1 { why.append("date \(d)"); g2.eventDate = d }
                if !ArticleEvaluation.agrees(e, g2) { why.append("place \(e.location.map { "\($0.location), \($0.admin1)" } ?? "none")") }
                if why.count < (best?.0 ?? 3) { best = (why.count, why.joined(separator: ", ")) }
            }
            return best.map { "closest coded event differs by \($0.1)" }
        }

        func printErrors(_ outcomes: [ArticleEvaluation.PageOutcome], set: NewsArticleSet) {
            func describe(_ e: CodedEvent) -> String {
                let place = e.location.map { "\($0.location), \($0.admin1), \($0.country) p\($0.geoPrecision)" } ?? "no place"
                return "\(e.eventDate?.description ?? "no date") \(e.subEventType.rawValue) | \(e.actor1?.name ?? "-") vs \(e.actor2?.name ?? "-") | \(place) | \(e.fatalities) killed"
            }
            func describe(_ g: NewsArticleSet.GoldEvent) -> String {
                "\(g.eventDate?.description ?? "no date") \(g.subEventType) | \(g.actor1) vs \(g.actor2) | \(g.location), \(g.admin1), \(g.country) p\(g.geoPrecision) | \(g.fatalities) killed\(g.optional ? " (optional)" : "")"
            }
            print("\nerrors (work set)")
            for o in outcomes {
                let matched = Set(o.coded.compactMap(\.gold))
                let missed = o.gold.filter { !matched.contains($0) && !set.gold[$0].optional }
                let wrong = o.coded.filter { $0.gold == nil }
                let disagree = o.coded.filter { c in
                    guard let g = c.gold.map({ set.gold[$0] }) else { return false }
                    return c.event.subEventType.rawValue != g.subEventType || c.event.fatalities != g.fatalities
                        || NameComparison.withoutPeriod(c.event.actor1?.name) != NameComparison.withoutPeriod(g.actor1)
                }
                if missed.isEmpty && wrong.isEmpty && disagree.isEmpty && o.warnings.isEmpty { continue }
                print("\n## \(o.page.id) (\(o.page.country))\(o.gold.isEmpty ? " trap" : "")")
                for w in o.warnings { print("  warning: \(w)") }
                for gi in missed {
                    print("  missed: \(describe(set.gold[gi]))\n          « \(set.gold[gi].evidence.prefix(200)) »")
                    if let near = nearMiss(set.gold[gi], o.coded.map(\.event)) { print("          near: \(near)") }
                }
                for c in wrong {
                    print("  extra:  \(describe(c.event))\n          « \(c.sentence.prefix(200)) »")
                }
                for c in disagree {
                    print("  fields: \(describe(c.event))\n    gold: \(describe(set.gold[c.gold!]))")
                }
            }
        }
    }
}

extension NewsSplit: ExpressibleByArgument {}
extension ArticleEvaluation.Metadata: ExpressibleByArgument {}
