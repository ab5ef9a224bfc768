import Foundation
import Testing
@testable import SitrepCore

/// How the resolver reads the words around a name to pick the right country and unit: admin
/// chains in parentheses, abbreviations, city-states, neighbourhoods, groups that act in one
/// country. Sentences written for these tests in the style of wire reports and ACLED notes.
@Suite struct PlacesContextTests {
    let resolver = PlaceResolver()

    func doc(_ text: String) -> Doc { resolver.resolvedDoc(text) }

    func locate(_ d: Doc, sentence i: Int = 0) -> EventLocation? {
        resolver.locate(d, places: d.places, clause: d.sentences[i].span, anchor: nil)
    }

    func mention(_ d: Doc, _ surface: String) -> PlaceMention? { d.places.first { d.text($0.span) == surface } }

    // MARK: Admin chains in parentheses

    @Test func settlesTheCountryByTheAdminUnitsInParentheses() {
        // Inata has a Japanese near-namesake; Soum is a Burkinabe province.
        let d = doc("Air force jets struck militant positions around Inata (Tongomayel, Soum) on Friday.")
        let l = locate(d)
        #expect(l?.country == "Burkina Faso")
        #expect(!d.places.contains { $0.place.country == "Japan" })
    }

    @Test func dropsATownAbroadWhenItsCommuneAndDistrictPointElsewhere() {
        let d = doc("Soldiers raided rebel camps north of Sindian (Sindian, Bignona) at dawn.")
        #expect(locate(d)?.country == "Senegal")
    }

    @Test func placesAnUnknownTownAtTheDistrictGivenBesideIt() {
        // Kalaiya is not in the gazetteer: the district named beside it places the event.
        let d = doc("Shopkeepers staged a sit-in at the Kalaiya market (Bara district) over new taxes.")
        let l = locate(d)
        #expect(l?.country == "Nepal")
        #expect(l?.admin1 == "Madhesh")
        // No town of Bara district is in the gazetteer either (it sits at the province's capital),
        // so the province is all that is known: precision 3.
        #expect(l?.geoPrecision == 3)
    }

    @Test func readsProvinceAbbreviationsInTheAdminSlot() {
        let k = locate(doc("Traders held a sit-in at Karak city (Karak, KPK) over power cuts."))
        #expect(k?.country == "Pakistan")
        #expect(k?.admin1 == "Khyber Pakhtunkhwa")
        let j = locate(doc("Villagers blocked a road at Kotranka town (Rajouri district, J&K) demanding repairs."))
        #expect(j?.country == "India")
        #expect(j?.admin1 == "Jammu and Kashmir")
    }

    @Test func keepsACityThatAlsoOpensALongerPlaceName() {
        // "Grand Dakar" is no place in the gazetteer, yet Dakar alone after it is still the city.
        let d = doc("Students fought with police in the HLM district (Grand Dakar, Dakar, Dakar) on Thursday.")
        #expect(locate(d)?.country == "Senegal")
    }

    // MARK: Town or province, town or country

    @Test func readsABareProvinceNameAsTheTownNamedLikeIt() {
        let d = doc("Residents rallied in Limassol against the felling of trees.")
        #expect(mention(d, "Limassol")?.place.kind == .populated)
        #expect(locate(d)?.geoPrecision == 1)
    }

    @Test func prefersACityAfterInToAProvinceOfTheSameNameAbroad() {
        let d = doc("Party activists gathered outside the tax office in Bari to protest a new levy.")
        #expect(mention(d, "Bari")?.place.country == "Italy")
    }

    @Test func readsACityStateAsItsCapitalWhereSomethingHappened() {
        let d = doc("Union delegates staged a protest in front of parliament in Luxembourg on Wednesday.")
        let l = locate(d)
        #expect(l?.country == "Luxembourg")
        #expect(l?.geoPrecision == 1)
        // The same name as the subject of a sentence stays the country.
        #expect(mention(doc("Luxembourg condemned the attack."), "Luxembourg")?.place.kind == .country)
    }

    // MARK: Words around the name

    @Test func readsLongAllCapitalWordsBetweenOrdinaryWordsAsAcronyms() {
        let d = doc("Supporters of the indigenous confederation (CONAIE) blocked roads near Tena (Napo).")
        #expect(!d.places.contains { d.text($0.span) == "CONAIE" })
        #expect(locate(d)?.admin1 == "Napo")
    }

    @Test func findsNoCityBehindTheWordVillage() {
        // Nantong, a Chinese city of millions, is no match for a village in a Myanmar report.
        let d = doc("Troops torched houses in Nan Taung village of Palaw township (Myeik district, Tanintharyi region).")
        #expect(!d.places.contains { $0.place.country == "China" })
        #expect(locate(d)?.country == "Myanmar")
    }

