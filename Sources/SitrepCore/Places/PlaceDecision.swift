import Foundation

extension Reading {
    // MARK: 3. Decision

    /// A gazetteer record as a candidate, decoded once per document: a name the text repeats has
    /// the same readings each time.
    mutating func candidate(_ record: Int, mainName: Bool) -> PlaceCandidate {
        let key = record << 1 | (mainName ? 1 : 0)
        if let c = decoded[key] { return c }
        let c = gazetteer.candidate(record: record, mainName: mainName)
        decoded[key] = c
        return c
    }

    mutating func decide() {
        // Decode a first batch of candidates for every name.
        for k in found.indices {
            found[k].candidates = found[k].postings.prefix(16).map { candidate($0.record, mainName: $0.mainName) }
        }
        weighCountries()
        // Make sure each name has its candidates in the focus country and the countries the text names.
        let wanted = Set([focus].compactMap { $0 }).union(namedCountries).union(groupCountry.values)
        if !wanted.isEmpty {
            for k in found.indices where found[k].postings.count > 16 {
                var extra: [PlaceCandidate] = []
                var perCountry: [Int: Int] = [:]
                // A name with admin names beside it ("Oleksandrivka, Donetsk") may be one of dozens of
                // namesakes in the country: look at enough of them to find the one in that province.
                // (Myanmar has 165 villages called Nyaung Kone: the township named decides among all.)
                let cap = found[k].context.isEmpty ? 6 : 400
                for p in found[k].postings.dropFirst(16).prefix(2000) {
                    let c = gazetteer.countryIndex(record: p.record)
                    guard wanted.contains(c), perCountry[c, default: 0] < cap else { continue }
                    perCountry[c, default: 0] += 1
                    extra.append(candidate(p.record, mainName: p.mainName))
                }
                found[k].candidates += extra
                plausibleReadings.forget(k)
            }
        }
        // Two rounds: the second can use the points of names resolved in the first.
        for round in 0..<2 {
            let anchorAt: [Place?] = round == 0 ? [] : found.indices.map { k in
                guard found[k].accepted, let p = found[k].best?.place, p.kind != .country else { return nil }
                return p
            }
            // With fewer than two places there is nothing to place one by the other.
            if round == 1, anchorAt.lazy.compactMap({ $0 }).prefix(2).count < 2 { break }
            for k in found.indices {
                // Names nearby in the text place each other; a name is no anchor for itself. The
                // window keeps long documents linear; a place named again in it counts once.
                var window: [Place] = []
                if round == 1 {
                    for j in max(0, k - 24)..<min(found.count, k + 25) where j != k {
                        if let p = anchorAt[j], !window.contains(p) { window.append(p) }
                    }
                }
                score(k, anchors: window)
            }
            for k in found.indices { judge(k) }
        }
        shareReadings()
        dropStrayNeighbourhoods()
        readCityStates()
    }

    /// One place per name in a document: "between Htee Saung and Kan Kyu villages (coded as Htee
    /// Saung) (Shwebo township, …)" names one Htee Saung twice, and the mention whose admin names
    /// agree with a reading decides for the others.
    mutating func shareReadings() {
        var decided: [String: Int] = [:]   // plain name → record of a reading its context agrees with
        for k in found.indices where found[k].accepted {
            guard let c = found[k].best, c.place.kind != .country, contextAgreement(of: k, c) > 0 else { continue }
            let name = doc.text(found[k].span)
            if decided[name] == nil { decided[name] = c.record }
        }
        guard !decided.isEmpty else { return }
        for k in found.indices where found[k].accepted {
            guard let record = decided[doc.text(found[k].span)], let c = found[k].best, c.record != record,
                  contextAgreement(of: k, c) == 0, let i = found[k].candidates.firstIndex(where: { $0.record == record }) else { continue }
            found[k].choice = i
            found[k].scores[i] = (found[k].scores.max() ?? 0) + 0.1
            plausibleReadings.forget(k)
        }
    }

