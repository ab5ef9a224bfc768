/// The actors of one event in ACLED's columns.
public struct EventActors: Sendable, Hashable {
    public var actor1: ActorMention?
    public var assoc1: [ActorMention]
    public var actor2: ActorMention?
    public var assoc2: [ActorMention]

    public init(actor1: ActorMention? = nil, assoc1: [ActorMention] = [], actor2: ActorMention? = nil, assoc2: [ActorMention] = []) {
        self.actor1 = actor1
        self.assoc1 = assoc1
        self.actor2 = actor2
        self.assoc2 = assoc2
    }

    /// ACLED's interaction text ("State forces-Rebel group", "Protesters only").
    public var interaction: String { Inter.interaction(actor1?.actor.inter, actor2?.actor.inter) }
}

/// Words that mark an actor's role in a clause (data: actors/role-words.tsv).
struct RoleWords: Sendable {
    static let shared = RoleWords()

    enum Role: String, Sendable {
        case skip, agentby, assocverb, assoc, assocnoun, together, target, clash, between, passive, ofhead
        case undergo, samegroup, counter, umbrella, umbrellaverb, speech, speechby, corefer, repel, assault, claim, crowd
    }

    /// A word's first role, the one that decides how the actor after it reads.
    let roles: [String: Role]
    let all: [String: Set<Role>]
    /// Words with one of the roles `ActorRoles.cues` looks for.
    let clauseCueWords: KeyFilter

    init() {
        var r: [String: Role] = [:]
        var all: [String: Set<Role>] = [:]
        for row in Lexicon.table("actors/role-words.tsv") where row.count >= 2 {
            guard let role = Role(rawValue: row[1].trimmingCharacters(in: .whitespaces)) else { continue }
            if r[row[0]] == nil { r[row[0]] = role }
            all[row[0], default: []].insert(role)
        }
        roles = r
        self.all = all
        clauseCueWords = KeyFilter(all.filter { !$0.value.isDisjoint(with: ActorRoles.clauseCueRoles) }.keys)
    }

    func role(_ norm: String) -> Role? { roles[norm] }
    func has(_ norm: String, _ role: Role) -> Bool { all[norm]?.contains(role) ?? false }
}

/// Assigns Actor1, Actor2 and associated actors of an event from the actors mentioned in its
/// clause, by voice, prepositions and coordination, then applies the codebook's rules per
/// sub-event type.
public enum ActorRoles {
    /// What a clause says about one mention.
    enum Reading: Equatable {
        case agent          // "were killed by X", or the subject of an active verb
        case patient        // "attacked X", "X were killed"
        case opponent       // "clashed with X", "between ... and X"
        case associate      // "backed by X", "alongside X"
        case coordinated    // "W and X attacked": a partner of the mention before, or its opponent
        case speaker        // "police said ...", "according to X": who tells of the event, not a party to it
        case plain
    }

    public static func assignRoles(doc: Doc, actors: [ActorMention], clause: Span, anchor: Span?,
                                   subEventType: SubEventType, country: String?, date: CivilDate?,
                                   civilianVictims: Bool, dictionary: ActorDictionary = .shared) -> EventActors {
        let parsed = parse(doc: doc, actors: actors, clause: clause, anchor: anchor, country: country)
        return assignRoles(parsed, subEventType: subEventType, country: country, date: date,
                           civilianVictims: civilianVictims, dictionary: dictionary)
    }

