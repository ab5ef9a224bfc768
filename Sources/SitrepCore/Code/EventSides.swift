/// Who fought whom: the sides of a clause's event and who it was aimed at. The codebook draws its
/// finest lines here — a battle needs organised armed groups on both sides, an attack an armed
/// actor and unarmed victims, mob violence a crowd that is no armed group — so `retype` asks
/// these questions before `SubEventRules` decides.
extension DocumentCoder {
    /// "between two families", "between villagers and herders": the words after "between" near a
    /// clash trigger name unarmed people only (codebook: a battle needs an organised armed group).
    func unarmedSides(_ doc: Doc, _ frame: EventFrame) -> Bool {
        let sentence = doc.sentences[frame.sentence].tokens
        let anchor = frame.anchor.tokens
        guard let between = (max(sentence.lowerBound, anchor.lowerBound - 2)..<min(sentence.upperBound, anchor.upperBound + 4))
            .first(where: { doc.tokens[$0].norm == "between" }) else { return false }
        var end = between + 1
        while end < min(sentence.upperBound, between + 9), doc.tokens[end].kind != .punctuation { end += 1 }
        let sides = (between + 1)..<end
        guard !sides.isEmpty else { return false }
        let span = Span(doc.tokens[sides.lowerBound].span.start, doc.tokens[sides.upperBound - 1].span.end)
        if doc.actors(in: span).contains(where: { $0.actor.inter.isArmed }) { return false }
        let words = targets.matcher.scan(doc.tokens, in: sides)
        return words.contains { $0.label == .civilian } && !words.contains { $0.label == .armed }
    }

    /// Whether one side of a fight is a crowd rather than an armed group (`TypingContext.crowdSide`):
    /// the clause around the trigger names civilians, protesters, rioters or a party's rank and file,
    /// and no non-state armed group. Victims ("a civilian was killed") are no side.
    func crowdSide(_ doc: Doc, _ frame: EventFrame) -> Bool {
        guard frame.concepts.has(.clash, atLeast: 0.8) else { return false }
        let sentence = doc.sentences[frame.sentence].tokens
        let anchor = frame.anchor.tokens
        let window = max(sentence.lowerBound, anchor.lowerBound - 20)..<min(sentence.upperBound, anchor.upperBound + 12)
        guard !window.isEmpty else { return false }
        // A fight with firearms had armed sides.
        if window.contains(where: { targets.gunfire.contains(doc.tokens[$0].norm) }) { return false }
        let span = Span(doc.tokens[window.lowerBound].span.start, doc.tokens[window.upperBound - 1].span.end)
        let casualties = doc.casualties.filter { $0.span.overlaps(span) }
        // Soldiers or police killed or wounded: they met armed men, not a crowd.
        if casualties.contains(where: { c in c.victims.map { targets.kind(of: $0) == .armed } ?? false }) { return false }
        let victims = casualties.map(\.span)
        func isVictim(_ s: Span) -> Bool { victims.contains { $0.overlaps(s) } }
        var crowd = false, civilians = false, state = false
        for a in doc.actors(in: span) where !isVictim(a.span) {
            switch a.actor.inter {
            case .protesters, .rioters: crowd = true
            case .civilians: civilians = true
            case .stateForces: state = true
            case .politicalMilitia where partyFollowers(doc, a): crowd = true
            case .rebelGroup, .identityMilitia, .externalForces, .politicalMilitia: return false
            default: break
            }
        }
        if crowd { return true }
        // A party's rank and file ("cadres of NC and cadres of CPN(UML)") are a crowd on their own;
        // other people ("students", "villagers", "merchants") only against the state's forces:
        // farmers fighting herders are communal militias.
        let persons = CasualtyLexicon.shared.persons
        var followers = false, people = civilians
        for i in window where !isVictim(doc.tokens[i].span) {
            let n = doc.tokens[i].norm
            if targets.followers.contains(n) && n != "members" && n != "member" { followers = true }
            if persons[n]?.cls == .civilian { people = true }
        }
        return followers || (state && people)
    }

