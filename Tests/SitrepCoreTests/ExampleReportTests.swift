import Foundation
import Testing
@testable import SitrepCore

/// The example report shipped in the repo (examples/idlib-report.txt) codes as its README says.
@Suite struct ExampleReportTests {
    static let result: Pipeline.Result = {
        let data = try! Data(contentsOf: TestPaths.example("idlib-report.txt"))
        return TestPipeline.code(try! TextDecoding.decode(data, origin: "example"), published: CivilDate(year: 2019, month: 12, day: 24))
    }()

    var recorded: [CodedEvent] { Self.result.recorded }

    @Test func codesThreeEventsOnceEachDespiteTheRepeatedBody() {
        #expect(recorded.count == 3)
        #expect(Self.result.doc.source == "Syria Direct Wire")
        #expect(!Self.result.doc.text.contains("Leave a comment"))
    }

    @Test func theCaptureOfJarjanazIsTheGovernmentsWithHTSsFigureAsAClaim() throws {
        let e = try #require(recorded.first { $0.eventType == .battles })
        #expect(e.subEventType == .governmentRegainsTerritory)
        #expect(e.location?.location == "Jarjanaz")
        #expect(e.location?.geoPrecision == 1)
        #expect(e.eventDate == CivilDate(year: 2019, month: 12, day: 23))
        #expect(e.actor1?.name == "Military Forces of Syria (2000-)")
        #expect(e.actor2?.name.contains("Hayat Tahrir al Sham") == true)
        #expect(e.claimedFatalities == 40)
        #expect(e.fatalities == 0)
    }

    @Test func theMarketStrikeKilledThirteenCivilians() throws {
        let e = try #require(recorded.first { $0.subEventType == .airDroneStrike })
        #expect(e.eventDate == CivilDate(year: 2019, month: 12, day: 22))
        #expect(e.fatalities == 13)
        #expect(e.civilianTargeting)
        #expect(e.location?.admin1 == "Idleb")
    }

    @Test func theShellingWoundedButKilledNoOne() throws {
        let e = try #require(recorded.first { $0.subEventType == .shellingArtilleryMissileAttack })
        #expect(e.eventDate == CivilDate(year: 2019, month: 12, day: 21))
        #expect(e.fatalities == 0)
        #expect(e.location?.admin1 == "Hama")
    }

    @Test func theDenialThePlannedMeetingAndTheStatisticAreNotEvents() {
        #expect(!recorded.contains { $0.location?.country == "Turkey" })
        #expect(!recorded.contains { $0.fatalitiesHigh >= 1000 })
    }
}
