import Foundation

/// Finds place names in a document and resolves each to a gazetteer entry, using the
/// document's country focus, admin names given beside a town, nearby places and population.
///
/// Reading goes in three steps: (1) spot names over the tokens, longest match first, keeping
/// only names that make up a whole capitalised phrase (so "John Kerry", "Free Syrian Army" and
/// "Paris Agreement" hold no place); (2) read each name's context: the cue before it ("in",
/// "near", "north of"), the unit word after it ("province", "countryside"), admin names in
/// parentheses or after a comma; (3) weigh the candidates and keep those with enough evidence.
public struct PlaceResolver: Sendable {
    public let gazetteer: Gazetteer
    let lexicon: PlaceLexicon

    public init(gazetteer: Gazetteer = .shared) {
        self.gazetteer = gazetteer
        self.lexicon = .shared
    }

    public func resolve(_ doc: Doc) -> (places: [PlaceMention], focusCountry: String?) {
        var r = Reading(doc: doc, gazetteer: gazetteer, lexicon: lexicon)
        r.spot()
        r.readContext()
        r.decide()
        let focus = r.focus.map { gazetteer.countries[$0].name }
        return (r.mentions(), focus)
    }
}

/// One name spotted in the text, with what its context says.
struct FoundName {
    var tokens: Range<Int>
    var span: Span
    var candidates: [PlaceCandidate]
    /// All records indexed under the name, best first (candidates are decoded from these).
    var postings: [(record: Int, mainName: Bool)]
    var role: PlaceLexicon.Role?
    var unit: PlaceLexicon.UnitWord?
    var unitText = ""
    /// Preceded by "northern", "greater"…: a part of the place.
    var modified = false
    /// Admin names given for this one: "(Oyam, Northern)", ", Luhansk".
    var context: [Int] = []
    /// This one is an admin name given for another.
    var contextOf: Int?
    /// ACLED note convention "(coded to X)": X is where the events of the head are placed.
    var codedTo: Int?
    var isCodedTarget = false
    /// After a comma or inside parentheses following another name, where reports put admin units.
    var adminSlot = false
    /// The part after "City - " in ACLED's name for a city district: read with the city, not alone.
    var cityDistrict = false
    /// Listed among acronyms in parentheses ("(CGT, FO, Sud, FSU)"): an organisation's name.
    var inNameList = false
    /// The name as written, folded plainly (computed once, when readings compete).
    var plain: String?
    var common = false
    var sentenceInitial = false
    var titleCase = false
    var choice: Int?
    var scores: [Double] = []
    var evidence = 0.0
    var accepted = false

    var best: PlaceCandidate? { choice.map { candidates[$0] } }
}

struct Reading {
    let doc: Doc
    let gazetteer: Gazetteer
    let lexicon: PlaceLexicon
    var found: [FoundName] = []
    var keys: [[UInt8]?]
    /// Words seen as the last part of a longer capitalised name ("Vladimir Putin", "John Kerry"):
    /// alone later in the text they are that person, not a place.
    var surnames: Set<String> = []
    var countryWeight: [Int: Double] = [:]
    var focus: Int?
    /// Countries named in the text itself (names, demonyms, dateline).
    var namedCountries: Set<Int> = []
    /// Names read together as one admin chain, "Inata (Tongomayel, Soum)": the head (if found)
    /// and the names inside the parentheses after it.
    var adminGroups: [[Int]] = []
    /// Per name: the country its admin chain settles on, if it settles on one.
    var groupCountry: [Int: Int] = [:]
    /// Country weight from names below country level (towns, admin units), not from country names.
    var localWeight: [Int: Double] = [:]
    /// Candidates decoded so far, by record and whether the main name matched (`candidate`).
    var decoded: [Int: PlaceCandidate] = [:]
    /// `plausible(m)` as last computed: every reading of a name compares itself with the readings
    /// of its admin chain, which would otherwise be filtered anew for each reading. Forgotten
    /// whenever what they depend on changes (the name's scores or candidates, the focus).
    let plausibleReadings = PlausibleReadings()

    final class PlausibleReadings {
        var byName: [Int: [PlaceCandidate]] = [:]
        func forget(_ k: Int) { byName[k] = nil }
        func forgetAll() { byName.removeAll(keepingCapacity: true) }
    }

