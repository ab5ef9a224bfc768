import Testing
@testable import SitrepCore

@Suite struct ActorMatcherTests {
    let matcher = ActorMatcher()

    func doc(_ text: String) -> Doc {
        Doc(articleID: "t", origin: "test", title: nil, published: nil, source: nil, url: nil, clean: CleanText(text: text))
    }

    func found(_ text: String, _ country: String?, _ date: CivilDate?) -> [(String, Actor)] {
        let d = doc(text)
        return matcher.find(d, country: country, date: date).map { (d.text($0.span), $0.actor) }
    }

    let dec2015 = CivilDate(year: 2015, month: 12, day: 15)
    let may2022 = CivilDate(year: 2022, month: 5, day: 10)

    @Test func findsTheSyrianRebelGroupsOfDecember2015() {
        let text = "Fighters of Jaysh al-Islam, Ahrar al-Sham and the Nusra Front joined Failaq al-Rahman and Ajnad al-Sham in a new command near Douma."
        let hits = found(text, "Syria", dec2015)
        #expect(hits.map(\.1.name) == ["Jaysh al Islam", "AAS: Ahrar al Sham", "Jabhat al Nusra", "Failaq al Rahman", "Ajnad al Sham"])
        #expect(hits.allSatisfy { $0.1.inter == .rebelGroup && $0.1.country == "Syria" })
    }

    @Test func readsIslamArmyAsJayshAlIslam() {
        #expect(found("Islam Army said it repelled the assault.", "Syria", dec2015).first?.1.name == "Jaysh al Islam")
    }

    @Test func resolvesRegimeDescriptionsToTheSyrianState() {
        for phrase in ["regime army", "regime forces", "regime troops", "Assad's forces", "the Syrian Arab Army", "government troops"] {
            let hits = found("On Friday \(phrase) advanced on the town.", "Syria", dec2015)
            #expect(hits.first?.1 == Actor(name: "Military Forces of Syria (2000-)", inter: .stateForces, country: "Syria"), "\(phrase)")
        }
    }

    @Test func needsCapitalsForShortAbbreviations() {
        #expect(found("IS fighters stormed the checkpoint.", "Syria", may2022).first?.1.name == "Islamic State (Syria)")
        #expect(found("The road is closed and the town is quiet.", "Syria", may2022).isEmpty)
        #expect(found("HTS shelled the village while hts was trending.", "Syria", may2022).map(\.0) == ["HTS"])
    }

    @Test func resolvesGenericAgentsByCountryAndDate() {
        let hits = found("Gunmen on motorbikes killed three traders before soldiers arrived.", "Mali", may2022)
        #expect(hits.map(\.1.name) == ["Unidentified Armed Group (Mali)", "Civilians (Mali)", "Military Forces of Mali (2021-)"])
        #expect(found("Policemen fired tear gas.", "Kenya", may2022).first?.1.name == "Police Forces of Kenya (2013-2022)")
    }

    @Test func readsDemonymsAndPossessivesAsThatCountrysForces() {
        let inSyria = found("Russia's warplanes and Turkish forces struck the area.", "Syria", dec2015)
        #expect(inSyria.map(\.1.name) == ["Military Forces of Russia (2000-)", "Military Forces of Turkey (2002-2016)"])
        #expect(inSyria.allSatisfy { $0.1.inter == .externalForces })
        let inUkraine = found("Ukrainian forces repelled Russian troops near Izium.", "Ukraine", may2022)
        #expect(inUkraine.map(\.1.inter) == [.stateForces, .externalForces])
        #expect(found("The Syrian regime army advanced.", "Syria", dec2015).first?.0 == "Syrian regime army")
    }

    @Test func absorbsTheHeadNounAfterAName() {
        let hits = found("PKK militants ambushed Turkish soldiers.", "Iraq", may2022)
        #expect(hits.map(\.0) == ["PKK militants", "Turkish soldiers"])
    }

    @Test func takesTheNameGivenInBracketsForADescription() {
        let hits = found("Armed men (believed to be Al Shabaab) ambushed a convoy.", "Somalia", may2022)
        #expect(hits.count == 1)
        #expect(hits.first?.1.name == "Al Shabaab")
    }

