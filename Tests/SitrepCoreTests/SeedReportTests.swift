import Foundation
import Testing
@testable import SitrepCore

/// The report that started the project, coded end to end (issue 2's acceptance).
@Suite(.enabled(if: TestPaths.exists("seed/ghouta-report.txt")))
struct SeedReportTests {
    static let result: Pipeline.Result = {
        let data = try! Data(contentsOf: TestPaths.sharedFile("seed/ghouta-report.txt"))
        let text = try! TextDecoding.decode(data, origin: "seed")
        return TestPipeline.code(text, published: CivilDate(year: 2015, month: 12, day: 15))
    }()

    var recorded: [CodedEvent] { Self.result.recorded }

    @Test func sourceTagBecomesTheSourceAndTheFooterIsGone() {
        // The outlet's tag, then the agency it credits for a paragraph ("…, Reuters reported").
        #expect(Self.result.doc.source == "Zaman Al Wasl; Reuters")
        #expect(!Self.result.doc.text.contains("Comments About This Article"))
        #expect(!Self.result.doc.text.contains("(Zaman Al Wasl)"))
    }

    @Test func airStrikeOnDoumaIsCodedOnceWithSeventyCivilianDeaths() throws {
        let strikes = recorded.filter { $0.subEventType == .airDroneStrike }
        #expect(strikes.count == 1)
        let e = try #require(strikes.first)
        #expect(["Douma", "Duma"].contains(e.location?.location ?? ""))  // ACLED spells it "Duma"
        #expect(e.location?.admin1 == "Rural Damascus")
        #expect(e.location?.country == "Syria")
        #expect(e.location?.geoPrecision == 1)
        #expect(e.eventDate == CivilDate(year: 2015, month: 12, day: 13))
        #expect(e.fatalities == 70)
        #expect(e.actor2?.name == "Civilians (Syria)")
        #expect(e.civilianTargeting)
    }

    @Test func marjAlSultanIsOneArmedClashBetweenTheRegimeAndTheRebelCoalition() throws {
        let battles = recorded.filter { $0.eventType == .battles }
        #expect(battles.count == 1)
        let e = try #require(battles.first)
        #expect(e.subEventType == .armedClash)
        #expect(e.location?.location.lowercased().contains("marj") == true)
        #expect(e.eventDate == CivilDate(year: 2015, month: 12, day: 14))
        let sides = [e.actor1?.name, e.actor2?.name]
        #expect(sides.contains("Military Forces of Syria (2000-)"))
        let regimeAssoc = e.actor1?.name == "Military Forces of Syria (2000-)" ? e.assocActor1 : e.assocActor2
        #expect(regimeAssoc.contains { $0.inter == .politicalMilitia })
        #expect(e.evidence.contains { $0.field.hasPrefix("assoc_actor") && $0.text == "Shiite militias" })
        let rebels = e.actor1?.name == "Military Forces of Syria (2000-)" ? e.actor2 : e.actor1
        #expect(rebels?.inter == .rebelGroup)
    }

    @Test func theHundredAndFiftyDeadAreJaishAlIslamsClaimNotAVerifiedCount() throws {
        let e = try #require(recorded.first { $0.eventType == .battles })
        #expect(e.claimedFatalities == 150)
        #expect(e.claimedBy?.lowercased().contains("islam") == true)
        #expect(e.fatalities == 0)
    }

    @Test func statisticsPlannedMeetingsAndCountryLevelStrikesAreNotEvents() {
        #expect(!recorded.contains { $0.fatalities >= 1000 || ($0.fatalitiesHigh >= 1000) })
        #expect(!recorded.contains { $0.location?.location == "New York" || $0.location?.admin1 == "New York" })
        let strategic = recorded.filter { $0.eventType == .strategicDevelopments }
        #expect(strategic.allSatisfy { $0.location?.location == "Moscow" })
        #expect(strategic.count <= 1)
        #expect(recorded.count <= 3)
    }

    @Test func everyRecordedEventCitesItsEvidence() {
        for e in recorded {
            #expect(e.evidence.contains { $0.field == "sub_event_type" })
            #expect(e.evidence.contains { $0.field == "location" })
            for ev in e.evidence { #expect(Self.result.doc.text(ev.span) == ev.text) }
        }
    }
}
