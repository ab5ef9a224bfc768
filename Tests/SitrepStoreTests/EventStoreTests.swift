import Foundation
import SitrepCore
import Testing
@testable import SitrepStore

/// The store end to end on the fixtures written for it (issue 6's acceptance on merging, stories,
/// stable ids and the living dataset).
@Suite(.serialized)
struct EventStoreTests {
    func strike(_ s: TempStore) throws -> CanonicalEvent {
        let strikes = try s.allEvents().filter { $0.subEventType == .airDroneStrike }
        #expect(strikes.count == 1)
        return try #require(strikes.first)
    }

    @Test func fiveDifferentlyWordedReportsOfOneStrikeMakeOneEventWithFiveSourcesTheLowestTollAndTheRange() throws {
        let s = try TempStore()
        try s.ingest(Fixtures.fiveReports)
        let e = try strike(s)
        #expect(e.articleCount == 5)
        #expect(e.sources.count == 5)
        #expect(e.fatalities == 10)
        #expect(e.fatalitiesLow == 10)
        #expect(e.fatalitiesHigh == 18)
        // The most precise place (the town, not the province-only report) and the day most reports give.
        #expect(e.location == "Saraqib")
        #expect(e.geoPrecision == 1)
        #expect(e.eventDate == CivilDate(year: 2016, month: 3, day: 8))
        let detail = try #require(try s.store.event(id: e.id))
        #expect(detail.reports.count == 5)
        #expect(detail.links.count == 4)
        #expect(detail.links.contains { $0.evidence.placeRule.contains("province") })
        #expect(detail.links.contains { $0.evidence.dayDelta == 1 })
        #expect(detail.reports.allSatisfy { !$0.evidence.isEmpty })
    }

    @Test func twoDifferentEventsOnTheSameDayInTheSameTownStayTwo() throws {
        let s = try TempStore()
        try s.ingest(Fixtures.sameDaySameTown)
        let clashes = try s.allEvents().filter { $0.subEventType == .armedClash }
        let fsa = try #require(clashes.first { $0.actor1?.name == "Free Syrian Army" || $0.actor2?.name == "Free Syrian Army" })
        #expect(fsa.articleCount == 1)
        #expect(clashes.count >= 2)
        #expect(Set(clashes.map(\.location)) == ["Dar'a"])
    }

