import Foundation

extension Reading {
    // MARK: 1. Spotting

    mutating func spot() {
        let tokens = doc.tokens
        let n = tokens.count
        var i = 0
        while i < n {
            guard nameLike(i) else { i += 1; continue }
            let si = tokens[i].sentence
            let title = isTitleCase(si)
            // How far a name starting here may reach.
            var reach = i + 1
            while reach < n, reach - i < gazetteer.maxNameWords, joined(reach - 1, reach),
                  nameLike(reach) || ((isParticle(reach) || isAmpersand(reach) || isAbbreviationDot(reach)) && reach + 1 < n
                                      && (nameLike(reach + 1) || isParticle(reach + 1))) {
                reach += 1
            }
            var match: (Int, [(record: Int, mainName: Bool)])? = nil
            var end = reach
            while end > i {
                if nameLike(end - 1) {
                    var k: [UInt8] = []
                    k.reserveCapacity(32)
                    for j in i..<end where end - i == 1 || !isArticle(j) { k += key(j) }
                    // Two-letter keys ("te" from "They") match too much; only acronyms ("US") may be that short.
                    // Keys under three letters ("po" from "Pau", "te" from "They") match too much: only
                    // acronyms ("US") and mid-sentence names of three letters or more may be that short.
                    let initial = i == doc.sentences[tokens[i].sentence].tokens.lowerBound
                    let shortOK = end - i == 1 && (isAcronym(i) || tokens[i].text.count >= 3 && !initial)
                        || end - i == 3 && isAmpersand(i + 1)  // "J&K"
                        // "Ye town", "Ye township": a unit word makes a two-letter word a name.
                        || end - i == 1 && !initial && tokens[i].text.count == 2 && isCap(i) && unitWord(at: end) != nil
                    let p = k.count >= 3 || k.count >= 1 && shortOK ? gazetteer.postings(key: k) : []
                    if !p.isEmpty { match = (end, p); break }
                }
                end -= 1
            }
            // A longer run the gazetteer lacks under this spelling beats a part of it that it has
            // ("Tal Tamer town": "Tal" alone is a town in Pakistan).
            if let s = soundalike(i, reach, exact: match) { match = s }
            guard let (mEnd, postings) = match else { i += 1; continue }
            let range = i..<mEnd
            if let f = accept(range, postings: postings, title: title) {
                found.append(f)
                i = mEnd
            } else {
                i += 1
            }
        }
    }

    /// "Fleifel town in Idleb countryside", "the village of Kozliyeh (Al Hasakeh)": a name the
    /// gazetteer lacks under this spelling, given as a settlement of a province the sentence
    /// names, is the town of that province whose consonants it shares (UCDP writes Fulayfil and
    /// Al Kuzliyah: English transliterations of Arabic disagree mostly on vowels).
    ///
    /// It replaces an exact match that is shorter ("Tal Tamer town": "Tal" alone is a town in
    /// Pakistan) or has no reading in that province ("Termala town in Idleb": Teir Maaleh in Homs
    /// folds alike).
    mutating func soundalike(_ i: Int, _ reach: Int,
                             exact: (Int, [(record: Int, mainName: Bool)])?) -> (Int, [(record: Int, mainName: Bool)])? {
        let tokens = doc.tokens
        guard isCap(i), i > doc.sentences[tokens[i].sentence].tokens.lowerBound else { return nil }
        var end = reach
        while end > i {
            defer { end -= 1 }
            guard nameLike(end - 1) else { continue }
            let settlement: Bool
            let unitAt = isTrailingApostrophe(end) ? end + 1 : end
            if let (u, _) = unitWord(at: unitAt) { settlement = u != .province && u != .facility } else { settlement = i >= 2 && isUnitOf(i - 1) }
            guard settlement else { continue }
            var k: [UInt8] = []
            for j in i..<end where end - i == 1 || !isArticle(j) { k += key(j) }
            let sk = PlaceKey.skeleton(k)
            guard sk.count >= 2 else { continue }
            if let exact, exact.0 > end { return nil }
            let provinces = namedProvinces(after: end)
            guard !provinces.isEmpty else { return nil }
            func startsAlike(_ r: Int) -> Bool { PlaceKey.key(gazetteer.place(record: r).name).utf8.first == k.first }
            func inProvince(_ r: Int) -> Bool {
                let p = gazetteer.place(record: r)
                return provinces.contains(p.countryCode + "/" + p.admin1)
            }
            // Only where names come from a script without short vowels (lexicon/places-abjad-countries.txt).
            guard provinces.contains(where: { lexicon.abjadCountries.contains(String($0.prefix(2))) }) else { return nil }
            if let exact, exact.0 == end, exact.1.prefix(200).contains(where: { inProvince($0.record) }) { return nil }
            // Two consonants say little: the names must also start alike (Mare'/Marea, not Saida/Asadiyah).
            // (Each record's name is decoded and folded once.)
            var records = gazetteer.soundalikes(skeleton: sk).filter(inProvince).map { (record: $0, alike: startsAlike($0)) }
                .filter { sk.count >= 3 || $0.alike }
            // Spellings differ in vowels, rarely in the first letter: "Shyookh" is Shuyukh, not Ashka.
            if records.contains(where: \.alike) { records = records.filter(\.alike) }
            if !records.isEmpty { return (end, records.map { (record: $0.record, mainName: false) }) }
        }
        return nil
    }