    /// "in the Jacarezinho neighborhood", "Santa Cruz neighbourhood", "in Colombo square in
    /// Sanremo": a part of a city the report names, or a square, street or building named after
    /// something. A reading of it far from every other place of the report is a namesake
    /// elsewhere (a Santa Cruz in another state, Colombo in Sri Lanka), so the city itself places
    /// the event.
    mutating func dropStrayNeighbourhoods() {
        let parts: Set<String> = ["neighborhood", "neighbourhood", "neighborhoods", "neighbourhoods", "quarter"]
        func isPart(_ f: FoundName) -> Bool { parts.contains(f.unitText) || f.unit == .facility }
        let others = found.indices.compactMap { k -> Place? in
            guard found[k].accepted, !isPart(found[k]), let p = found[k].best?.place, p.kind != .country else { return nil }
            return p
        }
        guard !others.isEmpty else { return }
        for k in found.indices where found[k].accepted && isPart(found[k]) {
            guard let p = found[k].best?.place else { continue }
            let near = others.contains { q in
                q.countryCode == p.countryCode && (Earth.roughKm(p, q) < 60 || sameAdmin1(p, q))
            }
            if !near { found[k].accepted = false }
        }
    }

    /// "a protest in Luxembourg", "in Djibouti (Djibouti, Djibouti)": where an event happened, the
    /// name of a city-state is its capital, the town of the same name.
    mutating func readCityStates() {
        for k in found.indices {
            let f = found[k]
            guard let c = f.best, c.place.kind == .country, lexicon.cityStates.contains(c.place.countryCode),
                  f.role == .at || f.role == .near || !f.context.isEmpty || f.isCodedTarget else { continue }
            let towns = f.candidates.indices.filter {
                f.candidates[$0].place.kind == .populated && f.candidates[$0].countryIndex == c.countryIndex
            }
            guard let t = towns.max(by: { f.candidates[$0].place.population < f.candidates[$1].place.population }) else { continue }
            found[k].choice = t
            found[k].scores[t] = (f.scores.max() ?? 0) + 1
            plausibleReadings.forget(k)
            found[k].accepted = true
            found[k].evidence = max(f.evidence, 3)
        }
    }

    /// The readings of a name still in the running: near its best score once scored, else those
    /// in the focus country (or its three likeliest). A Palestinian "Raqa" must not vouch for a
    /// Palestinian "Sayda" when the text means Syria's Ar Raqqa.
    func plausible(_ m: Int) -> [PlaceCandidate] {
        if let known = plausibleReadings.byName[m] { return known }
        let readings = computePlausible(m)
        plausibleReadings.byName[m] = readings
        return readings
    }

    func computePlausible(_ m: Int) -> [PlaceCandidate] {
        let f = found[m]
        if f.scores.count == f.candidates.count, let top = f.scores.max() {
            return f.candidates.indices.filter { f.scores[$0] >= top - 1 }.map { f.candidates[$0] }
        }
        if let focus {
            let inFocus = f.candidates.filter { $0.countryIndex == focus }
            if !inFocus.isEmpty { return inFocus }
        }
        return Array(f.candidates.prefix(3))
    }

    /// How well a candidate of name `k` agrees with the admin names given beside it, 0…n.
    func contextAgreement(of k: Int, _ c: PlaceCandidate) -> Double {
        let f = found[k]
        var total = 0.0
        for m in f.context {
            let readings = plausible(m)
            if readings.contains(where: { $0.place != c.place && agrees(c.place, admin: $0.place) }) {
                total += 1
            } else if readings.contains(where: { $0.place == c.place && agrees(c.place, admin: $0.place) }) {
                // A unit restated vouches for itself less than a province that holds a town of its
                // name ("San Miguel municipality, San Miguel": the town in El Salvador's San Miguel).
                total += 0.6
            } else if found[m].unit == .area || found[m].unit == .province,
                      readings.contains(where: { $0.place.kind == .populated && $0.record != c.record && sameAdmin1(c.place, $0.place) }) {
                // "Tawileh town in Al Hasakeh countryside": the countryside of a city is its province.
                total += 0.8
            }
        }
        if let h = f.contextOf {
            if plausible(h).contains(where: { agrees($0.place, admin: c.place) }) { total += 1 }
            // Sibling admin names agree with each other: "(Oyam, Northern)".
            for m in found[h].context where m != k {
                if plausible(m).contains(where: { agrees($0.place, admin: c.place) || agrees(c.place, admin: $0.place) }) { total += 0.5 }
            }
        }
        return total
    }

