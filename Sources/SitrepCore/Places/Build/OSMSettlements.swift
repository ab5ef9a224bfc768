import Foundation

/// OpenStreetMap settlements (`villages/nigeria-osm/settlements.csv.gz`: Nigeria's, with Yoruba,
/// Hausa and Igbo aliases), for `sitrep gazetteer import` only. The data are under the ODbL,
/// whose share-alike clause binds a database made from them: a user's own gazetteer may hold
/// them, the bundled one never does ("© OpenStreetMap contributors" wherever places from it are
/// published).
extension GazetteerBuild {
    mutating func addOSMSettlements(_ file: URL, _ towns: inout TownLookup) throws {
        let data = try Data(contentsOf: file)
        let t = CSVTable(text: String(decoding: Gzip.isGzip(data) ? try Gzip.decompress(data) : data, as: UTF8.self))
        guard let nameCol = t.column("canonical_name"), let aliasCol = t.column("aliases"), let typeCol = t.column("type"),
              let latCol = t.column("lat"), let lonCol = t.column("lng"), let stateCol = t.column("admin_state"),
              let lgaCol = t.column("admin_lga") else {
            throw GazetteerBuilder.BuildError.missing("\(file.path): no canonical_name, aliases, type, lat, lng, admin_state, admin_lga columns")
        }
        // The table's id says which country it covers ("ng-oy-…").
        let width = max(nameCol, aliasCol, typeCol, latCol, lonCol, stateCol, lgaCol)
        for r in t.rows where r.count > width && (r[typeCol] == "settlement" || r[typeCol] == "admin") {
            let iso = String(r[0].prefix(2)).uppercased()
            guard let ci = countryIndex[iso], let lat = Double(r[latCol]), let lon = Double(r[lonCol]),
                  let p = validPoint((lat, lon)), let a1 = admin1(iso, [r[stateCol]], towns) else { continue }
            let name = asciiName(r[nameCol])
            guard name.count >= 3 else { continue }
            let names = unique([name, r[nameCol]] + r[aliasCol].split(separator: ";").map { String($0) }.filter { $0.count >= 3 })
            if let same = sameTown(iso, names, lat: p.lat, lon: p.lon, maxKm: 5, towns) {
                recs[same].names = unique(recs[same].names + names)
                report.sourceMerged["osm", default: 0] += 1
                continue
            }
            append(BuildPlace(id: -(10_000_000 + recs.count), latitude: p.lat, longitude: p.lon, population: 0, name: name,
                              admin1: recs[a1].name, admin2: r[lgaCol], country: ci, kind: .populated, admin1Record: a1,
                              names: names, source: "osm"), to: &towns)
            report.sourceAdded["osm", default: 0] += 1
        }
    }
}
