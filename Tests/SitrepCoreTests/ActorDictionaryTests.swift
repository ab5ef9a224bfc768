import Testing
@testable import SitrepCore

@Suite struct ActorDictionaryTests {
    let dict = ActorDictionary.shared
    func day(_ y: Int, _ m: Int, _ d: Int) -> CivilDate { CivilDate(year: y, month: m, day: d) }

    @Test func namesStateForcesByRegimePeriod() {
        #expect(dict.stateForces(country: "Syria", date: day(2015, 12, 15)).name == "Military Forces of Syria (2000-)")
        #expect(dict.stateForces(country: "Afghanistan", date: day(2020, 3, 1)).name == "Military Forces of Afghanistan (2014-2021)")
        #expect(dict.stateForces(country: "Afghanistan", date: day(2022, 3, 1)).name == "Military Forces of Afghanistan (2021-)")
        #expect(dict.stateForces(country: "Sudan", date: day(2018, 6, 1)).name == "Military Forces of Sudan (1989-2019)")
        #expect(dict.police(country: "Sudan", date: day(2020, 6, 1)).name == "Police Forces of Sudan (2019-)")
        #expect(dict.stateForces(country: "Kenya", date: day(2010, 1, 1)).name == "Military Forces of Kenya (2002-2013)")
    }

    @Test func eachDemonymBelongsToOneCountry() {
        var owner: [String: String] = [:]
        for (country, list) in dict.demonyms {
            for d in list {
                let k = ActorDictionary.key(d)
                #expect(owner[k] == nil || owner[k] == country, "\(d) is a demonym of both \(owner[k] ?? "") and \(country)")
                owner[k] = country
            }
        }
        #expect(owner[ActorDictionary.key("French")] == "France")
        #expect(owner[ActorDictionary.key("American")] == "United States")
    }

    @Test func periodChangesOnTheDayOfTheTransition() {
        #expect(dict.stateForces(country: "Afghanistan", date: day(2021, 8, 14)).name.hasSuffix("(2014-2021)"))
        #expect(dict.stateForces(country: "Afghanistan", date: day(2021, 8, 15)).name.hasSuffix("(2021-)"))
    }

    @Test func namesPeriodsAsAnOlderExportDid() {
        let mid2022 = ActorDictionary(namesAsOf: day(2022, 7, 31))
        #expect(mid2022.police(country: "Colombia", date: day(2022, 1, 10)).name == "Police Forces of Colombia (2018-)")
        #expect(dict.police(country: "Colombia", date: day(2022, 1, 10)).name == "Police Forces of Colombia (2018-2022)")
    }