    func sameAdmin1(_ a: Place, _ b: Place) -> Bool {
        a.countryCode == b.countryCode && !a.admin1.isEmpty && same(a.admin1, b.admin1)
    }

    /// Two admin names are one: the same gazetteer spelling, or the same key (cached per document).
    func same(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        if a.isEmpty || b.isEmpty { return false }
        return keyCache.key(a) == keyCache.key(b)
    }

    /// The names given beside a name place it in an admin unit (not just in a country).
    func hasAdminContext(_ f: FoundName) -> Bool {
        f.context.contains { m in
            found[m].unit == .area || found[m].unit == .province || found[m].best?.place.kind == .admin1
                || found[m].best?.place.kind == .admin2 || found[m].best?.place.kind == .admin3
        }
    }

    /// A town this large named beside a place stands for its province.
    static let provincialCityPopulation = 200_000
    /// A town named as the unit a village is in ("Kpala (Ouo, Comoe)") lies this near it.
    static let nearbyTownKm = 30.0
    /// A district the gazetteer does not know a village's district for holds it if its seat is this near.
    static let unknownDistrictReachKm = 60.0

    /// `admin` names the admin1, admin2 or country of `p`.
    func agrees(_ p: Place, admin: Place) -> Bool {
        guard p.countryCode == admin.countryCode else { return false }
        // A unit restated ("Lara state (coded to Barquisimeto, Lara)") agrees with itself; a town
        // does not vouch for itself.
        if p == admin { return p.kind == .admin1 || p.kind == .admin2 || p.kind == .admin3 }
        switch admin.kind {
        case .country: return true
        case .admin1: return p.kind != .admin1 && same(p.admin1, admin.name)
        case .admin2:
            guard p.kind == .populated || p.kind == .admin3 else { return false }
            // A village whose district the gazetteer does not know is in the one it lies near.
            if p.admin2.isEmpty, p.kind == .populated { return Earth.roughKm(p, admin) <= Self.unknownDistrictReachKm }
            return same(p.admin2, admin.name) || same(p.name, admin.name)
        case .admin3:
            // "Nyaung Kone village in Pale Township": the township holds the village.
            guard p.kind == .populated else { return false }
            return same(p.admin3, admin.name) && same(p.admin1, admin.admin1)
        case .populated:
            // Districts and towns often share a name; a town named as context stands for its district
            // or township ("Colombo (Colombo, Western)").
            guard p.kind == .populated || p.kind == .admin3 else { return false }
            // "Kpala (Ouo, Comoe)": a village is in the commune of the town named beside it, which
            // the gazetteer does not list, when it lies near that town.
            // A province's capital named for the province ("Huliaipole, Zaporizhzhya") holds its towns.
            return same(p.admin2, admin.name) || same(p.name, admin.name) || same(p.admin3, admin.name)
                || p.kind == .populated && Earth.roughKm(p, admin) <= Self.nearbyTownKm
                || admin.population >= Self.provincialCityPopulation && sameAdmin1(p, admin)
        case .region: return false
        }
    }

