import Foundation

/// Myanmar's villages, village tracts, townships and urban wards from MIMU's place codes
/// (`villages/myanmar-mimu`), with their hierarchy: a village knows its township (admin3),
/// district (admin2, ACLED's "Yangon-West" style) and state, so that "Nyaung Kone village … in
/// Pale Township … Sagaing region" can tell one Nyaung Kone from the 164 others.
extension GazetteerBuild {
    /// MIMU columns of one village or ward row.
    private struct MIMURow {
        var name: String
        var tract: String
        var township: String
        var townshipCode: String
        var district: String
        var state: String
        var point: (lat: Double, lon: Double)?
    }

    /// A township's points lie within this distance of their median.
    static let townshipReachKm = 80.0

    mutating func addMyanmarVillages(_ towns: inout TownLookup) throws {
        guard let villagesURL = villageFile("myanmar-mimu/villages.csv.gz"), let mm = countryIndex["MM"] else { return }
        let wardsURL = villageFile("myanmar-mimu/wards.csv.gz")
        func rows(_ t: CSVTable, name: String) -> [MIMURow] {
            let c = { (n: String) in t.column(n) ?? -1 }
            // A ward's "tract" is its town ("Bogale Town").
            let tr = t.column("village_tract_eng") ?? t.column("town_eng") ?? -1
            let (nm, ts, tc, di, st, la, lo) = (c(name), c("township_eng"), c("township_pcode"), c("district_eng"), c("state_eng"),
                                                c("latitude"), c("longitude"))
            guard nm >= 0, ts >= 0, tc >= 0, di >= 0, st >= 0, la >= 0, lo >= 0 else { return [] }
            return t.rows.compactMap { r in
                guard r.count > max(nm, ts, tc, di, st, la, lo, tr), !r[nm].isEmpty else { return nil }
                let point = Double(r[la]).flatMap { lat in Double(r[lo]).map { (lat, $0) } }
                return MIMURow(name: r[nm], tract: tr >= 0 ? r[tr] : "", township: r[ts], townshipCode: r[tc],
                               district: splitStateName(r[di]), state: r[st], point: point.flatMap { validPoint($0) })
            }
        }
        var villages = rows(try csv(gzipped: villagesURL), name: "village_eng")
        var wards = try wardsURL.map { rows(try csv(gzipped: $0), name: "ward_eng") } ?? []
        // Some points were geocoded to namesakes abroad (wards of Yinmarbin in Georgia, USA): a point
        // far from the median of its township's points is no point.
        var pointsByTownship: [String: [(lat: Double, lon: Double)]] = [:]
        for r in villages + wards { if let p = r.point { pointsByTownship[r.townshipCode, default: []].append(p) } }
        let townshipMedian = pointsByTownship.mapValues { median($0)! }
        var strays = 0
        func dropStrays(_ rows: inout [MIMURow]) {
            for i in rows.indices {
                guard let p = rows[i].point, let m = townshipMedian[rows[i].townshipCode] else { continue }
                if Earth.distanceKm(p.lat, p.lon, m.lat, m.lon) > Self.townshipReachKm { rows[i].point = nil; strays += 1 }
            }
        }
        dropStrays(&villages)
        dropStrays(&wards)
        report.notes.append("mimu: \(strays) points far from their township left out")

        // Townships, placed at their town: the centre of the wards of "<Township> Town", else a
        // town of the township's name near its villages, else the villages' centre.
        var byTownship: [String: [MIMURow]] = [:]
        for r in villages + wards { byTownship[r.townshipCode, default: []].append(r) }
        var townshipSeat: [String: (lat: Double, lon: Double)] = [:]
        for code in byTownship.keys.sorted() {
            let members = byTownship[code]!
            let first = members[0]
            guard let a1 = admin1("MM", [splitStateName(first.state), first.state], towns) else { continue }
            let townWards = wards.filter { $0.townshipCode == code && PlaceKey.key($0.tract) == PlaceKey.key(first.township + " Town") }
            let centre = median(members.compactMap(\.point))
            let seat = median(townWards.compactMap(\.point))
                ?? centre.flatMap { c in sameTown("MM", [first.township], lat: c.lat, lon: c.lon, maxKm: 60, towns).map { (recs[$0].latitude, recs[$0].longitude) } }
                ?? centre
            guard let s = seat else { continue }
            townshipSeat[code] = s
            // The town a township is named after, where GeoNames lacks it ("in Pale town").
            if !townWards.isEmpty, sameTown("MM", [first.township], lat: s.lat, lon: s.lon, maxKm: 10, towns) == nil {
                append(BuildPlace(id: -(6_000_000 + recs.count), latitude: s.lat, longitude: s.lon, population: 0, name: first.township,
                                  admin1: recs[a1].name, admin2: first.district, admin3: first.township, country: mm, kind: .populated,
                                  admin1Record: a1, names: [first.township], source: "mimu"), to: &towns)
                report.sourceAdded["mimu", default: 0] += 1
            }
            append(BuildPlace(id: -(6_000_000 + recs.count), latitude: s.lat, longitude: s.lon, population: 0, name: first.township,
                              admin1: recs[a1].name, admin2: first.district, admin3: first.township, seat: first.township, country: mm,
                              kind: .admin3, admin1Record: a1, names: unique([first.township, first.township + " Township"]),
                              source: "mimu"), to: &towns)
            report.sourceAdded["mimu", default: 0] += 1
        }

        for v in villages + wards.filter({ !isNumberedWard($0.name) }) {
            guard let a1 = admin1("MM", [splitStateName(v.state), v.state], towns) else { continue }
            var names = [v.name] + mimuVariants(v.name)
            var atSeat = false
            var seatName = ""
            var point = v.point
            // A village MIMU gives no point is coded, as ACLED codes it, at its township's town.
            if point == nil, let c = townshipSeat[v.townshipCode] {
                point = c
                seatName = v.township
                atSeat = true
            }
            guard let p = point else { continue }
            names = unique(names)
            if !atSeat, let same = sameTown("MM", names, lat: p.lat, lon: p.lon, maxKm: 5, towns) {
                recs[same].names = unique(recs[same].names + names)
                if recs[same].admin3.isEmpty { recs[same].admin3 = v.township }
                report.sourceMerged["mimu", default: 0] += 1
                continue
            }
            append(BuildPlace(id: -(6_000_000 + recs.count), latitude: p.lat, longitude: p.lon, population: 0, name: names[0],
                              admin1: recs[a1].name, admin2: v.district, admin3: v.township, seat: seatName, country: mm,
                              kind: .populated, admin1Record: a1, names: names, source: "mimu", placedAtSeat: atSeat), to: &towns)
            report.sourceAdded["mimu", default: 0] += 1
        }
        // Village tracts that no village of theirs is named after ("Kyun Hteik village tract"):
        // an area at the centre of its villages.
        var tracts: [String: [MIMURow]] = [:]
        for v in villages { tracts[v.townshipCode + "|" + v.tract, default: []].append(v) }
        for key in tracts.keys.sorted() {
            let members = tracts[key]!
            let first = members[0]
            var names = tractNames(first.tract)
            guard let main = names.first, !members.contains(where: { PlaceKey.key($0.name) == PlaceKey.key(main) }),
                  let centre = median(members.compactMap(\.point)),
                  let a1 = admin1("MM", [splitStateName(first.state), first.state], towns) else { continue }
            names.append(main + " village tract")
            append(BuildPlace(id: -(6_000_000 + recs.count), latitude: centre.lat, longitude: centre.lon, population: 0, name: main,
                              admin1: recs[a1].name, admin2: first.district, admin3: first.township, seat: first.township,
                              country: mm, kind: .populated, admin1Record: a1, names: unique(names), source: "mimu", placedAtSeat: true),
                   to: &towns)
            report.sourceAdded["mimu", default: 0] += 1
        }
        // Towns already there take the township they lie in (the nearest MIMU village's).
        var grid = PointGrid()
        for (i, r) in recs.enumerated() where r.source == "mimu" && r.kind == .populated && !r.placedAtSeat {
            grid.insert(i, lat: r.latitude, lon: r.longitude)
        }
        for i in recs.indices where recs[i].country == mm && recs[i].kind == .populated && recs[i].admin3.isEmpty {
            if let n = grid.nearest(lat: recs[i].latitude, lon: recs[i].longitude, maxKm: 5, where: { _ in true }) {
                recs[i].admin3 = recs[n].admin3
            }
        }
    }

