import Foundation
import Testing
@testable import SitrepCore

@Suite struct GazetteerTests {
    let g = Gazetteer.shared

    @Test func plainNamesOfASCIINamesReadAsTheGeneralFolding() {
        let names = ["the U.S.", "The Hague", "Deir ez-Zor", "Ma'arrat an Nu'man", "  Kafr  Nabl ", "Theodore", "Bathe the",
                     "Other", "THE GAMBIA", "the the", "Route 66", "al-Marj (airport)", "", "---", "St. John's", "Tal'at the-Hill"]
        for n in names {
            #expect(Gazetteer.asciiPlainName(n) == Gazetteer.foldedPlainName(n), "\(n)")
        }
        #expect(Gazetteer.plainName("the U.S.") == "u s")
        #expect(Gazetteer.plainName("Ḥamā the City") == "hama city")
    }

    @Test func foldsTransliterationVariantsToOneKey() {
        let groups = [
            ["Douma", "Duma", "Dūmā"],
            ["Deir ez-Zor", "Dayr az Zawr", "Deir Ezzor", "Deir el-Zor"],
            ["Kharkiv", "Kharkov"],
            ["Marib", "Ma'rib", "Ma’rib"],
            ["Al-Hasakeh", "Al Hasakah", "Hasakah"],
            ["Hamouriyah", "Hammuriyah"],
            ["Kismaayo", "Kismayo"],
            ["Lashkar Gah", "Lashkargah"],
            ["Kandahar", "Qandahar"],
        ]
        for group in groups {
            let keys = Set(group.map(PlaceKey.key))
            #expect(keys.count == 1, "\(group) folded to \(keys)")
        }
        #expect(PlaceKey.key("Homs") != PlaceKey.key("Hama"))
    }

    @Test func tokenKeysConcatenateToTheNameKey() {
        let parts = ["marj", "al-sultan"].map(PlaceKey.tokenKey)
        #expect(String(decoding: parts[0] + parts[1], as: UTF8.self) == PlaceKey.key("Marj al-Sultan"))
    }

    @Test func findsTownsUnderAnySpelling() {
        for name in ["Douma", "Duma"] {
            let top = g.lookup(name).first { $0.kind == .populated }
            #expect(top?.country == "Syria")
            #expect(top?.admin1 == "Rural Damascus")
        }
        #expect(g.lookup("Kharkov").first?.country == "Ukraine")
        #expect(g.lookup("Dayr az Zawr").contains { $0.kind == .populated && $0.country == "Syria" })
    }

    @Test func holdsSyrianVillagesThatGeoNamesLacks() {
        for name in ["Zamalka", "Saqba", "Hamouriyah", "Marj al-Sultan"] {
            let p = g.lookup(name).first { $0.country == "Syria" }
            #expect(p?.admin1 == "Rural Damascus", "\(name): \(String(describing: p))")
        }
        let marj = g.lookup("Marj al-Sultan").first { $0.country == "Syria" }
        #expect(marj.map { Earth.distanceKm($0.latitude, $0.longitude, 33.50, 36.47) < 5 } == true)
    }

    @Test func spellsAdminUnitsAsACLEDDoes() {
        #expect(g.admin1(named: "Idlib", countryCode: "SY")?.name == "Idleb")
        #expect(g.admin1(named: "Rif Dimashq", countryCode: "SY")?.name == "Rural Damascus")
        #expect(g.admin1(named: "Damascus Countryside", countryCode: "SY")?.name == "Rural Damascus")
        #expect(g.lookup("Al Hasakah").first { $0.kind == .populated }?.admin1 == "Al Hasakeh")
        // Provinces newer than GeoNames' come from OCHA's list.
        #expect(g.admin1(named: "Ituri", countryCode: "CD") != nil)
    }

    @Test func givesTownsTheProvincesNewerThanGeoNamesAdminTable() {
        // Morocco's regions of 2015 and Nepal's provinces of 2015: GeoNames' admin1 table predates them.
        #expect(g.lookup("Nador").first { $0.kind == .populated && $0.country == "Morocco" }?.admin1 == "Oriental")
        #expect(g.lookup("Casablanca").first { $0.kind == .populated && $0.country == "Morocco" }?.admin1 == "Casablanca-Settat")
        #expect(g.lookup("Kathmandu").first { $0.kind == .populated }?.admin1 == "Bagmati")
        // Provinces no town points to any more are gone: one "Oriental" in Morocco.
        #expect(g.lookup("Oriental").filter { $0.kind == .admin1 && $0.country == "Morocco" }.count == 1)
        // A province's seat is the town named like it under any of its spellings ("Sagain"/Sagaing).
        #expect(g.admin1(named: "Sagaing", countryCode: "MM")?.seat == "Sagaing")
    }

    @Test func knowsDistrictsThatNoTownIsNamedAfter() {
        let bara = g.lookup("Bara").first { $0.country == "Nepal" }
        #expect(bara?.kind == .admin2)
        #expect(bara?.admin1 == "Madhesh")
        #expect((bara?.population ?? 0) > 0)
        #expect(g.admin1(named: "KPK", countryCode: "PK")?.name == "Khyber Pakhtunkhwa")
    }

    @Test func knowsCountriesByACLEDNameISOAndDemonym() {
        #expect(g.country(iso: "CD")?.name == "Democratic Republic of Congo")
        #expect(g.country(iso: "SZ")?.name == "eSwatini")
        #expect(g.country(named: "Syrian Arab Republic")?.isoNumeric == 760)
        #expect(g.countries(demonym: "Syrian").map(\.name) == ["Syria"])
        #expect(g.countries(demonym: "Ukrainian").map(\.name) == ["Ukraine"])
        #expect(g.isCountryName("the U.S."))
        #expect(!g.isCountryName("They"))
    }

    @Test func codesRegionsToARepresentativeTown() {
        let ghouta = g.lookup("Eastern Ghouta").first
        #expect(ghouta?.kind == .region)
        #expect(ghouta?.seat == "Duma")
        #expect(ghouta?.admin1 == "Rural Damascus")
    }

    /// A fresh load answers at once. How long the load takes is CI's instruction count
    /// (`Tests/bench/instructions.sh`), not a wall-clock ceiling here: that failed on a busy machine.
    @Test func aFreshLoadHoldsEveryPlaceAndAnswers() throws {
        let fresh = try Gazetteer(directory: Lexicon.url("gazetteer"))
        #expect(fresh.lookup("Aleppo").first?.country == "Syria")
        #expect(fresh.count > 250_000)
    }
}
