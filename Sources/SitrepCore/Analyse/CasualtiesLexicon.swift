/// Casualty words, people nouns and phrase boundaries (lexicon/casualties-*.txt), loaded once.
struct CasualtyLexicon: Sendable {
    enum Role: String, Sendable {
        case passive, active, intrans, noun, toll, coded
    }

    struct Trigger: Sendable {
        var outcome: CasualtyMention.Outcome
        var role: Role
        /// One figure for the dead and the wounded alike ("killing and injuring 5").
        var alsoWounded: Bool
        /// Words one of which must stand right before the count ("claimed 5 lives").
        var before: Set<String>?
    }

    enum PersonClass: Sendable { case civilian, generic, other }

    struct Person: Sendable {
        var plural: Bool
        var cls: PersonClass
    }

    static let shared = CasualtyLexicon()

    let triggers: PhraseTable<Trigger>
    let persons: [String: Person]
    let gap: Set<String>
    let npStops: Set<String>
    let units: Set<String>
    let civilianCues: Set<String>
    let claims: Set<String>
    let countStarters: Set<String>
    let otherOutcomes: Set<String>
    /// Auxiliaries: with one of these between subject and participle the clause is passive.
    let auxiliaries: Set<String> = ["was", "were", "is", "are", "been", "be", "being", "has", "have", "had",
                                    "got", "get", "gets"]

    init() {
        var t = PhraseTable<Trigger>()
        for f in PhraseRows.of("casualties-triggers") where f.count >= 3 {
            guard let role = Role(rawValue: f[2]) else { continue }
            let both = f[1] == "killed+wounded"
            guard let outcome = both ? .killed : CasualtyMention.Outcome(rawValue: f[1]) else { continue }
            let before = f.count > 3 && !f[3].isEmpty ? Set(f[3].split(separator: "|").map(String.init)) : nil
            t.add(f[0], Trigger(outcome: outcome, role: role, alsoWounded: both, before: before))
        }
        triggers = t
        var p: [String: Person] = [:]
        for f in PhraseRows.of("casualties-persons") where f.count >= 3 {
            let cls: PersonClass = f[2] == "civilian" ? .civilian : f[2] == "generic" ? .generic : .other
            if f[0] != "-", p[f[0]] == nil { p[f[0]] = Person(plural: false, cls: cls) }
            if f[1] != "-", p[f[1]] == nil { p[f[1]] = Person(plural: true, cls: cls) }
        }
        persons = p
        func set(_ name: String) -> Set<String> { Set(PhraseRows.of(name).compactMap { $0.first }) }
        gap = set("casualties-gap")
        npStops = set("casualties-np-stops")
        units = set("casualties-units")
        civilianCues = set("casualties-civilian-cues")
        claims = set("casualties-claims")
        // Words a counted subject can begin with; any other word is skipped without parsing.
        var starters: Set<String> = ["a", "an", "another", "one", "no", "nobody", "none", "noone", "between",
                                     "he", "she", "him", "her", "the", "his", "their", "its", "this", "that"]
        for name in ["numbers-words", "numbers-phrases", "numbers-qualifiers"] {
            for f in PhraseRows.of(name) {
                if let w = f.first?.split(separator: " ").first { starters.insert(String(w)) }
            }
        }
        countStarters = starters
        otherOutcomes = set("casualties-other-outcomes")
    }
}