    /// Whether the clause's subject is a crowd (`TypingContext.crowdSubject`): the nearest person
    /// noun before an active attack verb is plural people ("persons", "vendors", "relatives") or a
    /// party's rank and file, no armed actor is named before it, and no firearm in the clause.
    func crowdSubject(_ doc: Doc, _ frame: EventFrame) -> Bool {
        guard frame.concepts.has(.attack) || frame.concepts.has(.kill, atLeast: 0.6) else { return false }
        let sentence = doc.sentences[frame.sentence].tokens
        let a = frame.anchor.tokens.lowerBound
        let lexicon = CasualtyLexicon.shared
        // "was beaten by …": the subject is the victim.
        guard a > sentence.lowerBound, !lexicon.auxiliaries.contains(doc.tokens[a - 1].norm) else { return false }
        let clause = ModalityCues.clauseRange(of: a, in: sentence, tokens: doc.tokens)
        let window = max(clause.lowerBound, a - 8)..<a
        guard !window.isEmpty else { return false }
        if (window.lowerBound..<min(clause.upperBound, a + 12)).contains(where: { targets.gunfire.contains(doc.tokens[$0].norm) }) {
            return false
        }
        let span = Span(doc.tokens[window.lowerBound].span.start, doc.tokens[a - 1].span.end)
        var partyCrowd = false
        for actor in doc.actors(in: span) {
            switch actor.actor.inter {
            case .civilians, .protesters, .rioters: continue
            case .politicalMilitia where partyFollowers(doc, actor): partyCrowd = true
            default: return false
            }
        }
        if partyCrowd { return true }
        // The subject stands right before the verb, adverbs aside ("locals assaulted", "settlers
        // physically assaulted"); anything else there ("reported the constant assaults", "were
        // taken out and tortured") means the people named earlier are not who attacked.
        for i in window.reversed() {
            let n = doc.tokens[i].norm
            if targets.followers.contains(n) { return n != "members" && n != "member" }
            if let p = lexicon.persons[n] { return p.plural && p.cls != .other }
            guard n.hasSuffix("ly") || n == "also" || n == "then" else { return false }
        }
        return false
    }

    /// "members of Awami League and BNP", "TMC supporters": a party named for its rank and file
    /// (the dictionary's party militias are "… Militia"; a gang's members are the gang).
    func partyFollowers(_ doc: Doc, _ a: ActorMention) -> Bool {
        guard a.actor.isPartyMilitia else { return false }
        let span = a.span
        guard let first = tokenIndex(doc, at: span.start) else { return false }
        var last = first
        while last + 1 < doc.tokens.count, doc.tokens[last + 1].span.end <= span.end { last += 1 }
        if last + 1 < doc.tokens.count, targets.followers.contains(doc.tokens[last + 1].norm) { return true }
        // Back over "of", "the", "and" and other names to the noun: "members of Awami League and BNP".
        var j = first - 1
        while j >= max(0, first - 6), doc.tokens[j].sentence == doc.tokens[first].sentence {
            let n = doc.tokens[j].norm
            if targets.followers.contains(n) { return true }
            guard ["of", "the", "and", "from"].contains(n) || doc.tokens[j].text.first?.isUppercase == true else { return false }
            j -= 1
        }
        return false
    }

    /// The armed actor named last before a trigger in the same sentence, leaving out agents and objects of prepositions ("held by the RSF", "backed by
    /// troops", "from Houthi fighters"): in "Sudan's army said it had regained control of …" the army.
    func subject(_ doc: Doc, before trigger: Trigger, in si: Int, within reach: Int? = nil) -> Inter? {
        let sentence = doc.sentences[si]
        let prepositions: Set<String> = ["by", "from", "of", "with", "against", "to", "on", "at", "in", "near", "outside",
                                         "inside", "into", "towards", "toward", "for"]
        let before = doc.actors(in: Span(sentence.span.start, trigger.span.start)).filter { a in
            guard a.actor.inter.isArmed, let i = tokenIndex(doc, at: a.span.start) else { return false }
            let prev = i > 0 ? doc.tokens[i - 1].norm : ""
            let prev2 = i > 1 ? doc.tokens[i - 2].norm : ""
            return !prepositions.contains(prev) && !(prev == "the" && prepositions.contains(prev2))
        }
        // Coordinated subjects ("pro-government forces, the Popular Resistance and the Giants
        // Brigades took …", "Rwandan and Mozambican soldiers"): state forces among them, else the
        // first named, lead.
        if reach == nil, before.contains(where: { $0.actor.inter == .stateForces }) { return .stateForces }
        guard let last = reach == nil ? before.first : before.last else { return nil }
        if let reach, let i = tokenIndex(doc, at: last.span.start), trigger.tokens.lowerBound - i > reach { return nil }
        return last.actor.inter
    }

