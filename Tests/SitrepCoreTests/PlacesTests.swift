import Foundation
import Testing
@testable import SitrepCore

/// Place spotting, disambiguation and event geolocation, on sentences written for these tests.
@Suite struct PlacesTests {
    let resolver = PlaceResolver()

    func doc(_ text: String, dateline: String? = nil) -> Doc {
        var d = Doc(articleID: "t", origin: "test", title: nil, published: nil, source: nil, url: nil,
                    clean: CleanText(text: text, datelinePlace: dateline))
        let (places, focus) = resolver.resolve(d)
        d.places = places
        d.focusCountry = focus
        return d
    }

    func names(_ d: Doc) -> [String] { d.places.map { d.text($0.span) } }

    func mention(_ d: Doc, _ surface: String) -> PlaceMention? { d.places.first { d.text($0.span) == surface } }

    /// Location of the event of sentence `i` (the whole sentence as the clause).
    func locate(_ d: Doc, sentence i: Int = 0, anchor: String? = nil) -> EventLocation? {
        let s = d.sentences[i]
        let a = anchor.flatMap { w in d.tokens[s.tokens].first { $0.text == w }?.span }
        return resolver.locate(d, places: d.places, clause: s.span, anchor: a)
    }

    // MARK: Spotting

    @Test func matchesTheLongestMultiWordNameFirst() {
        let d = doc("Army units advanced on Deir ez-Zor and shelled Kafr Batna overnight.")
        #expect(names(d) == ["Deir ez-Zor", "Kafr Batna"])
        #expect(mention(d, "Kafr Batna")?.place.admin1 == "Rural Damascus")
    }

    @Test func readsTransliterationVariantsInText() {
        let d = doc("Shells fell on Duma and on Dayr az Zawr, while Russian jets struck targets near Kharkov.")
        // GeoNames' current name for Douma is Dūmā: the place, not its spelling, is what counts.
        #expect(mention(d, "Duma").map { Earth.distanceKm($0.place.latitude, $0.place.longitude, 33.57, 36.40) < 3 } == true)
        #expect(mention(d, "Duma")?.place.kind == .populated)
        #expect(mention(d, "Dayr az Zawr")?.place.country == "Syria")
        #expect(mention(d, "Kharkov")?.place.country == "Ukraine")
    }

    @Test func rejectsWordsThatOnlyLookLikePlaces() {
        let d = doc("""
            Islam Army fighters said on Sunday that Assad loyalists had lost ground in May, Reuters reported.
            Mobile networks were cut and the Paris Agreement was not mentioned.
            Queen Victoria Street traders counted losses. Bar owners closed early.
            """)
        for word in ["Islam", "Assad", "Sunday", "May", "Reuters", "Mobile", "Paris", "Victoria", "Bar"] {
            #expect(!names(d).contains(word), "\(word) read as a place")
        }
    }

    @Test func rejectsPeopleNamedAfterPlaces() {
        let d = doc("President Vladimir Putin met John Kerry in Moscow. Putin and Kerry spoke for three hours.")
        #expect(names(d) == ["Moscow"])
    }

    @Test func rejectsAcronymsThatSpellPlaceNames() {
        let d = doc("JWS fighters and the QSD traded fire after an IED exploded in Tal Tamer.")
        #expect(!names(d).contains("JWS") && !names(d).contains("IED"))
    }

    @Test func readsQualifiersAroundTheName() {
        let d = doc("""
            Troops took ground in Marj al-Sultan region.
            Clashes broke out on the outskirts of Harasta.
            A drone struck near Saraqib.
            Shelling hit Dara countryside.
            Jets bombed Idlib province.
            Gunmen attacked a post 10 km north of Manbij.
            """)
        #expect(mention(d, "Marj al-Sultan")?.qualifier == .area)
        #expect(mention(d, "Harasta")?.qualifier == .near)
        #expect(mention(d, "Saraqib")?.qualifier == .near)
        #expect(mention(d, "Dara")?.qualifier == .area)
        #expect(mention(d, "Idlib")?.qualifier == .province)
        #expect(mention(d, "Idlib")?.place.kind == .admin1)
        #expect(mention(d, "Manbij")?.qualifier == .near)
    }

    // MARK: Disambiguation

    @Test func choosesTheCountryTheTextIsAbout() {
        let lebanon = doc("Lebanese soldiers deployed in Tripoli after a night of gunfire.")
        #expect(mention(lebanon, "Tripoli")?.place.country == "Lebanon")
        #expect(lebanon.focusCountry == "Lebanon")
        let libya = doc("Libyan militias clashed in Tripoli on Friday.")
        #expect(mention(libya, "Tripoli")?.place.country == "Libya")
    }

    @Test func choosesTheTownThatAgreesWithTheAdminNamedBesideIt() {
        let d = doc("Hundreds protested over fuel shortages in Colombo (Colombo, Western) on Monday.")
        #expect(mention(d, "Colombo")?.place.country == "Sri Lanka")
        let u = doc("A mob killed a suspected thief in Minakulu sub-county (Oyam, Northern).")
        #expect(u.focusCountry == "Uganda")
        let l = locate(u)
        #expect(l?.country == "Uganda")
        #expect(l?.admin1 == "Northern")
    }

    @Test func dropsASameNamedTownAbroadWhenTheProvinceSaysOtherwise() {
        let d = doc("Artillery shelled Al-Qahera town in Hama governorate.")
        #expect(mention(d, "Al-Qahera")?.place.country != "Egypt")
        #expect(locate(d)?.admin1 == "Hama")
    }

