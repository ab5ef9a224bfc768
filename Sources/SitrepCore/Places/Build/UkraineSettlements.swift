import Foundation

/// Ukraine's settlements from the official codifier (KATOTTG, `villages/ukraine-katottg`), which
/// has names and the oblast → raion → hromada hierarchy but no coordinates. A settlement that
/// GeoNames has (same name, same oblast, near its hromada's seat) gives that town its raion
/// (ACLED's admin2, "Bakhmutskyi"), hromada (admin3) and Russian-style spelling; any other is
/// placed at the seat of its hromada — the settlement the hromada is named after — or, failing
/// that, of its raion, as a coder's "near X" (geo_precision 2).
extension GazetteerBuild {
    /// One codifier row: its own code, its parents' codes, category and Cyrillic name.
    private struct Unit {
        var code: String
        var oblast: String
        var raion: String
        var hromada: String
        var category: String
        var name: String
    }

    /// A hromada is at most this far from its seat: a GeoNames town of a settlement's name
    /// farther away is a namesake.
    static let hromadaReachKm = 35.0

    mutating func addUkraineSettlements(_ towns: inout TownLookup) throws {
        guard let u = villageFile("ukraine-katottg/kodifikator.csv.gz"), let ua = countryIndex["UA"] else { return }
        let names = UkrainianNames()
        let table = try csv(gzipped: u)
        var units: [Unit] = []
        for r in table.rows where r.count >= 7 && r[0].hasPrefix("UA") {
            let codes = r[0..<5].map { $0.trimmingCharacters(in: .whitespaces) }
            guard let own = codes.last(where: { !$0.isEmpty }) else { continue }
            units.append(Unit(code: own, oblast: codes[0], raion: codes[1], hromada: codes[2], category: r[5].trimmingCharacters(in: .whitespaces),
                              name: r[6].trimmingCharacters(in: .whitespaces)))
        }
        let byCode = Dictionary(units.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let settlements = units.filter { ["M", "X", "C"].contains($0.category) }
        let inHromada = Dictionary(grouping: settlements, by: \.hromada)
        let inRaion = Dictionary(grouping: settlements, by: \.raion)

        // Oblasts (and the two cities of special status) → the gazetteer's admin1: by name, else by
        // where GeoNames puts the oblast's cities (the adjectives "Donetska", "Odeska" name no admin1).
        var admin1Of: [String: Int] = [:]
        let citiesByOblast = Dictionary(grouping: settlements.filter { $0.category == "M" }, by: \.oblast)
        for o in units where o.category == "O" || o.category == "K" {
            let latin = names.nationalForm(o.name)
            if let a = admin1("UA", o.category == "K" ? [latin + " City", latin] : [latin], towns) {
                admin1Of[o.code] = a
                continue
            }
            var votes: [String: Int] = [:]
            for c in citiesByOblast[o.code] ?? [] {
                for t in Set(names.forms(c.name).flatMap { towns.towns("UA", $0) }) { votes[recs[t].admin1, default: 0] += 1 }
            }
            if let top = votes.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })?.key,
               let a = admin1("UA", [top], towns) {
                admin1Of[o.code] = a
            }
        }

        /// The GeoNames towns of a settlement's name in its oblast.
        func candidates(_ s: Unit) -> [Int] {
            guard let a1 = admin1Of[s.oblast] else { return [] }
            let admin1Name = recs[a1].name
            return Array(Set(names.forms(s.name).flatMap { towns.towns("UA", $0) }.filter { recs[$0].admin1 == admin1Name })).sorted()
        }
        /// The settlement a unit is named after ("Андріївська" → "Андріївка"), preferring cities.
        func seat(of unitName: String, among members: [Unit]) -> Unit? {
            let n = Array(unitName.lowercased())
            var best: (Unit, Int)?
            for m in members {
                let s = Array(m.name.lowercased())
                var common = 0
                while common < min(n.count, s.count), n[common] == s[common] { common += 1 }
                guard common >= 3, common >= s.count - 2 else { continue }
                let rank = common * 4 + (m.category == "M" ? 3 : m.category == "X" ? 2 : 1)
                if best == nil || rank > best!.1 { best = (m, rank) }
            }
            return best?.0
        }
        /// Where a unit is: among the GeoNames towns named like its members, the one most of the
        /// other members have a namesake near — its seat's when the seat is among them. Names repeat
        /// across an oblast (a dozen Mykhailivkas), the neighbourhood of a unit's villages does not.
        func locate(_ members: [Unit], seat: Unit?, reachKm: Double) -> Int? {
            let located = members.map { (unit: $0, towns: candidates($0)) }.filter { !$0.towns.isEmpty }
            var best: (town: Int, rank: Double)?
            for (m, ts) in located {
                for t in ts {
                    var support = 0
                    for (other, ots) in located where other.code != m.code {
                        if ots.contains(where: { Earth.distanceKm(recs[$0].latitude, recs[$0].longitude, recs[t].latitude, recs[t].longitude) <= reachKm }) {
                            support += 1
                        }
                    }
                    let isSeat = seat.map { $0.code == m.code } ?? false
                    // The seat alone, or a lone namesake, is trusted only when it is the one candidate.
                    guard support > 0 || located.count == 1 && ts.count == 1 || isSeat && ts.count == 1 else { continue }
                    let rank = Double(support) + (isSeat ? 2 : 0) + (m.category == "M" ? 1 : 0) + log10(Double(max(recs[t].population, 1))) / 10
                    if best == nil || rank > best!.rank { best = (t, rank) }
                }
            }
            return best?.town
        }
        let unmapped = units.filter { ($0.category == "O" || $0.category == "K") && admin1Of[$0.code] == nil }.map { names.nationalForm($0.name) }
        if !unmapped.isEmpty { report.notes.append("katottg: no admin1 for " + unmapped.joined(separator: ", ")) }
        var seatTown: [String: Int] = [:]    // hromada or raion code → where it is (its seat, else its villages' consensus)
        for h in units where h.category == "H" {
            let members = inHromada[h.code] ?? []
            if let t = locate(members, seat: seat(of: h.name, among: members), reachKm: 20) { seatTown[h.code] = t }
        }
        for r in units where r.category == "P" {
            let members = inRaion[r.code] ?? []
            if let t = locate(members.filter { $0.category != "C" }, seat: seat(of: r.name, among: members.filter { $0.category == "M" }), reachKm: 50) {
                seatTown[r.code] = t
            }
        }

