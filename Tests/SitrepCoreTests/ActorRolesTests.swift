import Testing
@testable import SitrepCore

@Suite struct ActorRolesTests {
    func code(_ text: String, _ sub: SubEventType, _ country: String, _ date: CivilDate, civilians: Bool = false) -> EventActors {
        let doc = Doc(articleID: "t", origin: "test", title: nil, published: date, source: nil, url: nil, clean: CleanText(text: text))
        let mentions = ActorMatcher().find(doc, country: country, date: date)
        return ActorRoles.assignRoles(doc: doc, actors: mentions, clause: doc.sentences[0].span, anchor: nil,
                                      subEventType: sub, country: country, date: date, civilianVictims: civilians)
    }

    let dec2015 = CivilDate(year: 2015, month: 12, day: 14)
    let may2022 = CivilDate(year: 2022, month: 5, day: 10)

    @Test func shiiteMilitiasBackingTheRegimeArmyAreAssociated() {
        let e = code("On Monday the Syrian regime army backed by Shiite militias took ground south of the airbase.",
                     .governmentRegainsTerritory, "Syria", dec2015)
        #expect(e.actor1?.actor.name == "Military Forces of Syria (2000-)")
        #expect(e.assoc1.map(\.actor.name) == ["Militia (Pro-Iran)"])
        #expect(e.actor2 == nil)
    }

    @Test func thePassiveAgentIsActor1() {
        let e = code("Two shepherds were shot dead by unidentified gunmen near Menaka.", .attack, "Mali", may2022, civilians: true)
        #expect(e.actor1?.actor.name == "Unidentified Armed Group (Mali)")
        #expect(e.actor2?.actor.name == "Civilians (Mali)")
        let battle = code("A police patrol came under attack from Boko Haram fighters outside Bama.", .armedClash, "Nigeria", may2022)
        #expect(battle.actor1?.actor.name == "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad")
        #expect(battle.actor2?.actor.name == "Police Forces of Nigeria (2015-2023)")
        #expect(battle.interaction == "State forces-Rebel group")
    }

    @Test func clashesBetweenTwoSidesKeepTheirOrder() {
        let e = code("Heavy fighting broke out between the Kachin Independence Army and junta troops near Hpakant.",
                     .armedClash, "Myanmar", may2022)
        #expect(e.actor1?.actor.name == "KIO/KIA: Kachin Independence Organization/Kachin Independence Army")
        #expect(e.actor2?.actor.name == "Military Forces of Myanmar (2021-)")
    }

    @Test func civiliansAreAlwaysActor2InViolenceAgainstCivilians() {
        let e = code("A farmer was abducted from his field in the evening.", .abductionForcedDisappearance, "Burkina Faso", may2022, civilians: true)
        #expect(e.actor1?.actor.name == "Unidentified Armed Group (Burkina Faso)")
        #expect(e.actor2?.actor.name == "Civilians (Burkina Faso)")
    }

    @Test func protestersAreActor1AndThePoliceIntervene() {
        let peaceful = code("Hundreds of nurses marched to the health ministry demanding unpaid wages.", .peacefulProtest, "Kenya", may2022)
        #expect(peaceful.actor1?.actor.name == "Protesters (Kenya)")
        #expect(peaceful.actor2 == nil)
        let dispersed = code("Students rallied outside the court until they were dispersed.", .protestWithIntervention, "Senegal", may2022)
        #expect(dispersed.actor1?.actor.name == "Protesters (Senegal)")
        #expect(dispersed.actor2?.actor.name == "Police Forces of Senegal (2012-2024)")
    }

    @Test func mobViolenceTargetsCivilians() {
        let e = code("An angry mob lynched a suspected thief at a market.", .mobViolence, "Uganda", may2022, civilians: true)
        #expect(e.actor1?.actor.name == "Rioters (Uganda)")
        #expect(e.actor2?.actor.name == "Civilians (Uganda)")
        #expect(e.interaction == "Rioters-Civilians")
    }

    @Test func explosionsAimedAtCiviliansHaveCiviliansAsActor2() {
        let e = code("A roadside bomb tore through a minibus carrying wedding guests.", .remoteExplosiveLandmineIED, "Afghanistan", may2022, civilians: true)
        #expect(e.actor1?.actor.name == "Unidentified Armed Group (Afghanistan)")
        #expect(e.actor2?.actor.name == "Civilians (Afghanistan)")
    }

    @Test func aLoneActorLeavesActor2Empty() {
        let e = code("Russian forces shelled the outskirts of Kharkiv overnight.", .shellingArtilleryMissileAttack, "Ukraine", may2022)
        #expect(e.actor1?.actor.name == "Military Forces of Russia (2000-)")
        #expect(e.actor1?.actor.inter == .externalForces)
        #expect(e.actor2 == nil)
        #expect(e.interaction == "External/Other forces only")
    }

