import Foundation

/// India's villages and towns from the India Post directory (`villages/india-post-offices`): a
/// branch office (type 2) is named after its village, a head or sub office (types 0 and 1) after
/// its town or locality. The source's coordinates are approximate and some have latitude and
/// longitude swapped; each office is checked against the centre of its district's offices,
/// swapped back when that fits, and left out when neither way does. An office without a point is
/// placed at its district's head office, as a coder's "near" it; a district the gazetteer lacks
/// becomes an admin2 unit there.
extension GazetteerBuild {
    /// Farther than this from its district's centre, an office's point is wrong.
    static let indiaDistrictReachKm = 120.0

    mutating func addIndiaPostOffices(_ towns: inout TownLookup) throws {
        guard let u = villageFile("india-post-offices/post-offices.csv.gz"), let india = countryIndex["IN"] else { return }
        let t = try csv(gzipped: u)
        guard let nameCol = t.column("office_name"), let typeCol = t.column("type_code"), let districtCol = t.column("district"),
              let stateCol = t.column("state"), let latCol = t.column("lat_e5"), let lonCol = t.column("lon_e5") else { return }
        let width = max(nameCol, typeCol, districtCol, stateCol, latCol, lonCol)
        let rows = t.rows.filter { $0.count > width && ["0", "1", "2"].contains($0[typeCol]) }
        func point(_ r: [String]) -> (lat: Double, lon: Double)? {
            guard let a = Double(r[latCol]), let b = Double(r[lonCol]) else { return nil }
            return validPoint((a / 100_000, b / 100_000))
        }
        func district(_ r: [String]) -> String { r[stateCol] + "|" + r[districtCol] }
        // District centres: the median of all its offices' points, which the few wrong ones do not move.
        var pointsByDistrict: [String: [(lat: Double, lon: Double)]] = [:]
        for r in rows { if let p = point(r) { pointsByDistrict[district(r), default: []].append(p) } }
        let centre = pointsByDistrict.compactMapValues { median($0) }
        /// An office's point checked against its district (nil when it fits neither way).
        var swapped = 0, dropped = 0
        func checked(_ r: [String]) -> (lat: Double, lon: Double)? {
            guard let p = point(r), let c = centre[district(r)] else { return nil }
            if Earth.distanceKm(p.lat, p.lon, c.lat, c.lon) <= Self.indiaDistrictReachKm { return p }
            if Earth.distanceKm(p.lon, p.lat, c.lat, c.lon) <= Self.indiaDistrictReachKm { swapped += 1; return (p.lon, p.lat) }
            dropped += 1
            return nil
        }
        let points = rows.map(checked)
        // Head offices stand for their district's seat.
        var headOffice: [String: (name: String, point: (lat: Double, lon: Double))] = [:]
        for (i, r) in rows.enumerated() where r[typeCol] == "0" {
            if headOffice[district(r)] == nil, let p = points[i] { headOffice[district(r)] = (villageName(ofOffice: r[nameCol]), p) }
        }
        // Districts the gazetteer lacks (ACLED's admin2 in India), at their head office or centre.
        var districtsDone = Set<String>()
        let known = Set(recs.filter { $0.kind == .admin2 && $0.country == india }.map { $0.admin1 + "|" + PlaceKey.key($0.name) })
        for r in rows where !districtsDone.contains(district(r)) {
            districtsDone.insert(district(r))
            let name = titleCased(r[districtCol])
            guard let a1 = admin1("IN", [titleCased(r[stateCol])], towns),
                  !known.contains(recs[a1].name + "|" + PlaceKey.key(name)),
                  let at = headOffice[district(r)]?.point ?? centre[district(r)] else { continue }
            append(BuildPlace(id: -(7_000_000 + recs.count), latitude: at.lat, longitude: at.lon, population: 0, name: name,
                              admin1: recs[a1].name, admin2: name, seat: headOffice[district(r)]?.name ?? name, country: india,
                              kind: .admin2, admin1Record: a1, names: [name, name + " district"], source: "indiapost"), to: &towns)
            report.sourceAdded["indiapost", default: 0] += 1
        }
        var added: [String: [(lat: Double, lon: Double)]] = [:]  // key|district → points already added
        for (i, r) in rows.enumerated() {
            let name = villageName(ofOffice: r[nameCol])
            guard name.count >= 3, let a1 = admin1("IN", [titleCased(r[stateCol])], towns) else { continue }
            var p = points[i]
            var seat = ""
            if p == nil, point(r) == nil, let h = headOffice[district(r)] {
                p = h.point
                seat = h.name
            }
            guard let at = p else { continue }
            let key = PlaceKey.key(name) + "|" + district(r)
            // Several offices of one place (two pincodes) are one place.
            if added[key]?.contains(where: { Earth.distanceKm($0.lat, $0.lon, at.lat, at.lon) < 3 }) == true { continue }
            added[key, default: []].append(at)
            if seat.isEmpty, sameTown("IN", [name], lat: at.lat, lon: at.lon, maxKm: 8, towns) != nil {
                report.sourceMerged["indiapost", default: 0] += 1
                continue
            }
            append(BuildPlace(id: -(7_000_000 + recs.count), latitude: at.lat, longitude: at.lon, population: 0, name: name,
                              admin1: recs[a1].name, admin2: titleCased(r[districtCol]), seat: seat, country: india, kind: .populated,
                              admin1Record: a1, names: [name], source: "indiapost", placedAtSeat: !seat.isEmpty), to: &towns)
            report.sourceAdded["indiapost", default: 0] += 1
        }
        report.notes.append("indiapost: \(swapped) swapped coordinates corrected, \(dropped) offices far from their district left out")
    }

    /// "Aps Colony B.O" → "Aps Colony"; "Sankra SO Jaisalmer" → "Sankra"; "Kotla (Pune) BO" →
    /// "Kotla": the office type and what follows it, and a district in parentheses, go.
    func villageName(ofOffice office: String) -> String {
        let suffixes: Set<String> = ["B.O", "BO", "B.O.", "S.O", "SO", "S.O.", "H.O", "HO", "H.O.", "PO", "P.O", "P.O.", "GPO", "EDBO", "EDSO"]
        let words = office.split(separator: " ").map(String.init)
        let end = words.indices.dropFirst().first { suffixes.contains(words[$0].uppercased()) } ?? words.count
        var name = words[..<end].joined(separator: " ")
        if let open = name.firstIndex(of: "(") { name = String(name[..<open]) }
        return name.trimmingCharacters(in: .whitespaces.union(.punctuationCharacters))
    }
}
