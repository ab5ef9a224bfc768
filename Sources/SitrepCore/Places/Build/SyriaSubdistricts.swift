import Foundation

/// Syria's 272 sub-districts (nahiyas, `villages/syria-admin`): a sub-district is named after its
/// seat town, so each becomes an admin3 unit coded to that town, and the seat town answers to the
/// sub-district's other spellings ("Al-Shaddadah", "Shaddadah" for Shadadah).
extension GazetteerBuild {
    /// A seat town lies within this distance of its sub-district's centroid.
    static let subdistrictReachKm = 40.0

    mutating func addSyriaSubdistricts(_ towns: inout TownLookup) throws {
        guard let u = villageFile("syria-admin/subdistricts.json"), let sy = countryIndex["SY"],
              let data = FileManager.default.contents(atPath: u.path),
              let list = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else { return }
        let governorates = (villageFile("syria-admin/governorates.json").flatMap { FileManager.default.contents(atPath: $0.path) })
            .flatMap { try? JSONSerialization.jsonObject(with: $0) as? [[String: Any]] } ?? []
        let districts = (villageFile("syria-admin/districts.json").flatMap { FileManager.default.contents(atPath: $0.path) })
            .flatMap { try? JSONSerialization.jsonObject(with: $0) as? [[String: Any]] } ?? []
        func englishNames(_ o: [String: Any]) -> [String] {
            let main = (o["name"] as? [String: Any])?["en"] as? String
            let aliases = (o["aliases"] as? [[String: Any]] ?? []).compactMap { a -> String? in
                guard a["language"] as? String == "en", let v = a["value"] as? String else { return nil }
                // Machine transliterations in lower case ("nahyt shdadt") are no spelling anyone writes.
                return v.first?.isUppercase == true ? v : nil
            }
            return unique([main].compactMap { $0 } + aliases)
        }
        let governorateNames = Dictionary(governorates.compactMap { g in (g["id"] as? String).map { ($0, englishNames(g)) } },
                                          uniquingKeysWith: { a, _ in a })
        let districtNames = Dictionary(districts.compactMap { d in (d["id"] as? String).map { ($0, englishNames(d)) } },
                                       uniquingKeysWith: { a, _ in a })
        // ACLED writes Syrian districts as OCHA does; the gazetteer's admin2 records carry that spelling.
        var admin2ByKey: [String: String] = [:]
        for r in recs where r.kind == .admin2 && r.country == sy { for n in r.names { admin2ByKey[PlaceKey.key(n)] = r.name } }
        let unitWords = ["Subdistrict", "Sub-district", "Nahiyat", "Nāḩiyat", "Nahiya", "Nahia"]
        for o in list {
            let names = englishNames(o)
            guard let main = names.first, let c = o["centroid"] as? [String: Any], let lat = c["latitude"] as? Double,
                  let lon = c["longitude"] as? Double,
                  let a1 = admin1("SY", governorateNames[o["governorateId"] as? String ?? ""] ?? [], towns) else { continue }
            // The names a town could bear: without "Subdistrict", "Nahiyat".
            let townNames = unique(names.map { n in
                var w = n
                for u in unitWords { w = w.replacingOccurrences(of: u, with: "") }
                return w.trimmingCharacters(in: .whitespaces)
            }.filter { $0.count >= 3 })
            let seat = sameTown("SY", townNames, lat: lat, lon: lon, maxKm: Self.subdistrictReachKm, towns)
                .flatMap { recs[$0].admin1 == recs[a1].name ? $0 : nil }
            let district = (districtNames[o["districtId"] as? String ?? ""] ?? []).lazy.compactMap { admin2ByKey[PlaceKey.key($0)] }.first
                ?? seat.map { recs[$0].admin2 } ?? ""
            if let s = seat {
                recs[s].names = unique(recs[s].names + townNames)
                if recs[s].admin3.isEmpty { recs[s].admin3 = main }
                report.sourceMerged["opensyria", default: 0] += 1
            }
            let at = seat.map { (recs[$0].latitude, recs[$0].longitude) } ?? (lat, lon)
            append(BuildPlace(id: -(9_000_000 + recs.count), latitude: at.0, longitude: at.1, population: 0, name: main,
                              admin1: recs[a1].name, admin2: district, admin3: main, seat: seat.map { recs[$0].name } ?? main,
                              country: sy, kind: .admin3, admin1Record: a1, names: unique(names + townNames), source: "opensyria"),
                   to: &towns)
            report.sourceAdded["opensyria", default: 0] += 1
        }
        // Towns take the sub-district of the seat nearest to them within their district.
        var grid = PointGrid()
        for (i, r) in recs.enumerated() where r.kind == .admin3 && r.country == sy { grid.insert(i, lat: r.latitude, lon: r.longitude) }
        for i in recs.indices where recs[i].country == sy && recs[i].kind == .populated && recs[i].admin3.isEmpty {
            let r = recs[i]
            if let n = grid.nearest(lat: r.latitude, lon: r.longitude, maxKm: 30, where: { self.recs[$0].admin2 == r.admin2 }) {
                recs[i].admin3 = recs[n].admin3
            }
        }
    }
}
