import Testing
@testable import SitrepCore

/// How the codebook's hierarchy reads a whole sentence: the main clause over its background, who
/// takes a place, who fires on a crowd. Every report here was written for these tests.
@Suite struct TypingHierarchyTests {
    static let published = CivilDate(year: 2021, month: 6, day: 16)  // a Wednesday

    func type(_ text: String) -> SubEventType? {
        TestPipeline.code(text, published: Self.published).recorded.first?.subEventType
    }

    @Test func aCaptureAfterWeeksOfFightingIsTerritoryTakenNotAClash() {
        #expect(type("Rebels of the Arakan Army captured the town of Paletwa in Chin State on Monday after weeks of heavy fighting, residents said.")
                == .nonStateActorOvertakesTerritory)
    }

    @Test func whoRetakesAPlaceDecidesTheTerritoryType() {
        #expect(type("The Sudanese army said on Monday it had regained control of the town of Sinja in Sennar state, held for months by the Rapid Support Forces.")
                == .governmentRegainsTerritory)
        // Militias fighting for the government count with it.
        #expect(type("Pro-government militiamen recaptured the town of Zinjibar in Abyan on Monday from al Qaeda fighters, officials said.")
                == .governmentRegainsTerritory)
    }

    @Test func enteringATownTheOtherSideLeftIsANonViolentTransfer() {
        #expect(type("Taliban fighters entered the district centre of Kohistan in Faryab on Monday after government troops withdrew without a fight, officials said.")
                == .nonViolentTransferOfTerritory)
    }

    @Test func aCaptureThatTheNextSentenceSaysWasUnopposedIsATransfer() {
        #expect(type("Al Shabaab militants took control of the village of Sabiid in Lower Shabelle on Monday. No clashes were reported.")
                == .nonViolentTransferOfTerritory)
    }

    @Test func anAgreementToEndFightingIsAnAgreement() {
        #expect(type("Clan elders signed a truce in Galkayo on Monday, ending a week of fighting between the two clans, a local official said.")
                == .agreement)
    }

    @Test func anArrestOfPeopleSuspectedOfAnAttackIsAnArrest() {
        #expect(type("Police arrested three men in Mombasa on Monday suspected of firing rockets at a naval base, officials said.")
                == .arrests)
    }

    @Test func securityForcesFiringOnMarchersIsExcessiveForce() {
        #expect(type("Security forces opened fire on protesters marching in Omdurman on Monday, killing four, medics said.")
                == .excessiveForceAgainstProtesters)
        // A protest about an earlier killing by the police is still a peaceful protest.
        #expect(type("About 300 people marched peacefully in Nairobi on Monday to protest the killing of a student by police last month.")
                == .peacefulProtest)
    }

    @Test func massGravesFoundAreOther() {
        #expect(type("Investigators said on Monday they had found a mass grave holding the bodies of 30 men near the town of Bor in Jonglei.")
                == .other)
    }

    @Test func stonesThrownAtPoliceByACrowdAreAViolentDemonstration() {
        #expect(type("Youths threw stones and burning tyres at police in Conakry on Monday, and officers replied with tear gas, witnesses said.")
                == .violentDemonstration)
    }

    @Test func aDroneShotDownIsDisruptedWeaponsUseNotAnAirStrike() {
        #expect(type("Air defence units shot down an armed drone over Abha on Monday, the coalition said.")
                == .disruptedWeaponsUse)
    }

    @Test func aGrenadeFromALauncherIsArtilleryFire() {
        #expect(type("Militants fired a rocket-propelled grenade at a police post in Bannu on Monday, wounding two officers.")
                == .shellingArtilleryMissileAttack)
    }

    @Test func warWordsInSportAreNoEvent() {
        #expect(type("Sundowns fired a rocket into the top corner in Pretoria on Monday to seal a 2-1 win in the league.") == nil)
    }
}