    @Test func prefersLargeTownsWhenNothingElseDecides() {
        #expect(mention(doc("Thousands marched in Paris."), "Paris")?.place.country == "France")
    }

    @Test func setsFocusCountryInACLEDSpelling() {
        #expect(doc("Fighting spread around Kinshasa.").focusCountry == "Democratic Republic of Congo")
        #expect(doc("Syrian regime forces shelled Saraqib.").focusCountry == "Syria")
    }

    // MARK: Event location

    @Test func townsListedWithCommasAndAnAndArePeersNotAnAdminChain() {
        let d = PlaceResolver().resolvedDoc("Students marched in Rajshahi, Bogura, Barishal and Comilla on Friday, witnesses said.")
        #expect(d.places.map { d.text($0.span) } == ["Rajshahi", "Bogura", "Barishal", "Comilla"])
        #expect(d.places.allSatisfy { $0.place.country == "Bangladesh" && $0.place.kind == .populated })
    }

    @Test func codesDoumaAsATownInRuralDamascus() {
        let d = doc("On Sunday, at least 40 people were killed in air strikes on a market in Douma, rescuers said.")
        let l = locate(d, anchor: "killed")
        #expect(l.map { PlacesTests.isDouma($0) } == true)
        #expect(l?.admin1 == "Rural Damascus")
        #expect(l?.country == "Syria")
        #expect(l?.iso == 760)
        #expect(l?.geoPrecision == 1)
    }

    @Test func placesMarjAlSultanRegionAtTheVillageNotTheAirport() {
        let d = doc("On Monday government troops seized ground in the Marj al-Sultan region near the opposition-held military airport of al-Marj.")
        let l = locate(d, anchor: "seized")
        #expect(l.map { Earth.distanceKm($0.latitude, $0.longitude, 33.50, 36.47) < 5 } == true)
        #expect(l.map { [1, 2].contains($0.geoPrecision) } == true)
        #expect(l?.location != "Al Marj")
    }

    @Test func prefersThePlaceGovernedByInOverTheFirstPlace() {
        let d = doc("Rebels from Idlib attacked army posts in Hama countryside.")
        let l = locate(d, anchor: "attacked")
        #expect(l?.admin1 == "Hama")
        #expect(l?.geoPrecision == 2)
    }

    @Test func usesTheTownNotTheProvinceGivenForIt() {
        let d = doc("Regime forces shelled Kafr Nabl town in Idlib countryside.")
        let l = locate(d)
        #expect(l?.geoPrecision == 1)
        #expect(l?.admin1 == "Idleb")
        #expect(l?.location != "Idlib")
        #expect(l.map { Earth.distanceKm($0.latitude, $0.longitude, 35.58, 36.56) < 5 } == true)
    }

    @Test func readsACLEDCodedToNotes() {
        let d = doc("Shells hit farmland in the eastern orchards (coded to Douma) (Duma, Rural Damascus).")
        let l = locate(d)
        #expect(l.map { PlacesTests.isDouma($0) } == true)
        #expect(l?.geoPrecision == 2)
    }

    @Test func fallsBackToThePrecedingSentenceThenTheDateline() {
        let d = doc("Fierce fighting raged in Harasta on Tuesday. Twelve fighters were killed.")
        #expect(locate(d, sentence: 1)?.location == "Harasta")
        let dl = doc("Twelve fighters were killed on Tuesday.", dateline: "ALEPPO")
        #expect(locate(dl)?.location == "Aleppo")
    }

    @Test func codesAProvinceToItsCapitalAtPrecisionThree() {
        let d = doc("Warplanes carried out raids across Idlib province.")
        let l = locate(d)
        #expect(l?.geoPrecision == 3)
        #expect(l?.location == "Idlib")
        #expect(l?.admin1 == "Idleb")
    }

    @Test func returnsNothingWhenOnlyTheCountryIsKnown() {
        #expect(locate(doc("Violence continued across Syria.")) == nil)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: PlacesTests.seedPath)))
    func codesTheSeedReport() throws {
        let text = try String(contentsOfFile: PlacesTests.seedPath, encoding: .utf8)
        let d = doc(text)
        #expect(d.focusCountry == "Syria")
        func sentence(containing w: String) -> Int? { d.sentences.firstIndex { d.text($0.span).contains(w) } }
        let douma = try #require(sentence(containing: "school district in Douma"))
        let dl = locate(d, sentence: douma, anchor: "killed")
        #expect(dl.map { PlacesTests.isDouma($0) } == true)
        #expect(dl?.admin1 == "Rural Damascus")
        #expect(dl?.geoPrecision == 1)
        let marj = try #require(sentence(containing: "took ground in Marj"))
        let ml = locate(d, sentence: marj, anchor: "took")
        #expect(ml.map { Earth.distanceKm($0.latitude, $0.longitude, 33.50, 36.47) < 5 } == true)
        #expect(ml.map { [1, 2].contains($0.geoPrecision) } == true)
        // Nothing is placed at the al-Marj airport, and no Syrian event in New York.
        for l in d.sentences.indices.compactMap({ locate(d, sentence: $0) }) where l.country == "Syria" {
            #expect(l.location != "Al Marj")
        }
        #expect(!d.places.contains { $0.place.country == "Libya" })
    }

    /// Douma, however the gazetteer spells it (Duma).
    static func isDouma(_ l: EventLocation) -> Bool {
        ["Douma", "Duma"].contains(l.location) && Earth.distanceKm(l.latitude, l.longitude, 33.57, 36.40) < 3
    }

    static let seedPath: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.deletingLastPathComponent().appendingPathComponent("shared/seed/ghouta-report.txt").path
    }()
}