        let hromadas = units.filter { $0.category == "H" }
        report.notes.append("katottg: seats found for \(hromadas.filter { seatTown[$0.code] != nil }.count) of \(hromadas.count) hromadas, "
            + "\(units.filter { $0.category == "P" && seatTown[$0.code] != nil }.count) of \(units.filter { $0.category == "P" }.count) raions")
        var added = 0, merged = 0
        for s in settlements {
            guard let a1 = admin1Of[s.oblast] else { continue }
            let raion = byCode[s.raion].map { names.nationalForm($0.name) } ?? ""
            let hromada = byCode[s.hromada].map { names.nationalForm($0.name) } ?? ""
            let spellings = names.forms(s.name)
            let anchor = seatTown[s.hromada] ?? seatTown[s.raion]
            // The same place in GeoNames: its name in its oblast, near its hromada's seat.
            let same = spellings.flatMap { towns.towns("UA", $0) }.filter { i in
                recs[i].admin1 == recs[a1].name && anchor.map {
                    Earth.distanceKm(recs[i].latitude, recs[i].longitude, recs[$0].latitude, recs[$0].longitude) <= Self.hromadaReachKm
                } ?? true
            }
            if let i = same.min(by: { a, b in
                guard let anchor else { return recs[a].population > recs[b].population }
                return Earth.distanceKm(recs[a].latitude, recs[a].longitude, recs[anchor].latitude, recs[anchor].longitude)
                    < Earth.distanceKm(recs[b].latitude, recs[b].longitude, recs[anchor].latitude, recs[anchor].longitude)
            }), anchor != nil || same.count == 1 {
                // ACLED writes Ukrainian places in the national transliteration ("Mykolaiv", not GeoNames'
                // "Mykolayiv"): that becomes the place's name, GeoNames' stays a spelling of it.
                recs[i].names = unique([spellings[0]] + recs[i].names + spellings)
                recs[i].name = spellings[0]
                recs[i].admin2 = raion
                recs[i].admin3 = hromada
                merged += 1
                continue
            }
            guard let anchor else { continue }
            let at = recs[anchor]
            append(BuildPlace(id: -(8_000_000 + recs.count), latitude: at.latitude, longitude: at.longitude, population: 0,
                              name: spellings[0], admin1: recs[a1].name, admin2: raion, admin3: hromada, seat: at.name, country: ua,
                              kind: .populated, admin1Record: a1, names: spellings, source: "katottg", placedAtSeat: true), to: &towns)
            added += 1
        }
        // Hromadas as units of their own, coded to their seat ("Sviatohirsk hromada").
        for h in units where h.category == "H" {
            guard let a1 = admin1Of[h.oblast], let t = seatTown[h.code] else { continue }
            let latin = names.nationalForm(h.name)
            let raion = byCode[h.raion].map { names.nationalForm($0.name) } ?? ""
            append(BuildPlace(id: -(8_000_000 + recs.count), latitude: recs[t].latitude, longitude: recs[t].longitude, population: 0,
                              name: latin, admin1: recs[a1].name, admin2: raion, admin3: latin, seat: recs[t].name, country: ua,
                              kind: .admin3, admin1Record: a1, names: unique([latin, recs[t].name + " hromada"]), source: "katottg"),
                   to: &towns)
            added += 1
        }
        report.sourceAdded["katottg", default: 0] += added
        report.sourceMerged["katottg", default: 0] += merged
    }
}