    @Test func splitsHyphenatedAllianceNames() {
        let hits = found("The FARDC-UPDF coalition pushed back the ADF.", "Democratic Republic of Congo", may2022)
        #expect(hits.map(\.1.name) == ["Military Forces of the Democratic Republic of Congo (2019-)", "Military Forces of Uganda (1986-)",
                                        "ADF: Allied Democratic Forces"])
    }

    @Test func commonNounsOnlyNameGroupsWhereTheyAct() {
        // "peacekeepers" is MINUSMA in Mali but nobody's name in Colombia.
        #expect(found("Peacekeepers were attacked.", "Mali", may2022).first?.1.name.hasPrefix("MINUSMA") == true)
        #expect(found("The peacekeepers left.", "Colombia", may2022).isEmpty)
    }

    @Test func coordinatedDemonymsShareTheirNoun() {
        let hits = found("Mozambican and Rwandan troops clashed with insurgents near Mocimboa da Praia.", "Mozambique", may2022)
        #expect(hits.map(\.1.name).prefix(2) == ["Military Forces of Mozambique (1990-)", "Military Forces of Rwanda (1994-)"])
        #expect(hits.first?.0 == "Mozambican")
        #expect(hits[1].1.inter == .externalForces)
    }

    @Test func readsTheStateNamedAfterOf() {
        let hits = found("The military forces of Russia fired rockets at an airfield.", "Ukraine", may2022)
        #expect(hits.first?.1 == Actor(name: "Military Forces of Russia (2000-)", inter: .externalForces, country: "Russia"))
    }

    @Test func aDescriptionOfANamedGroupIsThatGroup() {
        let joint = found("Joint forces of the Chinland Defense Force attacked a junta outpost.", "Myanmar", may2022)
        #expect(joint.first?.1.name == "CDF: Chinland Defense Force")
        let hedged = found("Armed men presumed to be Al Shabaab fighters stormed the village.", "Somalia", may2022)
        #expect(hedged.count == 1 && hedged.first?.1.name == "Al Shabaab")
    }

    @Test func aRepeatedHeadNounRefersBackToTheNamedGroup() {
        let hits = found("ISWAP militants raided a camp near Monguno. Troops killed ten militants.", "Nigeria", may2022)
        #expect(hits.last?.1.name == "Islamic State (West Africa) - Lake Chad Faction")
        // "unidentified gunmen" are said to be someone else.
        let other = found("Al Shabaab fighters attacked a base. Later unidentified gunmen shot a trader.", "Somalia", may2022)
        #expect(other.first { $0.0 == "unidentified gunmen" }?.1.name == "Unidentified Armed Group (Somalia)")
    }

    @Test func aGroupAgainstSomeoneIsNotThatSomeone() {
        let hits = found("Anti-Houthi forces shelled the hills.", "Yemen", may2022)
        #expect(!hits.contains { $0.1.name.contains("Supreme Political Council") })
    }

    @Test func namesTheStateUnitACommonNounStandsFor() {
        #expect(found("Prison guards beat an inmate.", "Kenya", may2022).first?.1.name == "Police Forces of Kenya (2013-2022) Prison Guards")
        #expect(found("Prison guards beat an inmate.", "Belarus", may2022).first?.1.name == "Police Forces of Belarus (1994-) Prison Guards")
        #expect(found("Gendarmes arrested two men.", "Burkina Faso", may2022).first?.1.name.hasSuffix("Gendarmerie") == true)
        #expect(found("Municipal guards opened fire.", "Brazil", may2022).first?.1.name == "Police Forces of Brazil (2019-2023) Municipal Guards")
    }

    @Test func aCoalitionActingWhereItIsFiledIsStillExternal() {
        let hits = found("The Saudi-led coalition carried out air raids on Marib.", "Yemen", may2022)
        #expect(hits.first?.1 == Actor(name: "Operation Restoring Hope", inter: .externalForces, country: nil))
    }
}