    mutating func score(_ k: Int, anchors: [Place]) {
        let f = found[k]
        let maxW = countryWeight.values.max() ?? 0
        var scores: [Double] = []
        // The name as written, to favour the place spelled exactly so over transliteration
        // neighbours ("Bar" is Bar, not Baar; "Vienne" is Vienne, not Vienna).
        if f.candidates.count > 1, f.plain == nil { found[k].plain = Gazetteer.plainName(doc.text(f.span)) }
        let surface = found[k].plain ?? ""
        let writtenBytes = f.span.length
        let hasOwnName = f.candidates.contains { $0.mainName && $0.place.kind == .populated }
        let focusReading = focusFromOthers(k) && focus.map { fc in f.candidates.contains { $0.countryIndex == fc && $0.place.kind != .country } } ?? false
        let focusHasTown = focus.map { fc in f.candidates.contains { $0.countryIndex == fc && $0.mainName && $0.place.population >= 10_000 } } ?? false
        for c in f.candidates {
            var s = 0.35 * c.score
            // (Only names of the written length can be the same spelling: skip folding the rest.)
            if !surface.isEmpty, c.place.kind == .populated, c.place.name.utf8.count == writtenBytes,
               Gazetteer.plainName(c.place.name) == surface { s += 0.4 }
            let ci = c.countryIndex
            if maxW > 0 { s += 1.5 * (countryWeight[ci] ?? 0) / maxW }
            // Small places matched only by an alternate spelling ("Paris" for a Ukrainian village).
            if !c.mainName, c.place.population < 10_000 { s -= 0.5 }
            // An exonym loses to a place that bears the name as its own ("Valence" is Valence, not
            // Valencia's French name).
            if !c.mainName, hasOwnName { s -= 0.4 }
            s += 2.5 * contextAgreement(of: k, c)
            s += readingFit(f, c)
            // The admin chain it belongs to settled on a country ("Inata (Tongomayel, Soum)").
            if let g = groupCountry[k] { s += c.countryIndex == g ? 1.5 : -1.5 }
            // A namesake abroad never beats the focus country's reading unless the text names its
            // country ("Pale Township" in a report on Myanmar is not Pale in Bosnia) — or it is a
            // city under its own name that the focus country has only as a village's other spelling
            // ("protested in Berlin against the war in Ukraine" is no Ukrainian Berlyn).
            if focusReading, c.countryIndex != focus, !countriesByName.contains(c.countryIndex),
               !(c.mainName && c.place.kind == .populated && c.place.population >= 100_000 && !focusHasTown) {
                s -= 3
            }
            if !anchors.isEmpty, c.place.kind != .country {
                var near = 0.0
                for a in anchors where a.countryCode == c.place.countryCode && a != c.place {
                    // A province named nearby holds the place ("Mine 6/7, Donetsk"); a town is near it.
                    if a.kind == .admin1, c.place.kind != .admin1, sameAdmin1(c.place, a) { near = max(near, 1.0); continue }
                    let d = Earth.roughKm(a, c.place)
                    if d < 60 { near = max(near, 1.0) } else if d < 200 { near = max(near, 0.4) }
                }
                s += near
            }
            scores.append(s)
        }
        found[k].scores = scores
        plausibleReadings.forget(k)
        found[k].choice = scores.indices.max { scores[$0] < scores[$1] }
    }

    /// How well a reading's kind fits the words around the name: "Idlib province" is the province,
    /// "(Oyam, Northern)" admin units, "in Limassol" the town rather than the province named after it.
    func readingFit(_ f: FoundName, _ c: PlaceCandidate) -> Double {
        var s = 0.0
        switch (f.unit, c.place.kind) {
        case (.province?, .admin1): s += 1.5
        case (.province?, .populated): s -= 0.5
        case (.area?, .admin2), (.area?, .admin3), (.area?, .region): s += 1.0 + (lexicon.admin3Words.contains(f.unitText) && c.place.kind == .admin3 ? 1 : 0)
        case (.exact?, .populated), (.facility?, .populated): s += 0.5
        case (.exact?, .admin1), (.exact?, .admin2), (.exact?, .admin3): s -= 0.5
        default: break
        }
        if c.place.kind == .country, f.role == nil, f.unit == nil { s += 0.5 }
        if isVillageWord(f), c.place.kind == .populated, c.place.population >= 100_000 { s -= 2 }
        let slot = f.contextOf != nil || f.adminSlot
        // A bare name is the town before the district named after it ("shells fell on Duma").
        if c.place.kind == .admin2 || c.place.kind == .admin3, f.unit == nil, !slot { s -= 0.7 }
        // In the admin slot ("Zmiivka village, Kherson", "(Oyam, Northern)") a name is an admin unit.
        if slot, c.place.kind == .admin1 || c.place.kind == .admin2 || c.place.kind == .admin3 { s += 1.5 }
        // A bare province name is the town named like it ("rallied in Limassol"); with no such town,
        // "in X" still reads as a town more often than as a province ("in Bari": the Italian city,
        // not Somalia's Bari region).
        if c.place.kind == .admin1, f.unit == nil, !slot {
            if f.candidates.contains(where: { $0.place.kind == .populated && $0.countryIndex == c.countryIndex
                && ($0.mainName || $0.place.population >= 10_000) }) {
                s -= 1.0
            } else if f.role == .at {
                s -= 0.4
            }
        }
        return s
    }