    @Test func infersTheUsualOpponentWhereACoderWould() {
        let e = code("Turkish drones struck a hillside near Amadiya.", .airDroneStrike, "Iraq", may2022)
        #expect(e.actor1?.actor.name == "Military Forces of Turkey (2016-)")
        #expect(e.actor2?.actor.name == "PKK: Kurdistan Workers Party")
    }

    @Test func namesTheUnitACLEDUsesForAKindOfEvent() {
        let e = code("Russian forces carried out airstrikes on Avdiivka.", .airDroneStrike, "Ukraine", may2022)
        #expect(e.actor1?.actor.name == "Military Forces of Russia (2000-) Air Force")
        let shelling = code("Russian forces shelled Avdiivka.", .shellingArtilleryMissileAttack, "Ukraine", may2022)
        #expect(shelling.actor1?.actor.name == "Military Forces of Russia (2000-)")
    }

    @Test func anUnnamedAttackerOfSoldiersIsUnidentified() {
        let e = code("Three soldiers were shot dead at a checkpoint in the night.", .armedClash, "Niger", may2022)
        #expect(e.actor1?.actor.name == "Unidentified Armed Group (Niger)")
        #expect(e.actor2?.actor.name == "Military Forces of Niger (2021-2023)")
    }

    @Test func policeNamedInTheNextSentenceIntervened() {
        let e = code("Youths burned tyres on the main road in Sarh. Police fired tear gas to disperse them.",
                     .violentDemonstration, "Chad", may2022)
        #expect(e.actor1?.actor.name == "Rioters (Chad)")
        #expect(e.actor2?.actor.name == "Police Forces of Chad (2021-)")
    }

    @Test func partnersInAnAttackAreAssociated() {
        let e = code("Nigerian troops and vigilantes alongside the MNJTF attacked ISWAP positions near Monguno.",
                     .armedClash, "Nigeria", may2022)
        #expect(e.actor1?.actor.name == "Military Forces of Nigeria (2015-2023)")
        #expect(e.assoc1.map(\.actor.name).contains("MNJTF: Multinational Joint Task Force"))
        #expect(e.actor2?.actor.name == "Islamic State (West Africa) - Lake Chad Faction")
    }

    @Test func theAttackerRepelledIsActor1() {
        let e = code("Ukrainian forces repelled an attack by Russian forces near Izium.", .armedClash, "Ukraine", may2022)
        #expect(e.actor1?.actor.name == "Military Forces of Russia (2000-)")
        #expect(e.actor2?.actor.name == "Military Forces of Ukraine (2019-)")
    }

    @Test func whoeverReportsTheEventIsNotItsAgent() {
        let e = code("Police believe the trader was killed by a gang over a debt.", .attack, "Brazil", may2022, civilians: true)
        #expect(e.actor1?.actor.name == "Unidentified Gang (Brazil)")
        let selfReport = code("The army said it killed ten militants near Bama.", .armedClash, "Nigeria", may2022)
        #expect(selfReport.actor1?.actor.name == "Military Forces of Nigeria (2015-2023)")
    }

    @Test func aClauseWithoutAnAgentContinuesTheSentenceBefore() {
        let text = "City police beat a street vendor in Labe. The man was taken to hospital after the attack."
        let doc = Doc(articleID: "t", origin: "test", title: nil, published: may2022, source: nil, url: nil, clean: CleanText(text: text))
        let mentions = ActorMatcher().find(doc, country: "Guinea", date: may2022)
        let e = ActorRoles.assignRoles(doc: doc, actors: mentions, clause: doc.sentences[1].span, anchor: nil, subEventType: .attack,
                                       country: "Guinea", date: may2022, civilianVictims: true)
        #expect(e.actor1?.actor.name == "Police Forces of Guinea (2021-)")
        #expect(e.actor2?.actor.name == "Civilians (Guinea)")
    }

    @Test func theGroupClaimingTheAttackIsItsAgent() {
        let text = "Two soldiers were shot dead in Jalalabad. Later the Islamic State claimed responsibility for the attack."
        let doc = Doc(articleID: "t", origin: "test", title: nil, published: may2022, source: nil, url: nil, clean: CleanText(text: text))
        let mentions = ActorMatcher().find(doc, country: "Afghanistan", date: may2022)
        let e = ActorRoles.assignRoles(doc: doc, actors: mentions, clause: doc.sentences[0].span, anchor: nil, subEventType: .armedClash,
                                       country: "Afghanistan", date: may2022, civilianVictims: false)
        #expect(e.actor1?.actor.name == "Islamic State (Afghanistan)")
        #expect(e.actor2?.actor.name == "Military Forces of Afghanistan (2021-)")
    }