    init(doc: Doc, gazetteer: Gazetteer, lexicon: PlaceLexicon) {
        self.doc = doc
        self.gazetteer = gazetteer
        self.lexicon = lexicon
        keys = Array(repeating: nil, count: doc.tokens.count)
        var caps = [UInt8](repeating: 0, count: doc.tokens.count)
        var counts = [(Int, Int)](repeating: (0, 0), count: doc.sentences.count)
        for i in doc.tokens.indices {
            let c = Reading.capitalClass(doc.tokens[i])
            caps[i] = c
            if doc.tokens[i].kind == .word, doc.tokens[i].span.length >= 3 {
                let si = doc.tokens[i].sentence
                counts[si].0 += 1
                if c == 2 { counts[si].1 += 1 }
            }
        }
        self.caps = caps
        sentenceCaps = counts
        // Line number of each token, for names that must not run across a line break.
        var lines = [Int32](repeating: 0, count: doc.tokens.count)
        var line: Int32 = 0
        var k = 0
        var offset = 0
        for b in doc.text.utf8 {
            while k < doc.tokens.count, doc.tokens[k].span.start <= offset {
                lines[k] = line
                k += 1
            }
            if b == 10 { line += 1 }
            offset += 1
        }
        while k < doc.tokens.count { lines[k] = line; k += 1 }
        lineOf = lines
    }

    let lineOf: [Int32]

    /// Admin names read as one name's context ("Severodonetsk, Luhansk, Ukraine"; ACLED's
    /// "(Merti, Arsi, Oromia)"): a chain names three or four units, so a longer run of names after
    /// commas is a list; each name compares every reading with every reading of each other name of
    /// its chain, so the cap keeps that cost per name small and the document linear.
    static let maxContextNames = 4

    /// Per sentence: words of four letters or more, and how many of them are capitalised.
    let sentenceCaps: [(Int, Int)]

    let caps: [UInt8]
    let keyCache = KeyCache()

    // MARK: Token tests

    /// Capitalised, or a lower-case article joined to a capitalised name ("al-Marj", "ad-Dana").
    func nameLike(_ i: Int) -> Bool { caps[i] >= 1 }

    /// Capitalised word (cached: Unicode property lookups are the costliest part of the stage).
    func isCap(_ i: Int) -> Bool { caps[i] == 2 }

    /// 2 capitalised word, 1 article joined to a capitalised name, 0 otherwise.
    static func capitalClass(_ t: Token) -> UInt8 {
        guard t.kind == .word, let b = t.text.utf8.first else { return 0 }
        if b >= 65 && b <= 90 { return 2 }
        if b >= 128, t.isCapitalized { return 2 }
        guard b >= 97 && b <= 122, let dash = t.text.utf8.firstIndex(of: 45) else { return 0 }
        let head = Array(t.text.utf8[..<dash])
        let next = t.text.utf8.index(after: dash)
        guard next < t.text.utf8.endIndex, PlaceKey.articles.contains(head) else { return 0 }
        let c = t.text.utf8[next]
        return c >= 65 && c <= 90 ? 1 : 0
    }

    /// A bare article token ("Al" in "Al Hasakeh"): the gazetteer's keys leave it out of longer names.
    func isArticle(_ i: Int) -> Bool {
        let n = doc.tokens[i].norm.utf8
        return n.count <= 3 && PlaceKey.articles.contains(Array(n))
    }

    /// "IED", "JWS", "OPS": an acronym is a place only if it is a country's ("US", "UAE", "DRC").
    func isAcronym(_ i: Int) -> Bool {
        let t = doc.tokens[i].text
        guard caps[i] == 2, t.utf8.count <= 12 else { return false }
        var upper = 0, letters = 0
        for b in t.utf8 {
            if b >= 65 && b <= 90 { upper += 1; letters += 1 } else if b >= 97 && b <= 122 || b >= 128 { letters += 1 }
        }
        // "JaS", "QSD", "U.S.": two or more capitals in a short word, or all capitals.
        // All-capital words of five letters or more are more often names in capitals ("DAMASCUS"),
        // unless the words around them are written normally: "(CONAIE)", "HURPES staged".
        if letters >= 5, upper == letters, !t.utf8.contains(UInt8(ascii: "-")) {
            return hasLowerCaseWord(before: i) && hasLowerCaseWord(after: i)
        }
        return letters >= 2 && t.count <= 5 && !t.utf8.contains(UInt8(ascii: "-"))
            && (upper == letters && letters <= 4 || upper >= 2 && upper < letters)
    }

