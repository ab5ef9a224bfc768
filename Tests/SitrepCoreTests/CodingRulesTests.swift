import Foundation
import Testing
@testable import SitrepCore

/// The codebook's rules, each pinned down with a report written for the purpose.
@Suite struct CodingRulesTests {
    static let published = CivilDate(year: 2021, month: 6, day: 16)  // a Wednesday

    func code(_ text: String, published: CivilDate? = CodingRulesTests.published) -> [CodedEvent] {
        TestPipeline.code(text, published: published).recorded
    }

    func all(_ text: String, published: CivilDate? = CodingRulesTests.published) -> [CodedEvent] {
        TestPipeline.code(text, published: published).events
    }

    /// One sentence for each of the 25 sub-event types, in the style of wire copy.
    static let examples: [(SubEventType, String)] = [
        (.governmentRegainsTerritory, "On Monday, Syrian government forces recaptured the town of Kafr Nabudah in Hama from Hayat Tahrir al-Sham after heavy fighting."),
        (.nonStateActorOvertakesTerritory, "On Monday, al-Shabaab fighters seized control of the town of Bulo Burde in Hiran after clashes with Somali troops, residents said."),
        (.armedClash, "On Monday, Nigerian troops clashed with Boko Haram fighters in Konduga, Borno, the army said."),
        (.excessiveForceAgainstProtesters, "On Monday, security forces opened fire on protesters in Omdurman, killing three demonstrators, medics said."),
        (.protestWithIntervention, "On Monday, police used tear gas to disperse hundreds of protesters who had gathered in Nairobi to denounce rising fuel prices."),
        (.peacefulProtest, "On Monday, about 200 teachers demonstrated outside the education ministry in Tunis to demand higher wages."),
        (.violentDemonstration, "On Monday, protesters threw stones at police and torched tyres during a demonstration against power cuts in Karachi."),
        (.mobViolence, "On Monday, an angry mob lynched a suspected thief in Kisumu, police said."),
        (.chemicalWeapon, "On Monday, a chlorine gas attack hit the town of Kafr Zita in Hama, wounding 20 people, rescuers said."),
        (.airDroneStrike, "On Monday, Russian warplanes struck the town of Ariha in Idlib, killing four civilians."),
        (.suicideBomb, "On Monday, a suicide bomber blew himself up at a checkpoint in Mogadishu, killing five soldiers."),
        (.shellingArtilleryMissileAttack, "On Monday, Russian forces shelled the city of Kharkiv with artillery, wounding two residents."),
        (.remoteExplosiveLandmineIED, "On Monday, a roadside bomb struck a police vehicle in Kandahar, killing two officers."),
        (.grenade, "On Monday, an unidentified man threw a hand grenade into a bar in Bujumbura, wounding six people."),
        (.sexualViolence, "On Monday, soldiers raped two women in a village near Bentiu, a rights group said."),
        (.attack, "On Monday, gunmen killed three farmers in their fields near Kadugli, residents said."),
        (.abductionForcedDisappearance, "On Monday, gunmen abducted 12 passengers from a bus near Kaduna, police said."),
        (.agreement, "On Monday, the government and the Tigray People's Liberation Front signed a ceasefire agreement in Pretoria."),
        (.arrests, "On Monday, police arrested a prominent opposition leader in Harare, his lawyer said."),
        (.changeToGroupActivity, "On Monday, five rebel factions announced the formation of a new operations room in Idlib."),
        (.disruptedWeaponsUse, "On Monday, army engineers defused a roadside bomb planted on the main road in Baidoa."),
        (.headquartersOrBaseEstablished, "On Monday, Turkish forces set up a new base near the town of Atarib in Aleppo."),
        (.lootingPropertyDestruction, "On Monday, militiamen looted shops and burned houses in the village of Kumba in Sud-Kivu."),
        (.nonViolentTransferOfTerritory, "On Monday, government troops withdrew from the town of Tessit in Gao and handed over their positions without a fight."),
        (.other, "On Monday, the defence ministers of Russia and Turkey met in Ankara to discuss the situation in Idlib."),
    ]

    @Test(arguments: 0..<examples.count)
    func everySubEventTypeOfTheCodebookIsReachable(_ i: Int) throws {
        let (type, text) = Self.examples[i]
        let events = code(text)
        let e = try #require(events.first, "no event for \(type.rawValue)")
        #expect(e.subEventType == type, "\(text)")
        #expect(e.eventDate == CivilDate(year: 2021, month: 6, day: 14))
    }