    /// "Nan Taung village", "the village of Mone": whatever the name is, it is no city.
    func isVillageWord(_ f: FoundName) -> Bool {
        if ["village", "villages", "hamlet", "village tract"].contains(f.unitText) { return true }
        let i = f.tokens.lowerBound
        return i >= 2 && doc.tokens[i - 1].norm == "of" && ["village", "hamlet"].contains(doc.tokens[i - 2].norm)
    }

    /// Keeps a name when its context and its best reading make it a place in this document.
    mutating func judge(_ k: Int) {
        let f = found[k]
        guard let c = f.best, !f.cityDistrict, !f.inNameList else { found[k].accepted = false; return }
        let p = c.place
        if p.kind == .country {
            found[k].accepted = !f.common || f.role != nil
            found[k].evidence = 3
            return
        }
        var e = 0.0
        switch f.role {
        case .at?, .near?, .area?: e += 2
        case .from?: e += 1
        case .naming?:
            // "a group called "Kalamun"": the name of something else.
            found[k].accepted = false
            return
        case nil: break
        }
        if f.unit != nil { e += 2 }
        if f.isCodedTarget { e += 3 }
        if !f.context.isEmpty || f.contextOf != nil {
            if contextAgreement(of: k, c) > 0 {
                e += 2.5
            } else if f.context.contains(where: { found[$0].best.map { $0.place.countryCode != p.countryCode } ?? false }) {
                // "Al-Qahera town in Hama governorate" is not Cairo: the admin named beside it says where it is.
                e -= 4
            } else if hasAdminContext(f) {
                // A town of the same name in another province of the same country.
                e -= 5
            } else {
                e += 0.5
            }
        }
        let ci = c.countryIndex
        // A country the text does not name by name (a demonym names who acted, not where), in a
        // report whose focus rests on more than this name.
        let abroad = focus != nil && ci != focus && !countriesByName.contains(ci) && focusFromOthers(k)
        if let focus, ci == focus { e += 1 } else if countriesByName.contains(ci) { e += 0.5 } else if let focus {
            // Outside the focus: big cities under their own name stay ("talks in Geneva"); other
            // places need the focus to be weak ("Mone village" in a Myanmar report is no Monee, Illinois).
            let share = (countryWeight[ci] ?? 0) / max(countryWeight[focus] ?? 1, 0.01)
            // A town under its own name that has no namesake in the focus country is still that town
            // ("demonstrated in Heidelberg" in a report that is all about Ukraine).
            let namesake = f.candidates.contains { $0.countryIndex == focus }
            // A village ("Mai Paw village") is never the big place abroad that its name recalls.
            if share >= 0.5 {
                e -= 1
            } else if !isVillageWord(f), c.mainName && p.population >= 500_000
                        || (c.mainName || p.population >= 100_000) && !namesake && p.population >= 20_000
                            && (localWeight[focus] ?? 0) <= (countryWeight[ci] ?? 0) {
                e -= 0.5
            } else {
                e -= share >= 0.25 ? 2 : 3
            }
        }
        if isVillageWord(f), p.kind == .populated, p.population >= 100_000 { e -= 3 }
        // Nor is a village of the report one abroad, in a country it does not name ("Ku Le village,
        // Mingin township" in Myanmar is no Kule in Maharashtra).
        if abroad, p.kind == .populated, isVillageWord(f) || p.population == 0 { e -= 6 }
        // A village outside every province its sentence names, in that province's country, is a
        // namesake: the report means one it has no record of ("Mine 6/7, Donetsk" is no Mynai in Zakarpattia).
        if p.kind == .populated, p.population < 10_000 {
            let provinces = sentenceProvinces(of: k)
            if !provinces.isEmpty, provinces.contains(where: { $0.countryCode == p.countryCode }),
               !provinces.contains(where: { sameAdmin1(p, $0) }) {
                e -= 2
            }
        }
        // Nor is a village a district or province of that name.
        if isVillageWord(f), p.kind == .admin1 || p.kind == .admin2 || p.kind == .admin3 { e -= 2 }
        // An admin chain settled on its country vouches for its members ("(Kantchari, Tapoa)").
        if let g = groupCountry[k] { e += g == ci ? 1.5 : -3 }
        // Importance abroad is no evidence that the report means that place: a province or region
        // of a country it does not name ("the Southern axis" of a Nigerian base is no Southern
        // Region of Malawi) gains nothing from its size; a city under its own name still does.
        if !abroad || p.kind == .populated && c.mainName {
            if p.population >= 1_000_000 { e += 2 } else if p.population >= 100_000 { e += 1 }
        }
        if p.kind == .admin1 || p.kind == .region, !abroad { e += 1 }
        if f.tokens.count > 1 { e += 1 }
        if !c.mainName, p.population < 10_000 { e -= 0.5 }
        // An alternate spelling abroad ("Odda" ~ Adwa in Ethiopia) is weak evidence.
        if !c.mainName, focus != nil, ci != focus { e -= 1.5 }
        // A common word capitalised after "in" in running text is the place ("in Mobile").
        if f.common { e -= f.role == .at && !f.sentenceInitial && !f.titleCase ? 1.5 : 3 }
        if f.sentenceInitial && f.role == nil { e -= 1 }
        if f.titleCase { e -= 0.5 }
        found[k].evidence = e
        found[k].accepted = e >= 1
    }