    /// The nearest word before (after) token i in its sentence has a lower-case letter.
    func hasLowerCaseWord(before i: Int) -> Bool {
        var j = i - 1
        let s = doc.tokens[i].sentence
        while j >= 0, doc.tokens[j].sentence == s {
            if doc.tokens[j].kind == .word { return doc.tokens[j].text.utf8.contains { $0 >= 97 && $0 <= 122 } }
            j -= 1
        }
        return false
    }

    func hasLowerCaseWord(after i: Int) -> Bool {
        var j = i + 1
        let s = doc.tokens[i].sentence
        while j < doc.tokens.count, doc.tokens[j].sentence == s {
            if doc.tokens[j].kind == .word { return doc.tokens[j].text.utf8.contains { $0 >= 97 && $0 <= 122 } }
            j += 1
        }
        return false
    }

    /// "St. Gallen", "Mt. Lebanon": the dot of a short capitalised abbreviation inside a name.
    func isAbbreviationDot(_ i: Int) -> Bool {
        doc.tokens[i].text == "." && i > 0 && caps[i - 1] == 2 && doc.tokens[i - 1].text.utf8.count <= 3
            && doc.tokens[i - 1].span.end == doc.tokens[i].span.start
    }

    /// "J&K": an ampersand between capitals joins a name as "and" does.
    func isAmpersand(_ i: Int) -> Bool {
        doc.tokens[i].text == "&" && i > 0 && caps[i - 1] == 2 && doc.tokens[i - 1].span.end == doc.tokens[i].span.start
    }

    func isParticle(_ i: Int) -> Bool {
        let t = doc.tokens[i]
        return t.kind == .word && caps[i] == 0 && lexicon.particles.contains(t.norm)
    }

    mutating func key(_ i: Int) -> [UInt8] {
        if let k = keys[i] { return k }
        let k = PlaceKey.tokenKey(doc.tokens[i].norm)
        keys[i] = k
        return k
    }

    /// Tokens i and j (i < j) are within one line and one sentence.
    func joined(_ i: Int, _ j: Int) -> Bool {
        guard doc.tokens[i].sentence == doc.tokens[j].sentence else { return false }
        return lineOf[i] == lineOf[j]
    }