    @Test func airStrikeOutranksShellingWhenBothHitTheSamePlace() throws {
        let e = try #require(code("On Monday, regime aircraft and artillery pounded the town of Kafr Nabl in Idlib, killing six civilians.").first)
        #expect(e.subEventType == .airDroneStrike)
    }

    @Test func offDutyPoliceAndSoldiersAreCivilians() throws {
        // Codebook, inter 7: an attack on an off-duty officer is violence against civilians.
        let policeman = try #require(code("Gunmen on a motorcycle shot dead an off-duty police officer outside his home in Kisumu on Monday.").first)
        #expect(policeman.subEventType == .attack)
        #expect(policeman.actor2?.inter == .civilians)
        let general = try #require(code("Militia fighters attacked an army colonel (reportedly off-duty) at a market in Kisumu on Monday.").first)
        #expect(general.subEventType == .attack)
        // On duty, the same attack is a battle.
        let onDuty = try #require(code("Gunmen on a motorcycle shot dead a police officer at a checkpoint in Kisumu on Monday.").first)
        #expect(onDuty.subEventType == .armedClash)
    }

    @Test func aFightBetweenUnarmedPeopleIsMobViolenceNotABattle() throws {
        let families = try #require(code("On Monday, clashes erupted between two families in Bangou over a chieftaincy dispute, killing one resident.").first)
        #expect(families.subEventType == .mobViolence)
        let army = try #require(code("On Monday, clashes erupted between soldiers and Ambazonian separatists in Bangou, killing one resident.").first)
        #expect(army.subEventType == .armedClash)
    }

    @Test func abductionFollowedByKillingIsAnAttack() throws {
        let e = try #require(code("On Monday, gunmen abducted and killed two traders near Dori, local sources said.").first)
        #expect(e.subEventType == .attack)
        #expect(e.fatalities == 2)
    }

    @Test func territoryTakenAndLostWithinHoursIsAnArmedClash() throws {
        let events = code("On Monday, Houthi fighters took control of the village of Al-Abdiyah in Marib. Government forces retook it hours later.")
        #expect(events.count == 1)
        #expect(events.first?.subEventType == .armedClash)
    }

    @Test func peacefulProtestThatTurnsViolentIsOneRiot() throws {
        let events = code("On Monday, hundreds of students marched peacefully in Dhaka to demand road safety. Later the protesters threw stones at police and set vehicles on fire.")
        #expect(events.count == 1)
        #expect(events.first?.eventType == .riots)
    }

    @Test func differentPlacesOnTheSameDayAreDifferentEvents() {
        let events = code("On Monday, Russian forces shelled Kharkiv. On Monday, Russian forces also shelled Mykolaiv.")
        #expect(Set(events.compactMap { $0.location?.location }).count == 2)
    }

    @Test func totalsOverSeveralDaysAreSplitEvenlyWithTheRemainderOnTheFirstDay() {
        let events = code("Fighting between the army and al-Shabaab killed 13 people in Kismayo from Monday to Wednesday, officials said.")
        #expect(events.map(\.fatalities) == [5, 4, 4])
        #expect(events.compactMap(\.eventDate) == [14, 15, 16].map { CivilDate(year: 2021, month: 6, day: $0) })
    }

    @Test func conflictingTollsTakeTheLowest() throws {
        let e = try #require(code("On Monday, an air strike hit a market in Saraqib in Idlib. Rescuers said 12 people were killed, while the monitor said 9 people were killed.").first)
        #expect(e.fatalities == 9)
        #expect(e.fatalitiesHigh == 12)
    }

    @Test func backgroundStatisticsAreNotEvents() {
        #expect(code("More than 500,000 people have been killed in the war in Syria since it began in 2011, according to monitors.").isEmpty)
    }

    @Test func plannedMeetingsAreNotEvents() {
        #expect(code("The foreign ministers of Iran and Turkey will meet in Tehran next week to discuss a ceasefire.").isEmpty)
    }

    @Test func denialsAreNotEvents() {
        #expect(code("On Monday, the army denied that it had shelled the village of Kabkabiya in North Darfur.").isEmpty)
    }

    @Test func hypotheticalsAreNotEvents() {
        #expect(code("If rebels attack Goma, the UN peacekeepers would respond, a spokesman said on Monday.").isEmpty)
    }

