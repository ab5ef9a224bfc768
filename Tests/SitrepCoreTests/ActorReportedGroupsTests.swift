import Foundation
import Testing
@testable import SitrepCore

/// Groups a party to the conflict names in its own statement are recognised as actors, and as the
/// speaker's claim.
@Suite struct ActorReportedGroupsTests {
    let dec2015 = CivilDate(year: 2015, month: 12, day: 16)

    func analysed(_ text: String) -> Doc {
        var doc = Doc(articleID: "t", origin: "test", title: nil, published: dec2015, source: nil, url: nil, clean: CleanText(text: text))
        doc.actors = ActorMatcher().find(doc, country: "Syria", date: dec2015)
        return doc
    }

    @Test func groupsCalledByNameInAStatementAreNewRebelGroups() {
        let doc = analysed("""
        Russia's defence ministry said on Wednesday that its jets had flown sorties near Homs. \
        It said the strikes backed a group called "Coastal Eagles", another group called "Kalamun," \
        and one called "the Democratic Forces."
        """)
        let groups = ReportedGroups.find(doc, actors: doc.actors, country: "Syria")
        #expect(groups.map(\.mention.actor.name) == ["Coastal Eagles", "Kalamun", "Democratic Forces"])
        #expect(groups.allSatisfy { $0.mention.actor.inter == .rebelGroup && $0.mention.actor.country == "Syria" })
        // "It said": the speaker is the ministry of the sentence before.
        #expect(groups.allSatisfy { $0.speaker?.actor.name == "Government of Russia (2000-)" })
        // The actor layer holds the new groups, not the SDF nor a place called Qalamoun.
        let names = doc.actors.map(\.actor.name)
        #expect(names.contains("Kalamun") && names.contains("Democratic Forces"))
        #expect(!names.contains("QSD: Syrian Democratic Forces"))
    }

    @Test func aGroupNamedWithoutQuotesEndsWithItsCapitals() {
        let doc = analysed("The army said it had armed a faction called Desert Falcons in the east.")
        let groups = ReportedGroups.find(doc, actors: doc.actors, country: "Syria")
        #expect(groups.map(\.mention.actor.name) == ["Desert Falcons"])
        #expect(groups.first?.speaker?.actor.name == "Military Forces of Syria (2000-)")
    }

    @Test func aKnownGroupCalledByItsOwnNameKeepsItsEntry() {
        let doc = analysed("Officials said aid went to a group called \"Failaq al Rahman\" in the suburbs.")
        let groups = ReportedGroups.find(doc, actors: doc.actors, country: "Syria")
        #expect(groups.first?.mention.actor == Actor(name: "Failaq al Rahman", inter: .rebelGroup, country: "Syria"))
    }

    @Test func ordinaryUsesOfCalledNameNoGroup() {
        let doc = analysed("Residents called the hospital after the shelling. The so-called truce did not hold.")
        #expect(ReportedGroups.find(doc, actors: doc.actors, country: "Syria").isEmpty)
    }
}

/// The seed report: the actors issue 4 asks for.
@Suite struct ActorSeedReportTests {
    static let seed = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/seed/ghouta-report.txt").standardized

    @Test(.enabled(if: FileManager.default.fileExists(atPath: seed.path)))
    func recognisesTheActorsOfTheGhoutaReport() throws {
        let text = try String(contentsOf: Self.seed, encoding: .utf8)
        let pipeline = Pipeline(defaultPublished: CivilDate(year: 2015, month: 12, day: 15))
        let result = pipeline.run(Article(id: "seed", body: .text(text), published: CivilDate(year: 2015, month: 12, day: 15), origin: "seed"))
        let doc = result.doc
        let byText = Dictionary(doc.actors.map { (doc.text($0.span), $0.actor) }, uniquingKeysWith: { a, _ in a })
        // The five groups of the operations room, named as ACLED named them in 2015.
        for (phrase, name) in [("Islam Army", "Jaysh al Islam"), ("Ajnad al-Sham", "Ajnad al Sham"), ("Ahrar al-Sham", "AAS: Ahrar al Sham"),
                               ("Nusra Front", "Jabhat al Nusra"), ("Failaq al-Rahman", "Failaq al Rahman")] {
            #expect(byText[phrase] == Actor(name: name, inter: .rebelGroup, country: "Syria"), "\(phrase)")
        }
        let regime = Actor(name: "Military Forces of Syria (2000-)", inter: .stateForces, country: "Syria")
        for phrase in ["regime army", "regime forces", "regime troops"] {
            #expect(byText[phrase] == regime || byText["Syrian " + phrase] == regime, "\(phrase)")
        }
        // "Syrian regime army backed by Shiite militias": the militias are associated with the army.
        let militias = "Militia (Pro-Iran)"
        #expect(result.recorded.contains { $0.actor1?.name == regime.name && $0.assocActor1.contains { $0.name == militias } })
        // The four groups of the Russian statement: actors named in the ministry's claim.
        let reported = ReportedGroups.find(doc, actors: doc.actors, country: doc.focusCountry)
        #expect(reported.map(\.mention.actor.name) == ["Ganim", "Desert Lions", "Kalamun", "Democratic Forces"])
        #expect(reported.allSatisfy { $0.mention.actor.inter == .rebelGroup && $0.speaker?.actor.name == "Government of Russia (2000-)" })
        // No event is Sitrep's own finding about them.
        let names = Set(reported.map(\.mention.actor.name))
        #expect(!result.recorded.contains { e in [e.actor1, e.actor2].contains { names.contains($0?.name ?? "") } })
    }
}