    /// The clause read for who does what, before any sub-event type is known: a coder reading the
    /// clause under several candidate types reads it once.
    static func parse(doc: Doc, actors: [ActorMention], clause: Span, anchor: Span?, country: String?) -> Parsed {
        let mentions = actors.filter { clause.contains($0.span) }.sorted { $0.span < $1.span }
        var parsed = read(doc: doc, mentions: mentions, anchor: anchor)
        carryAgent(&parsed, doc: doc, actors: actors, clause: clause)
        claimedAgent(&parsed, doc: doc, actors: actors, clause: clause)
        parsed.cues = cues(doc: doc, clause: clause)
        // Victims told in the sentence after the clause ("... shelled Kreminna. One civilian was killed.").
        if let s = doc.sentenceIndex(of: clause), s + 1 < doc.sentences.count {
            let next = doc.sentences[s + 1].span
            parsed.laterCivilians = actors.filter { next.contains($0.span) && $0.actor.inter == .civilians && $0.isGeneric }
            let after = Span(next.start, doc.sentences[min(s + 2, doc.sentences.count - 1)].span.end)
            parsed.laterState = actors.filter { after.contains($0.span) && ($0.actor.inter == .stateForces || $0.actor.inter == .externalForces) }
            parsed.cues.formUnion(cues(doc: doc, clause: after).intersection([.counter]))
        }
        // "Ukrainian community members protested in Berlin": the protesters' own country, told by a
        // demonym on a word for people abroad (not "in solidarity with the Ukrainian people").
        parsed.nationality = mentions.first { m in
            guard m.isGeneric, m.actor.country != nil, m.actor.country != country,
                  m.actor.inter == .civilians || m.actor.inter == .protesters || m.actor.inter == .rioters else { return false }
            let last = doc.tokens[tokenIndex(doc.tokens, at: max(m.span.end - 1, m.span.start))].norm
            return m.actor.inter != .civilians || nationalityHeads.contains(last)
        }?.actor.country
        return parsed
    }

    /// The roles of a parsed clause under the codebook's rules for `subEventType`.
    static func assignRoles(_ parsed: Parsed, subEventType: SubEventType, country: String?, date: CivilDate?,
                            civilianVictims: Bool, dictionary: ActorDictionary) -> EventActors {
        var e = applyCodebook(parsed, subEventType: subEventType, country: country, date: date,
                              civilianVictims: civilianVictims, dictionary: dictionary)
        if let a = e.actor1 { e.actor1?.actor = dictionary.withUnit(a.actor, eventCountry: country, subEventType: subEventType, date: date) }
        return e
    }

    /// "City police beat up a man. The man was taken to hospital after the attack.": a clause that
    /// names no one acting goes on telling the event of the sentence before, whose agent acted here too.
    static func carryAgent(_ p: inout Parsed, doc: Doc, actors: [ActorMention], clause: Span) {
        guard p.actor1 == nil || p.actor1IsPatient, p.crowd == nil, let s = doc.sentenceIndex(of: clause), s > 0 else { return }
        // The nearest of the two sentences before that names anyone ("During the day, eight places
        // were targeted." names no one), within the paragraph: a new paragraph may tell another event.
        var before: [ActorMention] = []
        for back in [s - 1, s - 2] where back >= 0 && before.isEmpty {
            let prevSpan = doc.sentences[back].span
            guard !doc.text(Span(prevSpan.end, max(prevSpan.end, clause.start))).utf8.contains(UInt8(ascii: "\n")) else { return }
            before = actors.filter { prevSpan.contains($0.span) }.sorted { $0.span < $1.span }
        }
        guard !before.isEmpty else { return }
        let prev = read(doc: doc, mentions: before, anchor: nil)
        guard let agent = prev.actor1, !prev.actor1IsPatient, agent.actor.inter.isArmed else { return }
        if let victim = p.actor1, p.actor1IsPatient {
            guard victim.actor != agent.actor else { return }
            if p.actor2 == nil {
                p.actor2 = victim
                p.actor2IsPatient = true
            }
        } else if p.actor2 == nil, let target = prev.actor2, target.actor != agent.actor {
            p.actor2 = target
            p.actor2IsPatient = prev.actor2IsPatient
        }
        p.actor1 = agent
        p.actor1IsPatient = false
    }

