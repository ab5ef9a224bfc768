import Testing
@testable import SitrepCore

@Suite struct CleanDatelineTests {
    func clean(_ text: String, title: String? = nil, published: CivilDate? = nil) -> CleanText {
        Cleaner.clean(Article(title: title, body: .text(text), published: published))
    }

    let dec20 = CivilDate(year: 2015, month: 12, day: 20)

    @Test func sourceTagInParentheses() {
        let c = clean("(Zaman Al Wasl)- Rebels recaptured two villages east of Damascus, activists said.")
        #expect(c.source == "Zaman Al Wasl")
        #expect(c.datelinePlace == nil)
        #expect(c.text == "Rebels recaptured two villages east of Damascus, activists said.")
    }

    @Test func placeAndAgency() {
        let c = clean("DAMASCUS (Reuters) - Mortar bombs hit the Old City on Sunday, state media said.")
        #expect(c.datelinePlace == "DAMASCUS")
        #expect(c.source == "Reuters")
        #expect(c.datelineDate == nil)
        #expect(c.text == "Mortar bombs hit the Old City on Sunday, state media said.")
    }

    @Test func placeDateAndAgencyWithAnEmDash() {
        let c = clean("BEIRUT, Dec 15 (AFP) — Air strikes killed 11 people in Idlib province, a monitor said.", published: dec20)
        #expect(c.datelinePlace == "BEIRUT")
        #expect(c.source == "AFP")
        #expect(c.datelineDate == CivilDate(year: 2015, month: 12, day: 15))
        #expect(c.text.hasPrefix("Air strikes killed 11"))
    }

    @Test func datelineYearIsTheLatestSuchDayNotAfterPublication() {
        // Published on 3 January: "Dec 30" is last year's.
        let c = clean("BEIRUT, Dec. 30 (AFP) - Shelling resumed in the south.", published: CivilDate(year: 2016, month: 1, day: 3))
        #expect(c.datelineDate == CivilDate(year: 2015, month: 12, day: 30))
    }

    @Test func aDatelineWithoutAYearOnAnUndatedPageIsReadAsOfToday() {
        // As a reader would: the latest 15 December not after today.
        let c = clean("BEIRUT, Dec 15 (AFP) - Shelling resumed in the south.")
        #expect(c.datelinePlace == "BEIRUT")
        let today = CivilDate.today()
        let year = CivilDate(year: today.year, month: 12, day: 15) <= today ? today.year : today.year - 1
        #expect(c.datelineDate == CivilDate(year: year, month: 12, day: 15))
    }

    @Test func placeCountryAndDateWithoutAgency() {
        let c = clean("ALEPPO, Syria, March 3 - Barrel bombs fell on two districts in the east of the city.",
                      published: CivilDate(year: 2016, month: 3, day: 4))
        #expect(c.datelinePlace == "ALEPPO")
        #expect(c.source == nil)
        #expect(c.datelineDate == CivilDate(year: 2016, month: 3, day: 3))
        #expect(c.text.hasPrefix("Barrel bombs fell"))
    }

    @Test func dayBeforeMonthAndExplicitYear() {
        let c = clean("KABUL, 4 October 2019 (Pajhwok) -- Gunmen shot dead a district official.")
        #expect(c.datelinePlace == "KABUL")
        #expect(c.source == "Pajhwok")
        #expect(c.datelineDate == CivilDate(year: 2019, month: 10, day: 4))
        #expect(c.text == "Gunmen shot dead a district official.")
    }

    @Test func capitalisedPlaceWithColonOrDash() {
        let colon = clean("MOGADISHU: A car bomb exploded near the parliament building on Saturday.")
        #expect(colon.datelinePlace == "MOGADISHU")
        #expect(colon.text.hasPrefix("A car bomb"))
        let dash = clean("DEIR EZZOR – Fighters of the group withdrew from three villages.")
        #expect(dash.datelinePlace == "DEIR EZZOR")
    }

    @Test func mixedCasePlaceNeedsAnAgency() {
        let tagged = clean("Beirut (AFP) - Clashes erupted in the Bekaa valley overnight.")
        #expect(tagged.datelinePlace == "Beirut")
        #expect(tagged.source == "AFP")
        // Not datelines: a sentence that starts with a name, a parenthesis or a dash.
        for text in ["Islam Army (Jaish al-Islam) said it had repelled the attack.",
                     "Russia - the main ally of Damascus - denied the report.",
                     "Syrian Islamist factions have recaptured territory, activists said.",
                     "US - led coalition jets struck the town.",
                     "BREAKING: Rebels seize the border crossing at Bab al-Hawa.",
                     "UPDATE 2 - Rebels seize the border crossing at Bab al-Hawa."] {
            let c = clean(text)
            #expect(c.datelinePlace == nil && c.source == nil, "read a dateline in: \(text)")
            #expect(c.text == text)
        }
    }

    @Test func leadingPublicationDatesAsScrapedSitesPrintThem() {
        let cases: [(String, CivilDate)] = [
            ("Wed 05 Apr 2017 Rockets hit a village in Hama countryside.", CivilDate(year: 2017, month: 4, day: 5)),
            ("Thu Jul 7 2016 Rockets hit a village in Hama countryside.", CivilDate(year: 2016, month: 7, day: 7)),
            ("23-04-2016 Rockets hit a village in Hama countryside.", CivilDate(year: 2016, month: 4, day: 23)),
            ("Date of publication 7 July 2016 Rockets hit a village in Hama countryside.", CivilDate(year: 2016, month: 7, day: 7)),
            ("Monday 15 February 2016 Rockets hit a village in Hama countryside.", CivilDate(year: 2016, month: 2, day: 15)),
            ("Posted on July 20, 2016 - Rockets hit a village in Hama countryside.", CivilDate(year: 2016, month: 7, day: 20)),
            ("2016-07-20 Rockets hit a village in Hama countryside.", CivilDate(year: 2016, month: 7, day: 20)),
        ]
        for (text, date) in cases {
            let c = clean(text)
            #expect(c.datelineDate == date, "\(text)")
            #expect(c.text == "Rockets hit a village in Hama countryside.", "\(text)")
        }
    }

    @Test func leadingDateThenRepeatedHeadline() {
        let c = clean("Wed 05 Apr 2017 Jets strike field hospital in Idlib. Warplanes hit a field hospital in Kafranbel on Wednesday.",
                      title: "Jets strike field hospital in Idlib")
        #expect(c.datelineDate == CivilDate(year: 2017, month: 4, day: 5))
        #expect(c.text == "Jets strike field hospital in Idlib\nWarplanes hit a field hospital in Kafranbel on Wednesday.")
    }

    @Test func headlineThenAgencyThenDate() {
        let c = clean("Jets strike field hospital in Idlib AFP Saturday 21 Jun 2014 Warplanes hit a field hospital on Saturday.",
                      title: "Jets strike field hospital in Idlib - Region - World")
        #expect(c.source == "AFP")
        #expect(c.datelineDate == CivilDate(year: 2014, month: 6, day: 21))
        #expect(c.text == "Jets strike field hospital in Idlib - Region - World\nWarplanes hit a field hospital on Saturday.")
    }

    @Test func aDateInsideTheStoryIsNotADateline() {
        let text = "Rebels said on 5 April 2017 that they had shot down a jet."
        let c = clean(text)
        #expect(c.datelineDate == nil)
        #expect(c.text == text)
    }
}