    /// "(Kyun Nyo Gyi) Kyun Hteik" → ["Kyun Hteik", "Kyun Nyo Gyi"]: MIMU puts a tract's other name first.
    private func tractNames(_ tract: String) -> [String] {
        guard tract.hasPrefix("("), let close = tract.firstIndex(of: ")") else { return tract.isEmpty ? [] : [tract] }
        let other = String(tract[tract.index(after: tract.startIndex)..<close])
        let main = tract[tract.index(after: close)...].trimmingCharacters(in: .whitespaces)
        return [main, other].filter { !$0.isEmpty }
    }

    /// "No (3) Ward": a ward known by number says nothing a report would name.
    private func isNumberedWard(_ name: String) -> Bool {
        name.hasPrefix("No ") || name.hasPrefix("No(") || name.first?.isNumber == true
    }

    /// "Hle Seik (East)" → "East Hle Seik"; "Kyauk Myaung Ward" → "Kyauk Myaung".
    private func mimuVariants(_ name: String) -> [String] {
        var out: [String] = []
        if name.hasSuffix(" Ward") { out.append(String(name.dropLast(5))) }
        if name.hasSuffix(")"), let open = name.range(of: " (") {
            let part = name[open.upperBound..<name.index(before: name.endIndex)]
            let base = String(name[..<open.lowerBound])
            if ["North", "South", "East", "West", "Upper", "Lower", "Middle", "Old", "New"].contains(String(part)) {
                out.append("\(part) \(base)")
            }
        }
        return out
    }

    /// Sources sometimes leave zeros or swap fields: only points on the globe, not at 0,0.
    func validPoint(_ p: (Double, Double)) -> (lat: Double, lon: Double)? {
        guard (-90...90).contains(p.0), (-180...180).contains(p.1), p.0 != 0 || p.1 != 0 else { return nil }
        return (p.0, p.1)
    }

    /// The median latitude and longitude: a few stray points do not move it.
    func median(_ points: [(lat: Double, lon: Double)]) -> (lat: Double, lon: Double)? {
        guard !points.isEmpty else { return nil }
        return (points.map(\.lat).sorted()[points.count / 2], points.map(\.lon).sorted()[points.count / 2])
    }
}