    /// Who the clause's event was aimed at: armed victims make it a fight whatever the object
    /// ("attacked the village; three volunteer fighters were killed"); otherwise the first actor or
    /// target word after the trigger, leaving out places ("clashed with FACA at Digui village").
    func target(_ doc: Doc, frame: EventFrame, sentence: Sentence) -> TargetKind {
        var victims: [TargetKind] = []
        for c in frame.casualties where c.outcome == .killed || c.outcome == .wounded {
            if c.civilianVictims { victims.append(.civilians); continue }
            guard let v = c.victims else { continue }
            let words = Tokenizer.tokenize(v).map(\.norm)
            // A former police officer, fighter or member is a civilian now (codebook, inter 7).
            if words.contains(where: { targets.former.contains($0) }) { victims.append(.civilians); continue }
            // "a CV member", "1 Taliban member", "two 5th Armored Division members": members of an
            // armed group (codebook: not civilians).
            if words.contains(where: { targets.member.contains($0) })
                && doc.actors(in: c.span).contains(where: { $0.actor.inter.isArmed && !$0.isGeneric }) {
                victims.append(.armed); continue
            }
            victims.append(targets.kind(of: v))
        }
        if victims.contains(.armed) || victimSaidArmed(doc, after: frame.anchor.tokens.upperBound, sentence: frame.sentence) { return .armed }
        let clauseTokens = ModalityCues.clauseRange(of: frame.anchor.tokens.lowerBound, in: sentence.tokens, tokens: doc.tokens)
        // A trigger with a `?` gap can reach past a comma, beyond the clause.
        let after = min(frame.anchor.tokens.upperBound, clauseTokens.upperBound)..<clauseTokens.upperBound
        let afterSpan = after.isEmpty ? nil : Span(doc.tokens[after.lowerBound].span.start, doc.tokens[after.upperBound - 1].span.end)
        let locative: Set<String> = ["in", "at", "near", "around", "outside", "inside", "from", "of", "to", "into", "across"]
        // "killed by two armed men", "shot dead by suspected NPA militants": the actor or target
        // word in an agentive "by" phrase is who acted, not the target.
        func byPhrase(_ i: Int) -> Bool {
            var j = i - 1
            while j >= max(after.lowerBound, i - 7) {
                let n = doc.tokens[j].norm
                if n == "by" { return true }
                // ("by a pair of armed men", "by an unknown number of gunmen": "of" stays in the phrase.)
                if n != "of" && (locative.contains(n) || n == "and" || !(n.first?.isLetter ?? false)) { return false }
                j -= 1
            }
            return false
        }
        func agentive(_ span: Span) -> Bool {
            guard let i = tokenIndex(doc, at: span.start), i > 0 else { return false }
            return byPhrase(i)
        }
        // Passive: "state police officers were shot at by gunmen": the subject is the target.
        let a0 = frame.anchor.tokens.lowerBound
        if a0 - 1 > clauseTokens.lowerBound, Self.passiveAuxiliaries.contains(doc.tokens[a0 - 1].norm) {
            let subject = max(clauseTokens.lowerBound, a0 - 10)..<(a0 - 1)
            let span = Span(doc.tokens[subject.lowerBound].span.start, doc.tokens[subject.upperBound - 1].span.end)
            // A former officer or fighter is a civilian now; so is a party's leader or member
            // (the dictionary's party militias are "… Militia").
            if subject.contains(where: { targets.former.contains(doc.tokens[$0].norm) }) { return .civilians }
            if let last = doc.actors(in: span).last {
                return last.actor.isPartyMilitia ? .civilians : TargetWords.kind(of: last.actor.inter)
            }
            if let m = targets.matcher.scan(doc.tokens, in: subject).last(where: { $0.weight >= 0.6 }) {
                if m.label == .armed, TargetWords.isOffDuty(doc.tokens, first: m.tokens.lowerBound, last: m.tokens.upperBound - 1) {
                    return .civilians
                }
                return TargetWords.kind(of: m.label)
            }
        }
        if let a = afterSpan, let first = doc.actors(in: a).first(where: { !agentive($0.span) }) {
            return TargetWords.kind(of: first.actor.inter)
        }
        for m in targets.matcher.scan(doc.tokens, in: after) where m.weight >= 0.6 {
            let i = m.tokens.lowerBound
            let prev = i > after.lowerBound ? doc.tokens[i - 1].norm : ""
            let prev2 = i > after.lowerBound + 1 ? doc.tokens[i - 2].norm : ""
            if locative.contains(prev) || (["the", "a", "an"].contains(prev) && locative.contains(prev2)) { continue }
            if byPhrase(i) { continue }
            // "an off-duty police officer" (codebook, inter 7: a civilian).
            if m.label == .armed, TargetWords.isOffDuty(doc.tokens, first: i, last: m.tokens.upperBound - 1) {
                return .civilians
            }
            return TargetWords.kind(of: m.label)
        }
        return victims.first { $0 != .unknown } ?? .unknown
    }

