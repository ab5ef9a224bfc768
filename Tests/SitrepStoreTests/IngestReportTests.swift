import Foundation
import SitrepCore
import Testing
@testable import SitrepStore

/// What an ingest run tells its user besides what it stored.
@Suite struct IngestReportTests {
    /// Issue 13: a page whose date cannot be found, ingested without `--published`, is never a silent
    /// zero — the run counts it and the events it could not record for want of a date.
    @Test func documentsWithoutADateAreCountedWithTheEventsTheyCost() throws {
        let s = try TempStore()
        let dated = Article(body: .text("KADUGLI, May 4 -- Gunmen killed four villagers near Kadugli on Monday, residents said."),
                            published: CivilDate(year: 2021, month: 5, day: 4), origin: "dated.txt")
        let undated = Article(body: .text("Gunmen killed four farmers near Dilling on Monday, residents said."),
                              origin: "undated.txt")
        let report = try s.ingest([dated, undated])
        #expect(report.articlesAdded == 2)
        #expect(report.articlesUndated == 1)
        #expect(report.eventsDroppedForNoDate == 1)
        #expect(report.mentionsAdded == 1)
    }
}
