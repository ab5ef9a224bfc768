import Testing
@testable import SitrepCore

private func figure(_ text: String) -> FatalityFigure {
    let d = Doc(articleID: "t", origin: "test", title: nil, published: nil, source: nil, url: nil, clean: CleanText(text: text))
    return FatalityRules.figure(for: CasualtyExtractor.extract(d), in: d)
}

@Suite struct FatalitiesTests {
    @Test func woundedNeverCount() {
        let f = figure("Shelling wounded 14 people in the market.")
        #expect(f.fatalities == 0)
        #expect(f.explanation.contains("no injuries"))
    }

    @Test func casualtiesAloneCountZero() {
        #expect(figure("The raid caused 12 casualties.").fatalities == 0)
        #expect(figure("No one was hurt.").fatalities == 0)
    }

    @Test func nothingReportedIsZero() {
        let f = figure("Protesters marched to the governor's office.")
        #expect(f.fatalities == 0)
        #expect(f.evidence.isEmpty)
    }

    @Test func separateGroupsAddUp() {
        let f = figure("3 soldiers and 2 civilians were killed in the crossfire.")
        #expect(f.fatalities == 5)
        #expect(f.evidence.count == 2)
    }

    @Test func oneGroupWithAnAsideIsNotAddedTwice() {
        #expect(figure("About 70 people, including women and children, had been killed.").fatalities == 70)
    }

    @Test func conflictingReportsTakeTheLowestAndKeepTheRange() {
        let f = figure("The army said 18 militants were killed. The group claimed only 9 militants died.")
        #expect(f.fatalities == 9)
        #expect(f.low == 9)
        #expect(f.high == 18)
    }

    @Test func rangesRecordTheLowestWithTheRange() {
        let f = figure("Between 20 and 30 fighters were killed.")
        #expect((f.fatalities, f.low, f.high) == (20, 20, 30))
    }

    @Test func aRestatedFigureIsTheSameDeaths() {
        #expect(figure("Gunmen killed 2 farmers near the well. 2 fatalities.").fatalities == 2)
        #expect(figure("Troops killed 2 separatists. The bodies of two killed were found later.").fatalities == 2)
    }

    @Test func aStatedTotalCoversTheGroups() {
        #expect(figure("The clash killed 4 soldiers. Two rebels also died. 6 fatalities.").fatalities == 6)
    }

    @Test func aSideTheNoteDoesNotNameAddsUp() {
        #expect(figure("Airstrikes killed a civilian. At least 15 died on the military side.").fatalities == 16)
    }

    @Test func theVictimIsSomeoneAlreadyCounted() {
        #expect(figure("A man was shot dead near the market. The victim died on the spot.").fatalities == 1)
        #expect(figure("The police commander was killed.").fatalities == 1)
    }

    @Test func theNotesOwnCodingWins() {
        let f = figure("Militants killed several soldiers. Unclear fatalities coded as 10.")
        #expect(f.fatalities == 10)
        #expect(figure("Shelling killed 3 civilians (fatalities coded to Horlivka event).").fatalities == 0)
    }

    @Test func deathsCodedWithAnotherEventDoNotCount() {
        #expect(figure("The air force later struck nearby, killing 17 militants (coded separately).").fatalities == 0)
    }

    @Test func vagueWordsUseTheConventions() {
        let f = figure("Dozens of fighters were killed in the assault.")
        #expect(f.fatalities == 12)
        #expect(f.explanation.contains("vague"))
        #expect(figure("An unknown number of militants were killed.").fatalities == 3)
        // A figure beats a vague word for the same deaths.
        #expect(figure("Dozens of fighters were killed. Officials said 40 fighters died.").fatalities == 40)
    }

    @Test func splitsTotalsEvenlyWithTheRemainderOnTheFirstDay() {
        #expect(FatalityRules.splitAcrossDays(total: 12, days: 3) == [4, 4, 4])
        #expect(FatalityRules.splitAcrossDays(total: 13, days: 3) == [5, 4, 4])
        #expect(FatalityRules.splitAcrossDays(total: 14, days: 3) == [6, 4, 4])
        #expect(FatalityRules.splitAcrossDays(total: 2, days: 4) == [2, 0, 0, 0])
        #expect(FatalityRules.splitAcrossDays(total: 5, days: 0) == [])
    }
}