    /// "Mare' town": an apostrophe right after a name (hamza, ayn) belongs to the name.
    func isTrailingApostrophe(_ i: Int) -> Bool {
        i > 0 && i < doc.tokens.count && ["'", "\u{2019}"].contains(doc.tokens[i].text)
            && doc.tokens[i - 1].span.end == doc.tokens[i].span.start
    }

    /// Provinces (country/admin1) named in the rest of the sentence after token `start`.
    mutating func namedProvinces(after start: Int) -> Set<String> {
        let tokens = doc.tokens
        let sentenceEnd = doc.sentences[tokens[start - 1].sentence].tokens.upperBound
        var out: Set<String> = []
        var j = start
        while j < min(sentenceEnd, start + 14) {
            guard isCap(j) else { j += 1; continue }
            var k: [UInt8] = []
            var next = j + 1
            for len in 1...3 where j + len <= sentenceEnd && (len == 1 || (nameLike(j + len - 1) && joined(j + len - 2, j + len - 1))) {
                if len > 1, isArticle(j + len - 2) == false, k.isEmpty { break }
                k += key(j + len - 1)
                for p in gazetteer.postings(key: k) where gazetteer.kind(record: p.record) == .admin1 {
                    let place = gazetteer.place(record: p.record)
                    out.insert(place.countryCode + "/" + place.admin1)
                    next = j + len
                }
            }
            j = next
        }
        return out
    }

