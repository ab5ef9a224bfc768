import Testing
@testable import SitrepCore

private func doc(_ text: String) -> Doc {
    Doc(articleID: "t", origin: "test", title: nil, published: nil, source: nil, url: nil, clean: CleanText(text: text))
}

private struct Found: Equatable, CustomStringConvertible {
    var outcome: CasualtyMention.Outcome
    var value: Int
    var victims: String?
    var civilian: Bool = false
    var description: String { "\(outcome) \(value) \(victims ?? "-")\(civilian ? " (civilians)" : "")" }
}

private func casualties(_ text: String) -> [Found] {
    CasualtyExtractor.extract(doc(text)).map {
        Found(outcome: $0.outcome, value: $0.count.value, victims: $0.victims, civilian: $0.civilianVictims)
    }
}

@Suite struct CasualtiesTests {
    @Test func seedReportVictimsAndAsideAboutWomenAndChildren() {
        let text = "On Sunday, about 70 people, including women and children, had been killed in air and missile attacks on Douma."
        let d = doc(text)
        let found = CasualtyExtractor.extract(d)
        #expect(found.count == 1)
        #expect(found.first?.count == Count(value: 70))
        #expect(found.first?.victims == "people")
        #expect(found.first?.civilianVictims == true)
        #expect(found.first.map { d.text($0.countSpan) } == "about 70")
        #expect(found.first.map { d.text($0.span) } == "about 70 people, including women and children, had been killed")
    }

    @Test func seedReportBoundIsTheLowerFigure() {
        #expect(casualties("The rebel group said more than 150 regime troops have been killed in the clashes.")
                == [Found(outcome: .killed, value: 150, victims: "regime troops")])
    }

    @Test func backgroundStatisticsAreStillReported() {
        // Whether this is the event's toll is the coder's decision; the phrase is exposed as found.
        let d = doc("About 300,000 people have died in the conflict, the UN estimates.")
        let found = CasualtyExtractor.extract(d)
        #expect(found.map(\.count.value) == [300_000])
        #expect(found.first?.victims == "people")
        #expect(found.first.map { d.text($0.span) } == "About 300,000 people have died")
    }

    @Test func separateGroupsInOneSubjectEachCount() {
        #expect(casualties("Three soldiers and two civilians were killed when the convoy hit a mine.")
                == [Found(outcome: .killed, value: 3, victims: "soldiers"),
                    Found(outcome: .killed, value: 2, victims: "civilians", civilian: true)])
    }

    @Test func activeVerbsCountTheirObject() {
        #expect(casualties("Gunmen stormed the market, killing 2 civilians and wounding 5 traders.")
                == [Found(outcome: .killed, value: 2, victims: "civilians", civilian: true),
                    Found(outcome: .wounded, value: 5, victims: "traders", civilian: true)])
        #expect(casualties("Two soldiers killed a farmer at the checkpoint.")
                == [Found(outcome: .killed, value: 1, victims: "farmer", civilian: true)])
        #expect(casualties("Militants killed at least 37 people in the town.").map(\.value) == [37])
    }

    @Test func interleavedKilledAndWoundedGiveBoth() {
        #expect(casualties("One protester was killed and 65 wounded when police opened fire.")
                == [Found(outcome: .killed, value: 1, victims: "protester"),
                    Found(outcome: .wounded, value: 65, victims: nil)])
        #expect(casualties("The blast killed 4 and injured 11.").map(\.value) == [4, 11])
    }

    @Test func deathNounsAndTolls() {
        #expect(casualties("The ambush left two dead.").map(\.value) == [2])
        #expect(casualties("Police reported 3 fatalities.").map(\.value) == [3])
        #expect(casualties("Rescuers recovered 5 bodies from the rubble.").map(\.value) == [5])
        #expect(casualties("The raid claimed 9 lives.").map(\.value) == [9])
        #expect(casualties("The death toll rose to 30 on Wednesday.").map(\.value) == [30])
        #expect(casualties("The clash resulted in the death of 1 civilian.")
                == [Found(outcome: .killed, value: 1, victims: "civilian", civilian: true)])
        #expect(casualties("At least 10 people died in the fire.").map(\.value) == [10])
    }

    @Test func singlePeopleCountAsOne() {
        #expect(casualties("A farmer was shot dead in his field.")
                == [Found(outcome: .killed, value: 1, victims: "farmer", civilian: true)])
        #expect(casualties("The bomber was killed in the blast.").map(\.value) == [1])
        #expect(casualties("Police reported one fatality.").map(\.value) == [1])
        #expect(casualties("A 25-year-old man was stabbed to death by a mob.").map(\.value) == [1])
    }

    @Test func casualtiesAloneAreNotSplit() {
        #expect(casualties("The shelling caused 12 casualties.") == [Found(outcome: .casualties, value: 12, victims: nil)])
        #expect(casualties("Artillery killed or injured 3 militants.").map(\.outcome) == [.casualties])
    }

    @Test func nobodyHurtIsZeroDead() {
        #expect(casualties("No one was hurt in the explosion.") == [Found(outcome: .killed, value: 0, victims: nil)])
        #expect(casualties("There were no casualties.") == [Found(outcome: .killed, value: 0, victims: nil)])
        #expect(casualties("The army reported no fatalities.").map(\.value) == [0])
    }

    @Test func acledNoteCodingStatements() {
        #expect(casualties("Fatalities coded to 10.") == [Found(outcome: .killed, value: 10, victims: nil)])
        #expect(casualties("Unclear fatalities coded as 3.").map(\.value) == [3])
    }

    @Test func vagueCountsAndKillingAndInjuring() {
        let found = casualties("Militants opened fire, killing and injuring an unknown number of villagers.")
        #expect(found.map(\.outcome) == [.killed, .wounded])
        #expect(found.allSatisfy { $0.value == 3 && $0.civilian })
        #expect(casualties("Dozens were killed in the raid.").map(\.value) == [12])
        #expect(casualties("Several soldiers were killed.").map(\.value) == [3])
    }

    @Test func datesAndUnitsAreNotVictims() {
        #expect(casualties("On 14 March 2022, a guard was killed.").map(\.value) == [1])
        #expect(casualties("The convoy was hit 5 km from the border; nobody was killed.").map(\.value) == [0])
        #expect(casualties("In 2015 the army killed the rebel leader.").map(\.value) == [1])
    }
}
