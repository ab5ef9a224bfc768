import Foundation
import Testing
@testable import SitrepCore

/// Villages from the village sources (issue 16), namesakes, foreign namesakes, settlements the
/// gazetteer lacks, and ACLED's admin names by period, on sentences written for these tests.
@Suite struct PlacesVillagesTests {
    /// The location of the first event coded from `text`, recorded or not.
    func location(_ text: String, on date: CivilDate = CivilDate(year: 2022, month: 5, day: 4)) -> EventLocation? {
        TestPipeline.code(text, published: date).events.first?.location
    }

    // MARK: Villages placed where their unit is

    @Test func ukrainianVillageKnownOnlyByItsHromadaIsNearItsSeatAtPrecisionTwo() throws {
        // Novohnativka is in the codifier, not in GeoNames: it stands at its hromada's seat.
        let l = try #require(location("On 3 May 2022, Russian forces shelled Novohnativka, Donetsk oblast. Two civilians were wounded."))
        #expect(l.location == "Novohnativka")
        #expect(l.admin1 == "Donetsk")
        #expect(l.geoPrecision == 2)
        #expect(l.mention?.place.placedAtSeat == true)
        #expect(l.explanation.contains("placed at"))
    }

    @Test func russianStyleSpellingsFindUkrainianPlaces() {
        let d = PlaceResolver().resolvedDoc("Russian forces shelled Krasnogorovka and Aleksandrovka, Donetsk region, and struck Nikolaev.")
        let byText = Dictionary(d.places.map { (d.text($0.span), $0.place) }, uniquingKeysWith: { a, _ in a })
        #expect(byText["Krasnogorovka"]?.name == "Krasnohorivka")
        #expect(byText["Aleksandrovka"]?.admin1 == "Donetsk")
        #expect(byText["Nikolaev"]?.admin1 == "Mykolaiv")
    }

    // MARK: Namesakes

    @Test func theNamedOblastDecidesBetweenNamesakes() throws {
        let sumy = try #require(location("On 3 May 2022, Russian forces shelled Mykhailivka in Sumy oblast, damaging houses."))
        let zaporizhzhia = try #require(location("On 3 May 2022, Russian forces shelled Mykhailivka in Zaporizhzhia oblast, damaging houses."))
        #expect(sumy.location == "Mykhailivka" && sumy.admin1 == "Sumy")
        #expect(zaporizhzhia.location == "Mykhailivka" && zaporizhzhia.admin1 == "Zaporizhia")
    }

    @Test func aVillageNameTheCountryRepeatsIsCodedNearTheLikeliestButABigTownIsItself() throws {
        // Ukraine has over a hundred villages called Mykhailivka: named alone, none is certain.
        let village = try #require(location("On 3 May 2022, Russian forces shelled Mykhailivka, damaging houses."))
        #expect(village.geoPrecision == 2)
        #expect(village.explanation.contains("one of several places"))
        // Syria has Duma villages too, but "Douma" alone is the city of 110,000.
        let town = try #require(location("On 3 May 2022, an air strike hit a market in Douma, killing five people."))
        #expect(town.admin1 == "Rural Damascus")
        #expect(town.geoPrecision == 1)
    }

    @Test func aDistrictWhoseTownTheGazetteerLacksIsCodedAsItsProvince() throws {
        // No town of Akobo County is in the sources: the gazetteer has it at Bor, Jonglei's capital.
        let l = try #require(location("On 4 February 2024, raiders killed seven herders at a cattle camp in Akobo County, Jonglei State."))
        #expect(l.admin1 == "Jonglei")
        #expect(l.geoPrecision == 3)
        #expect(l.explanation.contains("its own seat is not in the gazetteer"))
        // A district named after its town keeps precision 2 at that town.
        let pale = try #require(location("On 4 May 2022, the military shelled villages in Pale Township, Sagaing region, killing two people."))
        #expect(pale.geoPrecision == 2)
    }

    @Test func theNamedTownshipDecidesBetweenVillagesOfOneName() throws {
        // Myanmar has more than a hundred villages called Nyaung Kone; one is in Pale township.
        let l = try #require(location("On 4 May 2022, troops burned houses in Nyaung Kone village in Pale Township, Sagaing region."))
        #expect(l.location == "Nyaung Kone")
        #expect(l.admin1 == "Sagaing")
        #expect(l.admin3 == "Pale")
        #expect(l.mention?.place.source == "mimu")
    }

    @Test func aTownshipIsCodedToItsTownNotToAForeignNamesake() throws {
        let l = try #require(location("On 4 May 2022, the military shelled villages in Pale Township, Sagaing region, killing two people."))
        #expect(l.country == "Myanmar")
        #expect(l.location == "Pale")
        #expect(l.geoPrecision == 2)
    }

