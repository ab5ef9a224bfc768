/// Where an event happened, in ACLED's terms.
public struct EventLocation: Sendable, Hashable {
    /// The place mention the location comes from (nil when it comes from the dateline).
    public var mention: PlaceMention?
    /// ACLED `location`: the town, or the town an area is coded to.
    public var location: String
    public var admin1: String
    public var admin2: String
    /// Township, hromada or sub-district, where the gazetteer knows it (ACLED's admin3).
    public var admin3: String
    /// ACLED country name.
    public var country: String
    /// ISO 3166-1 numeric.
    public var iso: Int?
    public var latitude: Double
    public var longitude: Double
    /// 1 a named town; 2 near a town or a part of a region; 3 a province coded to its capital.
    public var geoPrecision: Int
    /// The text that placed the event.
    public var evidence: Span
    /// Other readings of the place name, best first.
    public var alternatives: [Place]
    /// Why this place, for `--explain`.
    public var explanation: String

    public init(mention: PlaceMention?, location: String, admin1: String, admin2: String, admin3: String = "", country: String,
                iso: Int?, latitude: Double, longitude: Double, geoPrecision: Int, evidence: Span, alternatives: [Place] = [],
                explanation: String = "") {
        self.mention = mention
        self.location = location
        self.admin1 = admin1
        self.admin2 = admin2
        self.admin3 = admin3
        self.country = country
        self.iso = iso
        self.latitude = latitude
        self.longitude = longitude
        self.geoPrecision = geoPrecision
        self.evidence = evidence
        self.alternatives = alternatives
        self.explanation = explanation
    }
}

extension PlaceResolver {
    /// The place where the event of `clause` (a sentence span; `anchor` = the trigger word) happened.
    ///
    /// Prefers the place governed by "in/at/on/near" closest to the trigger, skips places that only
    /// locate a site named before them ("the military airport of al-Marj") and admin names given in
    /// parentheses for another place; falls back to the preceding sentences, then the dateline.
    /// Nil when nothing below country level is known: ACLED does not code country-level events.
    public func locate(_ doc: Doc, places: [PlaceMention], clause: Span, anchor: Span?) -> EventLocation? {
        let focus = doc.focusCountry ?? focusOf(places)
        let sorted = places.sorted { $0.span < $1.span }
        if let best = bestPlace(doc, sorted.filter { clause.contains($0.span) }, all: sorted, anchor: anchor, focus: focus) {
            return best
        }
        // The event's place may have been given earlier: "Fighting raged in Douma. Ten were killed."
        if let si = doc.sentenceIndex(of: clause) ?? doc.sentences.lastIndex(where: { $0.span.start <= clause.start }) {
            var back = si - 1
            while back >= 0, si - back <= 3 {
                let s = doc.sentences[back].span
                let inSentence = sorted.filter { s.contains($0.span) }
                if let l = bestPlace(doc, inSentence, all: sorted, anchor: nil, focus: focus, fallback: true) { return l }
                back -= 1
            }
        }
        if let d = doc.clean.datelinePlace {
            let cands = gazetteer.candidates(d).filter { $0.place.kind != .country }
            // A dateline abroad ("BANGKOK —" over a Myanmar story) is where the reporter sits, not
            // where the event happened.
            let pick = cands.first { focus == nil || $0.place.country == focus }
            if let p = pick?.place {
                return location(for: p, qualifier: p.kind == .populated ? .exact : .province, mention: nil,
                                evidence: Span(0, 0), alternatives: [], why: "dateline \(d)")
            }
        }
        return nil
    }

