import Foundation

/// Settlements a report clearly names that the gazetteer lacks: "the strike at Mai Tsebri,
/// Tigray", "the village of Munchique", "Thep cattle camp in Akobo County", "near the town of
/// Ghandouriyeh". When the same sentence also names a place the settlement lies in or near, the
/// event can be coded as a coder would: the settlement's name as the report writes it, at the
/// coordinates of that place, "near" it (geo_precision 2), or at geo_precision 3 when only its
/// province is known.
///
/// Only settlement patterns count (`lexicon/places-settlement-cues.tsv`, and "at X" followed by a
/// known unit); a capitalised word alone could be a person or an organisation, and is never read so.
extension Reading {
    /// How far (in tokens) the place that holds the settlement may follow it.
    static let containerReach = 6

    func unknownSettlements() -> [PlaceMention] {
        let tokens = doc.tokens
        var covered = [Bool](repeating: false, count: tokens.count)
        for f in found where f.accepted { for t in f.tokens { covered[t] = true } }
        var out: [PlaceMention] = []
        var taken = Set<Int>()
        for s in doc.sentences.indices where !isTitleCase(s) {
            let range = doc.sentences[s].tokens
            var i = range.lowerBound
            while i < range.upperBound {
                defer { i += 1 }
                guard !taken.contains(i), isCap(i), !covered[i] else { continue }
                let name = nameRun(from: i, in: range, covered: covered)
                guard !name.isEmpty else { continue }
                let before = settlementCueBefore(name.lowerBound, in: range)
                let after = settlementCueAfter(name.upperBound, in: range)
                let locative = !before && !after && ["at", "near"].contains(i > range.lowerBound ? tokens[i - 1].norm : "")
                // (The cue first: most capitalised runs have none, and the name's checks cost more.)
                guard before || after || locative, plausibleSettlementName(name) else { continue }
                let cueEnd = after ? name.upperBound + settlementCueLength(at: name.upperBound) : name.upperBound
                guard let container = containingPlace(after: cueEnd, of: name, in: range, strict: locative),
                      let p = found[container].best?.place,
                      // "at X, Tigray": after a bare "at", only an admin unit named right after makes X a settlement.
                      !locative || [.admin1, .admin2, .admin3].contains(p.kind) else { continue }
                let text = doc.text(Span(tokens[name.lowerBound].span.start, tokens[name.upperBound - 1].span.end))
                let broad = p.kind == .admin1
                let place = Place(id: 0, name: text, kind: .populated, countryCode: p.countryCode, country: p.country,
                                  admin1: p.admin1, admin2: p.kind == .admin1 ? "" : p.admin2,
                                  admin3: p.kind == .populated || p.kind == .admin3 ? p.admin3 : "",
                                  latitude: p.latitude, longitude: p.longitude, population: 0,
                                  seat: p.kind == .populated || p.seat.isEmpty ? p.name : p.seat,
                                  source: PlaceMention.reportSource, placedAtSeat: true)
                out.append(PlaceMention(span: Span(tokens[name.lowerBound].span.start, tokens[name.upperBound - 1].span.end), place: place,
                                        qualifier: broad ? .province : .near, alternatives: [], score: 0.5))
                for t in name { taken.insert(t) }
            }
        }
        return out
    }

    /// Capitalised words from `start` (with "al-", "de" and the like inside), at most four, within
    /// one line, none of them part of a place already read.
    func nameRun(from start: Int, in range: Range<Int>, covered: [Bool]) -> Range<Int> {
        var end = start
        while end < range.upperBound, end - start < 4, !covered[end], joined(start, end),
              nameLike(end) || isParticle(end) && end + 1 < range.upperBound && nameLike(end + 1) {
            end += 1
        }
        while end > start, !nameLike(end - 1) { end -= 1 }
        return start..<end
    }

    /// No acronym, stop word, common word, demonym, country, or word that makes it an organisation.
    func plausibleSettlementName(_ r: Range<Int>) -> Bool {
        let tokens = doc.tokens
        let phrase = r.map { tokens[$0].norm }.joined(separator: " ")
        if lexicon.stoplist.contains(phrase) || lexicon.softStoplist.contains(phrase) { return false }
        if r.count == 1, lexicon.commonWords.contains(phrase) { return false }
        // "Igalamela LGA", "Kurram Agency": an acronym or a unit word inside makes it a unit's name.
        if r.contains(where: { isAcronym($0) || lexicon.unitWords[[tokens[$0].norm]] != nil }) { return false }
        if surnames.contains(phrase) || !gazetteer.countries(demonymNorm: phrase).isEmpty || gazetteer.isCountryName(phrase) { return false }
        if r.contains(where: { lexicon.modifiers.contains(tokens[$0].norm) || FunctionWords.contains(tokens[$0].norm) }) { return false }
        if r.upperBound < tokens.count, lexicon.orgSuffixes.contains(tokens[r.upperBound].norm) || lexicon.notAfter.contains(tokens[r.upperBound].norm) {
            return false
        }
        // A sentence's first word is capitalised anyway: a name there needs a cue before it.
        return r.lowerBound > doc.sentences[tokens[r.lowerBound].sentence].tokens.lowerBound
    }

    /// "the village of X", "villages of X".
    func settlementCueBefore(_ start: Int, in range: Range<Int>) -> Bool {
        let tokens = doc.tokens
        for (words, before) in lexicon.settlementCues where before {
            let n = words.count
            guard start - n >= range.lowerBound else { continue }
            if (0..<n).allSatisfy({ tokens[start - n + $0].norm == words[$0] }) { return true }
        }
        return false
    }

    func settlementCueAfter(_ end: Int, in range: Range<Int>) -> Bool { settlementCueLength(at: end) > 0 && end < range.upperBound }

    /// Length of the settlement word after a name ("village", "cattle camp"), 0 if none.
    func settlementCueLength(at end: Int) -> Int {
        let tokens = doc.tokens
        var best = 0
        for (words, before) in lexicon.settlementCues where !before {
            let n = words.count
            guard end + n <= tokens.count, n > best, (0..<n).allSatisfy({ tokens[end + $0].norm == words[$0] && !isCap(end + $0) })
            else { continue }
            best = n
        }
        return best
    }

    /// The place the settlement lies in or near: a name the report gives right after it ("in
    /// Akobo County", ", Tigray", "(Pissila, Sanmatenga)"), else — unless `strict` — the nearest
    /// place the sentence names below country level.
    func containingPlace(after end: Int, of name: Range<Int>, in range: Range<Int>, strict: Bool) -> Int? {
        let tokens = doc.tokens
        let candidates = found.indices.filter { k in
            found[k].accepted && found[k].best.map { $0.place.kind != .country } == true && range.contains(found[k].tokens.lowerBound)
        }
        let links: Set<String> = ["in", "of", ",", "(", "near", "the", "outside", "district", "county", "province", "region", "state"]
        for k in candidates where found[k].tokens.lowerBound >= end && found[k].tokens.lowerBound - end <= Self.containerReach {
            if (end..<found[k].tokens.lowerBound).allSatisfy({ links.contains(tokens[$0].norm) }) { return k }
        }
        guard !strict else { return nil }
        return candidates.min { a, b in distance(found[a].tokens, name) < distance(found[b].tokens, name) }
    }

    private func distance(_ a: Range<Int>, _ b: Range<Int>) -> Int {
        a.lowerBound >= b.upperBound ? a.lowerBound - b.upperBound : b.lowerBound - a.upperBound
    }
}
