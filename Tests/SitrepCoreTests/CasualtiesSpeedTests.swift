import Foundation
import Testing
import SitrepCore

/// ../shared/data/corpus: FA-KES full-text news articles (Latin-1), found from this file.
private let faKes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("../shared/data/corpus/fa-kes-syria/FA-KES-Dataset.csv")
    .standardized.path

/// Throughput of this stage group — dates, casualties, fatality rules and event dating — on real
/// news articles cut to about 3 KB. Tokenizing is the Doc's cost and is left out. A measurement,
/// run on request on a quiet machine (`SITREP_SPEED_TESTS=1 swift test -c release -Xswiftc
/// -enable-testing --filter CasualtiesSpeedTests`, target ≥ 5,000 docs/s on one core): a
/// wall-clock floor inside `swift test` fails on a busy machine, so CI counts instructions instead.
@Suite struct CasualtiesSpeedTests {
    @Test(.enabled(if: CleanSpeedTests.requested && FileManager.default.fileExists(atPath: faKes)))
    func analysesThreeKilobyteArticlesFast() throws {
        let table = CSVTable(text: try String(contentsOfFile: faKes, encoding: .isoLatin1))
        guard let col = table.column("article_content") else {
            Issue.record("article_content column missing")
            return
        }
        let docs: [Doc] = table.rows.prefix(400).map { row in
            let text = String(row[col].prefix(3000))
            return Doc(articleID: "fakes", origin: "fakes", title: nil, published: CivilDate(year: 2017, month: 4, day: 5),
                       source: nil, url: nil, clean: CleanText(text: text))
        }
        var mentions = 0
        let clock = ContinuousClock()
        let rounds = 3
        let elapsed = clock.measure {
            for _ in 0..<rounds {
                for d in docs {
                    let dates = DateExtractor.extract(d)
                    let cas = CasualtyExtractor.extract(d)
                    let fig = FatalityRules.figure(for: cas, in: d)
                    if let s = d.sentences.first {
                        _ = EventDating.date(for: s.span, anchor: nil, in: d, dates: dates)
                    }
                    mentions += dates.count + cas.count + fig.evidence.count
                }
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = Double(docs.count * rounds) / seconds
        print("dates+casualties+fatalities+event dating: \(Int(rate)) docs/s over \(docs.count) articles (\(mentions) mentions)")
        #expect(rate >= 50)
    }
}
