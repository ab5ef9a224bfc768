/// Finds actors in a document: named groups by their names, aliases and abbreviations, and
/// generic descriptions ("regime troops", "gunmen", "Russian warplanes") resolved by the
/// document's country and date.
public struct ActorMatcher: Sendable {
    public let dictionary: ActorDictionary
    let index: PhraseIndex

    public init(dictionary: ActorDictionary = .shared) {
        self.dictionary = dictionary
        self.index = dictionary === ActorDictionary.shared ? PhraseIndex.shared : PhraseIndex(dictionary)
    }

    public func find(_ doc: Doc, country: String?, date: CivilDate?) -> [ActorMention] {
        let found = tracked(doc.tokens, in: 0..<doc.tokens.count, country: country, date: date)
        // Where the line breaks are, so each look for one between two mentions is a binary search,
        // not a scan of the text between them (quadratic in a long paragraph of mentions).
        var breaks: [Int] = []
        for (i, b) in doc.text.utf8.enumerated() where b == 0x0A { breaks.append(i) }
        var mentions = resolveAnaphora(found, doc.tokens) { a, b in
            // A paragraph break ends what a description can refer back to.
            guard a < b else { return false }
            var lo = 0, hi = breaks.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if breaks[mid] < a { lo = mid + 1 } else { hi = mid }
            }
            return lo < breaks.count && breaks[lo] < b
        }.map(\.mention)
        // "a group called 'the Democratic Forces'": the name a speaker gives is that group, not a
        // known actor that shares words with it.
        let reported = ReportedGroups.find(doc, actors: [], country: country, dictionary: dictionary).map(\.mention)
        if !reported.isEmpty {
            mentions.removeAll { m in reported.contains { $0.span.overlaps(m.span) } }
            mentions = (mentions + reported).sorted { $0.span < $1.span }
        }
        return mentions.map { offDutyAsCivilians($0, doc, country: country, date: date) }
    }

    /// Codebook, inter 7: off-duty soldiers and police are civilians ("gunmen killed an off-duty
    /// police officer", "attacked a military general (assumed off-duty)"), so an attack on them
    /// is violence against civilians, not a battle.
    func offDutyAsCivilians(_ m: ActorMention, _ doc: Doc, country: String?, date: CivilDate?) -> ActorMention {
        guard m.actor.inter == .stateForces, let home = m.actor.country ?? country else { return m }
        let tokens = doc.tokens
        let first = ActorRoles.tokenIndex(tokens, at: m.span.start)
        var last = first
        while last + 1 < tokens.count, tokens[last + 1].span.end <= m.span.end { last += 1 }
        guard TargetWords.isOffDuty(tokens, first: first, last: last),
              let civilians = dictionary.actor(kind: .civilians, country: home, date: date) else { return m }
        return ActorMention(span: m.span, actor: civilians, isGeneric: true)
    }

    /// Mentions within a range of `tokens`, in text order, none overlapping.
    public func find(_ tokens: [Token], in range: Range<Int>, country: String?, date: CivilDate?) -> [ActorMention] {
        resolveAnaphora(tracked(tokens, in: range, country: country, date: date), tokens) { _, _ in false }.map(\.mention)
    }

    /// Mentions with their first and last token indexes.
    func tracked(_ tokens: [Token], in range: Range<Int>, country: String?, date: CivilDate?) -> [(mention: ActorMention, first: Int, last: Int)] {
        var found: [(mention: ActorMention, first: Int, last: Int)] = []
        var cache = Cache()
        var i = range.lowerBound
        while i < range.upperBound {
            // Names may start with an ordinal ("4th Armored Division").
            guard tokens[i].kind != .punctuation else { i += 1; continue }
            guard let hit = match(tokens, at: i, end: range.upperBound, country: country, date: date, cache: &cache) else {
                // "FARDC-UPDF coalition": each part of a hyphenated word may be a name.
                if tokens[i].norm.utf8.contains(0x2D) {
                    for m in hyphenParts(tokens[i], country: country, date: date) { found.append((m, i, i)) }
                }
                i += 1
                continue
            }
            guard let actor = hit.actor else {
                // "police station": a place named after an actor.
                i = hit.end
                continue
            }
            var last = hit.end - 1
            // "PKK militants", "Turkish army warplanes": the head noun belongs to the mention.
            while last + 1 < range.upperBound, tokens[last + 1].sentence == tokens[i].sentence,
                  dictionary.memberNouns.contains(tokens[last + 1].norm) || index.isQualifiedOnlyWord(tokens[last + 1].norm) {
                last += 1
            }
            found.append((ActorMention(span: Span(tokens[i].span.start, tokens[last].span.end), actor: actor, isGeneric: hit.isGeneric), i, last))
            i = last + 1
        }
        return refineByOfPhrase(refineByParenthesis(found, tokens), tokens)
    }

    typealias Found = (mention: ActorMention, first: Int, last: Int)

    /// Walks the mentions in text order and lets each one absorb the mention right after it when
    /// `merge` says the pair names one actor (`merge` returns the merged mention and its last token).
    func absorbNext(_ found: [Found], _ merge: (Found, Found) -> (mention: ActorMention, last: Int)?) -> [Found] {
        guard found.count > 1 else { return found }
        var out: [Found] = []
        var k = 0
        while k < found.count {
            var cur = found[k]
            if k + 1 < found.count, let merged = merge(cur, found[k + 1]) {
                cur.mention = merged.mention
                cur.last = merged.last
                out.append(cur)
                k += 2
                continue
            }
            out.append(cur)
            k += 1
        }
        return out
    }

    /// "joint forces of the MVRF and Black Leopard", "fighters of Jaysh al-Islam": a description
    /// followed by "of" and a name is that named group.
    func refineByOfPhrase(_ found: [Found], _ tokens: [Token]) -> [Found] {
        absorbNext(found) { cur, next in
            // "Nigerien troops of the MNJTF" are Niger's: a description a country already qualifies keeps it.
            guard cur.mention.isGeneric, cur.mention.actor.inter != .civilians,
                  cur.last + 1 < tokens.count, tokens[cur.last + 1].norm == "of",
                  countryAt(tokens, cur.first, end: cur.last + 1) == nil else { return nil }
            var j = cur.last + 2
            while j < tokens.count, tokens[j].norm == "the" { j += 1 }
            guard next.first == j, !next.mention.isGeneric, next.mention.actor.inter != .civilians else { return nil }
            return (ActorMention(span: Span(cur.mention.span.start, next.mention.span.end), actor: next.mention.actor), next.last)
        }
    }

    /// A description that repeats the head of an earlier name ("OLF Shane militants ... the militants",
    /// "Oromia regional special forces ... the regional special forces") is that named actor again;
    /// so is "the assailants"/"the gunmen" after a named armed group of an earlier sentence.
    /// Descriptions said to be unknown or other ("unidentified gunmen", "another group") stay generic.
    func resolveAnaphora(_ found: [(mention: ActorMention, first: Int, last: Int)], _ tokens: [Token],
                         paragraphBreak: (Int, Int) -> Bool) -> [(mention: ActorMention, first: Int, last: Int)] {
        guard found.count > 1 else { return found }
        let armedNonState: Set<Inter> = [.rebelGroup, .politicalMilitia, .identityMilitia]
        let window = 3
        var out = found
        for k in out.indices where out[k].mention.isGeneric && out[k].mention.actor.inter != .civilians {
            let m = out[k]
            let s = tokens[m.first].sentence
            let before = m.first > 0 ? tokens[m.first - 1].norm : ""
            if index.distinct.contains(before) { continue }
            let norms = (m.first...m.last).map { tokens[$0].norm }
            if norms.contains(where: { index.distinct.contains($0) }) { continue }
            let isArmedNonState = armedNonState.contains(m.mention.actor.inter)
            var j = k - 1
            while j >= 0 {
                let a = out[j]
                if s - tokens[a.first].sentence > window { break }
                // A paragraph break ends what a description can refer back to.
                if tokens[a.first].sentence != s, paragraphBreak(tokens[a.last].span.end, tokens[m.first].span.start) { break }
                if !a.mention.isGeneric, a.mention.actor.inter != .civilians {
                    let head = (a.first...a.last).map { tokens[$0].norm }
                    let repeats = norms.count <= head.count && contains(head, norms)
                    let definite = before == "the" && isArmedNonState && armedNonState.contains(a.mention.actor.inter)
                        && tokens[a.first].sentence < s
                    if repeats || definite {
                        out[k].mention.actor = a.mention.actor
                        out[k].mention.isGeneric = false
                    }
                    break
                }
                j -= 1
            }
        }
        return out
    }

    func contains(_ hay: [String], _ needle: [String]) -> Bool {
        guard !needle.isEmpty, needle.count <= hay.count else { return false }
        for i in 0...(hay.count - needle.count) where Array(hay[i..<(i + needle.count)]) == needle { return true }
        return false
    }


    /// "armed men (assumed Darfur communal militia)", "militants (coded as Kashmir Rebels)": a name in
    /// brackets right after a description says who the description is.
    func refineByParenthesis(_ found: [Found], _ tokens: [Token]) -> [Found] {
        absorbNext(found) { cur, next in
            guard cur.mention.isGeneric, cur.last + 1 < tokens.count else { return nil }
            // "(assumed X)", or without brackets "armed individuals presumed to be X".
            let bracket = tokens[cur.last + 1].text == "("
            var j = bracket ? cur.last + 2 : cur.last + 1
            let start = j
            while j < tokens.count, index.hedges.contains(tokens[j].norm) { j += 1 }
            let hedged = bracket || (j > start && index.hedgeVerbs.contains(tokens[start].norm))
            guard hedged, next.first == j, !next.mention.isGeneric || next.mention.actor.inter != cur.mention.actor.inter,
                  next.mention.actor.inter != .civilians else { return nil }
            var close = next.last
            if close + 1 < tokens.count, tokens[close + 1].text == ")" { close += 1 }
            return (ActorMention(span: Span(cur.mention.span.start, tokens[close].span.end), actor: next.mention.actor,
                                 isGeneric: next.mention.isGeneric), close)
        }
    }

    /// Named actors among the parts of a hyphenated word ("FARDC-UPDF").
    func hyphenParts(_ token: Token, country: String?, date: CivilDate?) -> [ActorMention] {
        var out: [ActorMention] = []
        var offset = token.span.start
        let parts = token.text.split(separator: "-", omittingEmptySubsequences: false)
        for (n, part) in parts.enumerated() {
            let text = String(part)
            defer { offset += text.utf8.count + 1 }
            // "anti-Houthi forces" are the Houthis' enemies, not the Houthis.
            if n > 0, ["anti", "non", "counter", "ex"].contains(parts[n - 1].lowercased()) { continue }
            let key = TextFolding.fold(text)
            guard let list = dictionary.aliasIndex[key], ActorDictionary.isAllCaps(text) || !dictionary.exactCaseAliases.contains(key),
                  text.first?.isUppercase == true,
                  let best = dictionary.rankedNamed(list, country: country, date: date, requireCountry: false).first else { continue }
            let e = dictionary.named[best]
            out.append(ActorMention(span: Span(offset, offset + text.utf8.count),
                                    actor: dictionary.resolve(e.ref, countries: e.countries, eventCountry: country, date: date)))
        }
        return out
    }

    struct Hit {
        var end: Int
        /// Nil for a phrase that names no actor ("police station").
        var actor: Actor?
        var isGeneric: Bool
    }

    /// Resolutions already made in one call, where country and date are fixed: the same words
    /// ("people", "soldiers") recur and building names is the costly part.
    struct Cache {
        var named: [String: Actor?] = [:]
        var kinds: [String: Actor?] = [:]

        mutating func named(_ key: String, _ make: () -> Actor?) -> Actor? {
            if let hit = named[key] { return hit }
            let a = make()
            named[key] = a
            return a
        }

        mutating func kind(_ kind: ActorKind, _ home: String, _ make: () -> Actor?) -> Actor? {
            let key = home + "|" + kind.rawValue
            if let hit = kinds[key] { return hit }
            let a = make()
            kinds[key] = a
            return a
        }
    }

    /// The longest phrase starting at token `i` that names an actor here and now.
    func match(_ tokens: [Token], at i: Int, end: Int, country: String?, date: CivilDate?, cache: inout Cache) -> Hit? {
        guard let candidates = index.byFirst[tokens[i]] else { return nil }
        for p in candidates {
            guard let stop = matches(p, tokens, at: i, end: end) else { continue }
            switch p.target {
            case .named(let key):
                let proper = tokens[i].isCapitalized
                if dictionary.exactCaseAliases.contains(key), !(i..<stop).allSatisfy({ tokens[$0].kind != .word || ActorDictionary.isAllCaps(tokens[$0].text) }) {
                    continue
                }
                // A common noun ("settlers", "peacekeepers") only names a group where the group acts.
                let actor = cache.named(proper ? key : "~" + key) {
                    let ranked = dictionary.rankedNamed(dictionary.aliasIndex[key] ?? [], country: country, date: date, requireCountry: !proper)
                    guard let best = ranked.first else { return nil }
                    let e = dictionary.named[best]
                    return dictionary.resolve(e.ref, countries: e.countries, eventCountry: country, date: date)
                }
                guard let actor else { continue }
                return Hit(end: stop, actor: actor, isGeneric: false)
            case .generic(let kind, let qualified):
                if kind == .none { return Hit(end: stop, actor: nil, isGeneric: true) }
                // "the military forces of Russia", "Coast Guard of the United States": the state named after "of".
                if kind.isStateOrgan, stop + 1 < end, tokens[stop].norm == "of" {
                    var j = stop + 1
                    if tokens[j].norm == "the", j + 1 < end { j += 1 }
                    if let (owner, ownerEnd) = countryAt(tokens, j, end: end),
                       let a = cache.kind(kind, "@" + owner, { dictionary.actor(kind: kind, country: owner, date: date, eventCountry: country ?? owner) }) {
                        return Hit(end: ownerEnd, actor: a, isGeneric: true)
                    }
                }
                guard !qualified, let country,
                      let a = cache.kind(kind, country, { dictionary.actor(kind: kind, country: country, date: date) }) else { continue }
                return Hit(end: stop, actor: a, isGeneric: true)
            case .country(let named):
                // "Russian warplanes", "Turkey's forces", "Syrian regime army": a country qualifies a generic
                // agent; "regime snipers", "junta troops" are the document country's.
                guard let home = named ?? country, named == nil || tokens[i].isCapitalized else { continue }
                var j = stop
                if j < end, tokens[j].norm == "'s" { j += 1 }
                while j < end, index.stateQualifiers.contains(tokens[j].norm) { j += 1 }
                // "Mozambican and Rwandan forces", "between the Russian and Ukrainian air forces": a demonym
                // coordinated with another shares its noun, and names an actor of its own.
                var shared = false
                if j == stop, j + 1 < end, ["and", ",", "or", "&"].contains(tokens[j].norm) {
                    // "a joint Russian and regime patrol": the other side may be the document's own state.
                    if let next = countryAt(tokens, j + 1, end: end), next.end < end {
                        j = next.end
                        shared = true
                    } else if index.stateQualifiers.contains(tokens[j + 1].norm), j + 2 < end {
                        j += 2
                        shared = true
                    }
                }
                guard j < end, tokens[j].sentence == tokens[i].sentence, let g = index.genericAt(tokens, j, end: end) else { continue }
                // "Ukrainian protesters" in Berlin are Protesters (Ukraine): a demonym gives its country to any kind.
                let actor = cache.kind(g.kind, "@" + home) { dictionary.actor(kind: g.kind, country: home, date: date, eventCountry: country ?? home) }
                guard let actor else { continue }
                return Hit(end: shared ? stop : g.end, actor: actor, isGeneric: true)
            }
        }
        return nil
    }

    /// A country name or demonym at token `j`, with the index after it.
    func countryAt(_ tokens: [Token], _ j: Int, end: Int) -> (country: String, end: Int)? {
        guard j < end, tokens[j].isCapitalized, let candidates = index.byFirst[tokens[j]] else { return nil }
        for p in candidates {
            guard case .country(let c?) = p.target, let stop = matches(p, tokens, at: j, end: end) else { continue }
            return (c, stop)
        }
        return nil
    }

    /// End index when pattern `p` matches the tokens from `i` within one sentence, else nil.
    func matches(_ p: PhraseIndex.Pattern, _ tokens: [Token], at i: Int, end: Int) -> Int? {
        let n = p.norms.count
        guard i + n <= end else { return nil }
        let s = tokens[i].sentence
        for k in 1..<max(n, 1) where tokens[i + k].norm != p.norms[k] || tokens[i + k].sentence != s {
            return nil
        }
        return i + n
    }
}