    @Test func aNamesakeAbroadNeverBeatsTheFocusCountrysPlace() throws {
        // Harbel is a town in Liberia; in a report on Syria it is a Syrian village.
        let l = try #require(location("On 4 May 2022, regime forces shelled Harbel village in the northern Aleppo countryside."))
        #expect(l.country == "Syria")
        // Southern is a region of Malawi; here it is one side of a Nigerian base.
        let axis = try #require(location("On 4 May 2022, fighters attacked the Southern axis of the army base near Maiduguri, Borno state."))
        #expect(axis.country == "Nigeria")
        #expect(axis.location == "Maiduguri")
    }

    @Test func aNewsAgencyNamedAfterAPlaceIsNoPlace() {
        let d = PlaceResolver().resolvedDoc("The Mehr news agency reported that gunmen killed a policeman in Zahedan.")
        #expect(d.places.map { d.text($0.span) } == ["Zahedan"])
    }

    @Test func aBigCityUnderItsOwnNameIsNoVillageOfTheFocusCountry() throws {
        // The report is about the war in Ukraine, which has a village Berlyn; the protest was in Berlin.
        let l = try #require(location("On 8 May 2022, a few dozen people gathered in Berlin to protest against the war in Ukraine."))
        #expect(l.country == "Germany")
    }

    // MARK: Settlements the gazetteer lacks

    @Test func aVillageTheGazetteerLacksIsCodedAtTheTownTheReportPutsItNear() throws {
        let l = try #require(location("On 4 May 2022, gunmen attacked the village of Kolokani Wuro near Nara (Koulikoro). Three civilians were killed."))
        #expect(l.location == "Kolokani Wuro")
        #expect(l.admin1 == "Koulikoro")
        #expect(l.geoPrecision == 2)
        #expect(l.explanation.contains("not in the gazetteer"))
        let nara = try #require(Gazetteer.shared.lookup("Nara").first { $0.country == "Mali" && $0.kind == .populated })
        #expect(Earth.distanceKm(l.latitude, l.longitude, nara.latitude, nara.longitude) < 1)
    }

    @Test func aVillageKnownOnlyByItsProvinceIsAtPrecisionThree() throws {
        let l = try #require(location("On 4 May 2022, militants burned houses in Tamaguel Kore village, Mopti province."))
        #expect(l.location == "Tamaguel Kore")
        #expect(l.admin1 == "Mopti")
        #expect(l.geoPrecision == 3)
    }

    @Test func aPersonOrOrganisationIsNoSettlement() {
        let d = PlaceResolver().resolvedDoc("Protesters gathered at Reuters in London. A statement by Guterres in New York followed.")
        #expect(!d.places.contains { $0.place.source == PlaceMention.reportSource })
        let agency = PlaceResolver().resolvedDoc("Gunmen attacked Planned Parenthood in the Highland Park neighborhood of Los Angeles.")
        #expect(!agency.places.contains { $0.place.source == PlaceMention.reportSource })
    }

    // MARK: Admin names as ACLED uses them

    @Test func libyanAdminNamesFollowThePeriodOfTheEvent() throws {
        let before = try #require(location("On 20 June 2016, armed clashes broke out in Benghazi between the LNA and Islamist fighters.",
                                           on: CivilDate(year: 2016, month: 6, day: 20)))
        let after = try #require(location("On 20 June 2022, armed clashes broke out in Benghazi between the LNA and Islamist fighters.",
                                          on: CivilDate(year: 2022, month: 6, day: 20)))
        #expect(before.admin1 == "Al Hizam Al Akhdar")
        #expect(after.admin1 == "East")
    }

    @Test func serbianTownsTakeTheirDistrictAsACLEDsAdmin1() throws {
        let l = try #require(location("On 20 June 2022, hundreds protested in Nis against rising prices."))
        #expect(l.admin1 == "Nisava")
    }

    @Test func aNamingAppliesFromItsFirstDayToItsLast() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-admin-names-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "# test\n2016-01-01\t2018-05-06\tEast\tBenghazi\tOld East\tOld Benghazi\n".write(to: dir.appendingPathComponent("LY.tsv"), atomically: true, encoding: .utf8)
        let names = ACLEDAdminNames(directory: dir)
        let l = EventLocation(mention: nil, location: "Benghazi", admin1: "East", admin2: "Benghazi", country: "Libya", iso: 434,
                              latitude: 32.1, longitude: 20.1, geoPrecision: 1, evidence: Span(0, 0))
        #expect(names.named(l, on: CivilDate(year: 2018, month: 5, day: 6), countryCode: "LY").admin1 == "Old East")
        #expect(names.named(l, on: CivilDate(year: 2018, month: 5, day: 7), countryCode: "LY").admin1 == "East")
        #expect(names.named(l, on: CivilDate(year: 2015, month: 12, day: 31), countryCode: "LY").admin2 == "Benghazi")
        #expect(names.named(l, on: CivilDate(year: 2017, month: 1, day: 1), countryCode: "SY").admin1 == "East")
    }
}