    /// "Two soldiers were shot dead. Later IS claimed responsibility for the attack.", "It is suspected
    /// that Baloch separatists are behind the attack": the group that claims or is said to be behind
    /// the attack is its agent, in place of an unnamed one.
    static func claimedAgent(_ p: inout Parsed, doc: Doc, actors: [ActorMention], clause: Span) {
        if let a = p.actor1, !p.actor1IsPatient, !(a.isGeneric && a.actor.inter == .politicalMilitia) { return }
        guard let s = doc.sentenceIndex(of: clause) else { return }
        let scope = doc.sentenceSpan(s, s + 1)
        let words = RoleWords.shared
        let tokens = doc.tokens
        let armed: Set<Inter> = [.rebelGroup, .politicalMilitia, .identityMilitia, .stateForces, .externalForces]
        let claimant = actors.first { m in
            guard scope.contains(m.span), !m.isGeneric, armed.contains(m.actor.inter) else { return false }
            var n = tokenIndex(tokens, at: m.span.end - 1) + 1
            while n < tokens.count, ["has", "have", "had", "later", "reportedly", "also", "allegedly", "subsequently"].contains(tokens[n].norm) { n += 1 }
            guard n + 1 < tokens.count else { return false }
            let (w, next) = (tokens[n].norm, tokens[n + 1].norm)
            if words.has(w, .claim) { return next == "responsibility" || next == "credit" || next == "the" || next == "an" }
            return ["is", "are", "was", "were"].contains(w) && (next == "behind" || next == "responsible")
        }
        guard let claimant, claimant.actor != p.actor1?.actor else { return }
        if let victim = p.actor1, p.actor1IsPatient, p.actor2 == nil {
            p.actor2 = victim
            p.actor2IsPatient = true
        }
        p.actor1 = claimant
        p.actor1IsPatient = false
    }

    /// Words for people abroad that keep the nationality a demonym gives them.
    static let nationalityHeads: Set<String> = ["community", "diaspora", "nationals", "citizens", "expatriates", "immigrants",
                                                "refugees", "migrants", "protesters", "demonstrators", "rioters", "protestors"]

    /// The clause's actors in roles, before the codebook's rules.
    struct Parsed {
        var actor1: ActorMention?
        var assoc1: [ActorMention] = []
        var actor2: ActorMention?
        var assoc2: [ActorMention] = []
        /// Civilians named in the clause ("a farmer", "villagers"): never agents.
        var civilians: [ActorMention] = []
        var laterCivilians: [ActorMention] = []
        var others: [ActorMention] = []
        /// Actor2 came from "between X and Y" or a passive agent: a strong reading.
        var pairedByClause = false
        var cues: Set<RoleWords.Role> = []
        var nationality: String?
        var actor2IsPatient = false
        var actor1IsPatient = false
        /// State forces named in the next sentences ("Police dispersed them."), for interventions.
        var laterState: [ActorMention] = []
        /// Civilians who act in the clause ("villagers lynched a thief"): a mob, not an armed group.
        var crowd: ActorMention?
    }

    /// Who acts in the clause as the text tells it, before any codebook rule: the agent of an
    /// armed side, or ordinary people acting as a crowd ("residents beat a suspected thief"), for
    /// typing (a crowd's violence is mob violence). Nil when the clause names no one acting.
    public static func agent(doc: Doc, actors: [ActorMention], clause: Span, anchor: Span?) -> ActorMention? {
        let mentions = actors.filter { clause.contains($0.span) }.sorted { $0.span < $1.span }
        var parsed = read(doc: doc, mentions: mentions, anchor: anchor)
        if parsed.actor1 == nil || parsed.actor1IsPatient, let crowd = parsed.crowd { return crowd }
        carryAgent(&parsed, doc: doc, actors: actors, clause: clause)
        claimedAgent(&parsed, doc: doc, actors: actors, clause: clause)
        if let a = parsed.actor1, !parsed.actor1IsPatient { return a }
        return nil
    }

    /// Role words present anywhere in the clause that change codebook defaults.
    static let clauseCueRoles: Set<RoleWords.Role> = [.samegroup, .counter, .clash]

    static func cues(doc: Doc, clause: Span) -> Set<RoleWords.Role> {
        let w = RoleWords.shared
        var out = Set<RoleWords.Role>()
        let wanted = clauseCueRoles
        var i = tokenIndex(doc.tokens, at: clause.start)
        while i < doc.tokens.count, doc.tokens[i].span.end <= clause.end {
            if w.clauseCueWords.mayContain(doc.tokens[i]), let roles = w.all[doc.tokens[i].norm] {
                for r in wanted where roles.contains(r) { out.insert(r) }
            }
            i += 1
        }
        return out
    }

