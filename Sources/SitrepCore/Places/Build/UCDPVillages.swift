import Foundation

extension GazetteerBuild {
    // MARK: UCDP villages (Syria)

    mutating func addUCDP() throws {
        let t = CSVTable(text: String(decoding: try read("ucdp/ged191-syria-2016-2019.csv"), as: UTF8.self))
        guard let wc = t.column("where_coordinates"), let wp = t.column("where_prec"), let la = t.column("latitude"),
              let lo = t.column("longitude"), let a2 = t.column("adm_2"), let a1 = t.column("adm_1") else { return }
        let suffixes: Set<String> = ["village", "town", "city", "suburb", "locality", "neighbourhood", "neighborhood"]
        struct Entry { var names: [String]; var points: [String: Int] = [:]; var adm2: [String: Int] = [:]; var adm1 = "" }
        var entries: [String: Entry] = [:]
        var order: [String] = []
        for r in t.rows where r.count > max(wc, wp, la, lo, a2, a1) {
            guard r[wp] == "1" || r[wp] == "2" else { continue }
            var words = r[wc].split(separator: " ").map(String.init)
            guard let last = words.last, suffixes.contains(last.lowercased()), words.count > 1 else { continue }
            words.removeLast()
            var names: [String] = []
            for part in words.joined(separator: " ").split(separator: "/") {
                let p = part.trimmingCharacters(in: .whitespaces)
                if let open = p.firstIndex(of: "("), let close = p.firstIndex(of: ")"), open < close {
                    names.append(String(p[..<open]).trimmingCharacters(in: .whitespaces))
                    names.append(String(p[p.index(after: open)..<close]))
                } else {
                    names.append(p)
                }
            }
            names = names.filter { !$0.isEmpty && $0.unicodeScalars.allSatisfy { $0.value < 0x250 || (0x2018...0x2019).contains($0.value) } }
            names = unique(names + names.flatMap(qualifierForms))
            guard let main = names.first else { continue }
            // Namesakes in different governorates stay apart (the Saida of Daraa and that of Ar Raqqa).
            let k = PlaceKey.key(main) + "|" + r[a1]
            if entries[k] == nil { entries[k] = Entry(names: [], adm1: r[a1]); order.append(k) }
            entries[k]!.names = unique(entries[k]!.names + names)
            entries[k]!.points["\(r[la]),\(r[lo])", default: 0] += 1
            let adm = r[a2].replacingOccurrences(of: " district", with: "")
            if !adm.isEmpty { entries[k]!.adm2[adm, default: 0] += 1 }
        }
        guard let sy = countryIndex["SY"] else { return }
        var grid = PointGrid()
        for (i, r) in recs.enumerated() where r.kind == .populated && r.country == sy { grid.insert(i, lat: r.latitude, lon: r.longitude) }
        var ocha2: [String: String] = [:]
        for r in try ochaRows() where r.level == 2 && r.iso2 == "SY" { ocha2[PlaceKey.key(r.name)] = r.name }
        var syAdmin1: [String: Int] = [:]
        for (i, r) in recs.enumerated() where r.kind == .admin1 && r.country == sy {
            for name in r.names { syAdmin1[PlaceKey.key(name)] = i }
        }
        for k in order {
            let e = entries[k]!
            let point = e.points.max { ($0.value, $1.key) < ($1.value, $0.key) }!.key.split(separator: ",")
            guard point.count == 2, let lat = Double(point[0]), let lon = Double(point[1]) else { continue }
            let keys = Set(e.names.map(PlaceKey.key))
            // The same town under another spelling: its UCDP names become alternates.
            if let same = grid.nearest(lat: lat, lon: lon, maxKm: 6, where: { i in self.recs[i].names.contains { keys.contains(PlaceKey.key($0)) } }) {
                recs[same].names = unique(recs[same].names + e.names)
                report.ucdpMerged += 1
                continue
            }
            // Admin names come from the nearest GeoNames town; desert posts (At Tanf) lie far from any.
            guard let near = grid.nearest(lat: lat, lon: lon, maxKm: 150, where: { _ in true }) else { continue }
            // UCDP names the governorate; the nearest town may lie across its border (Dibsi Afnan).
            var n = recs[near]
            let a1Key = PlaceKey.key(e.adm1.replacingOccurrences(of: " Governorate", with: ""))
            if let a1 = syAdmin1[a1Key], recs[a1].admin1 != n.admin1 {
                n.admin1 = recs[a1].admin1
                n.admin1Record = a1
                n.admin1Code = recs[a1].admin1Code
                n.admin2 = ""
            }
            let adm2Raw = e.adm2.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
            let adm2 = adm2Raw.map { ocha2[PlaceKey.key($0)] ?? $0 } ?? n.admin2
            recs.append(BuildPlace(id: -(4_000_000 + recs.count), latitude: lat, longitude: lon, population: 0, name: e.names[0],
                            admin1: n.admin1, admin2: adm2, country: sy, kind: .populated, admin1Record: n.admin1Record,
                            names: e.names, admin1Code: n.admin1Code))
            report.ucdpAdded += 1
        }
    }

    /// "Baghuz at-Tahtani" → "Baghuz", "Lower Baghuz"; "Mulayhah al Gharbiyah" → "Western Mulayhah"
    /// (arabic-qualifiers.tsv): the forms English reports use for one of two same-named villages.
    func qualifierForms(_ name: String) -> [String] {
        var words = name.split(whereSeparator: { $0 == " " || $0 == "-" }).map(String.init)
        guard words.count >= 2, let english = arabicQualifiers[TextFolding.fold(words.removeLast())] else { return [] }
        if let last = words.last, PlaceKey.articles.contains(Array(TextFolding.fold(last).utf8)) { words.removeLast() }
        guard !words.isEmpty else { return [] }
        let base = words.joined(separator: " ")
        return [base, english + " " + base]
    }

}
