import Foundation
import Testing
@testable import SitrepCore

/// Who fought whom, and with what: the codebook's lines between a battle, an attack, mob violence
/// and a demonstration, and which event a report leads with. Each pinned with a report written
/// for the purpose.
@Suite struct CodingRulesSidesTests {
    static let published = CivilDate(year: 2021, month: 6, day: 16)
    /// The codebook rules alone, for the rules that the trained model may outvote on single sentences.
    static let rules = Pipeline(typeModel: nil)

    func code(_ text: String) -> [CodedEvent] {
        TestPipeline.code(text, published: Self.published).recorded
    }

    func rulesOnly(_ text: String) -> [CodedEvent] {
        Self.rules.run(Article(body: .text(text), published: Self.published, origin: "test")).recorded
    }

    // MARK: Which event leads

    @Test func theEventTheReportLeadsWithComesFirst() throws {
        // The arrest is reported with more certainty, but the report is about the killing.
        let events = code("On Monday, gunmen killed three farmers near Kadugli, residents said. Police later arrested two suspects in Kadugli.")
        #expect(events.count == 2)
        #expect(events.first?.subEventType == .attack)
        #expect(events.last?.subEventType == .arrests)
    }

    // MARK: Targets

    @Test func theArmedGroupInAnAgentiveByPhraseIsNotTheTarget() throws {
        let e = try #require(code("On Monday, a trader was shot dead by suspected ADF militants in Beni, North Kivu. The motive for the attack was unclear.").first)
        #expect(e.subEventType == .attack)
        #expect(e.actor2?.inter == .civilians)
    }

    @Test func theSubjectOfAPassiveIsTheTarget() throws {
        let police = try #require(code("On Monday, police officers were shot at by gunmen on the road to Celaya.").first)
        #expect(police.subEventType == .armedClash)
        // However many attackers the by-phrase counts, they are the ones who acted.
        let trader = try #require(code("On Monday, a trader was shot dead by an unknown number of armed men in Celaya.").first)
        #expect(trader.subEventType == .attack)
    }

    @Test func formerAndOffDutyOfficersAreCivilians() throws {
        // Codebook, inter 7.
        let former = try #require(code("On Monday, a former police officer was shot dead by gunmen in Celaya.").first)
        #expect(former.subEventType == .attack)
        let offDuty = try #require(code("On Monday, gunmen shot dead a police officer [off duty] in Celaya.").first)
        #expect(offDuty.subEventType == .attack)
    }

    @Test func victimsNamedAsMembersOfAnArmedGroupMakeTheAttackAFight() throws {
        // Codebook: members of armed groups are not civilians; a former member is.
        let members = try #require(code("On Monday, two Al-Shabaab members were shot dead by gunmen in Baidoa.").first)
        #expect(members.subEventType == .armedClash)
        let former = try #require(code("On Monday, a former Al-Shabaab member was shot dead by gunmen in Baidoa.").first)
        #expect(former.subEventType == .attack)
    }

    @Test func aVictimSaidAfterwardsToBeAGangMemberMakesTheAttackAFight() throws {
        let gang = try #require(rulesOnly("On Monday, a man was shot dead by gunmen in Celaya. The victim was a gang member.").first)
        #expect(gang.subEventType == .armedClash)
        let former = try #require(rulesOnly("On Monday, a man was shot dead by gunmen in Celaya. The victim was a former gang member.").first)
        #expect(former.subEventType == .attack)
        // What the attackers wrongly believed is no fact about the victim.
        let mistaken = try #require(rulesOnly("On Monday, gunmen shot dead a man in Celaya as they thought that the victim was a gang member.").first)
        #expect(mistaken.subEventType == .attack)
    }

    // MARK: Crowds

    @Test func policeFightingVillagersIsMobViolenceNotABattle() throws {
        let villagers = try #require(code("On Monday, villagers clashed with police in Bogra over a land dispute, leaving five people injured.").first)
        #expect(villagers.subEventType == .mobViolence)
        // With firearms on both sides it is a battle, whoever the report says they were.
        let gang = try #require(code("On Monday, gang members exchanged fire with police in Bogra, leaving two suspects dead.").first)
        #expect(gang.subEventType == .armedClash)
    }

    @Test func partyCadresClashingIsMobViolence() throws {
        let e = try #require(code("On Monday, cadres of the ruling party and opposition activists clashed in Bogra ahead of the local election.").first)
        #expect(e.subEventType == .mobViolence)
    }

    @Test func aCrowdOfPeopleWhoAttackIsMobViolence() throws {
        let e = try #require(code("On Monday, a group of about 30 residents attacked two traders with sticks and stones in Bogra after accusing them of theft.").first)
        #expect(e.subEventType == .mobViolence)
    }

    // MARK: Demonstrations

    @Test func clashingWithPoliceDuringADemonstrationIsAViolentDemonstration() throws {
        let e = try #require(code("On Monday, students threw stones and fought with police during a demonstration against fee increases in Bogra.").first)
        #expect(e.subEventType == .violentDemonstration)
    }

    @Test func aDemonstrationWhoseCrowdThenRiotsIsOneRiot() throws {
        let events = code("On Monday, hundreds of residents demonstrated in Bogra against power cuts. They later threw stones at the police, who fired tear gas.")
        #expect(events.count == 1)
        #expect(events.first?.subEventType == .violentDemonstration)
    }

    @Test func burningEffigiesIsASymbolicActOfAPeacefulProtest() throws {
        let e = try #require(code("On Monday, opposition supporters burned effigies of the president during a protest in Bogra.").first)
        #expect(e.subEventType == .peacefulProtest)
    }

    @Test func theAnniversaryOfRiotsIsWhatAVigilMarks() throws {
        let e = try #require(code("On Monday, about 200 people held a vigil in Bogra to mark the anniversary of the 2011 riots.").first)
        #expect(e.subEventType == .peacefulProtest)
    }

    @Test func blockingARoadIsADemonstration() throws {
        let e = try #require(code("On Monday, residents blocked the road to Bogra to denounce water shortages.").first)
        #expect(e.subEventType == .peacefulProtest)
    }

    @Test func firefightersAreNoFirefight() throws {
        let e = try #require(code("On Monday, firefighters from the civil protection service demonstrated in Bogra to demand higher wages.").first)
        #expect(e.subEventType == .peacefulProtest)
    }

    // MARK: Weapons

    @Test func exchangedArtilleryFireIsAnArmedClash() throws {
        // Codebook: two groups exchanging long-range fire is an armed clash, not shelling.
        let e = try #require(code("On Monday, government forces and rebels exchanged artillery fire near Kafr Nabl in Idlib.").first)
        #expect(e.subEventType == .armedClash)
    }

    @Test func gunfireAtACivilianCarIsAnAttack() throws {
        let e = try #require(code("On Monday, soldiers fired at a civilian car at a checkpoint near Bogra, wounding the driver.").first)
        #expect(e.subEventType == .attack)
    }

    @Test func theWeaponDecidesWhenShellingKillsCivilians() throws {
        // Codebook hierarchy: the remote tactic, with the civilians as its target.
        let e = try #require(code("On Monday, Russian forces shelled Kupiansk in Kharkiv, killing two civilians.").first)
        #expect(e.subEventType == .shellingArtilleryMissileAttack)
        #expect(e.actor2?.inter == .civilians)
    }
}