    /// A sentence written in title case (a headline) says nothing by its capitals. Counted over
    /// words of three letters or more, so that "in" and "of" do not decide; a headline has no
    /// final full stop.
    func isTitleCase(_ sentence: Int) -> Bool {
        let (words, capitals) = sentenceCaps[sentence]
        let last = doc.sentences[sentence].tokens.upperBound - 1
        return words >= 4 && Double(capitals) >= 0.85 * Double(words) && doc.tokens[last].text != "."
    }

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
                let adminish = unitAfter == .province || unitAfter == .area
                    || found[fm].postings.prefix(24).contains { gazetteer.kind(record: $0.record) == .admin1 }
                guard adminish else { continue }
                found[fm].contextOf = k
                found[k].context.append(fm)
            } else if t.text == "," {
                // "Severodonetsk, Luhansk": a following admin or country name.
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

    /// A gazetteer record as a candidate, decoded once per document: a name the text repeats has
    /// the same readings each time.
    mutating func candidate(_ record: Int, mainName: Bool) -> PlaceCandidate {
        let key = record << 1 | (mainName ? 1 : 0)
        if let c = decoded[key] { return c }
        let c = gazetteer.candidate(record: record, mainName: mainName)
        decoded[key] = c
        return c
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
                    let admin = c.place.kind == .admin1 || c.place.kind == .admin2
                    best[c.countryIndex] = max(best[c.countryIndex] ?? 0, inside && admin ? 2 : 1)
                }
                for (ci, v) in best { byCountry[ci, default: 0] += v }
            }
            let ranked = byCountry.sorted { ($0.value, -$0.key) > ($1.value, -$1.key) }
            guard let top = ranked.first, top.value >= 2, ranked.count == 1 || ranked[1].value < top.value else { continue }
            for m in g where groupCountry[m] == nil { groupCountry[m] = top.key }
        }
    }

    // MARK: 3. Decision

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
                let cap = found[k].context.isEmpty ? 6 : 60
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
        dropStrayNeighbourhoods()
        readCityStates()
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

    /// Country focus: names and demonyms of countries, the dateline, and the countries of the names found.
    mutating func weighCountries() {
        var w: [Int: Double] = [:]
        var demonymWeight: [Int: Double] = [:]
        let ci = doc.clean.datelinePlace.flatMap { gazetteer.candidates($0).first }
        if let d = ci {
            let c = gazetteer.countryIndexOf(d.place)
            w[c, default: 0] += 3
            namedCountries.insert(c)
        }
        // Demonyms ("Syrian regime army", "Ukrainian forces").
        for (i, t) in doc.tokens.enumerated() where isCap(i) {
            var cs = gazetteer.countries(demonymNorm: t.norm)
            if i + 1 < doc.tokens.count, isCap(i + 1) {
                let two = gazetteer.countries(demonymNorm: t.norm + " " + doc.tokens[i + 1].norm)
                if !two.isEmpty { cs = two }
            }
            for c in cs {
                // "Turkish forces shelled…", "Russian forces shelled…": in conflict reports a demonym
                // names who acted more often than where, so demonyms weigh little and add up to little.
                demonymWeight[c.index, default: 0] += 0.5 / Double(cs.count)
                if cs.count == 1 { namedCountries.insert(c.index) }
            }
        }
        settleAdminGroups()
        for (k, f) in found.enumerated() where !f.cityDistrict && !f.inNameList {
            guard let top = f.candidates.first else { continue }
            if top.place.kind == .country, f.candidates.allSatisfy({ $0.place.kind != .country || $0.place.countryCode == top.place.countryCode }) {
                let c = gazetteer.countryIndexOf(top.place)
                // "in Syria" places events; "a US military patrol" only says whose patrol.
                w[c, default: 0] += f.role == .at || f.role == .near ? 3 : 1
                namedCountries.insert(c)
                continue
            }
            // Each other name spreads its vote over the countries of its readings, by how likely each
            // reading is (admin context included): "Tripoli" is mostly Libya, partly Lebanon.
            var byCountry: [Int: Double] = [:]
            let settled = groupCountry[k]
            for c in f.candidates where c.place.kind != .country && (settled == nil || c.countryIndex == settled) {
                let s = 0.35 * c.score + contextAgreement(of: k, c) * 2.5 + readingFit(f, c)
                let ci = c.countryIndex
                byCountry[ci] = max(byCountry[ci] ?? -Double.infinity, s)
            }
            guard let top = byCountry.values.max() else { continue }
            let total = byCountry.values.reduce(0) { $0 + exp(2 * ($1 - top)) }
            // A bare capitalised word says little; a cue, a unit word or a longer name more.
            var v = f.common ? 0.2 : 0.6
            if f.role == .at || f.role == .near || f.role == .area { v += 0.9 }
            if f.unit != nil { v += 0.5 }
            if f.tokens.count > 1 { v += 0.3 }
            // Admin names given beside a town ("(Yinmarbin district, Sagaing region)") are the surest sign.
            if f.contextOf != nil || f.adminSlot || groupCountry[k] != nil { v *= 2.5 }
            for (ci, s) in byCountry {
                w[ci, default: 0] += v * exp(2 * (s - top)) / total
                localWeight[ci, default: 0] += v * exp(2 * (s - top)) / total
            }
        }
        for (c, d) in demonymWeight { w[c, default: 0] += min(1.0, d) }
        // Unlike demonyms ("Russian forces shelled…"), these groups act at home: they weigh more.
        for (c, d) in countryWordWeight() { w[c, default: 0] += min(1.5, d) }
        countryWeight = w
        focus = w.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key
        plausibleReadings.forgetAll()
    }

    /// Groups and institutions that act in one country ("Houthi forces", "KCTU members", "CGT
    /// unions"): like demonyms, they say which country a report is about more than where.
    func countryWordWeight() -> [Int: Double] {
        var out: [Int: Double] = [:]
        let tokens = doc.tokens
        for i in tokens.indices where tokens[i].kind == .word {
            guard let entries = lexicon.countryWords[tokens[i]] else { continue }
            for e in entries {
                let end = i + e.words.count
                guard end <= tokens.count, (i..<end).allSatisfy({ tokens[$0].norm == e.words[$0 - i] }),
                      (i..<end).contains(where: { caps[$0] >= 1 || tokens[$0].text.utf8.contains { $0 >= 65 && $0 <= 90 } }),
                      let c = gazetteer.country(iso: e.iso) else { continue }
                out[c.index, default: 0] += 1
                break
            }
        }
        return out
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
                || found[m].best?.place.kind == .admin2
        }
    }

    /// `admin` names the admin1, admin2 or country of `p`.
    func agrees(_ p: Place, admin: Place) -> Bool {
        guard p.countryCode == admin.countryCode else { return false }
        // A unit restated ("Lara state (coded to Barquisimeto, Lara)") agrees with itself; a town
        // does not vouch for itself.
        if p == admin { return p.kind == .admin1 || p.kind == .admin2 }
        switch admin.kind {
        case .country: return true
        case .admin1: return p.kind != .admin1 && same(p.admin1, admin.name)
        case .admin2:
            guard p.kind == .populated else { return false }
            return same(p.admin2, admin.name) || same(p.name, admin.name)
        case .populated:
            // Districts and towns often share a name; a town named as context stands for its district
            // ("Colombo (Colombo, Western)").
            guard p.kind == .populated else { return false }
            return same(p.admin2, admin.name) || same(p.name, admin.name)
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
            if !anchors.isEmpty, c.place.kind != .country {
                var near = 0.0
                for a in anchors where a.countryCode == c.place.countryCode && a != c.place {
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
        case (.area?, .admin2), (.area?, .region): s += 1.0
        case (.exact?, .populated), (.facility?, .populated): s += 0.5
        case (.exact?, .admin1), (.exact?, .admin2): s -= 0.5
        default: break
        }
        if c.place.kind == .country, f.role == nil, f.unit == nil { s += 0.5 }
        if isVillageWord(f), c.place.kind == .populated, c.place.population >= 100_000 { s -= 2 }
        let slot = f.contextOf != nil || f.adminSlot
        // A bare name is the town before the district named after it ("shells fell on Duma").
        if c.place.kind == .admin2, f.unit == nil, !slot { s -= 0.7 }
        // In the admin slot ("Zmiivka village, Kherson", "(Oyam, Northern)") a name is an admin unit.
        if slot, c.place.kind == .admin1 || c.place.kind == .admin2 { s += 1.5 }
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
        if let focus, ci == focus { e += 1 } else if namedCountries.contains(ci) { e += 0.5 } else if let focus {
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
        // Nor is a village a district or province of that name.
        if isVillageWord(f), p.kind == .admin1 || p.kind == .admin2 { e -= 2 }
        // An admin chain settled on its country vouches for its members ("(Kantchari, Tapoa)").
        if let g = groupCountry[k] { e += g == ci ? 1.5 : -3 }
        if p.population >= 1_000_000 { e += 2 } else if p.population >= 100_000 { e += 1 }
        if p.kind == .admin1 || p.kind == .region { e += 1 }
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

    func mentions() -> [PlaceMention] {
        found.compactMap { f -> PlaceMention? in
            guard f.accepted, let i = f.choice else { return nil }
            let place = f.candidates[i].place
            let order = f.scores.indices.sorted { f.scores[$0] > f.scores[$1] }
            let alternatives = order.dropFirst().prefix(5).map { f.candidates[$0].place }
            let second = order.count > 1 ? f.scores[order[1]] : f.scores[i] - 3
            let margin = f.scores[i] - second
            let confidence = (1 / (1 + exp(-margin))) * min(1, max(0.2, f.evidence / 4))
            return PlaceMention(span: f.span, place: place, qualifier: qualifier(f, place), alternatives: alternatives,
                                score: (confidence * 1000).rounded() / 1000)
        }
    }

    /// How the text refers to the place (decides geo_precision; codebook "Geography").
    func qualifier(_ f: FoundName, _ p: Place) -> PlaceQualifier {
        // "Dara countryside": the rural area around the capital, not the whole province.
        if f.unitText == "countryside" || f.unitText == "suburbs" { return .area }
        if p.kind == .admin1 || f.unit == .province && p.kind != .populated { return .province }
        if f.role == .near || f.unit == .near { return .near }
        if f.role == .area || f.unit == .area || f.modified || p.kind == .admin2 || p.kind == .region {
            return p.kind == .admin1 ? .province : .area
        }
        return .exact
    }
}

extension Gazetteer {
    /// Row of countries.tsv for a record, read without decoding the record.
    func countryIndex(record: Int) -> Int { recordCountry(record) }

    func kind(record: Int) -> Place.Kind { recordKind(record) }

    func population(record: Int) -> Int { recordPopulation(record) }

    func countryIndexOf(_ p: Place) -> Int { country(iso: p.countryCode)?.index ?? -1 }
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

/// Keys of admin names, computed once per document.
final class KeyCache {
    private var keys: [String: String] = [:]
    func key(_ s: String) -> String {
        if let k = keys[s] { return k }
        let k = PlaceKey.key(s)
        keys[s] = k
        return k
    }
}