    /// The focus country rests on more than name `k` itself ("in Kisii" alone must not make
    /// Nigeria the focus that then rules out Kenya's Kisii).
    func focusFromOthers(_ k: Int) -> Bool {
        guard let focus else { return false }
        return (countryWeight[focus] ?? 0) - (ownWeight[k]?[focus] ?? 0) >= 0.5
    }

    /// Provinces (admin1 readings accepted) named in the same sentence as name `k`.
    func sentenceProvinces(of k: Int) -> [Place] {
        let s = doc.tokens[found[k].tokens.lowerBound].sentence
        return found.indices.compactMap { m in
            guard m != k, found[m].accepted, doc.tokens[found[m].tokens.lowerBound].sentence == s,
                  let p = found[m].best?.place, p.kind == .admin1 else { return nil }
            return p
        }
    }

    /// A namesake a reader would weigh against `place`: a town of many thousands named alone is
    /// that town, not one of the hamlets that share its name ("in Douma" is the city of 110,000,
    /// not a Duma village elsewhere in Syria); villages and small towns of one name are rivals.
    static func isRival(_ other: Place, of place: Place) -> Bool {
        place.population < 5_000 || other.population * 10 >= place.population
    }

    func mentions() -> [PlaceMention] {
        found.indices.compactMap { k -> PlaceMention? in
            let f = found[k]
            guard f.accepted, let i = f.choice else { return nil }
            let place = f.candidates[i].place
            let order = f.scores.indices.sorted { f.scores[$0] > f.scores[$1] }
            let alternatives = order.dropFirst().prefix(5).map { f.candidates[$0].place }
            let second = order.count > 1 ? f.scores[order[1]] : f.scores[i] - 3
            let margin = f.scores[i] - second
            let confidence = (1 / (1 + exp(-margin))) * min(1, max(0.2, f.evidence / 4))
            var m = PlaceMention(span: f.span, place: place, qualifier: qualifier(f, place), alternatives: alternatives,
                                 score: (confidence * 1000).rounded() / 1000)
            // One of several namesakes in one country that nothing in the report tells apart: the
            // likeliest, but only "near" it rather than a precise point that may be wrong.
            m.ambiguous = place.kind == .populated && contextAgreement(of: k, f.candidates[i]) == 0
                && order.dropFirst().contains(where: { f.scores[$0] > f.scores[i] - 0.5 && f.candidates[$0].countryIndex == f.candidates[i].countryIndex
                    && f.candidates[$0].place.kind == .populated && Earth.roughKm(f.candidates[$0].place, place) > 25
                    && Self.isRival(f.candidates[$0].place, of: place) })
            return m
        }
    }

    /// How the text refers to the place (decides geo_precision; codebook "Geography").
    func qualifier(_ f: FoundName, _ p: Place) -> PlaceQualifier {
        // "Dara countryside": the rural area around the capital, not the whole province.
        if f.unitText == "countryside" || f.unitText == "suburbs" { return .area }
        if p.kind == .admin1 || f.unit == .province && p.kind != .populated { return .province }
        if f.role == .near || f.unit == .near { return .near }
        if f.role == .area || f.unit == .area || f.modified || p.kind == .admin2 || p.kind == .admin3 || p.kind == .region {
            return p.kind == .admin1 ? .province : .area
        }
        return .exact
    }
}
