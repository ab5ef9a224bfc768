import Foundation

/// India's villages from the India Post directory (`villages/india-post-offices`): a branch
/// office (type 2) is named after its village. The source's coordinates are approximate and
/// some have latitude and longitude swapped; each office is checked against the centre of its
/// district's offices, swapped back when that fits, and left out when neither way does.
extension GazetteerBuild {
    /// Farther than this from its district's centre, an office's point is wrong.
    static let indiaDistrictReachKm = 120.0

    mutating func addIndiaPostOffices(_ towns: inout TownLookup) throws {
        guard let u = villageFile("india-post-offices/post-offices.csv.gz"), let india = countryIndex["IN"] else { return }
        let t = try csv(gzipped: u)
        guard let nameCol = t.column("office_name"), let typeCol = t.column("type_code"), let districtCol = t.column("district"),
              let stateCol = t.column("state"), let latCol = t.column("lat_e5"), let lonCol = t.column("lon_e5") else { return }
        let width = max(nameCol, typeCol, districtCol, stateCol, latCol, lonCol)
        func point(_ r: [String]) -> (lat: Double, lon: Double)? {
            guard let a = Double(r[latCol]), let b = Double(r[lonCol]) else { return nil }
            return validPoint((a / 100_000, b / 100_000))
        }
        // District centres: the median of all its offices' points, which the few wrong ones do not move.
        var pointsByDistrict: [String: [(lat: Double, lon: Double)]] = [:]
        for r in t.rows where r.count > width {
            if let p = point(r) { pointsByDistrict[r[stateCol] + "|" + r[districtCol], default: []].append(p) }
        }
        let centre = pointsByDistrict.mapValues { ps in
            (lat: ps.map(\.lat).sorted()[ps.count / 2], lon: ps.map(\.lon).sorted()[ps.count / 2])
        }
        var swapped = 0, dropped = 0
        var added: [String: [(lat: Double, lon: Double)]] = [:]  // key|district → points already added
        for r in t.rows where r.count > width && r[typeCol] == "2" {
            let district = r[stateCol] + "|" + r[districtCol]
            guard var p = point(r), let c = centre[district] else { continue }
            if Earth.distanceKm(p.lat, p.lon, c.lat, c.lon) > Self.indiaDistrictReachKm {
                if Earth.distanceKm(p.lon, p.lat, c.lat, c.lon) <= Self.indiaDistrictReachKm {
                    p = (p.lon, p.lat)
                    swapped += 1
                } else {
                    dropped += 1
                    continue
                }
            }
            let name = villageName(ofOffice: r[nameCol])
            guard name.count >= 3 else { continue }
            let key = PlaceKey.key(name)
            // Several offices of one village (two pincodes) are one place.
            if added[key + "|" + district]?.contains(where: { Earth.distanceKm($0.lat, $0.lon, p.lat, p.lon) < 3 }) == true { continue }
            added[key + "|" + district, default: []].append(p)
            if sameTown("IN", [name], lat: p.lat, lon: p.lon, maxKm: 8, towns) != nil {
                report.sourceMerged["indiapost", default: 0] += 1
                continue
            }
            guard let a1 = admin1("IN", [titleCased(r[stateCol])], towns) else { continue }
            append(BuildPlace(id: -(7_000_000 + recs.count), latitude: p.lat, longitude: p.lon, population: 0, name: name,
                              admin1: recs[a1].name, admin2: titleCased(r[districtCol]), country: india, kind: .populated,
                              admin1Record: a1, names: [name], source: "indiapost"), to: &towns)
            report.sourceAdded["indiapost", default: 0] += 1
        }
        report.notes.append("indiapost: \(swapped) swapped coordinates corrected, \(dropped) offices far from their district left out")
    }

    /// "Aps Colony B.O" → "Aps Colony"; "Kotla (Pune) BO" → "Kotla": the office suffix and the
    /// district in parentheses go, the village's name stays.
    func villageName(ofOffice office: String) -> String {
        var words = office.split(separator: " ").map(String.init)
        let suffixes: Set<String> = ["B.O", "BO", "B.O.", "S.O", "SO", "S.O.", "H.O", "HO", "H.O.", "PO", "P.O", "P.O.", "GPO", "EDBO", "EDSO"]
        while let last = words.last, suffixes.contains(last.uppercased()) { words.removeLast() }
        var name = words.joined(separator: " ")
        if let open = name.firstIndex(of: "(") { name = String(name[..<open]) }
        return name.trimmingCharacters(in: .whitespaces.union(.punctuationCharacters))
    }
}
