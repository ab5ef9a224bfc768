import Foundation

extension GazetteerBuild {
    // MARK: Admin1

    /// GeoNames admin1 ("SY.08") → ACLED's admin1 spelling, by majority over ACLED dev rows; a
    /// spelling that names the admin1 itself wins with a quarter of the votes (towns near a border
    /// send votes to the neighbour: Tigray's towns near Afar).
    func learnACLEDAdmin1(_ cities: [City]) throws -> [String: String] {
        var names = (try? json("gazetteer/geonames-admin/admin1CodesASCII.json") as? [String: Any])?.compactMapValues { $0 as? String } ?? [:]
        for (code, n) in extraAdmin1 where names[code] == nil { names[code] = n }
        var grid = PointGrid()
        for (i, c) in cities.enumerated() { grid.insert(i, lat: c.lat, lon: c.lon) }
        var result: [String: String] = [:]
        for cc in Set(acledVotes.exports.flatMap { $0.span.keys }).sorted() {
            var current: [String: String] = [:]
            for (n, export) in acledVotes.exports(covering: cc).enumerated() {
                var votes: [String: [String: Int]] = [:]
                for r in export.rows where r.country == cc {
                    guard let i = grid.nearest(lat: r.latitude, lon: r.longitude, maxKm: 30, where: { cities[$0].cc == cc }) else { continue }
                    votes["\(cc).\(cities[i].admin1)", default: [:]][r.admin1, default: 0] += 1
                }
                var named: [String: String] = [:]
                for (code, v) in votes {
                    let top = v.max { ($0.value, $1.key) < ($1.value, $0.key) }!
                    let own = names[code].map { n in Set(([n] + strippedAdminNames(n)).map(PlaceKey.key)) } ?? []
                    let ownName = v.filter { own.contains(PlaceKey.key($0.key)) && $0.value * 4 >= top.value }
                        .max { ($0.value, $1.key) < ($1.value, $0.key) }
                    named[code] = (ownName ?? top).key
                }
                if n == 0 {
                    current = named
                    continue
                }
                // An older export that names this country's units otherwise is of another period
                // (Libya's 2016 admin1 are no current unit): it fills no code.
                let shared = named.keys.filter { current[$0] != nil }
                let agreeing = shared.filter { PlaceKey.key(named[$0]!) == PlaceKey.key(current[$0]!) }.count
                if !shared.isEmpty, Double(agreeing) < 0.7 * Double(shared.count) { continue }
                for (code, name) in named where current[code] == nil { current[code] = name }
            }
            result.merge(current) { a, _ in a }
        }
        return result
    }

    mutating func buildAdmin1(_ cities: [City], _ spelling: [String: String]) throws {
        // Country records first.
        for (i, c) in countries.enumerated() {
            recs.append(BuildPlace(id: -(1_000_000 + i), latitude: c.latitude, longitude: c.longitude, population: c.population,
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

        // OCHA district name → its province's name, and the admin1 names ACLED uses per country.
        var ochaParent: [String: [String: String]] = [:]
        let rows = try ochaRows()
        let level1 = Dictionary(rows.filter { $0.level == 1 }.map { ($0.pcode, $0.name) }, uniquingKeysWith: { a, _ in a })
        for r in rows where r.level == 2 {
            if let p = level1[r.parent] { for n in [r.name] + strippedAdminNames(r.name) { ochaParent[r.iso2, default: [:]][PlaceKey.key(n)] = p } }
        }
        var votedNames: [String: Set<String>] = [:]
        for (code, n) in spelling { votedNames[String(code.prefix(2)), default: []].insert(n) }

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
            } else if acled == nil, let parent = ochaParent[cc]?[PlaceKey.key(asciiName(gname))] ?? stripped.lazy.compactMap({ ochaParent[cc]?[PlaceKey.key($0)] }).first,
                      votedNames[cc]?.contains(parent) == true {
                // A GeoNames admin1 that is an OCHA district of a unit ACLED names ("Al Marqab" in
                // Libya's West): ACLED's admin1 is that unit.
                names.insert(parent, at: 0)
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
            recs.append(BuildPlace(id: -(2_000_000 + recs.count), latitude: s?.lat ?? countries[ci].latitude,
                            longitude: s?.lon ?? countries[ci].longitude, population: total, name: names[0],
                            admin1: names[0], seat: s.map { displayName($0) } ?? "", country: ci, kind: .admin1,
                            names: unique(names), admin1Code: code))
        }
        self.admin1RecByCode = admin1Rec
        report.admin1 = admin1Rec.count
    }

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

    // MARK: Admin2

    struct OchaRow {
        var iso2: String
        var level: Int
        var pcode: String
        var name: String
        var parent: String
        /// The date this naming applies from (yyyy-mm-dd).
        var validFrom: String
    }

    func ochaRows() throws -> [OchaRow] {
        let t = CSVTable(text: String(decoding: try read("gazetteer/ocha-pcodes/global-pcodes-adm-1-2.csv"), as: UTF8.self))
        return t.rows.compactMap { r in
            guard r.count >= 5, let a2 = iso3to2[r[0].trimmingCharacters(in: CharacterSet(charactersIn: "\u{FEFF}"))],
                  let lvl = Int(r[1]) else { return nil }
            return OchaRow(iso2: a2, level: lvl, pcode: r[2], name: r[3], parent: r[4], validFrom: r.count > 5 ? r[5] : "")
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
            recs.append(BuildPlace(id: -(3_000_000 + recs.count), latitude: s.latitude, longitude: s.longitude,
                            population: members.reduce(0) { $0 + recs[$1].population }, name: name, admin1: s.admin1,
                            admin2: name, seat: s.name, country: s.country, kind: .admin2, admin1Record: s.admin1Record,
                            names: unique([name, raw] + stripped), admin1Code: s.admin1Code))
            report.admin2 += 1
        }
        for (i, n) in fixed { recs[i].admin2 = n }
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
            recs.append(BuildPlace(id: -(5_000_000 + recs.count), latitude: lat, longitude: lon, population: 0, name: row[1],
                            admin1: admin1, admin2: row[5], seat: row[8], country: ci, kind: kind, admin1Record: a1 ?? -1,
                            names: unique(names)))
            report.regions += 1
        }
    }

}