    static func read(doc: Doc, mentions: [ActorMention], anchor: Span?) -> Parsed {
        let words = RoleWords.shared
        let tokens = doc.tokens
        var readings: [Reading] = []
        var firstTok: [Int] = []
        var lastTok: [Int] = []
        for m in mentions {
            let a = tokenIndex(tokens, at: m.span.start)
            var b = a
            while b + 1 < tokens.count, tokens[b + 1].span.end <= m.span.end { b += 1 }
            firstTok.append(a)
            lastTok.append(b)
        }
        var betweenPair: (Int, Int)?

        for k in mentions.indices {
            let a = firstTok[k]
            // Walk back over words that do not change the role ("by the suspected ...").
            var p = a - 1
            while p >= 0, tokens[p].sentence == tokens[a].sentence,
                  words.role(tokens[p].norm) == .skip || tokens[p].kind == .number {
                p -= 1
            }
            func word(_ i: Int) -> String { i >= 0 && tokens[i].sentence == tokens[a].sentence ? tokens[i].norm : "" }
            let prev = word(p), prev2 = word(p - 1), prev3 = word(p - 2)
            var reading = Reading.plain
            switch (prev, words.role(prev)) {
            case ("by", _), ("from", _):
                reading = words.role(prev2) == .assocverb ? .associate : .agent
            case (_, .assoc?):
                reading = .associate
            case ("of", _) where words.role(prev2) == .assocnoun || words.role(prev3) == .assocnoun:
                reading = .associate
            case ("of", _) where words.role(prev2) == .ofhead:
                reading = .patient
            case ("with", _) where words.role(prev2) == .together || words.role(prev3) == .together:
                reading = .associate
            case ("with", _) where words.role(prev2) == .clash || words.role(prev3) == .clash:
                reading = .opponent
            case ("and", _), (",", _):
                // "between X and Y" makes Y the opponent; "X and Y attacked" makes them partners.
                if k > 0, lastTok[k - 1] >= p - 1 {
                    var q = firstTok[k - 1] - 1
                    while q >= 0, words.role(tokens[q].norm) == .skip || tokens[q].kind == .number { q -= 1 }
                    if q >= 0, words.role(tokens[q].norm) == .between {
                        reading = .opponent
                        betweenPair = betweenPair ?? (k - 1, k)
                    } else {
                        reading = .coordinated
                    }
                }
            case (_, .target?), (_, .clash?):
                reading = .patient
            case (_, .speechby?) where prev2 == "according":
                reading = .speaker
            case (_, .speechby?) where ["linked", "belonging", "owned"].contains(prev2):
                // "a shop linked to the military": what the event hit belongs to the actor.
                reading = .patient
            default:
                break
            }
            if reading == .plain, isSpeaker(tokens, after: lastTok[k], words) { reading = .speaker }
            readings.append(reading)
        }
        // "X were killed", "a military CAFGU auxiliary was shot by": the subject of a passive verb
        // (or of "came under", "struck an IED") suffers the event. Coordinated subjects share it.
        for k in mentions.indices where readings[k] == .plain || readings[k] == .coordinated {
            var n = lastTok[k] + 1
            let limit = min(tokens.count - 1, n + 5)
            let nextMention = k + 1 < mentions.count ? firstTok[k + 1] : Int.max
            while n < limit, n < nextMention, tokens[n].sentence == tokens[lastTok[k]].sentence, tokens[n].text != "," {
                if ["had", "have", "has"].contains(tokens[n].norm) { n += 1; continue }
                if words.role(tokens[n].norm) == .passive, isParticiple(tokens[n + 1].norm) {
                    readings[k] = .patient
                    var j = k - 1
                    while j >= 0, readings[j] == .plain || readings[j] == .coordinated, readings[j + 1] == .patient,
                          firstTok[j + 1] - lastTok[j] <= 3 {
                        readings[j] = .patient
                        j -= 1
                    }
                    break
                }
                if words.has(tokens[n].norm, .undergo), mentions.indices.contains(where: { $0 > k && readings[$0] == .agent }) {
                    readings[k] = .patient
                    break
                }
                n += 1
            }
        }

        // "Ukrainian forces repelled the attack of Russian forces": the attacker is Actor1.
        var repelPair: (Int, Int)?
        for k in mentions.indices where k > 0 {
            var p = firstTok[k] - 1
            guard p >= 0, ["of", "by", "from"].contains(tokens[p].norm) else { continue }
            p -= 1
            guard p >= 0, words.has(tokens[p].norm, .assault) else { continue }
            p -= 1
            while p >= 0, words.role(tokens[p].norm) == .skip || tokens[p].norm == "off" { p -= 1 }
            guard p >= 0, words.has(tokens[p].norm, .repel),
                  let s = (0..<k).last(where: { lastTok[$0] < p && readings[$0] != .associate && tokens[firstTok[$0]].sentence == tokens[p].sentence })
            else { continue }
            repelPair = (k, s)
            break
        }

        var parsed = Parsed()
        let isCivilian = { (m: ActorMention) in m.actor.inter == .civilians && m.isGeneric }
        parsed.civilians = mentions.filter(isCivilian)
        // "Villagers beat a suspected thief", "he was stabbed to death by people": ordinary people who act.
        // Only words for many people acting together: "two men shot a trader" are an armed group.
        let isCrowd = { (k: Int) in words.has(tokens[lastTok[k]].norm, .crowd) || (firstTok[k] > 1 && tokens[firstTok[k] - 1].norm == "of"
            && words.has(tokens[firstTok[k] - 2].norm, .crowd)) }
        if let c = mentions.indices.first(where: { k in
            isCivilian(mentions[k]) && isCrowd(k) && (readings[k] == .agent
                || ((readings[k] == .plain || readings[k] == .coordinated) && (anchor.map { mentions[k].span.end <= $0.start } ?? true)))
        }), !mentions.indices.contains(where: { k in
            k < c && !isCivilian(mentions[k]) && readings[k] != .speaker && readings[k] != .patient && readings[k] != .associate
        }) {
            parsed.crowd = mentions[c]
        }
        let candidates = mentions.indices.filter { !isCivilian(mentions[$0]) && readings[$0] != .speaker }

        // "clashes between X and Y": X is Actor1, Y Actor2.
        var a1: Int?, a2: Int?
        if let (x, y) = betweenPair, candidates.contains(x), candidates.contains(y), mentions[x].actor != mentions[y].actor {
            a1 = x
            a2 = y
            parsed.pairedByClause = true
        } else if let (x, y) = repelPair, candidates.contains(x), candidates.contains(y), mentions[x].actor != mentions[y].actor {
            a1 = x
            a2 = y
            parsed.pairedByClause = true
        } else {
            // Actor1: a passive agent ("by X") unless an active subject came first.
            let byAgent = candidates.first { readings[$0] == .agent }
            var subject = candidates.first { readings[$0] == .plain || readings[$0] == .coordinated }
            if let anchor, let s = subject, mentions[s].span.start > anchor.start,
               let before = candidates.first(where: { mentions[$0].span.end <= anchor.start && readings[$0] != .associate && readings[$0] != .patient }) {
                subject = before
            }
            if let s = subject, byAgent.map({ s < $0 }) ?? true {
                a1 = s
            } else {
                a1 = byAgent ?? subject
                if byAgent != nil { parsed.pairedByClause = true }
            }
            if a1 == nil { a1 = candidates.first { readings[$0] != .associate } }
            // "The rebel group said 150 regime troops were killed": a belligerent telling of its enemy's
            // losses is the side that inflicted them; a speaker telling of civilians' deaths is not.
            if let victim = a1, readings[victim] == .patient, !mentions[victim].isGeneric || mentions[victim].actor.inter != .civilians,
               let speaker = mentions.indices.first(where: { readings[$0] == .speaker && !isCivilian(mentions[$0])
                   && mentions[$0].actor.inter != .civilians && mentions[$0].actor != mentions[victim].actor }) {
                a1 = speaker
                a2 = victim
            }
        }

        var assoc1: [Int] = []
        var assoc2: [Int] = []
        // "JWS operating under OPS": the operation the fighters act in is the actor.
        if let u = candidates.first(where: { k in
            let f = firstTok[k]
            return f >= 2 && words.role(tokens[f - 1].norm) == .umbrella && words.role(tokens[f - 2].norm) == .umbrellaverb
        }), let first = a1, u != first, u != a2 {
            assoc1.append(first)
            a1 = u
        }
        if let first = a1 {
            parsed.actor1 = mentions[first]
            let rest = candidates.filter { $0 != first && mentions[$0].actor != mentions[first].actor }
            if a2 == nil {
                let laterTarget = rest.contains { $0 > first && (readings[$0] == .patient || readings[$0] == .opponent || readings[$0] == .agent) }
                // "X, Y and Z attacked ...": the partners listed with Actor1 are associated.
                for k in rest where readings[k] == .coordinated && laterTarget && (k == first + 1 || assoc1.contains(k - 1)) { assoc1.append(k) }
                // The opponent: a patient or opponent first, else a passive agent, else the next actor.
                a2 = rest.first { !assoc1.contains($0) && (readings[$0] == .opponent || readings[$0] == .patient || readings[$0] == .agent) }
                    ?? rest.first { !assoc1.contains($0) && readings[$0] != .associate }
            }
            for k in rest where readings[k] == .associate {
                // An associate supports the nearest actor before it.
                if let a2, k > a2 { assoc2.append(k) } else { assoc1.append(k) }
            }
            for k in rest where readings[k] == .coordinated && !assoc1.contains(k) && k != a2 {
                if let a2, k == a2 + 1 { assoc2.append(k) } else if k < (a2 ?? Int.max) { assoc1.append(k) }
            }
        }
        // "Three militants were killed during clashes with the Taliban": the victims' opponent acted.
        if let first = a1, readings[first] == .patient, let second = a2, readings[second] == .opponent, !parsed.pairedByClause {
            (a1, a2) = (second, first)
        }
        parsed.actor1IsPatient = a1.map { readings[$0] == .patient } ?? false
        parsed.actor2 = a2.map { mentions[$0] }
        parsed.actor2IsPatient = a2.map { readings[$0] == .patient || readings[$0] == .opponent } ?? false
        parsed.assoc1 = unique(assoc1.map { mentions[$0] }, excluding: [parsed.actor1, parsed.actor2])
        parsed.assoc2 = unique(assoc2.map { mentions[$0] }, excluding: [parsed.actor1, parsed.actor2])
        let used = Set([a1, a2].compactMap { $0 } + assoc1 + assoc2)
        parsed.others = candidates.filter { !used.contains($0) }.map { mentions[$0] }
        return parsed
    }

