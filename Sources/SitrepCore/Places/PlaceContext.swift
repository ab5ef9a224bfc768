import Foundation

extension Reading {
    // MARK: 2. Context

    mutating func readContext() {
        for k in found.indices {
            readCue(k)
            let start = found[k].tokens.lowerBound
            if start >= 2, doc.tokens[start - 1].text == "," || doc.tokens[start - 1].text == "(",
               nameLike(start - 2) || lexicon.unitWords[[doc.tokens[start - 2].norm]] != nil {
                found[k].adminSlot = true
            }
            // "Athens - Central Athens", "(Busan - Nam)": ACLED names a part of a city after the
            // city and a spaced dash; the first name is the city itself.
            let end = found[k].tokens.upperBound
            if end + 1 < doc.tokens.count, doc.tokens[end].text == "-", isCap(end + 1),
               doc.tokens[end - 1].span.end < doc.tokens[end].span.start {
                found[k].adminSlot = false
                if found[k].unit == nil { found[k].unit = .exact }
                // The district after the dash is no place of its own ("Namdong" is no Vietnamese Nam Dong).
                if k + 1 < found.count, found[k + 1].tokens.lowerBound == end + 1 { found[k + 1].cityDistrict = true }
            }
        }
        linkAdminContext()
        shareListContext()
        findAdminGroups()
        // Lists share their cue: "in Douma, Harasta and Zamalka".
        for k in found.indices.dropFirst() where found[k].role == nil {
            let prev = found[k - 1]
            let between = (prev.tokens.upperBound..<found[k].tokens.lowerBound).map { doc.tokens[$0].norm }
            if !between.isEmpty, between.allSatisfy({ $0 == "," || $0 == "and" || $0 == "or" }), prev.role != nil {
                found[k].role = prev.role
            }
        }
    }

    /// "between Tiekorobougou and Soumatogo (Djenne, Mopti)": the admin names after the last of
    /// a list of places hold the others too.
    mutating func shareListContext() {
        for k in found.indices.reversed() where !found[k].context.isEmpty {
            var j = k
            while j > 0, found[j - 1].context.isEmpty, found[j - 1].contextOf == nil {
                let between = (found[j - 1].tokens.upperBound..<found[j].tokens.lowerBound).map { doc.tokens[$0].norm }
                guard !between.isEmpty, between.allSatisfy({ $0 == "," || $0 == "and" || $0 == "or" }) else { break }
                found[j - 1].context = found[k].context
                j -= 1
            }
        }
    }

    mutating func readCue(_ k: Int) {
        let c = lexicon.cue(in: doc, before: found[k].tokens.lowerBound)
        if let u = c.unit, found[k].unit == nil || found[k].unit == .exact { found[k].unit = u }
        if c.modified { found[k].modified = true }
        found[k].role = c.role
    }