    @Test(arguments: [
        "On Monday, a gas explosion at a bakery in Lyon killed two firefighters, police said.",
        "On Monday, a landslide buried three villages near Sylhet, killing 40 people, officials said.",
        "On Monday, Al Ahly thrashed Zamalek 4-0 in a league clash in Cairo, with their striker scoring a hat-trick.",
        "On Monday, a man shot dead his wife during a domestic dispute in Durban, police said.",
    ])
    func disastersAccidentsSportAndPrivateQuarrelsAreNotEvents(_ text: String) {
        #expect(code(text).isEmpty, "\(text)")
    }

    @Test func aDemonstrationAboutAMarketOrCommemorationTopicIsStillADemonstration() throws {
        let inflation = try #require(code("On Monday, hundreds of teachers held a protest in Lahore against inflation and demanded higher salaries.").first)
        #expect(inflation.subEventType == .peacefulProtest)
        let anniversary = try #require(code("On Monday, trade unionists marched through Lyon to commemorate the anniversary of the 1995 strikes.").first)
        #expect(anniversary.subEventType == .peacefulProtest)
        // A word of the market itself still makes "protest" a figure of speech.
        #expect(code("On Monday, investors in Lahore protested as shares of the state airline fell sharply.").isEmpty)
    }

    @Test func aStrikeWithoutAMarchIsNoDemonstration() {
        #expect(code("On Monday, nurses at public hospitals in Nairobi went on strike over unpaid allowances.").isEmpty)
    }

    @Test func eventsKnownOnlyAtCountryLevelAreDroppedWithAReason() throws {
        let text = "On Monday, Russian aircraft carried out air strikes in Syria, the defence ministry said."
        #expect(code(text).isEmpty)
        let dropped = try #require(all(text).first)
        #expect(dropped.droppedReason?.contains("country") == true)
    }

    @Test func aPartysFigureIsAClaimNotAVerifiedCount() throws {
        let e = try #require(code("On Monday, the Taliban attacked a police checkpoint in Ghazni. The Taliban said they had killed 25 policemen.").first)
        #expect(e.claimedFatalities == 25)
        #expect(e.claimedBy?.lowercased().contains("taliban") == true)
        #expect(e.fatalities == 0)
    }

    @Test func civiliansAreActor2WhenTheyAreTheTarget() throws {
        let e = try #require(code("On Monday, gunmen killed three farmers in their fields near Kadugli, residents said.").first)
        #expect(e.actor2?.inter == .civilians)
        #expect(e.civilianTargeting)
    }

    @Test func aDocumentWithoutPublicationDateIsCodedWithoutInventingDates() throws {
        #expect(code("On Monday, gunmen killed three farmers near Kadugli.", published: nil).isEmpty)
        let dropped = try #require(all("On Monday, gunmen killed three farmers near Kadugli.", published: nil).first)
        #expect(dropped.eventDate == nil)
        #expect(dropped.droppedReason == "no date")
        let dated = try #require(code("On 3 May 2021, gunmen killed three farmers near Kadugli.", published: nil).first)
        #expect(dated.eventDate == CivilDate(year: 2021, month: 5, day: 3))
    }

    @Test func theSameInputGivesTheSameEventIDs() {
        let text = "On Monday, Russian forces shelled Kharkiv, killing two civilians."
        #expect(code(text).map(\.eventID) == code(text).map(\.eventID))
        let other = code("On Monday, Russian forces shelled Kharkiv, killing two civilians, officials said.")
        #expect(!other.isEmpty && other.first?.eventID != code(text).first?.eventID)
    }

    @Test func evidenceSpansAreCodePointOffsetsIntoTheCleanedText() throws {
        let r = TestPipeline.code("On Monday, Russian forces shelled Ḥarasta, killing two civilians.", published: Self.published)
        let e = try #require(r.recorded.first)
        let json = EventFormats.json(e, doc: r.doc, includeDropped: false)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let evidence = try #require(obj["evidence"] as? [[String: Any]])
        let scalars = Array(r.doc.text.unicodeScalars)
        for ev in evidence {
            let start = ev["start"] as! Int, end = ev["end"] as! Int
            var s = String.UnicodeScalarView()
            s.append(contentsOf: scalars[start..<end])
            #expect(String(s) == ev["text"] as? String)
        }
    }
}
