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
        return (r.mentions() + r.unknownSettlements(), focus)
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
    /// Countries the text names by name or dateline — not by demonym: "Russian forces shelled…"
    /// in every report on Ukraine does not make a Russian namesake of a Ukrainian village likely.
    var countriesByName: Set<Int> = []
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
    /// Per name, what it added to each country's weight: a focus that rests on the name alone
    /// says nothing about which of its readings is meant.
    var ownWeight: [Int: [Int: Double]] = [:]

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
}

extension Gazetteer {
    /// Row of countries.tsv for a record, read without decoding the record.
    func countryIndex(record: Int) -> Int { recordCountry(record) }

    func kind(record: Int) -> Place.Kind { recordKind(record) }

    func population(record: Int) -> Int { recordPopulation(record) }

    func countryIndexOf(_ p: Place) -> Int { country(iso: p.countryCode)?.index ?? -1 }
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
