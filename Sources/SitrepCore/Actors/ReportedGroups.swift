/// A group that a party to the conflict names in its own statement ("It said it had conducted strikes
/// in support of a group called 'Desert Lions'"): an actor the text mentions, but whose existence and
/// role are the speaker's claim, not the report's.
public struct ReportedGroup: Sendable, Hashable {
    /// The group, as a named rebel group of the document's country unless the dictionary knows the name.
    public var mention: ActorMention
    /// Who made the statement ("Russia's defense ministry" → Government of Russia), when the text says.
    public var speaker: ActorMention?
    /// The sentence holding the statement.
    public var statement: Span

    public init(mention: ActorMention, speaker: ActorMention?, statement: Span) {
        self.mention = mention
        self.speaker = speaker
        self.statement = statement
    }
}

/// Finds groups introduced by name inside a statement: "a group called X", "another called X",
/// "a faction known as X". The coder calls `find` to attribute such groups (and any event told
/// about them) to the speaker instead of coding them as Sitrep's own findings.
public enum ReportedGroups {
    /// Nouns for a group just before "called": "a group called", "another faction called".
    static let groupNouns: WordSet = ["group", "groups", "faction", "factions", "brigade", "brigades", "battalion",
                                          "unit", "units", "formation", "militia", "organisation", "organization",
                                          "another", "one", "movement", "front", "coalition", "force", "forces"]
    static let namingWords: WordSet = ["called", "named", "dubbed", "calling"]
    static let quotes: Set<String> = ["\"", "'", "\u{201C}", "\u{201D}", "\u{2018}", "\u{2019}", "«", "»", "`", "``", "''"]

    /// Groups named in statements, in text order. `actors` is the document's actor layer, used to
    /// find the speaker ("Russia's defense ministry said ...", then "It said ..." in the next sentence).
    public static func find(_ doc: Doc, actors: [ActorMention], country: String?,
                            dictionary: ActorDictionary = .shared) -> [ReportedGroup] {
        let tokens = doc.tokens
        var out: [ReportedGroup] = []
        var i = 0
        while i < tokens.count {
            defer { i += 1 }
            guard namingWords.contains(tokens[i]), isAfterGroupNoun(tokens, i) else { continue }
            guard let (first, last) = name(tokens, after: i).map({ ($0.0, $0.1) }) else { continue }
            let span = Span(tokens[first].span.start, tokens[last].span.end)
            let name = doc.text(span)
            let s = tokens[i].sentence
            let actor = groupActor(named: name, country: country, date: doc.published, dictionary: dictionary)
            out.append(ReportedGroup(mention: ActorMention(span: span, actor: actor),
                                     speaker: speaker(doc, actors: actors, sentence: s), statement: doc.sentences[s].span))
            i = last
        }
        return out
    }

    /// "a group called", "another called", "a faction of the FSA called": a group noun within three words.
    static func isAfterGroupNoun(_ tokens: [Token], _ i: Int) -> Bool {
        var j = i - 1
        while j >= 0, j >= i - 3, tokens[j].sentence == tokens[i].sentence {
            if groupNouns.contains(tokens[j]) { return true }
            j -= 1
        }
        return false
    }

    /// The tokens of the name after the naming word: a quoted string, else a run of capitalised words.
    static func name(_ tokens: [Token], after i: Int) -> (Int, Int)? {
        var j = i + 1
        guard j < tokens.count, tokens[j].sentence == tokens[i].sentence else { return nil }
        let quoted = quotes.contains(tokens[j].text)
        if quoted { j += 1 }
        if j < tokens.count, tokens[j].norm == "the" { j += 1 }
        var first: Int?, last: Int?
        while j < tokens.count, tokens[j].sentence == tokens[i].sentence {
            let t = tokens[j]
            if quoted {
                if quotes.contains(t.text) { break }
                // Punctuation inside the quotes ("Kalamun,") belongs to the sentence, not the name.
                if t.kind == .punctuation, t.text != "-" { j += 1; continue }
            } else if !(t.kind == .word && (t.isCapitalized || ["al", "of", "al-", "ash", "as", "ar"].contains(t.norm))) {
                break
            }
            if first == nil { first = j }
            last = j
            j += 1
            if !quoted, last! - first! >= 5 { break }
        }
        guard let first, let last, tokens[first].isCapitalized else { return nil }
        return (first, last)
    }

    /// The group as an actor: a name the dictionary knows for the country and date, else a new
    /// named rebel group of the country (a group fighting the regime is ACLED's Rebel group).
    static func groupActor(named name: String, country: String?, date: CivilDate?, dictionary: ActorDictionary) -> Actor {
        let key = ActorDictionary.key(name)
        if let best = dictionary.rankedNamed(dictionary.aliasIndex[key] ?? [], country: country, date: date, requireCountry: true).first,
           dictionary.named[best].countries.first == country || country == nil {
            let e = dictionary.named[best]
            // Only an entry whose own name is this name: "Democratic Forces" as a bare alias is not enough
            // to say the speaker meant the SDF.
            if case .literal(let n, _) = e.ref, ActorDictionary.key(n) == key {
                return dictionary.resolve(e.ref, countries: e.countries, eventCountry: country, date: date)
            }
        }
        return Actor(name: name, inter: .rebelGroup, country: country)
    }

    /// The party speaking in sentence `s`: an actor just before or after its verb of saying; for a
    /// pronoun subject ("It said"), the speaker of one of the two sentences before.
    static func speaker(_ doc: Doc, actors: [ActorMention], sentence s: Int) -> ActorMention? {
        let words = RoleWords.shared
        for back in [s, s - 1, s - 2] where back >= 0 {
            let sentence = doc.sentences[back]
            for t in sentence.tokens where words.has(doc.tokens[t].norm, .speech) || doc.tokens[t].norm == "saying" {
                let verb = doc.tokens[t].span
                let inSentence = actors.filter { sentence.span.contains($0.span) && $0.actor.inter != .civilians }
                if let before = inSentence.last(where: { $0.span.end <= verb.start && verb.start - $0.span.end <= 3 }) { return before }
                if let after = inSentence.first(where: { $0.span.start >= verb.end && $0.span.start - verb.end <= 5 }) { return after }
            }
        }
        return nil
    }
}
