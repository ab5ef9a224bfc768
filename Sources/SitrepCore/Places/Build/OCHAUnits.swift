import Foundation

extension GazetteerBuild {
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
        var geonamesAdmin1: [Int: Int] = [:]   // country → admin1 units before OCHA's
        for r in recs where r.kind == .admin1 { geonamesAdmin1[r.country, default: 0] += 1 }
        var ochaAdmin1: [String: Int] = [:]
        for r in rows where r.level == 1 { ochaAdmin1[r.iso2, default: 0] += 1 }
        for r in rows where r.level == 1 {
            guard let ci = countryIndex[r.iso2] else { continue }
            // An admin1 the gazetteer has under this name, or named after the town its adjective
            // names ("Kharkivska" → Kharkiv), keeps its (ACLED) spelling.
            let nameKeys = keys(r.name) + adjectiveStems(r.name).map(PlaceKey.key)
            if let existing = recs.indices.first(where: { recs[$0].kind == .admin1 && recs[$0].country == ci
                && recs[$0].names.contains { n in nameKeys.contains(PlaceKey.key(n)) } }) {
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
            // With no more OCHA units than GeoNames ones, an OCHA name the gazetteer lacks is another
            // spelling of the unit its town lies in (Ukraine's "Donetska" is GeoNames' "Donetsk"), not
            // a newer unit (DR Congo's 26 provinces, where GeoNames has 11).
            if ochaAdmin1[r.iso2, default: 0] <= geonamesAdmin1[ci, default: 0],
               let existing = recs.indices.first(where: { recs[$0].kind == .admin1 && recs[$0].country == ci && recs[$0].name == t.admin1 }) {
                recs[existing].names = unique(recs[existing].names + [r.name])
                ocha1Name[r.pcode] = recs[existing].name
                ocha1Rec[r.pcode] = existing
                continue
            }
            let name = splitStateName(r.name)
            ocha1Name[r.pcode] = name
            ocha1Rec[r.pcode] = recs.count
            recs.append(BuildPlace(id: -(2_000_000 + recs.count), latitude: t.latitude, longitude: t.longitude, population: t.population,
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
            recs.append(BuildPlace(id: -(3_000_000 + recs.count), latitude: t.latitude, longitude: t.longitude,
                            population: anchored ? t.population : share, name: r.name, admin1: admin1, admin2: r.name,
                            seat: anchored ? t.name : t.seat, country: ci, kind: .admin2,
                            names: unique([r.name] + strippedAdminNames(r.name))))
            report.admin2 += 1
        }
    }

    /// "Donetska" → ["Donetsk"], "Kharkivska" → ["Kharkiv"] (`gazetteer/adjective-endings.txt`).
    func adjectiveStems(_ name: String) -> [String] {
        Lexicon.lines(at: Lexicon.url("gazetteer/adjective-endings.txt")).compactMap { ending in
            name.hasSuffix(ending) && name.count >= ending.count + 4 ? String(name.dropLast(ending.count)) : nil
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

}
