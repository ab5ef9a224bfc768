import Foundation
import Testing
@testable import SitrepCore

/// `sitrep actors import`: a user's own ACLED exports extend the dictionary. The rows below are
/// made up in ACLED's column layouts; they are not ACLED data.
@Suite struct ActorImportTests {
    /// The 2023 schema: inter codes written as labels.
    let newSchema = """
    event_id_cnty,event_date,year,event_type,actor1,inter1,actor2,inter2,country
    ZZZ1,2023-03-02,2023,Battles,Sahel Hawks Brigade,Rebel group,Military Forces of Mali (2021-),State forces,Mali
    ZZZ2,2023-04-11,2023,Violence against civilians,Sahel Hawks Brigade,Rebel group,Civilians (Niger),Civilians,Niger
    ZZZ3,2023-04-12,2023,Battles,Jaysh al Islam,Rebel group,,,Syria
    """
    /// The pre-2019 schema: upper-case columns, numeric inter codes, day-month-year dates.
    let oldSchema = """
    GWNO,EVENT_ID_CNTY,EVENT_DATE,YEAR,EVENT_TYPE,ACTOR1,ALLY_ACTOR_1,INTER1,ACTOR2,ALLY_ACTOR_2,INTER2,COUNTRY
    432,1ZZZ,03-January-2015,2015,Battle-No change of territory,Sahel Hawks Brigade,,3,Military Forces of Mali (2013-),,1,Mali
    432,2ZZZ,04-January-2015,2015,Riots/Protests,Protesters (Mali),,6,,,0,Mali
    """

    @Test func readsBothSchemas() {
        let found = ActorDictionaryBuilder.harvest([CSVTable(text: newSchema), CSVTable(text: oldSchema)])
        let hawks = found.first { $0.name == "Sahel Hawks Brigade" }
        #expect(hawks?.inter == .rebelGroup, "the latest year's code wins")
        #expect(hawks?.countries == ["Mali", "Niger"])
        #expect((hawks?.firstYear, hawks?.lastYear, hawks?.count) == (2015, 2023, 3))
        #expect(!found.contains { $0.name.hasPrefix("Protesters") || $0.name.hasPrefix("Military Forces") })
    }

    @Test func countsNewUpdatedAndUnchangedNames() {
        let found = ActorDictionaryBuilder.harvest([CSVTable(text: newSchema)])
        let shipped = ActorDictionary.shippedEntries()
        let first = ActorDictionaryBuilder.merge(found, into: [], known: shipped)
        #expect(first.summary.added == ["Sahel Hawks Brigade"])
        // Jaysh al Islam ships with the dictionary, in Syria as a rebel group: nothing to write.
        #expect(first.summary.unchanged == 1)
        #expect(first.entries.map(\.name) == ["Sahel Hawks Brigade"])
        // Importing the same export again changes nothing.
        let again = ActorDictionaryBuilder.merge(found, into: first.entries, known: shipped)
        #expect(again.summary.added.isEmpty && again.summary.updated.isEmpty)
        #expect(again.entries.map(\.count) == first.entries.map(\.count))
        // An older export widens the years and adds a country of the known name.
        let older = ActorDictionaryBuilder.harvest([CSVTable(text: oldSchema)])
        let third = ActorDictionaryBuilder.merge(older, into: first.entries, known: shipped)
        #expect(third.summary.updated == ["Sahel Hawks Brigade"])
        #expect(third.entries.first?.firstYear == 2015)
        #expect(third.entries.first?.inter == .rebelGroup, "the 2015 code must not overwrite the 2023 one")
    }

    @Test func theDictionaryLoadsImportedActors() throws {
        // A data directory like the bundled one, with an imported file beside the shipped ones.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for f in try FileManager.default.contentsOfDirectory(atPath: Lexicon.url("actors").path) {
            try FileManager.default.copyItem(at: Lexicon.url("actors").appendingPathComponent(f), to: dir.appendingPathComponent(f))
        }
        let found = ActorDictionaryBuilder.harvest([CSVTable(text: newSchema)])
        let merged = ActorDictionaryBuilder.merge(found, into: [], known: ActorDictionary.shippedEntries(directory: dir))
        try ActorDictionaryBuilder.tsv(merged.entries, sources: "a test").write(to: dir.appendingPathComponent("imported.tsv"),
                                                                              atomically: true, encoding: .utf8)
        let dict = ActorDictionary(directory: dir)
        let may2023 = CivilDate(year: 2023, month: 5, day: 1)
        #expect(dict.lookup("Sahel Hawks Brigade", country: "Mali", date: may2023).first
                == Actor(name: "Sahel Hawks Brigade", inter: .rebelGroup, country: "Mali"))
        #expect(ActorDictionary.shared.lookup("Sahel Hawks Brigade", country: "Mali", date: may2023).isEmpty)
        // The matcher finds the new name in text.
        let doc = Doc(articleID: "t", origin: "test", title: nil, published: may2023, source: nil, url: nil,
                      clean: CleanText(text: "Sahel Hawks Brigade fighters ambushed a patrol near Menaka."))
        #expect(ActorMatcher(dictionary: dict).find(doc, country: "Mali", date: may2023).first?.actor.name == "Sahel Hawks Brigade")
    }
}