    /// Applies the whole-phrase rule and the stop lists to a spotted name.
    mutating func accept(_ r: Range<Int>, postings: [(record: Int, mainName: Bool)], title: Bool) -> FoundName? {
        let tokens = doc.tokens
        let words = r.map { tokens[$0].norm }
        let phrase = words.joined(separator: " ")
        if lexicon.stoplist.contains(phrase) { return nil }
        // "gathered in Split": such a word is the town only after a locative word in running text.
        if lexicon.softStoplist.contains(phrase) {
            let sentenceStart = doc.sentences[tokens[r.lowerBound].sentence].tokens.lowerBound
            let role = lexicon.cue(in: doc, before: r.lowerBound).role
            guard !title, r.lowerBound > sentenceStart, role == .at || role == .near else { return nil }
        }
        // A surname seen earlier is that person again, except where reports put admin names:
        // "(Grand Dakar, Dakar, Dakar)".
        if surnames.contains(phrase), !(r.lowerBound > 0 && ["(", ","].contains(tokens[r.lowerBound - 1].text)) { return nil }
        // "German workers", "Afghan refugees": a demonym is not a town that happens to share it.
        // (Unless it is a country's own name that lists itself as a demonym: "Djibouti".)
        if r.count == 1, !gazetteer.countries(demonymNorm: phrase).isEmpty, !gazetteer.isCountryName(phrase) { return nil }
        // A lone modifier ("Northern") before more of the name is not the place: "Northern Idlib".
        if r.count == 1, lexicon.modifiers.contains(words[0]), r.upperBound < tokens.count, nameLike(r.upperBound),
           joined(r.lowerBound, r.upperBound) { return nil }
        var postings = postings
        if r.count == 1, isAcronym(r.lowerBound) {
            // In the admin slot an acronym may be a province as reports abbreviate it: "(Karak, KPK)".
            let slot = r.lowerBound > 0 && ["(", ","].contains(tokens[r.lowerBound - 1].text)
            postings = postings.filter {
                let k = gazetteer.kind(record: $0.record)
                return k == .country || slot && k == .admin1
            }
            if postings.isEmpty { return nil }
        }
        // A country only by one of its names as such ("Palau" is not "El Palo", "Thailand" not "They").
        if postings.contains(where: { gazetteer.kind(record: $0.record) == .country }), !gazetteer.isCountryName(phrase) {
            postings = postings.filter { gazetteer.kind(record: $0.record) != .country }
            if postings.isEmpty { return nil }
        }
        var f = FoundName(tokens: r, span: Span(tokens[r.lowerBound].span.start, tokens[r.upperBound - 1].span.end),
                          candidates: [], postings: postings)
        f.titleCase = title
        let s = doc.sentences[tokens[r.lowerBound].sentence]
        f.sentenceInitial = r.lowerBound == s.tokens.lowerBound
            || (r.lowerBound > s.tokens.lowerBound && tokens[r.lowerBound - 1].kind == .punctuation
                && ["\"", "\u{201C}", "(", "'"].contains(tokens[r.lowerBound - 1].text) && r.lowerBound - 1 == s.tokens.lowerBound)
        f.common = r.count == 1 && lexicon.commonWords.contains(words[0])

        // What follows: a unit word ("province", "Airport") or an organisation word ("Agreement").
        var after = r.upperBound
        if after + 1 < tokens.count, isTrailingApostrophe(after) { after += 1 }
        if let (u, len) = unitWord(at: after) {
            f.unit = u
            f.unitText = (after..<(after + len)).map { tokens[$0].norm }.joined(separator: " ")
            after += len
        } else if after < tokens.count, joined(after - 1, after), lexicon.orgSuffixes.contains(tokens[after].norm),
                  isCap(after) {
            return nil
        } else if after < tokens.count, lexicon.notAfter.contains(tokens[after].norm), joined(after - 1, after),
                  !gazetteer.isCountryName(phrase) {
            return nil
        }
        // What precedes: modifiers ("northern"), "the town of", cue words.
        var before = r.lowerBound
        while before > s.tokens.lowerBound, lexicon.modifiers.contains(tokens[before - 1].norm) {
            before -= 1
            f.modified = true
        }
        if !title {
            // Whole-phrase rule: the name (with modifiers and unit word) must be the whole capitalised phrase.
            if before > s.tokens.lowerBound, nameLike(before - 1), joined(before - 1, before), !f.modified {
                // "Vladimir Putin … Putin": the last word alone is then the person. Not so for a
                // city inside a longer place name ("Grand Dakar", "Dakar"): big places are not surnames.
                if r.count == 1, after >= tokens.count || !nameLike(after) || !joined(after - 1, after),
                   !isMajorPlace(postings) {
                    surnames.insert(words[0])
                }
                return nil
            }
            // "Speney Adda of Herat", "Governor of Kandahar": a name after "of" is still a place.
            if before > s.tokens.lowerBound + 1, isParticle(before - 1), nameLike(before - 2), tokens[before - 1].norm != "and",
               tokens[before - 1].norm != "of" {
                return nil
            }
            if after < tokens.count, f.unit == nil, nameLike(after), joined(after - 1, after) { return nil }
            // "Wadi al Hinnayah", "Jabal al Arbain": an Arabic article and a capitalised word carry the name on.
            if after + 1 < tokens.count, f.unit == nil, isArticle(after), isCap(after + 1), joined(after - 1, after + 1) { return nil }
            // "Federation of Industries", "Bank of America": the name heads a longer one.
            if after + 1 < tokens.count, f.unit == nil, tokens[after].norm == "of", !isCap(after),
               nameLike(after + 1), joined(after, after + 1) {
                return nil
            }
        }
        return f
    }

    /// A country, a province or a town of 100,000 people among a name's readings.
    func isMajorPlace(_ postings: [(record: Int, mainName: Bool)]) -> Bool {
        postings.prefix(8).contains { p in
            switch gazetteer.kind(record: p.record) {
            case .country, .admin1: return true
            case .populated: return gazetteer.population(record: p.record) >= 100_000
            default: return false
            }
        }
    }

    /// "province", "district", "Airport"… starting at token i: its kind and length in tokens.
    func unitWord(at i: Int) -> (PlaceLexicon.UnitWord, Int)? {
        let tokens = doc.tokens
        guard i < tokens.count, lexicon.unitFirstWords.mayContain(tokens[i]) else { return nil }
        var best: (PlaceLexicon.UnitWord, Int)? = nil
        var words: [String] = []
        for j in i..<min(tokens.count, i + lexicon.maxUnitWords) {
            guard tokens[j].kind == .word, j == i || joined(j - 1, j) else { break }
            words.append(tokens[j].norm)
            if let u = lexicon.unitWords[words] { best = (u, words.count) }
        }
        return best
    }

    /// "… town of" / "… province of": the "of" at i follows a unit word.
    func isUnitOf(_ i: Int) -> Bool {
        guard i > 0, doc.tokens[i].norm == "of" else { return false }
        return lexicon.unitWords[[doc.tokens[i - 1].norm]] != nil
    }

}
