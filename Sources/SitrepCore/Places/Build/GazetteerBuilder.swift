import Foundation

/// Builds Sitrep's compact gazetteer (`gazetteer/places.bin` + `gazetteer/countries.tsv`) from
/// the shared GeoNames, ISO, OCHA and UCDP extracts and the hand-written files in `out`
/// (`regions.tsv`, `countries-extra.tsv`). Run once by a developer (`sitrep gazetteer build`);
/// its output is committed, so nothing here runs in the pipeline.
///
/// ACLED's dev exports are read for one fact only: how ACLED spells each GeoNames admin1 in
/// each country (by voting, per GeoNames admin1, over the ACLED rows whose point falls
/// nearest a town of that admin1). No ACLED location, coordinate or row reaches the output.
public enum GazetteerBuilder {
    public struct BuildReport: Sendable, CustomStringConvertible {
        public var countries = 0
        public var admin1 = 0
        public var admin1WithACLEDSpelling = 0
        public var admin2 = 0
        public var populated = 0
        public var ucdpAdded = 0
        public var ucdpMerged = 0
        public var regions = 0
        public var keys = 0
        public var postings = 0
        public var bytes = 0
        public var unmatchedACLEDCountries: [String] = []
        /// Remarks of the village sources (coordinates corrected, rows left out).
        public var notes: [String] = []
        /// Village sources this copy of ../shared/data lacks (the build goes on without them).
        public var missingSources: [String] = []
        /// Per village source: places added, and places that were already there and took its names.
        public var sourceAdded: [String: Int] = [:]
        public var sourceMerged: [String: Int] = [:]
        /// Set by an import (`dump`): what the GeoNames dump files added.
        public var dump: DumpReport?

        public var description: String {
            var s = """
            countries \(countries), admin1 \(admin1) (ACLED spelling for \(admin1WithACLEDSpelling)), admin2 \(admin2), \
            populated \(populated) (UCDP added \(ucdpAdded), merged \(ucdpMerged)), regions \(regions)
            keys \(keys), place sources \(bytes) bytes (gzipped)
            ACLED countries without ISO code: \(unmatchedACLEDCountries.joined(separator: ", "))
            """
            for tag in sourceAdded.keys.sorted() {
                s += "\n\(tag): \(sourceAdded[tag]!) places added, \(sourceMerged[tag] ?? 0) merged into places already there"
            }
            for n in notes { s += "\n" + n }
            if !missingSources.isEmpty { s += "\nvillage sources not found (built without them): " + missingSources.joined(separator: ", ") }
            if let dump { s += "\n" + dump.description }
            return s
        }
    }

    /// A full GeoNames dump to add to the shared sources (`sitrep gazetteer import`).
    public struct DumpImport: Sendable {
        public var files: [URL]
        /// `admin1CodesASCII.txt`: names for admin1 codes the shared admin1 table lacks.
        public var admin1Codes: URL?
        /// `admin2Codes.txt`: admin2 names of the dump's places.
        public var admin2Codes: URL?
        /// OpenStreetMap settlement tables (`villages/nigeria-osm/settlements.csv.gz`): ODbL data,
        /// which only a user's own import may hold, never the bundled gazetteer.
        public var osmSettlements: [URL]

        public init(files: [URL], admin1Codes: URL? = nil, admin2Codes: URL? = nil, osmSettlements: [URL] = []) {
            self.files = files
            self.admin1Codes = admin1Codes
            self.admin2Codes = admin2Codes
            self.osmSettlements = osmSettlements
        }
    }

    public struct DumpReport: Sendable, CustomStringConvertible {
        public var lines = 0
        /// Populated places (feature class P) read from the dump files.
        public var populated = 0
        public var added = 0
        /// Populated places the shared sources already had (same geonameid).
        public var alreadyPresent = 0
        /// Admin1 codes named from admin1CodesASCII because the shared table lacks them.
        public var admin1Named = 0
        public var admin2Names = 0
        public var badCount = 0
        /// The first bad lines of each file (see `GeoNamesDump.maxListedBadLines`).
        public var badLines: [GeoNamesDump.BadLine] = []

        public var description: String {
            """
            dump: \(lines) lines, \(populated) populated places, \(added) added, \(alreadyPresent) already present; \
            admin1 names added \(admin1Named), admin2 names \(admin2Names); bad lines \(badCount)
            """
        }

        mutating func take(_ r: GeoNamesDump.ReadReport) {
            badCount += r.badCount
            badLines += r.badLines
        }
    }

    public enum BuildError: Error, CustomStringConvertible {
        case missing(String)
        case decompress(String)
        public var description: String {
            switch self {
            case .missing(let p): "missing input: \(p)"
            case .decompress(let p): "cannot decompress \(p)"
            }
        }
    }

    public static func build(sharedData: URL, out: URL) throws -> BuildReport {
        var b = GazetteerBuild(shared: sharedData, out: out)
        try b.run()
        return b.report
    }

