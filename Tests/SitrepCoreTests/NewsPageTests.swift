import Foundation
import Testing
@testable import SitrepCore

/// Real news pages as they arrive (issue 13): the page's structure, who reports, and one incident
/// told over a page. The fixtures in Fixtures/pages are pages written for these tests in the style of
/// wire copy and newspaper sites (captions, credits, date lines, related links and all).
struct NewsPageTests {
    static func page(_ name: String) throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/pages/\(name)")
        return try String(contentsOf: url, encoding: .utf8)
    }

    static func code(_ text: String, title: String? = nil, published: CivilDate? = nil, source: String? = nil) -> Pipeline.Result {
        TestPipeline.shared.run(Article(title: title, body: .text(text), published: published, source: source, origin: "test"))
    }

    static func story(_ c: CleanText) -> [String] {
        c.blocks.filter { $0.kind == .body }.map { b in
            let u = c.text.utf8
            return String(decoding: u[u.index(u.startIndex, offsetBy: b.span.start)..<u.index(u.startIndex, offsetBy: b.span.end)], as: UTF8.self)
        }
    }

    // MARK: the page's parts

    @Test func captionsCreditsDateLinesAndLinkListsAreLeftOutOfTheStory() throws {
        let c = Cleaner.clean(Article(body: .text(try Self.page("wire-drone-strike.txt"))))
        let story = Self.story(c)
        #expect(story.first?.hasPrefix("Eleven people were killed") == true)
        #expect(!c.text.contains("Women sell grain"))
        #expect(c.furniture.contains { $0.kind == .caption && $0.text.hasPrefix("Women sell grain") })
        #expect(!c.text.contains("Ethiopia rebels say they retook a town"))
        #expect(!c.text.contains("Copyright"))
        #expect(c.pageDate == CivilDate(year: 2022, month: 3, day: 8))
        #expect(c.blocks.first?.kind == .headline)
        #expect(c.blocks.contains { $0.kind == .standfirst })
    }

    @Test func anAgencySignatureLeavesTheLastParagraphAndCreditsTheAgency() throws {
        let c = Cleaner.clean(Article(body: .text(try Self.page("wire-drone-strike.txt"))))
        #expect(Self.story(c).last?.hasSuffix("spread to neighbouring regions.") == true)
        #expect(c.credits.contains("AFP"))
    }

    @Test func aFilePhotoAndAPictureAboveItsPhotographersCreditAreCaptions() throws {
        let c = Cleaner.clean(Article(body: .text(try Self.page("caption-file-photo.txt"))))
        #expect(c.furniture.contains { $0.kind == .caption && $0.text.hasPrefix("FILE - Soldiers patrol") })
        #expect(c.furniture.contains { $0.kind == .caption && $0.text.hasPrefix("Security personnel stand near") })
        #expect(!c.text.contains("Read more"))
        #expect(c.datelinePlace == "OUAGADOUGOU")
    }

    @Test func anHTMLPagesFigureCaptionAndAsideAreLeftOut() {
        let html = """
            <html><head><title>Shelling kills five in Idlib town - Example News</title></head><body>
            <article><h1>Shelling kills five in Idlib town</h1>
            <figure><img src="x.jpg"><figcaption>A man walks past a building hit by an air strike in Idlib in 2019, when fighting was at its worst.</figcaption></figure>
            <p>Government artillery shelled the town of Maarrat Misrin in Idlib province on Monday, killing five civilians and wounding at least twelve others, rescue workers said.</p>
            <p>The shells struck a market street shortly after noon, when traders were setting up their stalls, a resident told reporters by telephone.</p>
            <aside><h3>Related</h3><p>Rebels shoot down a drone over Hama countryside, killing its crew, activists say.</p></aside>
            <p>There was no immediate comment from the government, which says it only targets armed groups in the province.</p>
            </article></body></html>
            """
        let c = Cleaner.clean(Article(body: .html(html)))
        #expect(!c.text.contains("A man walks past"))
        #expect(c.furniture.contains { $0.kind == .caption && $0.text.hasPrefix("A man walks past") })
        #expect(!c.text.contains("shoot down a drone"))
        #expect(Self.story(c).count == 3)
    }

    @Test func aTitleCaseDatelineWithALongDashOpensTheLede() {
        let c = Cleaner.clean(Article(body: .text("""
            Two soldiers killed in attack on army post

            Bamako, Mali — Two soldiers were killed on Sunday in an attack on their post in central Mali, the army said.

            The army said the attackers fled toward the border after the assault on the post.
            """)))
        #expect(c.datelinePlace == "Bamako")
        #expect(Self.story(c).first?.hasPrefix("Two soldiers were killed") == true)
    }

    @Test func inlineTagsInPlainTextAreDroppedAndTheirWordsKept() {
        let c = Cleaner.clean(Article(body: .text("Thousands marched in <a href=\"https://example.org/tags/tel-aviv\" target=\"_blank\">Tel Aviv</a> on Saturday against the reform, organisers said.")))
        #expect(c.text == "Thousands marched in Tel Aviv on Saturday against the reform, organisers said.")
    }

    @Test func aCoderNoteOfOneParagraphIsAllStoryEvenWithAMonthInIt() {
        let note = "On 18 March 2022, residents who reject the results of a municipal election burned a bus in Oaxaca. [size=no report]"
        let c = Cleaner.clean(Article(body: .text(note)))
        #expect(c.text == note)
    }

    // MARK: the page's own date

    @Test func aPageFindsItsOwnDateWhereverItPrintsIt() {
        func date(_ text: String) -> CivilDate? { Cleaner.clean(Article(body: .text(text))).pageDate }
        let story = "\n\nGunmen attacked a police post in the town of Garissa on Monday, killing two officers, police said.\n\nThe attackers fled toward the border, a police spokesman said later in a statement."
        #expect(date("Police post attacked in Garissa" + story + "\n\nTuesday, October 02, 2012") == CivilDate(year: 2012, month: 10, day: 2))
        #expect(date("Police post attacked in Garissa\n\nAmina Yusuf·21 August 2024" + story) == CivilDate(year: 2024, month: 8, day: 21))
        #expect(date("1670342243 Police post attacked in Garissa" + story) == CivilDate(year: 2022, month: 12, day: 6))
        #expect(date("Police post attacked in Garissa\n\nLast update: August 24, 2015 21:18" + story) == CivilDate(year: 2015, month: 8, day: 24))
        #expect(date("Police post attacked in Garissa\n\nPublished: March 8, 2022 | Updated: March 9, 2022" + story) == CivilDate(year: 2022, month: 3, day: 8))
    }

    @Test func aDatelineWithoutItsYearTakesTheYearOfTheDaysThePageGives() {
        let c = Cleaner.clean(Article(body: .text("""
            Quakes kill hundreds in western province

            ISLAMABAD, Oct. 8 (dpa) – A day after several strong earthquakes struck the region, rescuers were still searching for survivors.

            The first quake struck on 7 October 2023 at about noon, officials said, and several aftershocks followed.
            """)))
        #expect(c.datelineDate == CivilDate(year: 2023, month: 10, day: 8))
    }

    // MARK: who reports is not who acted

    @Test func anAgencyCreditIsNoActorAndJoinsTheSource() throws {
        let r = Self.code(try Self.page("wire-drone-strike.txt"), source: "The Daily Example")
        #expect(!r.doc.actors.contains { $0.actor.name.contains("Philippines") })
        #expect(r.doc.source == "The Daily Example; AFP")
        #expect(!r.recorded.contains { [$0.actor1?.name, $0.actor2?.name].contains { $0?.contains("Philippines") == true } })
    }

    @Test func theArmedForcesOfThePhilippinesAreStillAnActorWhereTheSentenceMakesThemOne() {
        let r = Self.code("Clash in Sulu\n\nJOLO, Philippines — AFP troops clashed with Abu Sayyaf gunmen in Patikul town on Monday, killing two militants, an army spokesman said.",
                          published: CivilDate(year: 2019, month: 5, day: 14))
        #expect(r.doc.actors.contains { $0.actor.name.hasPrefix("Military Forces of the Philippines") })
    }

    @Test func aDatelineAbroadIsWhereTheReporterSitsNotWhereTheEventHappened() {
        let r = Self.code("""
            Air strike kills ten villagers in Myanmar

            BANGKOK — A military jet bombed a village in Myanmar on Tuesday, killing ten villagers, a local official said.

            The official said the village had sheltered people who fled fighting elsewhere in the country.
            """, published: CivilDate(year: 2023, month: 6, day: 28))
        #expect(!r.recorded.contains { $0.location?.country == "Thailand" })
    }

    @Test func aDescriptionThatNamesNoCountryStandsForThePeopleWhereTheEventHappened() throws {
        let r = Self.code("""
            Al-Shabaab fighters in Somalia have stepped up raids since Somali troops began an offensive on the port of Kismayo.

            Gunmen shot dead two police officers in the town of Garissa on Sunday, police said.
            """, published: CivilDate(year: 2012, month: 10, day: 1))
        let e = try #require(r.recorded.first { $0.location?.location == "Garissa" })
        #expect([e.actor1?.name, e.actor2?.name].contains { $0?.hasPrefix("Police Forces of Kenya") == true })
        #expect(![e.actor1?.name, e.actor2?.name].contains { $0?.contains("Somalia") == true })
    }

    @Test func aPlaceNamedAfterWhatKindOfPlaceItIsIsWhereItHappened() throws {
        let r = Self.code("A boy was killed on Sunday in the capital Nairobi by a grenade attack on a church, days after Kenyan troops launched an offensive on the port of Kismayo.",
                          published: CivilDate(year: 2012, month: 10, day: 1))
        #expect(try #require(r.recorded.first).location?.location == "Nairobi")
    }

    @Test func anOutletsNameIsNoPlace() {
        let r = Self.code("Hundreds of teachers rallied in Isfahan on Thursday over pay, the Mehr news agency reported.",
                          published: CivilDate(year: 2022, month: 1, day: 14))
        #expect(!r.doc.places.contains { r.doc.text($0.span) == "Mehr" })
        #expect(r.recorded.first?.location?.location == "Isfahan")
    }

    @Test func aNameAQuoteIsAttributedToIsNoPlace() {
        let r = Self.code("“They told the pupils not to run,” added Isa, a teacher, who said gunmen abducted 20 students in Kagara on Wednesday.",
                          published: CivilDate(year: 2021, month: 2, day: 18))
        #expect(!r.doc.places.contains { r.doc.text($0.span) == "Isa" })
        let police = Self.code("Police in Tbilisi said they arrested 30 protesters on Thursday.", published: CivilDate(year: 2023, month: 3, day: 10))
        #expect(police.doc.places.contains { police.doc.text($0.span) == "Tbilisi" })
    }

    // MARK: one incident, one event

    @Test func theHeadlineAndTheParagraphsThatTellTheLedesIncidentAreOneEvent() throws {
        let r = Self.code(try Self.page("caption-file-photo.txt"), published: CivilDate(year: 2019, month: 3, day: 25))
        let violent = r.recorded.filter { $0.eventType != .strategicDevelopments }
        #expect(violent.count == 1)
        let e = try #require(violent.first)
        #expect(e.eventType == .battles)
        #expect(e.eventDate == CivilDate(year: 2019, month: 3, day: 24))
        #expect(e.location?.location == "Djibo")
        #expect(e.fatalities == 3)
    }

    @Test func theArrestsThatFollowedAnAttackAreNoEventOfTheirOwn() throws {
        let r = Self.code(try Self.page("caption-file-photo.txt"), published: CivilDate(year: 2019, month: 3, day: 25))
        #expect(!r.recorded.contains { $0.subEventType == .arrests })
    }

    @Test func aDayAndAPlaceOfTheirOwnTellAnotherEvent() {
        let r = Self.code("""
            Gunmen kill four in attack on village in northern Burkina Faso

            Gunmen killed four villagers in an attack on the village of Djibo on Sunday, residents said.

            The attackers also burned several houses and stole cattle before fleeing, residents said.

            On Friday, soldiers fought jihadists near Dori, killing six of them, the army said.
            """, published: CivilDate(year: 2019, month: 3, day: 25))
        #expect(r.recorded.count == 2)
        #expect(Set(r.recorded.compactMap { $0.location?.location }) == ["Djibo", "Dori"])
    }

    @Test func aGroupThatClaimsTheAttackLaterInTheReportIsItsActor1() throws {
        let claimed = Self.code("Gunmen attacked a police post in Garissa on Monday, killing two officers, police said.\nAl-Shabaab claimed responsibility for the attack.",
                                published: CivilDate(year: 2012, month: 10, day: 2))
        #expect(try #require(claimed.recorded.first).actor1?.name == "Al Shabaab")
        let unclaimed = Self.code("Gunmen attacked a police post in Garissa on Monday, killing two officers, police said.\nNo group has claimed responsibility for the attack.",
                                  published: CivilDate(year: 2012, month: 10, day: 2))
        #expect(try #require(unclaimed.recorded.first).actor1?.name.hasPrefix("Unidentified Armed Group") == true)
    }

    @Test func anActAtSeveralListedPlacesIsAnEventAtEach() {
        let r = Self.code("Russian forces shelled the towns of Kupiansk, Izium and the outskirts of Balakliia in Kharkiv region on Saturday, killing three civilians.",
                          published: CivilDate(year: 2022, month: 5, day: 29))
        #expect(r.recorded.count == 3)
        #expect(r.recorded.map(\.fatalities).reduce(0, +) == 3)
        #expect(Set(r.recorded.map(\.subEventType)) == [.shellingArtilleryMissileAttack])
        let summary = Self.code("On Tuesday, clashes between students and police were reported in Rajshahi, Bogura, Jessore, Barishal, Sylhet and Comilla.",
                                published: CivilDate(year: 2024, month: 7, day: 17))
        #expect(summary.recorded.isEmpty)
        let deployed = Self.code("The government deployed border guards in Dhaka, Chattogram and Rangpur on Tuesday.",
                                 published: CivilDate(year: 2024, month: 7, day: 17))
        #expect(deployed.recorded.count <= 1)
    }

    @Test func anAmbushWithABombAndNoExchangeOfFireIsTheExplosion() throws {
        let r = Self.code("""
            Seven soldiers were killed in an ambush near Kumbo on Sunday, the army said.

            The army convoy hit an improvised explosive device on the road out of Kumbo, killing the seven soldiers.
            """, published: CivilDate(year: 2021, month: 9, day: 13))
        #expect(try #require(r.recorded.first).subEventType == .remoteExplosiveLandmineIED)
        let fought = Self.code("""
            Seven soldiers were killed in an ambush near Kumbo on Sunday, the army said.

            The convoy hit an improvised explosive device and the soldiers exchanged fire with the attackers for an hour.
            """, published: CivilDate(year: 2021, month: 9, day: 13))
        #expect(try #require(fought.recorded.first).subEventType == .armedClash)
    }

    @Test func deathsToldAfterTheirWeaponAreAnEventOfThatWeapon() throws {
        let r = Self.code("At least two people have been killed and 40 wounded after a suicide bombing at a mosque in Peshawar on Monday, police said.",
                          published: CivilDate(year: 2023, month: 1, day: 30))
        #expect(try #require(r.recorded.first).subEventType == .suicideBomb)
    }

    @Test func aBareStrikeInAReportOfDroneStrikesIsOneOfThem() throws {
        let r = Self.code(try Self.page("wire-drone-strike.txt"), published: CivilDate(year: 2022, month: 3, day: 8))
        #expect(!r.recorded.contains { $0.eventType == .protests })
        let e = try #require(r.recorded.first { $0.subEventType == .airDroneStrike })
        #expect(e.eventDate == CivilDate(year: 2022, month: 3, day: 7))
        #expect(e.location?.location == "Debark")
    }

    @Test func riotPoliceAreTheForceThatMetTheCrowdNotARiot() throws {
        let r = Self.code("Riot police fired tear gas and water cannon to disperse hundreds of protesters in Taksim Square in Istanbul on Saturday.",
                          published: CivilDate(year: 2013, month: 7, day: 7))
        #expect(try #require(r.recorded.first).subEventType == .protestWithIntervention)
    }

    @Test func arrestsMadeAtADemonstrationArePartOfIt() throws {
        let r = Self.code("""
            Police break up protest in Tbilisi

            Police in the capital Tbilisi used tear gas on Thursday to break up a protest outside parliament against a foreign agents law.

            Witnesses saw police making arrests along the avenue outside parliament.

            Some demonstrators threw petrol bombs and stones at police lines outside parliament, witnesses said.
            """, published: CivilDate(year: 2023, month: 3, day: 9))
        #expect(r.recorded.count == 1)
        #expect(try #require(r.recorded.first).eventType == .riots)
    }

    @Test func aHeadlineRestatesTheBodysTollItDoesNotAddToIt() throws {
        let r = Self.code("Shelling kills four in Maarat al-Numan\n\nOn 3 March 2024, government forces shelled the town of Maarat al-Numan in Idlib province, killing four civilians, rescuers said.\n\nThe shells struck a market street in the morning.",
                          published: CivilDate(year: 2024, month: 3, day: 4))
        #expect(try #require(r.recorded.first).fatalities == 4)
    }

    @Test func anArmysWordOnItsOwnDeadIsAVerifiedTollNotAClaim() throws {
        let r = Self.code("Six soldiers were killed on Tuesday in an attack on a patrol near Argelia in Cauca, the army said.",
                          published: CivilDate(year: 2022, month: 12, day: 7))
        let e = try #require(r.recorded.first)
        #expect(e.fatalities == 6)
        #expect(e.claimedFatalities == nil)
        let enemy = Self.code("The army said it killed 15 militants near Argelia in Cauca on Tuesday.", published: CivilDate(year: 2022, month: 12, day: 7))
        #expect(try #require(enemy.recorded.first).claimedFatalities == 15)
    }

    @Test func shootingAtAProtestToldAgainIsTheSameLethalForce() throws {
        let r = Self.code("""
            Security forces shot dead a man during protests in the city of Mahabad on Thursday, a rights group said.

            The group said government forces had opened fire on people in a neighbourhood of Mahabad after a police station was surrounded.

            The rallies have been led by young women who have burned their headscarves, in the biggest wave of unrest in years.
            """, published: CivilDate(year: 2022, month: 10, day: 28))
        #expect(r.recorded.count == 1)
        #expect(try #require(r.recorded.first).subEventType == .excessiveForceAgainstProtesters)
    }

    // MARK: what a page does not report as news

    @Test func whatCameBeforeTheReportsEventIsItsBackground() throws {
        let r = Self.code(try Self.page("wire-drone-strike.txt"), published: CivilDate(year: 2022, month: 3, day: 8))
        #expect(r.recorded.count == 1)
    }

    @Test func anEarlierDayTwoWeeksBeforeTheReportIsBackground() {
        let r = Self.code("""
            Ten soldiers killed in ambush in western Niger

            Ten soldiers were killed in an ambush near Bankilare on Monday, the army said on Wednesday.

            In early December 2024, 21 civilians returning from a market were killed by suspected jihadists on the same road.
            """, published: CivilDate(year: 2025, month: 2, day: 6))
        #expect(r.recorded.count == 1)
        #expect(r.recorded.first?.eventDate == CivilDate(year: 2025, month: 2, day: 3))
    }

    @Test func theDayOfTheTellingIsNotTheDayOfTheEvent() throws {
        let r = Self.code("On Wednesday evening, the army revealed that ten soldiers were killed earlier this week in an ambush near Bankilare.",
                          published: CivilDate(year: 2025, month: 2, day: 6))
        let e = try #require(r.recorded.first)
        #expect(e.eventDate != CivilDate(year: 2025, month: 2, day: 5))
        #expect(e.timePrecision == .week)
    }

    @Test func aPageOfHumanitarianStatisticsIsNoEvent() {
        let r = Self.code("""
            As fighting between gangs spreads across the capital, the UN migration agency reports that over 200,000 people have been displaced as of November 2023.

            Host families have taken in most of the displaced, the agency said, but their capacity to help is declining in Port-au-Prince.

            Thousands more were displaced in the north, where aid groups have set up temporary shelters in schools.
            """, published: CivilDate(year: 2023, month: 12, day: 10))
        #expect(r.recorded.isEmpty)
    }

    @Test func aNeighboursStabbingIsCrimeNotPoliticalViolence() {
        let r = Self.code("""
            Man arrested in stabbing death of neighbour

            A man has been arrested and charged with murder in the stabbing death of his neighbour in Queens on Wednesday night, police said.

            Police said the two men had argued over a parking space before the attack.
            """, published: CivilDate(year: 2023, month: 1, day: 13))
        #expect(r.recorded.isEmpty)
    }

    @Test func aPageAnnouncingProtestsIsNoProtest() throws {
        let r = Self.code(try Self.page("planned-protest.txt"), published: CivilDate(year: 2023, month: 3, day: 21))
        #expect(r.recorded.isEmpty)
    }
}