    /// Index of the first token starting at or after a UTF-8 offset (binary search).
    func tokenIndex(_ doc: Doc, at offset: Int) -> Int {
        var lo = 0, hi = doc.tokens.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if doc.tokens[mid].span.start < offset { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    func focusOf(_ places: [PlaceMention]) -> String? {
        var count: [String: Int] = [:]
        for p in places { count[p.place.country, default: 0] += 1 }
        return count.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
    }

    func bestPlace(_ doc: Doc, _ inClause: [PlaceMention], all: [PlaceMention], anchor: Span?, focus: String?,
                   fallback: Bool = false) -> EventLocation? {
        let lexicon = PlaceLexicon.shared
        var best: (Double, PlaceMention, String)? = nil
        let anchorToken = anchor.map { tokenIndex(doc, at: $0.start) }
        let clauseStart = inClause.first.map { tokenIndex(doc, at: doc.sentences[doc.tokens[tokenIndex(doc, at: $0.span.start)].sentence].span.start) } ?? 0
        // A settlement the gazetteer lacks is coded at the place the report puts it in; that
        // place is then its container, not the event's place ("the village of X near Nara").
        let containers = Set(inClause.filter { $0.place.source == PlaceMention.reportSource }.map(\.place.seat))
        for m in inClause where m.place.kind != .country && !(containers.contains(m.place.name) && m.place.source != PlaceMention.reportSource) {
            let ti = tokenIndex(doc, at: m.span.start)
            // Admin names given for another place ("(Oyam, Northern)", ", Luhansk") are not the place.
            if isAdminContext(doc, m, all: all) { continue }
            // A site inside the town named after it ("Hamilton Square in Birkenhead").
            if isInsideTown(doc, m, all: all) { continue }
            let cue = lexicon.cue(in: doc, before: ti)
            var s: Double
            var why: String
            switch cue.role {
            case .at?: s = 3; why = "governed by a locative preposition"
            case .near?: s = 3; why = "near"
            case .area?: s = 2.5; why = "area of"
            case .from?: s = 1; why = "origin or destination"
            case .naming?: continue
            case nil: s = 1.5; why = "named in the clause"
            }
            // The event is at the site ("airport of al-Marj" only tells which airport).
            if cue.siteOf { s = 0.3; why = "only locates a site" }
            // Outside the focus country: a weak choice, and a poor one when the report places
            // something in the focus country itself (an "in Najran" aside in a Yemeni note).
            if let focus, m.place.country != focus {
                s -= all.contains { $0.place.country == focus && $0.place.kind != .country } ? 2.5 : 1
            }
            if let a = anchorToken {
                s -= 0.03 * Double(abs(a - ti))
                if ti < a, cue.role == nil { s -= 0.3 }
            } else {
                // Without a trigger, ACLED's notes and wire leads name the event's place first.
                s -= 0.04 * Double(max(0, ti - clauseStart))
            }
            s += m.score
            // The most exact unit named wins: a town over a district over a province
            // ("(Irumu, Ituri)" → Irumu).
            switch m.place.kind {
            case .populated: s += 0.6
            case .admin2, .admin3, .region: s += 0.3
            default: break
            }
            if fallback { s += Double(ti) * 0.001 }  // the latest mention in an earlier sentence
            if best == nil || s > best!.0 { best = (s, m, why) }
        }
        guard let (score, m, why) = best, score > -1 else { return nil }
        // "(coded to Douma)" with nothing named before it: the events are only put at that town.
        if isCodedTarget(doc, m) {
            return location(for: m.place, qualifier: m.qualifier == .exact ? .area : m.qualifier, mention: m,
                            evidence: m.span, alternatives: m.alternatives, why: "coded to \(m.place.name)")
        }
        // "in Mikhlaf Ammar (coded to Jabal Ammar)": ACLED's own note convention.
        if let target = codedTarget(doc, m, all: all) {
            return location(for: target.place, qualifier: m.qualifier == .exact ? .area : m.qualifier, mention: target,
                            evidence: m.span.union(target.span), alternatives: target.alternatives, why: "coded to \(target.place.name)")
        }
        return location(for: m.place, qualifier: m.qualifier, mention: m, evidence: m.span, alternatives: m.alternatives,
                        why: why + (fallback ? " (earlier sentence)" : ""))
    }

    /// An admin name given for another place: inside parentheses right after it ("Minakulu (Oyam,
    /// Northern)") or after a comma when it names the place's own admin unit ("Severodonetsk, Luhansk").
    func isAdminContext(_ doc: Doc, _ m: PlaceMention, all: [PlaceMention]) -> Bool {
        let tokens = doc.tokens
        let ti = tokenIndex(doc, at: m.span.start)
        guard ti > 0, ti < tokens.count else { return false }
        var j = ti - 1
        // Walk back over sibling names inside the same parentheses.
        while j > 0, tokens[j].text != "(", tokens[j].text != ")", ti - j <= 14,
              tokens[j].kind == .word || tokens[j].text == "," || tokens[j].text == "-" {
            j -= 1
        }
        if tokens[j].text == "(", j > 0 {
            if j + 1 < tokens.count, tokens[j + 1].norm == "coded" { return false }
            let headEnd = tokens[j - 1].span.end
            return all.contains { h in
                h.span.end <= headEnd && headEnd - h.span.end <= 16 && h.span != m.span && h.place.kind != .country
            }
        }
        // "Sfuhen town in Idleb governorate": an admin area given for the town before it.
        var k = ti - 1
        if tokens[k].norm == "the", k > 0 { k -= 1 }
        if (tokens[k].norm == "in" || tokens[k].norm == "of"), k > 0 {
            let lexicon = PlaceLexicon.shared
            var after = ti
            while after < tokens.count, tokens[after].span.start < m.span.end { after += 1 }
            let unit = after < tokens.count ? lexicon.unitWords[[tokens[after].norm]] : nil
            let broad = m.place.kind == .admin1 || m.place.kind == .admin2 || m.place.kind == .admin3 || m.place.kind == .region
                || unit == .province || unit == .area
            var h = k - 1
            if lexicon.unitWords[[tokens[h].norm]] != nil, h > 0 { h -= 1 }
            // "Thep cattle camp in Akobo County": a settlement word of two before the unit word.
            if h > 0, lexicon.settlementCues.contains(where: { !$0.before && $0.words.count == 2 && $0.words[1] == tokens[h + 1].norm
                && $0.words[0] == tokens[h].norm }) {
                h -= 1
            }
            let headEnd = tokens[h].span.end
            if broad, all.contains(where: { $0.span.end == headEnd && $0.span != m.span && $0.place.kind != .country }) {
                return true
            }
        }
        if tokens[ti - 1].text == ",", m.place.kind == .admin1 || m.place.kind == .admin2 || m.place.kind == .admin3 {
            let commaStart = tokens[ti - 1].span.start
            if let h = all.last(where: { $0.span.end <= commaStart && commaStart - $0.span.end <= 16 }),
               h.place.countryCode == m.place.countryCode, h.place.kind == .populated || h.place.kind == .admin2 || h.place.kind == .admin3,
               PlaceKey.key(h.place.admin1) == PlaceKey.key(m.place.admin1) {
                return true
            }
        }
        return false
    }

    /// "Hamilton Square in Birkenhead", "the Solvay factory in Barreda", "McDonald's in Sheffield":
    /// a name followed by "in" and a town names a site or part of that town when it is a facility
    /// or neighbourhood, or when its reading lies in another country than the town (a US "Solvay"
    /// in a Spanish report). The town places the event, as ACLED codes it.
    func isInsideTown(_ doc: Doc, _ m: PlaceMention, all: [PlaceMention]) -> Bool {
        let tokens = doc.tokens
        let lexicon = PlaceLexicon.shared
        var j = tokenIndex(doc, at: m.span.end)
        var part = false
        if j < tokens.count, let u = lexicon.unitWords[[tokens[j].norm]] {
            part = u == .facility || ["neighborhood", "neighbourhood", "quarter"].contains(tokens[j].norm)
            j += 1
        }
        var skipped = 0
        while j < tokens.count, skipped < 2, tokens[j].norm != "in", tokens[j].norm != "of",
              tokens[j].text == "'s" || tokens[j].text == "'" || tokens[j].kind == .word && tokens[j].text.first?.isLowercase == true {
            j += 1
            skipped += 1
        }
        // "the Chinatown neighborhood of Los Angeles": "of" after a neighbourhood word too.
        guard j + 1 < tokens.count, tokens[j].norm == "in" || part && tokens[j].norm == "of",
              tokens[j].sentence == tokens[tokenIndex(doc, at: m.span.start)].sentence
        else { return false }
        var k = j + 1
        if tokens[k].norm == "the" || tokens[k].norm == "central", k + 1 < tokens.count { k += 1 }
        guard let town = all.first(where: { $0.span.start == tokens[k].span.start }), town.place.kind == .populated,
              town.qualifier == .exact else { return false }
        return part || town.place.countryCode != m.place.countryCode
    }

    func isCodedTarget(_ doc: Doc, _ m: PlaceMention) -> Bool {
        let before = TextFolding.fold(doc.text(Span(max(0, m.span.start - 12), m.span.start)))
        return before.hasSuffix("coded to ") || before.hasSuffix("coded as ")
    }

    func codedTarget(_ doc: Doc, _ m: PlaceMention, all: [PlaceMention]) -> PlaceMention? {
        guard let i = all.firstIndex(of: m), i + 1 < all.count else { return nil }
        let next = all[i + 1]
        let gap = TextFolding.fold(doc.text(Span(m.span.end, next.span.start)))
        guard gap.count < 40, gap.contains("(coded to") || gap.contains("(coded as") else { return nil }
        return next
    }

    /// A district placed at the point of its province's capital, which is no town of its name
    /// (Hama district is at Hamah, its own town, which is also the province's capital).
    func isAtProvinceCapital(_ p: Place) -> Bool {
        guard !p.seat.isEmpty, !p.admin1.isEmpty, TextFolding.fold(p.seat) != TextFolding.fold(p.name) else { return false }
        let ownTown = gazetteer.candidates(p.name).contains { c in
            c.place.kind == .populated && c.place.countryCode == p.countryCode && Earth.roughKm(c.place, p) < 5
        }
        return !ownTown && gazetteer.candidates(p.admin1).contains { c in
            c.place.kind == .admin1 && c.place.countryCode == p.countryCode && c.place.seat == p.seat
                && c.place.latitude == p.latitude && c.place.longitude == p.longitude
        }
    }

    /// Turns a resolved place into ACLED's location fields (codebook "Geography": geo_precision).
    func location(for p: Place, qualifier: PlaceQualifier, mention: PlaceMention?, evidence: Span, alternatives: [Place],
                  why: String) -> EventLocation {
        var precision: Int
        switch qualifier {
        case .exact: precision = 1
        case .near, .area: precision = 2
        case .province: precision = 3
        }
        var name = p.name
        var why = why
        if mention?.ambiguous == true, precision == 1 {
            precision = 2
            why += "; one of several places of this name the report does not tell apart: near it"
        }
        switch p.kind {
        case .populated:
            // A village known only by the unit it belongs to is placed at that unit's seat: "near" it.
            if p.source == PlaceMention.reportSource {
                // Coded as the report writes it, at the unit the report puts it in.
                precision = max(precision, 2)
                why += "; \"\(p.name)\" is not in the gazetteer: coded at \(p.seat), " + (precision >= 3 ? "the province" : "the place")
                    + " the report puts it in or near"
            } else if p.placedAtSeat {
                precision = max(precision, 2)
                why += p.seat.isEmpty ? "; placed where its unit (hromada, township) is" : "; placed at \(p.seat), where its unit (hromada, township) is"
            }
        case .admin2, .admin3:
            // A district, county or township is a small part of a region: its seat, at precision 2 (codebook).
            precision = 2
            if !p.seat.isEmpty { name = p.seat }
            // Where the sources know no town of the district, the gazetteer puts it at its province's
            // capital (Akobo County at Bor, 200 km away): that point says no more than the province
            // does, so it is coded as the province is (codebook: precision 3).
            if isAtProvinceCapital(p) {
                precision = 3
                why += "; its own seat is not in the gazetteer: at the capital of \(p.admin1)"
            }
        case .region:
            precision = max(precision, 2)
            if !p.seat.isEmpty { name = p.seat }
        case .admin1, .country:
            precision = 3
            if !p.seat.isEmpty { name = p.seat }
        }
        var admin2 = p.kind == .admin1 ? "" : p.admin2
        let admin3 = p.kind == .populated || p.kind == .admin3 ? p.admin3 : ""
        // An area coded to its seat takes the seat's admin2 ("Eastern Ghouta" → Douma, Duma).
        if p.kind != .populated, !p.seat.isEmpty, let town = gazetteer.candidates(p.seat).first(where: {
            $0.place.kind == .populated && $0.place.countryCode == p.countryCode && $0.place.admin1 == p.admin1 }) {
            if !town.place.admin2.isEmpty { admin2 = town.place.admin2 }
        }
        var country = p.country, admin1 = p.admin1, iso = gazetteer.country(iso: p.countryCode)?.isoNumeric
        // Hong Kong and Macau are China to ACLED, with the territory as admin1 (gazetteer/acled-territories.tsv).
        if let t = ACLEDTerritories.shared.byISO[p.countryCode], let host = gazetteer.country(acledName: t.country) {
            if !admin1.isEmpty, admin1 != t.admin1, admin2.isEmpty { admin2 = admin1 }
            country = host.name
            admin1 = t.admin1
            iso = host.isoNumeric
        }
        if !p.source.isEmpty, p.source != PlaceMention.reportSource { why += " [\(p.source)]" }
        return EventLocation(mention: mention, location: name, admin1: admin1, admin2: admin2, admin3: admin3, country: country,
                             iso: iso, latitude: p.latitude,
                             longitude: p.longitude, geoPrecision: precision, evidence: evidence,
                             alternatives: alternatives, explanation: why)
    }
}

/// Territories ACLED codes inside another country (data: gazetteer/acled-territories.tsv).
struct ACLEDTerritories: Sendable {
    static let shared = ACLEDTerritories()
    let byISO: [String: (country: String, admin1: String)]

    init() {
        var m: [String: (country: String, admin1: String)] = [:]
        for row in Lexicon.table("gazetteer/acled-territories.tsv") where row.count >= 3 { m[row[0]] = (row[1], row[2]) }
        byISO = m
    }
}