    /// Links names given as admin context of a preceding name: "X (A, B)", "X, A", "(coded to X)".
    mutating func linkAdminContext() {
        let tokens = doc.tokens
        for k in found.indices {
            var pos = found[k].tokens.upperBound
            if let (_, len) = unitWord(at: pos) { pos += len }
            // Skip a trailing unit phrase like "sub-county" or "town".
            guard pos < tokens.count, tokens[pos].sentence == tokens[found[k].tokens.lowerBound].sentence else { continue }
            // The rest of a longer name the gazetteer lacks ("Shakhta imeni Gagarina, Donetsk"): the
            // admin name after it still belongs to the part that was found.
            var rest = pos
            while rest < tokens.count, rest - pos < 3, tokens[rest].kind == .word, joined(rest - 1, rest),
                  k + 1 >= found.count || found[k + 1].tokens.lowerBound > rest {
                rest += 1
            }
            if rest > pos, rest < tokens.count, tokens[rest].text == ",", nameLike(rest - 1) { pos = rest }
            let t = tokens[pos]
            if t.text == "(" {
                var close = pos + 1
                while close < tokens.count, tokens[close].text != ")", close - pos < 24 { close += 1 }
                let inside = pos + 1
                let coded = inside + 1 < close && tokens[inside].norm == "coded" && ["to", "as"].contains(tokens[inside + 1].norm)
                // (Names are in text order: only those after this one can sit inside its parentheses.)
                for m in (k + 1)..<found.count {
                    if found[m].tokens.lowerBound >= close { break }
                    guard found[m].tokens.lowerBound > pos, found[m].tokens.upperBound <= close else { continue }
                    if coded, found[k].codedTo == nil {
                        found[k].codedTo = m
                        found[m].isCodedTarget = true
                        found[m].role = found[k].role ?? .at
                    } else if found[m].contextOf == nil {
                        found[m].contextOf = k
                        found[k].context.append(m)
                    }
                }
                // "(coded to X) (A, B)": the admin names after the coded-to group belong to X too.
                if coded, let c = found[k].codedTo, close + 1 < tokens.count, tokens[close + 1].text == "(" {
                    var close2 = close + 2
                    while close2 < tokens.count, tokens[close2].text != ")", close2 - close < 24 { close2 += 1 }
                    for m in (k + 1)..<found.count {
                        if found[m].tokens.lowerBound >= close2 { break }
                        guard found[m].tokens.lowerBound > close + 1, found[m].tokens.upperBound <= close2,
                              found[m].contextOf == nil else { continue }
                        found[m].contextOf = c
                        found[c].context.append(m)
                    }
                }
            } else if t.norm == "in" || t.norm == "of",
                      found[k].postings.contains(where: { gazetteer.kind(record: $0.record) != .country }) {
                // "Sfuhen town in Idleb governorate", "Barku Lili village in the Quamishli countryside of
                // Hasakeh"; not "the Court of Ukraine in Kiev".
                var m = pos + 1
                if m < tokens.count, tokens[m].norm == "the" { m += 1 }
                guard let fm = firstName(startingAt: m, after: k),
                      found[fm].contextOf == nil, found[fm].codedTo == nil else { continue }
                let unitAfter = unitWord(at: found[fm].tokens.upperBound)?.0
                // ("in Pale Township": a township or district named whole is an admin unit too.)
                let adminish = unitAfter == .province || unitAfter == .area
                    || found[fm].postings.prefix(24).contains { [.admin1, .admin3].contains(gazetteer.kind(record: $0.record)) }
                guard adminish else { continue }
                found[fm].contextOf = k
                found[k].context.append(fm)
            } else if t.text == "," {
                // "Severodonetsk, Luhansk": a following admin or country name. Not in a list of
                // peers, whose run of names ends in "and"/"or" and a name ("in Rajshahi, Bogura,
                // Jessore and Comilla"): admin chains grow broader, lists do not end that way.
                if isListOfPeers(from: k, comma: pos) { continue }
                var m = k + 1
                var expect = pos + 1
                while m < found.count, found[m].tokens.lowerBound == expect, found[m].contextOf == nil,
                      found[k].context.count < Reading.maxContextNames {
                    guard found[m].postings.contains(where: { gazetteer.kind(record: $0.record) != .populated }) else { break }
                    found[m].contextOf = k
                    found[k].context.append(m)
                    expect = found[m].tokens.upperBound + 1
                    guard expect - 1 < tokens.count, tokens[expect - 1].text == "," else { break }
                    m += 1
                }
            }
        }
    }

    /// Names joined by commas from name `k` on, the last joined by "and" or "or"; or more names
    /// than an admin chain holds. (Only that many are looked at: a page that is one long list
    /// would otherwise be read once from each of its names.)
    func isListOfPeers(from k: Int, comma: Int) -> Bool {
        let tokens = doc.tokens
        var m = k + 1
        var expect = comma + 1
        while m < found.count, found[m].tokens.lowerBound == expect {
            if m - k > Reading.maxContextNames { return true }
            let end = found[m].tokens.upperBound
            guard end < tokens.count else { return false }
            if tokens[end].text == "," {
                expect = end + 1
                m += 1
                continue
            }
            return ["and", "or"].contains(tokens[end].norm) && firstName(startingAt: end + 1, after: m) != nil
        }
        return false
    }

    /// The name after name `k` that starts at token `m` (names are in text order: the search stops
    /// past `m`, which keeps reading linear in the number of names).
    func firstName(startingAt m: Int, after k: Int) -> Int? {
        var f = k + 1
        while f < found.count, found[f].tokens.lowerBound <= m {
            if found[f].tokens.lowerBound == m { return f }
            f += 1
        }
        return nil
    }

    /// The name from `first` on that covers token `j`.
    func name(covering j: Int, from first: Int) -> Int? {
        var f = first
        while f < found.count, found[f].tokens.lowerBound <= j {
            if found[f].tokens.contains(j) { return f }
            f += 1
        }
        return nil
    }