    /// "Police believe the victim was killed", "Islam Army said regime forces ...": the subject of a
    /// verb of saying reports the event; "the army said it killed ..." keeps it as the agent.
    static func isSpeaker(_ tokens: [Token], after last: Int, _ words: RoleWords) -> Bool {
        var n = last + 1
        while n < tokens.count, tokens[n].sentence == tokens[last].sentence, words.role(tokens[n].norm) == .skip { n += 1 }
        guard n < tokens.count, tokens[n].sentence == tokens[last].sentence, words.has(tokens[n].norm, .speech) else { return false }
        let next = n + 1 < tokens.count && tokens[n + 1].sentence == tokens[last].sentence ? tokens[n + 1].norm : ""
        // "claimed responsibility", "claimed to have killed": a claim of the act itself.
        if ["responsibility", "to", "credit", "the", "an", "a"].contains(next) { return false }
        // "said it/they/its forces": the speaker goes on to tell of its own act.
        var m = n + 1
        if next == "that" { m += 1 }
        if m < tokens.count, tokens[m].sentence == tokens[last].sentence, words.has(tokens[m].norm, .corefer) { return false }
        return true
    }

    /// The codebook's rules per sub-event type, on top of what the clause says.
    static func applyCodebook(_ p: Parsed, subEventType: SubEventType, country: String?, date: CivilDate?,
                              civilianVictims: Bool, dictionary dict: ActorDictionary = .shared) -> EventActors {
        var e = EventActors(actor1: p.actor1, assoc1: p.assoc1, actor2: p.actor2, assoc2: p.assoc2)
        func synthetic(_ a: Actor?) -> ActorMention? { a.map { ActorMention(span: Span(0, 0), actor: $0, isGeneric: true) } }
        /// "Civilians (Country)", of the victims' own country when a demonym says so ("Cuban migrants").
        func civilians() -> ActorMention? {
            let foreign = p.civilians.first { $0.actor.country != nil && $0.actor.country != country }?.actor.country
            return synthetic((foreign ?? country).map(dict.civilians(country:)))
        }
        /// Unknown perpetrators of an attack: Unidentified Armed Group (Country), or the country's usual name for them.
        func perpetrator() -> ActorMention? { synthetic(country.flatMap { dict.actor(kind: .perpetrator, country: $0, date: date) }) }
        let isState = { (m: ActorMention) in m.actor.inter == .stateForces || (m.actor.inter == .externalForces && m.actor.name.contains("Forces of")) }
        let all = [p.actor1, p.actor2].compactMap { $0 } + p.assoc1 + p.assoc2 + p.others
        let civilianMentions = p.civilians + p.laterCivilians

        switch subEventType.eventType {
        case .protests:
            // Codebook: Actor1 is "Protesters (Country)" (of the protesters' nationality when told);
            // named groups among them are associated actors.
            let named = all.filter { !isState($0) && $0.actor.inter != .protesters && $0.actor.inter != .civilians && !$0.isGeneric }
            let nationality = p.nationality ?? country
            e.actor1 = synthetic(nationality.map(dict.protesters(country:))) ?? p.actor1
            e.assoc1 = named
            e.assoc2 = []
            if subEventType == .peacefulProtest {
                // A peaceful protest has no Actor2, except the other side of a counter-demonstration.
                e.actor2 = p.cues.contains(.counter) ? synthetic(country.map(dict.protesters(country:))) : nil
            } else {
                // Intervention or excessive force: the state (police by default) is Actor2.
                e.actor2 = all.first(where: isState) ?? all.first { $0.actor.inter == .rioters || $0.actor.inter.rawValue <= 4 }
                    ?? p.laterState.first ?? synthetic(country.map { dict.police(country: $0, date: date) })
            }
        case .riots:
            // Codebook: Actor1 is "Rioters (Country)", of the rioters' own country (settlers → Israel).
            let named = all.filter { !isState($0) && $0.actor.inter != .rioters && $0.actor.inter != .civilians && $0.actor.inter != .protesters && !$0.isGeneric }
            let foreign = (named + all.filter { $0.actor.inter == .rioters }).first { $0.actor.country != nil && $0.actor.country != country && !isState($0) }
            let nationality = foreign?.actor.country ?? country
            e.actor1 = synthetic(nationality.map(dict.rioters(country:))) ?? p.actor1
            e.assoc1 = named
            e.assoc2 = []
            let opponent = all.first(where: isState)
            if subEventType == .mobViolence {
                // Mob violence: the victims (civilians unless a force is attacked) are Actor2;
                // two groups fighting each other are both rioters.
                if let opponent {
                    e.actor2 = opponent
                } else if p.cues.contains(.clash) || p.cues.contains(.samegroup), civilianMentions.isEmpty || p.cues.contains(.samegroup) {
                    e.actor2 = synthetic(country.map(dict.rioters(country:)))
                } else if nationality != country, let country, foreign?.actor.inter != .civilians {
                    e.actor2 = synthetic(dict.civilians(country: country))
                } else {
                    e.actor2 = civilians()
                }
            } else {
                // A violent demonstration met by the police: they are Actor2 even when told a sentence later.
                e.actor2 = opponent ?? p.laterState.first ?? (civilianVictims ? civilians() : nil)
            }
        case .violenceAgainstCivilians:
            // Codebook: in violence against civilians the civilians are always Actor2.
            var agent = [p.actor1, p.actor2].compactMap { $0 }.first { $0.actor.inter != .civilians }
            if agent == nil { agent = p.others.first { $0.actor.inter != .civilians } }
            e.actor1 = agent ?? perpetrator()
            e.actor2 = civilians()
            e.assoc2 = []
            e.assoc1 = p.assoc1.filter { $0.actor.inter != .civilians }
        case .explosions:
            // "Soldiers were hit by a mine", "a bomb exploded in a Taliban base": the side that suffered
            // is Actor2 of an unnamed attacker.
            if p.actor1IsPatient, e.actor2 == nil, let victim = e.actor1 {
                e.actor1 = perpetrator()
                e.actor2 = victim
            }
            if e.actor1 == nil || e.actor1!.actor.inter == .civilians {
                let target = e.actor1
                e.actor1 = perpetrator()
                if e.actor2 == nil { e.actor2 = target }
            }
            // Explosions with civilians as the main target, or civilians the only ones hit:
            // Civilians (Country) is Actor2 (a military target hit alongside stays associated).
            if civilianVictims {
                if let a2 = e.actor2, a2.actor.inter != .civilians { e.assoc2.insert(a2, at: 0) }
                e.actor2 = civilians()
            } else if e.actor2 == nil, !civilianMentions.isEmpty {
                e.actor2 = civilians()
            } else if e.actor2 == nil, let a1 = e.actor1, let usual = dict.usualOpponent(of: a1.actor, country: country, date: date) {
                // A coder's inference: Turkish strikes in Iraqi Kurdistan target the PKK.
                e.actor2 = synthetic(usual)
            }
        case .battles:
            // A battle needs two armed sides; civilians caught in it are not actors.
            if e.actor2?.actor.inter == .civilians { e.actor2 = nil }
            // "Two soldiers were shot dead": the side that suffered is Actor2 of an unnamed attacker.
            if p.actor1IsPatient, e.actor2 == nil, let victim = e.actor1 {
                e.actor1 = perpetrator()
                e.actor2 = victim
            }
            if e.actor1 == nil, e.actor2 != nil { e.actor1 = perpetrator() }
            // An armed clash with no side named ("a shoot-out was reported") is between two unidentified groups.
            if e.actor1 == nil, e.actor2 == nil {
                e.actor1 = perpetrator()
                e.actor2 = e.actor1
            }
            if e.actor2 == nil, let other = p.others.first(where: { $0.actor.inter != .civilians && $0.actor != e.actor1?.actor }) {
                e.actor2 = other
            }
            // "Two clan militias clashed", "rival gangs": both sides are the same kind of actor.
            if e.actor2 == nil, p.cues.contains(.samegroup) { e.actor2 = e.actor1 }
        case .strategicDevelopments:
            switch subEventType {
            case .arrests:
                // Arrests are made by the state: police unless the clause names the arresting force.
                if e.actor1 == nil || e.actor1!.actor.inter == .civilians {
                    e.actor1 = synthetic(country.map { dict.police(country: $0, date: date) })
                }
                // The arrested are civilians unless the clause arrests an armed group's members.
                if e.actor2 == nil || !p.actor2IsPatient || isState(e.actor2!) { e.actor2 = civilians() }
            case .lootingPropertyDestruction:
                if e.actor1 == nil { e.actor1 = perpetrator() }
                if e.actor2 == nil || civilianVictims || !p.actor2IsPatient || isState(e.actor2!) { e.actor2 = civilians() }
            case .other:
                // "Villagers fled raids by the military": civilians who act on their own (fleeing,
                // returning) are Actor1, whoever drove them.
                if let c = p.civilians.first, e.actor1 == nil || (e.actor1!.span.length > 0 && c.span.start < e.actor1!.span.start) {
                    e.actor1 = synthetic((p.nationality ?? c.actor.country ?? country).map(dict.civilians(country:)))
                    e.actor2 = nil
                }
                if e.actor2 == nil, civilianVictims, e.actor1?.actor.inter != .civilians { e.actor2 = civilians() }
            default:
                // Civilians acting on their own (fleeing, returning) are Actor1.
                if e.actor1 == nil, !p.civilians.isEmpty { e.actor1 = synthetic((p.nationality ?? country).map(dict.civilians(country:))) }
                if e.actor2 == nil, civilianVictims, e.actor1?.actor.inter != .civilians { e.actor2 = civilians() }
            }
        }
        // One actor is never its own opponent, except in a clash between two of its kind.
        if let a1 = e.actor1, let a2 = e.actor2, a1.actor == a2.actor, !(p.cues.contains(.samegroup) || subEventType.eventType == .riots || subEventType == .peacefulProtest) {
            e.actor2 = nil
        }
        return e
    }

    static func unique(_ list: [ActorMention], excluding: [ActorMention?]) -> [ActorMention] {
        var seen = Set(excluding.compactMap { $0?.actor.name })
        return list.filter { seen.insert($0.actor.name).inserted }
    }

    static func tokenIndex(_ tokens: [Token], at offset: Int) -> Int {
        guard !tokens.isEmpty else { return 0 }
        var lo = 0, hi = tokens.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if tokens[mid].span.end <= offset { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Past participles that follow "was/were" in casualty and attack reports.
    static func isParticiple(_ w: String) -> Bool {
        w.hasSuffix("ed") || ["shot", "hit", "struck", "taken", "beaten", "caught", "slain", "wounded", "killed",
                              "held", "seen", "found", "thrown", "burnt", "burned", "stabbed", "kidnapped", "abducted",
                              "overrun", "driven", "forced", "made", "left"].contains(w)
    }
}