/// Phrases of the actor dictionary indexed by their first folded token, longest first.
struct PhraseIndex: Sendable {
    static let shared = PhraseIndex(.shared)

    enum Target: Sendable {
        case named(key: String)
        case generic(ActorKind, qualified: Bool)
        /// A country by name or demonym; nil for words that stand for the document's own state ("regime").
        case country(String?)
    }

    struct Pattern: Sendable {
        var norms: [String]
        var target: Target
    }

    let byFirst: WordMap<[Pattern]>
    let generic: [String: [Pattern]]
    let qualifiedOnlyWords: Set<String>
    /// Words that make a generic agent the state's: "regime snipers", "government warplanes".
    let stateQualifiers: Set<String> = ["regime", "government", "governmental", "junta", "pro-regime", "pro-government", "state"]
    /// Words that open a hedge naming who a description is without brackets: "presumed to be X".
    let hedgeVerbs: Set<String> = ["who", "assumed", "presumed", "suspected", "believed", "thought", "reportedly", "likely", "identified", "coded"]
    /// Words that keep a description apart from the named actors before it: "unidentified gunmen", "another group".
    let distinct: Set<String> = ["unidentified", "unknown", "other", "another", "rival", "different", "separate", "new", "unnamed",
                                 "opposing", "some"]
    /// Hedges inside a bracket that names an actor: "(assumed ...)", "(coded as ...)".
    let hedges: Set<String> = ["assumed", "coded", "as", "likely", "reportedly", "suspected", "presumably", "presumed", "thought", "who", "themselves", "himself", "identify", "claiming",
                               "believed", "to", "be", "probably", "allegedly", "possibly", "identified", "reported",
                               "claimed", "by", "i.e.", "the", "of", "most"]