    /// "X (A, B)", "(A, B)": the names inside one pair of parentheses, with the name just before it.
    mutating func findAdminGroups() {
        let tokens = doc.tokens
        var next = 0
        for p in tokens.indices where tokens[p].text == "(" {
            var close = p + 1
            while close < tokens.count, tokens[close].text != ")", tokens[close].sentence == tokens[p].sentence, close - p < 24 { close += 1 }
            guard close < tokens.count, tokens[close].text == ")" else { continue }
            while next < found.count, found[next].tokens.lowerBound <= p { next += 1 }
            var members: [Int] = []
            var m = next
            // A list of organisations in parentheses ("(CGT, FO, Sud, FSU)") is no admin chain.
            var acronyms = 0
            var j = p + 1
            while j < close {
                if let f = name(covering: j, from: next) { j = found[f].tokens.upperBound; continue }
                // An acronym standing alone as an item of the list.
                if isAcronym(j), [",", "("].contains(tokens[j - 1].text), [",", ")"].contains(tokens[j + 1].text) { acronyms += 1 }
                j += 1
            }
            if acronyms < 2 { acronyms = 0 }
            while m < found.count, found[m].tokens.upperBound <= close {
                if !found[m].isCodedTarget, !found[m].cityDistrict {
                    if acronyms > 0 { found[m].adminSlot = false; found[m].inNameList = true } else { members.append(m) }
                }
                m += 1
            }
            guard !members.isEmpty else { continue }
            // The head ends at the parenthesis, or before a unit word ("Kalaiya city (…)").
            if next > 0 {
                let h = next - 1
                var end = found[h].tokens.upperBound
                if let (_, len) = unitWord(at: end) { end += len }
                if end == p { members.insert(h, at: 0) }
            }
            adminGroups.append(members)
        }
    }

    /// The country each admin chain points to: admin names inside the parentheses count twice,
    /// other names once; a chain settles on a country that beats every other.
    mutating func settleAdminGroups() {
        for g in adminGroups {
            var byCountry: [Int: Double] = [:]
            var seen = Set<[UInt8]>()
            for m in g {
                // "Sindian (Sindian, Bignona)": a town restated as its commune counts once.
                guard seen.insert(Array(doc.text(found[m].span).utf8)).inserted else { continue }
                let inside = m != g[0] || found[m].adminSlot || found[m].contextOf != nil
                var best: [Int: Double] = [:]
                for c in found[m].candidates where c.place.kind != .country {
                    let admin = c.place.kind == .admin1 || c.place.kind == .admin2 || c.place.kind == .admin3
                    best[c.countryIndex] = max(best[c.countryIndex] ?? 0, inside && admin ? 2 : 1)
                }
                for (ci, v) in best { byCountry[ci, default: 0] += v }
            }
            let ranked = byCountry.sorted { ($0.value, -$0.key) > ($1.value, -$1.key) }
            guard let top = ranked.first, top.value >= 2, ranked.count == 1 || ranked[1].value < top.value else { continue }
            for m in g where groupCountry[m] == nil { groupCountry[m] = top.key }
        }
    }

}

extension PlaceLexicon {
    struct CueReading {
        var role: Role?
        /// "the town of X", "Idlib province of": a unit word before the name.
        var unit: UnitWord?
        var modified = false
        /// "the military airport of al-Marj": the name only locates a site named before it.
        var siteOf = false
    }

    /// Reads the words before the name starting at token `start`.
    func cue(in doc: Doc, before start: Int) -> CueReading {
        let tokens = doc.tokens
        var out = CueReading()
        guard start < tokens.count else { return out }
        let s = doc.sentences[tokens[start].sentence].tokens
        var j = start
        // An opening quote does not separate a name from its cue: called "Kalamun".
        while j > s.lowerBound, ["\"", "'", "\u{201C}", "\u{2018}"].contains(tokens[j - 1].text) { j -= 1 }
        while j > s.lowerBound, modifiers.contains(tokens[j - 1].norm) { j -= 1; out.modified = true }
        if j - 2 >= s.lowerBound, tokens[j - 1].norm == "of" {
            if let u = unitWords[[tokens[j - 2].norm]] {
                if u == .facility {
                    out.siteOf = true
                } else if u == .near {
                    out.role = .near
                } else {
                    out.unit = u
                }
                j -= 2
                while j > s.lowerBound, modifiers.contains(tokens[j - 1].norm) || tokens[j - 1].norm == "military" {
                    j -= 1
                }
            }
        }
        if j - 1 >= s.lowerBound, tokens[j - 1].norm == "the" { j -= 1 }
        var words: [String] = []
        var m = j
        // Numbers inside cue phrases ("15 km north of") are skipped.
        while m > s.lowerBound, j - m < maxCueWords + 1 {
            m -= 1
            let t = tokens[m]
            if t.kind == .number { continue }
            words.insert(t.norm, at: 0)
            if let r = cues[words], out.role == nil || words.count > 1 { out.role = r }
        }
        return out
    }
}
