import ArgumentParser
import Foundation
import SitrepCore
import SitrepEval
import SitrepStore

extension Eval {
    struct Dups: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ingest a news-dev folder into the event store and report which duplicate pairs (dups.jsonl) became one event.",
            discussion: """
            Every page (articles/ID.txt with index.jsonl's url, title, source and date, as `eval articles` \
            reads them) is ingested into a fresh temporary store, or --db. An event two pages share counts as \
            merged when one canonical event holds reports of both pages, of its event type and within a day of \
            its date; a pair is merged when every event it shares is. A false merge is a canonical event holding \
            reports of pages that do not share it. Figures for the work set, the quarter set aside \
            (eval/NEWS-HOLDOUT.md) and all; pairs and false merges are listed for the work set only. \
            --floors lines are 'SPLIT.metric<TAB>minimum', e.g. 'all.pairs_merged'; *false_merges lines are ceilings.
            """
        )

        @Argument(help: "A folder in news-dev's layout.")
        var dir: String = "../shared/data/news-dev"

        @Option(help: "Ingest into this database instead of a fresh temporary one.")
        var db: String?

        @Option(help: "Floors file (lines 'SPLIT.metric<TAB>minimum'; *false_merges lines are ceilings).")
        var floors: String?

        @Flag(help: "Also list the pairs and false merges of the quarter set aside (never while writing rules).")
        var showHeld = false

        @OptionGroup var gazetteer: GazetteerOption

        func run() throws {
            try gazetteer.apply()
            let set = try NewsArticleSet.load(URL(fileURLWithPath: dir))
            let articles = set.pages.map { $0.article() }
            let articleIDs = Dictionary(uniqueKeysWithValues: zip(set.pages.map(\.id), articles.map(ArticleExtractor.contentID)))

            let temporary = db == nil
                ? FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-eval-dups-" + UUID().uuidString) : nil
            defer { if let temporary { try? FileManager.default.removeItem(at: temporary) } }
            if let temporary { try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true) }
            let path = db ?? temporary!.appendingPathComponent("events.db").path
            let store = try SQLiteEventStore(path: path)
            let report = try Ingestor(pipeline: Pipeline()).run(articles, into: store)
            let result = try DuplicatePairs(set: set, store: store, articleIDs: articleIDs)

            let shown: NewsSplit = showHeld ? .all : .work
            print("sitrep eval dups: \(dir) (store: \(db ?? "temporary"))")
            print("\(set.pages.count) pages: \(report.articlesAdded) stored, \(report.articlesUnchanged) already there, "
                  + "\(report.nearDuplicates) copies of a stored story; \(report.mentionsAdded) reports of events added")
            let sides: [(String, [(name: String, value: Double)])] = NewsSplit.allCases.map { ($0.rawValue, result.figures($0)) }
            print(row("", sides.map(\.0)))
            for (i, name) in sides[0].1.map(\.name).enumerated() {
                print(row(name, sides.map { String(Int($0.1[i].value)) }))
            }

            print("\npairs (\(shown == .all ? "all" : "work set"))")
            for p in result.pairs where shown.includes(p.side) {
                print("\(p.a)/\(p.b): \(p.merged ? "merged" : "NOT merged") (\(p.shared.filter { $0.event != nil }.count) of \(p.shared.count) shared events; "
                      + "text similarity \(String(format: "%.2f", p.textSimilarity)))")
                for s in p.shared {
                    let what = "\(s.line.eventDate?.description ?? "?") \(s.line.eventType) at \(s.line.location)"
                    if let e = s.event {
                        print("  merged   \(what)\n           → \(describe(e))")
                    } else {
                        print("  APART    \(what)")
                        for why in s.whyNot { print("           \(why)") }
                    }
                }
            }

            print("\nfalse merges (\(shown == .all ? "all" : "work set"))")
            let listed = result.falseMerges.filter { shown.includes($0.side) }
            if listed.isEmpty { print("  none") }
            for f in listed {
                print("  \(describe(f.event))\n    \(f.reason)")
                for r in f.event.detail.reports {
                    print("    \(result.pageOf[r.article.id] ?? r.article.id): \(DuplicatePairs.describe(r.mention))")
                }
            }
            let hidden = result.falseMerges.count - listed.count
            if hidden > 0 { print("  (\(hidden) more involving pages set aside, not listed)") }

            if let floors {
                let metrics = sides.flatMap { side in side.1.map { ("\(side.0).\($0.name)", $0.value) } }
                let failed = try Floors.check(metrics, file: floors)
                if !failed.isEmpty {
                    for f in failed { Console.error("below floor: \(f)") }
                    throw ExitCode(1)
                }
                print("all figures at or above the floors in \(floors)")
            }
        }

        func describe(_ s: DuplicatePairs.StoredEvent) -> String {
            let e = s.event
            return "\(e.id) \(e.eventDate) \(e.subEventType.rawValue) | \(e.actor1?.name ?? "-") vs \(e.actor2?.name ?? "-") | "
                + "\(e.location), \(e.admin1) p\(e.geoPrecision) | \(e.fatalities) killed (\(e.fatalitiesLow)–\(e.fatalitiesHigh)) | pages \(s.pages.joined(separator: ", "))"
        }

        func row(_ name: String, _ cells: [String]) -> String {
            name.padding(toLength: 24, withPad: " ", startingAt: 0) + cells.map { String(repeating: " ", count: max(0, 8 - $0.count)) + $0 }.joined()
        }
    }
}