    /// The same build with a GeoNames dump's populated places added; `out` is a gazetteer folder
    /// that `$SITREP_GAZETTEER` can point to. Its common-word list is written inside it (the
    /// dump makes more English words place names), where `PlaceLexicon` looks for it.
    public static func build(sharedData: URL, out: URL, dump: DumpImport) throws -> BuildReport {
        var b = GazetteerBuild(shared: sharedData, out: out)
        b.dump = dump
        b.commonWordsURL = out.appendingPathComponent(Gazetteer.commonWordsFile)
        try b.run()
        return b.report
    }
}

struct GazetteerBuild {
    let shared: URL
    let out: URL
    var report = GazetteerBuilder.BuildReport()

    var countries: [BuildCountry] = []
    var countryIndex: [String: Int] = [:]       // iso2 → row
    var iso3to2: [String: String] = [:]
    var recs: [BuildPlace] = []
    var adminWords: [(words: [String], qualifier: String)] = []
    var arabicQualifiers: [String: String] = [:]
    var dump: GazetteerBuilder.DumpImport?
    /// Admin1 names from the dump's admin1CodesASCII, for codes the shared table lacks.
    var extraAdmin1: [String: String] = [:]
    var commonWordsURL: URL

    init(shared: URL, out: URL) {
        self.shared = shared
        self.out = out
        commonWordsURL = out.deletingLastPathComponent().appendingPathComponent("lexicon/places-common-words.txt")
    }

    var admin1RecByCode: [String: Int] = [:]
    /// ACLED's admin names by export and period (read after the countries).
    var acledVotes = ACLEDAdminVotes()

    func url(_ p: String) -> URL { shared.appendingPathComponent(p) }

    func read(_ p: String) throws -> Data {
        let u = url(p)
        guard let d = FileManager.default.contents(atPath: u.path) else { throw GazetteerBuilder.BuildError.missing(u.path) }
        return d
    }

    func json(_ p: String) throws -> Any {
        // Mordecai's admin1 table has bare NaN values (pandas output), which JSON does not allow.
        let text = String(decoding: try read(p), as: UTF8.self).replacingOccurrences(of: ": NaN", with: ": null")
        return try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    func handFile(_ name: String) -> [[String]] {
        let local = out.appendingPathComponent(name)
        let u = FileManager.default.fileExists(atPath: local.path) ? local : Lexicon.url("gazetteer/\(name)")
        // Not Lexicon.lines: trimming would drop a trailing empty column.
        let text = (try? String(contentsOf: u, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    mutating func run() throws {
        adminWords = Lexicon.lines(at: adminWordsURL()).compactMap { line in
            let p = line.split(separator: "\t").map(String.init)
            guard p.count == 2 else { return nil }
            return (p[0].split(separator: " ").map(String.init), p[1])
        }
        for row in handFile("arabic-qualifiers.tsv") where row.count >= 2 { arabicQualifiers[row[0]] = row[1] }
        try loadCountries()
        var iso2: [String: String] = [:]
        for c in countries { iso2[c.acledName] = c.iso2 }
        acledVotes = ACLEDAdminVotes(folder: url("acled-dev"), iso2ByACLEDName: iso2)
        let cities = try loadCities()
        let admin1Spelling = try learnACLEDAdmin1(cities)
        try buildAdmin1(cities, admin1Spelling)
        tagSource("geonames")
        try buildPopulated(cities)
        try buildAdmin2()
        tagSource("geonames")
        try addOCHAUnits()
        tagSource("ocha")
        try learnACLEDLevels()
        tagSource("geonames")
        try addUCDP()
        tagSource("ucdp")
        var towns = TownLookup(recs, countries: countries)
        try addSyriaSubdistricts(&towns)
        try addMyanmarVillages(&towns)
        try addIndiaPostOffices(&towns)
        try addUkraineSettlements(&towns)
        for f in dump?.osmSettlements ?? [] { try addOSMSettlements(f, &towns) }
        addRegions()
        tagSource("sitrep")
        try write()
    }

    /// Records added since the last call come from `source`.
    mutating func tagSource(_ source: String) {
        for i in recs.indices.reversed() {
            guard recs[i].source.isEmpty else { break }
            recs[i].source = recs[i].kind == .country ? "iso3166" : source
        }
    }

    func adminWordsURL() -> URL {
        let local = out.deletingLastPathComponent().appendingPathComponent("lexicon/places-admin-words.txt")
        return FileManager.default.fileExists(atPath: local.path) ? local : Lexicon.url("lexicon/places-admin-words.txt")
    }

    func unique(_ a: [String]) -> [String] {
        var seen = Set<String>()
        return a.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    func gunzip(_ u: URL) throws -> Data {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/gzip")
        p.arguments = ["-dc", u.path]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw GazetteerBuilder.BuildError.decompress(u.path) }
        return data
    }

}