    @Test func aSyndicatedCopyJoinsTheStoryAndAddsASourceNotAnEvent() throws {
        let s = try TempStore()
        let articles = Fixtures.seedStyle
        try s.ingest([articles[0]])
        let before = try s.allEvents()
        try s.ingest([articles[1]])
        let after = try s.allEvents()
        // The copy adds no event: each event it reports gains it as a second source.
        #expect(after.count == before.count)
        let copy = try #require(try s.store.article(id: ArticleExtractor.contentID(articles[1])))
        #expect(!copy.mentions.isEmpty)
        #expect(after.filter { $0.articleCount == 2 && $0.sources.count == 2 }.count == copy.mentions.count)
        #expect(copy.copies.count == 1)
        #expect(try s.store.counts().stories == 1)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: Fixtures.sharedRoot.appendingPathComponent("seed/ghouta-report.txt").path)))
    func theSeedReportAndACopyFromAnotherOutletAreOneStory() throws {
        let data = try Data(contentsOf: Fixtures.sharedRoot.appendingPathComponent("seed/ghouta-report.txt"))
        let text = try TextDecoding.decode(data, origin: "seed")
        // Another outlet's copy: its own source tag, the body once, a changed closing line.
        let lines = text.split(separator: "\n").map(String.init)
        let once = Array(lines.prefix(12)).joined(separator: "\n").replacingOccurrences(of: "(Zaman Al Wasl)", with: "(Other Outlet)")
        let published = CivilDate(year: 2015, month: 12, day: 15)
        let s = try TempStore()
        try s.ingest([Article(body: .text(text), published: published, origin: "seed"),
                      Article(body: .text(once + "\nMore on our website."), published: published, origin: "copy")])
        let c = try s.store.counts()
        #expect(c.activeArticles == 2)
        #expect(c.stories == 1)
        #expect(try s.allEvents().allSatisfy { $0.articleCount == 2 })
    }

    @Test func eventIdsAreTheSameWhateverTheOrderArticlesArriveIn() throws {
        let all = Fixtures.fiveReports + Fixtures.sameDaySameTown + Fixtures.seedStyle
        let forward = try TempStore()
        try forward.ingest(all, batchSize: 3)
        let backward = try TempStore()
        try backward.ingest(all.reversed(), batchSize: 2)
        let interleaved = try TempStore()
        for a in all.enumerated().sorted(by: { ($0.offset % 3, $0.offset) < ($1.offset % 3, $1.offset) }) {
            try interleaved.ingest([a.element])
        }
        let reference = try forward.membership()
        // Enough events for the order to matter: the strike told five times, the two same-day events
        // and the seed-style report's events (the advance into Jisr al-Shughur and the rebels'
        // pushing it back are one incident).
        #expect(reference.count >= 5)
        #expect(try backward.membership() == reference)
        #expect(try interleaved.membership() == reference)
        #expect(try backward.allEvents().map(\.self) .sorted { $0.id < $1.id } == forward.allEvents().sorted { $0.id < $1.id })
    }

    @Test func aBatchMakesTheEventsThatArticleByArticleIngestMakes() throws {
        let one = try TempStore(), each = try TempStore()
        let articles = Fixtures.fiveReports + Fixtures.sameDaySameTown
        try one.ingest(articles, batchSize: 128)
        try each.ingest(articles, batchSize: 1)
        #expect(try one.membership() == each.membership())
        // One revision per event for the batch, naming the reports behind it.
        let e = try strike(one)
        let revisions = try #require(try one.store.event(id: e.id)).revisions
        #expect(revisions.count == 1)
        #expect(revisions[0].kind == "created")
        #expect(revisions[0].reason.components(separatedBy: " added").count - 1 == 5)
    }

    @Test func aBatchHoldingTwoVersionsOfAnArticleKeepsTheNewOnesReportsOnly() throws {
        var radio = Fixtures.fiveReports[4]
        guard case .text(let body) = radio.body else { Issue.record("fixture is text"); return }
        radio.body = .text(body.replacingOccurrences(of: "killing ten people", with: "killing nine people"))
        let together = try TempStore(), apart = try TempStore()
        try together.ingest(Fixtures.fiveReports + [radio])
        try apart.ingest(Fixtures.fiveReports)
        try apart.ingest([radio])
        #expect(try together.membership() == apart.membership())
        #expect(try strike(together).fatalities == 9)
        #expect(try together.store.counts().articles == 6)
    }

    @Test func batchesEndAtTheirArticleCountOrByteBudget() {
        let short = Article(body: .text(String(repeating: "a", count: 100)))
        let long = Article(body: .text(String(repeating: "b", count: 1_000)))
        let ingestor = Ingestor(pipeline: TempStore.pipeline, batchSize: 3, batchBytes: 1_500)
        #expect(ingestor.batches([short, short, short, short]) == [0..<3, 3..<4])
        #expect(ingestor.batches([short, long, long, short, short]) == [0..<3, 3..<5])
        #expect(ingestor.batches([long, long, long]) == [0..<2, 2..<3])
        #expect(ingestor.batches([]) == [])
    }

    @Test func reingestingTheSameArticlesChangesNothing() throws {
        let s = try TempStore()
        try s.ingest(Fixtures.fiveReports)
        let dump = try s.dump()
        let again = try s.ingest(Fixtures.fiveReports)
        #expect(again.articlesAdded == 0)
        #expect(again.articlesUnchanged == 5)
        #expect(try s.dump() == dump)
    }

    @Test func anUpdatedArticleAtTheSameUrlRevisesItsContribution() throws {
        let s = try TempStore()
        let t0 = Date()
        try s.ingest(Fixtures.fiveReports)
        let before = try strike(s)
        // Radio Shams corrects its bulletin: nine dead, not ten.
        var radio = Fixtures.fiveReports[4]
        guard case .text(let body) = radio.body else { Issue.record("fixture is text"); return }
        radio.body = .text(body.replacingOccurrences(of: "killing ten people", with: "killing nine people"))
        Thread.sleep(forTimeInterval: 0.01)
        let mark = Date()
        let r = try s.ingest([radio])
        #expect(r.articlesSuperseded == 1)
        let after = try strike(s)
        #expect(after.id == before.id)
        #expect(after.fatalities == 9)
        #expect(after.articleCount == 5)
        let detail = try #require(try s.store.event(id: after.id))
        let last = try #require(detail.revisions.last)
        #expect(last.kind == "updated")
        #expect(last.changes.contains { $0.field == "fatalities" && $0.old == "10" && $0.new == "9" })
        let feed = try s.store.changes(since: mark)
        #expect(feed.changed.map(\.id).contains(after.id))
        #expect(try s.store.changes(since: t0).revisions.count > feed.revisions.count)
    }

    @Test func retractingEveryReportDeletesTheEventIntoTheDeletionFeed() throws {
        let s = try TempStore()
        try s.ingest(Fixtures.fiveReports)
        let e = try strike(s)
        let urls = Fixtures.fiveReports.compactMap(\.url)
        _ = try s.store.retract(urls[0], reason: "test", at: Date())
        let fewer = try strike(s)
        #expect(fewer.articleCount == 4)
        for u in urls.dropFirst() { _ = try s.store.retract(u, reason: "test", at: Date()) }
        #expect(try s.allEvents().isEmpty)
        let feed = try s.store.changes(since: Date(timeIntervalSince1970: 0))
        #expect(feed.deletions.contains { $0.eventID == e.id || $0.eventID == fewer.id })
        #expect(try s.store.counts().activeArticles == 0)
    }

    @Test func queriesFilterAndPageWithoutLosingOrRepeatingEvents() throws {
        let s = try TempStore()
        try s.ingest(Fixtures.fiveReports + Fixtures.sameDaySameTown + Fixtures.seedStyle)
        let all = try s.allEvents()
        var q = EventQuery()
        q.limit = 2
        var seen: [String] = []
        while true {
            let page = try s.store.events(q)
            seen += page.events.map(\.id)
            guard let c = page.nextCursor else { break }
            q.cursor = c
        }
        #expect(seen.count == all.count)
        #expect(Set(seen) == Set(all.map(\.id)))

        var f = EventQuery()
        f.country = "Syria"
        f.eventType = .explosions
        f.subEventType = .airDroneStrike
        f.from = CivilDate(year: 2016, month: 3, day: 1)
        f.to = CivilDate(year: 2016, month: 3, day: 31)
        let strikes = try s.store.events(f).events
        #expect(strikes.count == 1)
        f.minFatalities = 11
        #expect(try s.store.events(f).events.isEmpty)
        var a = EventQuery()
        a.actor = "free syrian army"
        #expect(try s.store.events(a).events.count == 1)
        var b = EventQuery()
        b.bbox = (36.0, 32.0, 36.3, 33.0)  // around Dar'a
        #expect(try s.store.events(b).events.allSatisfy { $0.location == "Dar'a" })
    }

    @Test func canonicalEventsExportThroughTheCoresACLEDCSVWriter() throws {
        let s = try TempStore()
        try s.ingest(Fixtures.fiveReports)
        let e = try strike(s)
        let coded = CanonicalBuilder.codedEvent(e)
        let (_, text) = try #require(try s.store.articleText(id: e.anchorArticle))
        let doc = Doc(articleID: e.anchorArticle, origin: "", title: nil, published: nil, source: nil, url: nil, clean: CleanText(text: text))
        let row = EventFormats.csvRow(coded, doc: doc)
        #expect(row.hasPrefix(e.id + ",2016-03-08,2016,1,Political violence,Explosions/Remote violence,Air/drone strike,"))
        #expect(row.contains(",10,"))
    }
}