    init(_ d: ActorDictionary) {
        var all: [String: [Pattern]] = [:]
        var generic: [String: [Pattern]] = [:]
        func add(_ key: String, _ t: Target, into table: inout [String: [Pattern]]) {
            let norms = key.split(separator: " ").map(String.init)
            guard let first = norms.first else { return }
            table[first, default: []].append(Pattern(norms: norms, target: t))
        }
        // Named first: at equal length a name beats a description, which beats a bare country.
        for key in d.aliasIndex.keys { add(key, .named(key: key), into: &all) }
        for (key, g) in d.generic {
            add(key, .generic(g.kind, qualified: g.qualified), into: &all)
            add(key, .generic(g.kind, qualified: g.qualified), into: &generic)
        }
        for (key, c) in d.countryNames { add(key, .country(c), into: &all) }
        for (c, list) in d.demonyms { for dem in list { add(ActorDictionary.key(dem), .country(c), into: &all) } }
        for q in ["regime", "government", "governmental", "junta", "pro-regime", "pro-government"] { add(q, .country(nil), into: &all) }
        func rank(_ t: Target) -> Int {
            switch t {
            case .named: 0
            case .generic: 1
            case .country: 2
            }
        }
        // Ties fall back to the pattern's text, so that no choice depends on dictionary order
        // (which Swift seeds afresh in every process).
        func tieKey(_ p: Pattern) -> String { p.norms.joined(separator: " ") + "\u{1}" + String(describing: p.target) }
        for k in all.keys {
            all[k]!.sort { a, b in
                let ka = (a.norms.count, -rank(a.target)), kb = (b.norms.count, -rank(b.target))
                return ka != kb ? ka > kb : tieKey(a) < tieKey(b)
            }
        }
        for k in generic.keys { generic[k]!.sort { $0.norms.count != $1.norms.count ? $0.norms.count > $1.norms.count : tieKey($0) < tieKey($1) } }
        byFirst = WordMap(all)
        self.generic = generic
        qualifiedOnlyWords = Set(d.generic.filter { $0.value.qualified && $0.value.kind == .military && !$0.key.contains(" ") }.map(\.key))
    }

    func isQualifiedOnlyWord(_ norm: String) -> Bool { qualifiedOnlyWords.contains(norm) }

    /// The longest generic phrase at token `j`.
    func genericAt(_ tokens: [Token], _ j: Int, end: Int) -> (kind: ActorKind, qualified: Bool, end: Int)? {
        guard let list = generic[tokens[j].norm] else { return nil }
        let s = tokens[j].sentence
        outer: for p in list {
            let n = p.norms.count
            guard j + n <= end else { continue }
            for k in 1..<max(n, 1) where tokens[j + k].norm != p.norms[k] || tokens[j + k].sentence != s { continue outer }
            if case .generic(let kind, let q) = p.target { return (kind, q, j + n) }
        }
        return nil
    }
}