    @Test func readsEverydayWordsAsTownsAfterALocativeWord() {
        let d = doc("Hundreds of residents gathered in Split to oppose the felling of a park.")
        #expect(mention(d, "Split")?.place.country == "Croatia")
        let n = doc("Split decisions marked the session, officials said.")
        #expect(n.places.isEmpty)
    }

    @Test func takesGroupsThatActInOneCountryAsCountryEvidence() {
        // Laval is a larger city in Canada than in France; the CGT is a French union.
        let d = doc("Members of the CGT demonstrated in Laval against fuel prices.")
        #expect(mention(d, "Laval")?.place.country == "France")
        #expect(mention(doc("Commuters demonstrated in Laval against fuel prices."), "Laval")?.place.country == "Canada")
    }

    @Test func keepsAnUnambiguousTownAbroadWhenTheReportIsAboutAnotherCountry() {
        // A solidarity rally: the report names Ukraine, the event is in Germany.
        let d = doc("Around 80 people demonstrated in Heidelberg in solidarity with Ukraine and called for peace in Ukraine.")
        #expect(locate(d)?.country == "Germany")
    }

    @Test func readsTheCityInACLEDCityDistrictNames() {
        // "Incheon - Namdong": Namdong is a district of Incheon, not Vietnam's Nam Dong.
        let d = doc("Union members staged a protest in front of the city hall (Incheon - Namdong) on Monday.")
        #expect(locate(d)?.country == "South Korea")
        #expect(!d.places.contains { $0.place.country == "Vietnam" })
    }

    @Test func joinsAbbreviatedWordsWithTheirDot() {
        let d = doc("Around 1,500 people demonstrated in St. Gallen on Saturday.")
        #expect(mention(d, "St. Gallen")?.place.kind == .populated)
        #expect(locate(d)?.country == "Switzerland")
    }

    @Test func readsNoPlaceInAListOfOrganisations() {
        // SUD is a French union, not Haiti's Sud department.
        let d = doc("Teachers marched in Brest at the call of four unions (CGT, FO, Sud, FSU).")
        #expect(!d.places.contains { $0.place.country == "Haiti" })
        #expect(locate(d)?.country == "France")
    }

    @Test func dropsANeighbourhoodNamesakeFarFromTheCityNamed() {
        let d = doc("In Cosmopolis (Sao Paulo), two guards opened fire in a nightclub in the Uirapuru neighborhood.")
        #expect(!d.places.contains { $0.place.admin1 == "Goias" })
        #expect(locate(d)?.admin1 == "Sao Paulo")
    }

    // MARK: ACLED's countries

    @Test func codesHongKongAsChinaWithTheTerritoryAsAdmin1() {
        let l = locate(doc("Hundreds of workers marched to government headquarters in Hong Kong on Sunday."))
        #expect(l?.country == "China")
        #expect(l?.admin1 == "Hong Kong")
        #expect(l?.iso == 156)
    }

    // MARK: Districts, villages and sound-alikes

    @Test func placesADistrictInItsOwnProvinceNotAtANamesakeTownElsewhere() {
        // Istanbul's Kartal district, not the village of Kartal in Gaziantep, 800 km away.
        let l = locate(doc("Hundreds of people demonstrated in Kartal town, Istanbul, against rising rents on Sunday."))
        #expect(l?.admin1 == "Istanbul")
        if let l { #expect(Earth.distanceKm(l.latitude, l.longitude, 41.0, 29.0) < 50) }
    }

    @Test func findsNoDistrictAbroadBehindAVillageName() {
        // "Mai Paw" folds like Chile's Maipo; a village in a Myanmar township is no Chilean province.
        let d = doc("In Mai Paw village of Muse township (Muse district, Shan-North state), the KIA abducted eight young men.")
        #expect(!d.places.contains { $0.place.country == "Chile" })
        #expect(locate(d)?.country == "Myanmar")
    }

    @Test func aSoundAlikeStartsWithTheSameLetter() {
        // "Shyookh" shares its consonants with Shuyukh and, once the vowels go, with Ashka too.
        let l = locate(doc("Turkish artillery shelled Upper Shyookh village, Aleppo, on Sunday."))
        #expect(l?.location.hasPrefix("Shuyukh") == true)
    }

    @Test func aProvinceHoldingATownOfTheNameOutweighsAUnitRestated() {
        // "San Miguel municipality, San Miguel": El Salvador's San Miguel, not Buenos Aires' district.
        let l = locate(doc("In San Miguel municipality, San Miguel, unidentified attackers shot and killed a man on Sunday."))
        #expect(l?.country == "El Salvador")
    }
}