    @Test func soldiersHitByAMineAreActor2OfAnUnknownAttacker() {
        let e = code("Two soldiers were wounded when their truck was hit by a mine near Tillaberi.", .remoteExplosiveLandmineIED, "Niger", may2022)
        #expect(e.actor1?.actor.name == "Unidentified Armed Group (Niger)")
        #expect(e.actor2?.actor.name == "Military Forces of Niger (2021-2023)")
    }

    @Test func tellsWhenOrdinaryPeopleActAsACrowd() {
        func agent(_ text: String, _ country: String) -> ActorMention? {
            let doc = Doc(articleID: "t", origin: "test", title: nil, published: may2022, source: nil, url: nil, clean: CleanText(text: text))
            return ActorRoles.agent(doc: doc, actors: ActorMatcher().find(doc, country: country, date: may2022), clause: doc.sentences[0].span, anchor: nil)
        }
        #expect(agent("Villagers beat a suspected thief to death at a market.", "Uganda")?.actor.inter == .civilians)
        #expect(agent("A suspected thief was beaten to death by residents.", "Kenya")?.actor.inter == .civilians)
        #expect(agent("Gunmen shot two villagers on the road.", "Mali")?.actor.inter == .politicalMilitia)
        #expect(agent("Two villagers were shot on the road.", "Mali") == nil)
    }

    @Test func civiliansFleeingAreActor1OfADisplacement() {
        let e = code("Hundreds of villagers fled their homes after raids by junta troops.", .other, "Myanmar", may2022)
        #expect(e.actor1?.actor.name == "Civilians (Myanmar)")
        #expect(e.actor2 == nil)
    }

    @Test func passiveVoiceMakesTheSubjectTheTarget() {
        let e = code("A Taliban patrol was ambushed by ISKP fighters in Kunar.", .armedClash, "Afghanistan", may2022)
        #expect(e.actor1?.actor.name == "Islamic State (Afghanistan)")
        #expect(e.actor2?.actor.name == "Military Forces of Afghanistan (2021-)")
        #expect(e.interaction == "State forces-Rebel group")
    }

    @Test func genericAgentsResolveByCountryAndDate() {
        let kurds2014 = code("Kurdish fighters repelled jihadists west of Kobane.", .armedClash, "Syria", CivilDate(year: 2014, month: 10, day: 1))
        #expect(kurds2014.actor1?.actor.name == "YPG: Peoples Protection Units")
        let kurds2017 = code("Kurdish fighters advanced on the city.", .armedClash, "Syria", CivilDate(year: 2017, month: 6, day: 10))
        #expect(kurds2017.actor1?.actor.name == "QSD: Syrian Democratic Forces")
        let protest = code("Protesters marched through Santiago demanding lower fares.", .peacefulProtest, "Chile", may2022)
        #expect(protest.actor1?.actor == Actor(name: "Protesters (Chile)", inter: .protesters, country: "Chile"))
    }
}

@Suite struct ActorRolesSeedTests {
    let date = CivilDate(year: 2015, month: 12, day: 15)

    func code(_ text: String, _ sub: SubEventType) -> EventActors {
        let doc = Doc(articleID: "t", origin: "test", title: nil, published: date, source: nil, url: nil, clean: CleanText(text: text))
        let mentions = ActorMatcher().find(doc, country: "Syria", date: date)
        return ActorRoles.assignRoles(doc: doc, actors: mentions, clause: doc.sentences[0].span, anchor: nil,
                                      subEventType: sub, country: "Syria", date: date, civilianVictims: false)
    }

    @Test func rebelsRetakingGroundFromTheRegimeAndItsMilitias() {
        let e = code("Islamist factions recaptured two farms from the regime army and allied militias east of Damascus on Tuesday.",
                     .nonStateActorOvertakesTerritory)
        #expect(e.actor1?.actor == Actor(name: "Opposition Rebels (Syria)", inter: .rebelGroup, country: "Syria"))
        #expect(e.actor2?.actor.name == "Military Forces of Syria (2000-)")
        #expect(e.assoc2.map(\.actor.name) == ["QDW: National Defence Forces"])
        #expect(e.interaction == "State forces-Rebel group")
    }

    @Test func russianWarplanesBackingRegimeForcesAreAssociated() {
        let e = code("Regime forces backed by Russia's warplanes pushed into the orchards held by Jaysh al-Islam.", .armedClash)
        #expect(e.actor1?.actor.name == "Military Forces of Syria (2000-)")
        #expect(e.assoc1.map(\.actor) == [Actor(name: "Military Forces of Russia (2000-)", inter: .externalForces, country: "Russia")])
        #expect(e.actor2?.actor.name == "Jaysh al Islam")
    }
}
