/// The word lists the place resolver reads context with (data: lexicon/places-*.txt).
struct PlaceLexicon: Sendable {
    static let shared = PlaceLexicon()

    enum Role: String, Sendable { case at, near, area, from, naming }

    /// What a word after (or before, with "of") a place name says about it.
    enum UnitWord: String, Sendable { case province, area, exact, facility, near }

    /// Word sequences (folded tokens) naming a kind of unit → what they say.
    let unitWords: [[String]: UnitWord]
    let maxUnitWords: Int
    /// The first words of `unitWords`, to rule most tokens out without hashing word arrays.
    let unitFirstWords: KeyFilter
    /// Cue phrases before a place → role; longest first when matching.
    let cues: [[String]: Role]
    let maxCueWords: Int
    let particles: Set<String>
    let modifiers: Set<String>
    let stoplist: Set<String>
    /// Words that are places only when a locative word governs them ("in Split", "in Bar").
    let softStoplist: Set<String>
    let orgSuffixes: Set<String>
    /// Nouns after a name that make it a people or a group ("Massa farmers").
    let notAfter: Set<String>
    let commonWords: Set<String>
    /// Unit words that name the level below the district (township, hromada, sub-district): such
    /// a name is the admin3 unit rather than a district of that name.
    let admin3Words: Set<String>
    /// Words that make a capitalised name a settlement ("village of X", "X cattle camp"): the
    /// words, and whether they come before the name.
    let settlementCues: [(words: [String], before: Bool)]
    /// ISO codes of countries whose name, where an event happened, means their capital ("in Luxembourg").
    let cityStates: Set<String>
    /// ISO codes of countries whose names are transliterated from an abjad (see the data file).
    let abjadCountries: Set<String>
    /// Names of groups and institutions that point to one country ("Houthi", "KCTU"), by first
    /// word (folded): the words of the phrase and the country's ISO code.
    let countryWords: WordMap<[(words: [String], iso: String)]>

    init() {
        var units: [[String]: UnitWord] = [:]
        for row in Lexicon.table("lexicon/places-admin-words.txt") where row.count >= 2 {
            if let u = UnitWord(rawValue: row[1]) { units[row[0].split(separator: " ").map(String.init)] = u }
        }
        unitWords = units
        maxUnitWords = units.keys.map(\.count).max() ?? 1
        var first = KeyFilter()
        for k in units.keys { if let w = k.first { first.insert(w.utf8) } }
        unitFirstWords = first
        var cs: [[String]: Role] = [:]
        for row in Lexicon.table("lexicon/places-cues.tsv") where row.count >= 2 {
            if let r = Role(rawValue: row[1]) { cs[row[0].split(separator: " ").map(String.init)] = r }
        }
        cues = cs
        maxCueWords = cs.keys.map(\.count).max() ?? 1
        particles = Set(Lexicon.lines("places-particles"))
        modifiers = Set(Lexicon.lines("places-modifiers"))
        stoplist = Set(Lexicon.lines("places-stoplist"))
        softStoplist = Set(Lexicon.lines("places-stoplist-soft"))
        orgSuffixes = Set(Lexicon.lines("places-org-suffixes"))
        notAfter = Set(Lexicon.lines("places-not-after"))
        // An imported gazetteer knows more places, so more English words are place names: its own list.
        commonWords = Set(Gazetteer.importedCommonWords.map(Lexicon.lines(at:)) ?? Lexicon.lines("places-common-words"))
        cityStates = Set(Lexicon.lines("places-city-states"))
        admin3Words = Set(Lexicon.lines("places-admin3-words"))
        settlementCues = Lexicon.table("lexicon/places-settlement-cues.tsv").compactMap { row in
            guard row.count >= 2 else { return nil }
            return (row[0].split(separator: " ").map(String.init), row[1] == "before")
        }
        abjadCountries = Set(Lexicon.lines("places-abjad-countries"))
        var words: [String: [(words: [String], iso: String)]] = [:]
        for row in Lexicon.table("lexicon/places-country-words.tsv") where row.count >= 2 {
            let norms = Tokenizer.tokenize(row[0]).map(\.norm)
            guard let first = norms.first else { continue }
            words[first, default: []].append((norms, row[1]))
        }
        countryWords = WordMap(words)
    }
}