    /// "The victim was recognized as a member of an organized crime group", "the victim is a drug
    /// dealer": a report that says, after the killing, that its victim belonged to an armed group
    /// (codebook: members of armed groups, gangs included, are not civilians).
    static let predicateLeadIns: Set<String> = ["a", "an", "the", "as", "recognized", "recognised", "identified",
                                                "allegedly", "reportedly", "alleged", "suspected", "known", "also", "one", "of"]

    static let passiveAuxiliaries: Set<String> = ["was", "were", "been", "being", "is", "are", "got"]

    func victimSaidArmed(_ doc: Doc, after start: Int, sentence si: Int) -> Bool {
        let end = doc.sentences[min(doc.sentences.count - 1, si + 2)].tokens.upperBound
        var i = start
        while i < end {
            defer { i += 1 }
            guard ["victim", "victims", "deceased"].contains(doc.tokens[i].norm),
                  i + 1 < end, ["was", "were", "is", "are"].contains(doc.tokens[i + 1].norm) else { continue }
            // The predicate noun itself: only articles and "identified as" before it ("a former
            // prison guard", "a drug user, which is why police…" say nothing of the kind).
            var j = i + 2
            let sentenceRange = doc.sentences[doc.tokens[i].sentence].tokens
            let sentenceEnd = sentenceRange.upperBound
            // "… as they thought that one of the victims was a military informant": a mistake, not a fact.
            if sentenceRange.contains(where: { targets.mistake.contains(doc.tokens[$0].norm) }) { continue }
            while j < min(end, sentenceEnd, i + 8), Self.predicateLeadIns.contains(doc.tokens[j].norm) { j += 1 }
            guard j < min(end, sentenceEnd) else { continue }
            // "The victim was involved in drug trafficking / organized criminal activities."
            if doc.tokens[j].norm == "involved", j + 1 < sentenceEnd, doc.tokens[j + 1].norm == "in",
               (j + 2..<min(sentenceEnd, j + 5)).contains(where: { targets.crime.contains(doc.tokens[$0].norm) }) {
                return true
            }
            if targets.matcher.scan(doc.tokens, in: j..<min(sentenceEnd, j + 8)).contains(where: {
                $0.tokens.lowerBound == j && $0.label == .armed && $0.weight >= 0.6
            }) { return true }
        }
        return false
    }
}

/// A description that names no country ("gunmen", "police", "civilians") stands for the people of
/// the country where the event happened, not of the country the report is mostly about: "police"
/// guarding a post in Garissa are Kenya's in a report full of Somalia. (Not "the military": armies
/// strike across borders, police do not.)
extension DocumentCoder {
    static let genericKinds: [(prefix: String, kind: ActorKind)] = [
        ("Unidentified Armed Group (", .unidentifiedArmedGroup), ("Civilians (", .civilians), ("Protesters (", .protesters),
        ("Rioters (", .rioters), ("Unidentified Gang (", .gang),
        ("Police Forces of ", .police), ("Unidentified Communal Militia (", .communal),
        ("Unidentified Tribal Militia (", .tribal), ("Unidentified Clan Militia (", .clan), ("Unidentified Ethnic Militia (", .ethnic),
    ]

    func inEventCountry(_ m: ActorMention, _ eventCountry: String?, date: CivilDate?, _ doc: Doc) -> ActorMention {
        guard m.isGeneric, let here = eventCountry, let home = m.actor.country, home != here,
              let kind = Self.genericKinds.first(where: { m.actor.name.hasPrefix($0.prefix) })?.kind else { return m }
        // "Kenyan police", "Russian soldiers": a country named with them keeps them its own (a
        // capital that only opens the sentence names none).
        var words = doc.text(m.span).split(separator: " ")
        if let si = doc.sentenceIndex(of: m.span), doc.sentences[si].span.start == m.span.start, !words.isEmpty { words.removeFirst() }
        guard !words.contains(where: { $0.first?.isUppercase == true }) else { return m }
        guard let local = dictionary.actor(kind: kind, country: here, date: date, eventCountry: here) else { return m }
        var out = m
        out.actor = local
        return out
    }
}