    @Test func writesTheArticleThatACLEDWritesBeforeSomeCountries() {
        #expect(dict.stateForces(country: "Democratic Republic of Congo", date: day(2022, 2, 1)).name
                == "Military Forces of the Democratic Republic of Congo (2019-)")
        #expect(dict.government(country: "United States", date: day(2022, 2, 1)).name == "Government of the United States (2021-2025)")
    }

    @Test func foreignStateForcesAreExternalForces() {
        let russiaInUkraine = dict.stateForces(country: "Russia", date: day(2022, 3, 1), eventCountry: "Ukraine")
        #expect(russiaInUkraine.inter == .externalForces)
        #expect(russiaInUkraine.name == "Military Forces of Russia (2000-)")
        #expect(dict.stateForces(country: "Russia", date: day(2022, 3, 1)).inter == .stateForces)
    }

    @Test func namesPerCountryTemplates() {
        #expect(dict.civilians(country: "Mali") == Actor(name: "Civilians (Mali)", inter: .civilians, country: "Mali"))
        #expect(dict.protesters(country: "Chile").inter == .protesters)
        #expect(dict.rioters(country: "Kenya").name == "Rioters (Kenya)")
        #expect(dict.unidentifiedArmedGroup(country: "Niger").name == "Unidentified Armed Group (Niger)")
        #expect(dict.unidentifiedArmedGroup(country: "Niger").inter == .politicalMilitia)
    }

    @Test func nusraFrontIsNamedForTheDate() {
        let before = dict.lookup("nusra front", country: "Syria", date: day(2015, 12, 15))
        #expect(before.first?.name == "Jabhat al Nusra")
        #expect(before.first?.inter == .rebelGroup)
        #expect(dict.lookup("nusra front", country: "Syria", date: day(2018, 4, 2)).first?.name == "HTS: Hayat Tahrir al Sham")
    }

    @Test func namesChangeWithTheirValidityPeriods() {
        #expect(dict.lookup("nusra front", country: "Syria", date: day(2016, 9, 1)).first?.name == "JFS: Jabhat Fateh al Sham")
        #expect(dict.lookup("turkish-backed factions", country: "Syria", date: day(2019, 10, 12)).first?.name == "JWS: Syrian National Army")
        #expect(dict.lookup("free syrian army", country: "Syria", date: day(2015, 12, 15)).first?.name == "Free Syrian Army")
        #expect(dict.lookup("saudi-led coalition", country: "Yemen", date: day(2015, 4, 1)).first?.name == "Operation Decisive Storm")
        #expect(dict.lookup("saudi-led coalition", country: "Yemen", date: day(2016, 4, 1)).first?.name == "Operation Restoring Hope")
    }

    @Test func readsAliasesAndAbbreviations() {
        let date = day(2022, 5, 1)
        for alias in ["Islamic State", "ISIS", "ISIL", "Daesh"] {
            #expect(dict.lookup(alias, country: "Syria", date: date).first?.name == "Islamic State (Syria)", "\(alias)")
        }
        for alias in ["SDF", "QSD", "Syrian Democratic Forces"] {
            #expect(dict.lookup(alias, country: "Syria", date: date).first?.name == "QSD: Syrian Democratic Forces", "\(alias)")
        }
        for alias in ["Jaish al-Islam", "Jaysh al Islam", "Islam Army", "Army of Islam"] {
            #expect(dict.lookup(alias, country: "Syria", date: day(2015, 12, 15)).first?.name == "Jaysh al Islam", "\(alias)")
        }
    }

    @Test func talibanBecameTheAfghanState() {
        #expect(dict.lookup("taliban", country: "Afghanistan", date: day(2020, 3, 10)).first
                == Actor(name: "Taliban", inter: .rebelGroup, country: "Afghanistan"))
        let after = dict.lookup("taliban", country: "Afghanistan", date: day(2022, 3, 10)).first
        #expect(after?.name == "Military Forces of Afghanistan (2021-)")
        #expect(after?.inter == .stateForces)
    }

    @Test func resolvesGenericDescriptionsByCountry() {
        #expect(dict.lookup("gunmen", country: "Burkina Faso", date: day(2022, 5, 1)).first?.name == "Unidentified Armed Group (Burkina Faso)")
        #expect(dict.lookup("regime troops", country: "Syria", date: day(2015, 12, 14)).first?.name == "Military Forces of Syria (2000-)")
        #expect(dict.lookup("rebels", country: "Syria", date: day(2015, 12, 14)).first?.name == "Opposition Rebels (Syria)")
        #expect(dict.lookup("policemen", country: "Kenya", date: day(2016, 1, 1)).first?.name == "Police Forces of Kenya (2013-2022)")
    }

    @Test func derivesAliasesFromACLEDNames() {
        let aliases = ActorDictionary.derivedAliases(of: "TTP: Tehreek-i-Taliban Pakistan")
        #expect(aliases.contains("TTP"))
        #expect(aliases.contains("Tehreek-i-Taliban Pakistan"))
        #expect(ActorDictionary.derivedAliases(of: "Fulani Ethnic Militia (Nigeria)").contains("Fulani militia"))
    }
}

@Suite struct ActorDictionaryBuilderTests {
    // Made-up rows in ACLED's column layout; not ACLED data.
    let csv = """
    event_date,year,actor1,inter1,actor2,inter2,country
    2021-03-02,2021,Sahel Hawks Brigade,3,Civilians (Mali),7,Mali
    2022-04-11,2022,Sahel Hawks Brigade,2,Military Forces of Mali (2021-),1,Mali
    2022-05-01,2022,Sahel Hawks Brigade,2,,0,Niger
    2022-05-02,2022,Protesters (Mali),6,,0,Mali
    """

    @Test func keepsNamedActorsWithTheirLatestInterCode() {
        let harvested = ActorDictionaryBuilder.harvest([CSVTable(text: csv)])
        #expect(harvested.count == 1)
        let hawks = harvested[0]
        #expect(hawks.name == "Sahel Hawks Brigade")
        #expect(hawks.inter == .rebelGroup)
        #expect(hawks.countries == ["Mali", "Niger"])
        #expect((hawks.firstYear, hawks.lastYear, hawks.count) == (2021, 2022, 3))
    }

    @Test func writesLinesTheDictionaryReads() {
        let text = ActorDictionaryBuilder.tsv(ActorDictionaryBuilder.harvest([CSVTable(text: csv)]), sources: "a test table")
        let rows = text.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(rows == ["Sahel Hawks Brigade\t2\tMali|Niger\t2021\t2022\t3"])
    }
}
