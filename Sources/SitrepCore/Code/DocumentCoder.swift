/// Turns an analysed document into ACLED events: one frame per clause that reports an event,
/// then the codebook's document-level rules — one event per actor pair, place and day, the
/// hierarchy when tactics co-occur, fatality rules, and what is not an event at all.
public struct DocumentCoder: Sendable {
    let triggers = TriggerLexicon.shared
    let cues = ModalityCues.shared
    let targets = TargetWords.shared
    let resolver: PlaceResolver
    let dictionary: ActorDictionary
    /// The trained event-type model `TypeDecision` weighs against the rules; nil: rules only.
    public let typeModel: TypeModel?

    public init(resolver: PlaceResolver, dictionary: ActorDictionary = .shared, typeModel: TypeModel? = TypeModel.bundled) {
        self.resolver = resolver
        self.dictionary = dictionary
        self.typeModel = typeModel
    }

    // MARK: Frames

    /// One frame for each sentence that reports an event.
    public func frames(_ doc: Doc) -> [EventFrame] {
        var frames: [EventFrame] = []
        let ledeSentence = doc.sentences.indices.first { doc.block(ofSentence: $0) == .body } ?? 0
        for (si, sentence) in doc.sentences.enumerated() {
            let sentenceDates = doc.dates(in: sentence.span)
            // "18 March 2022" is a date, not a march.
            let found = triggers.find(doc, in: sentence.tokens).filter { t in
                !isInsideActorPhrase(t, doc) && !sentenceDates.contains { $0.span.overlaps(t.span) }
            }.map { territorial($0, doc) }
            // (No trigger, no frame: the cue scan below is the costliest part of a sentence.)
            guard !found.isEmpty else { continue }
            let sentenceCues = cues.find(doc, in: sentence.tokens)
            // A sentence that only says the gain was reversed ("Such advance did not last"), or that
            // no fight came with it ("No clashes were reported."), refines the capture before it.
            // (Not when the capture came "after days of fighting": then it was taken by force.)
            let refinesCapture = found.allSatisfy { $0.concept == .transfer } && (frames.last.map { f in
                (f.concepts.has(.take, atLeast: 0.8) || f.concepts.has(.regain))
                    && !triggers.find(doc, in: doc.sentences[f.sentence].tokens).contains { $0.concept == .clash && $0.weight >= 0.5 }
            } ?? false)
            if !found.isEmpty, found.allSatisfy({ $0.concept == .reversed }) || refinesCapture, var last = frames.last,
               last.sentence == si - 1 {
                for t in found { last.concepts.add(t.concept, t.weight) }
                last.triggers += found
                retype(&last, doc)
                last.mergedSentences.append(si)
                frames[frames.count - 1] = last
                continue
            }
            // "Police used tear gas to disperse them." after a protest: the intervention belongs to it.
            let handling: Set<Concept> = [.intervene, .arrest, .excessive, .riot, .kill]
            if !found.isEmpty, found.allSatisfy({ handling.contains($0.concept) }), found.contains(where: { $0.concept != .kill }),
               var last = frames.last, last.sentence == si - 1, last.modality == nil,
               [.protests, .riots].contains(last.subEventType.eventType),
               doc.places(in: sentence.span).isEmpty {
                for t in found { last.concepts.add(t.concept == .arrest ? .intervene : t.concept, t.weight) }
                last.triggers += found
                last.casualties += doc.casualties(in: sentence.span)
                retype(&last, doc)
                last.mergedSentences.append(si)
                frames[frames.count - 1] = last
                continue
            }
            let live = found.filter { cues.modality(of: $0, in: doc, sentence: sentence.tokens, cues: sentenceCues) == nil }
            // The main clause names the event; triggers in a clause giving its cause, purpose or an
            // earlier event ("after weeks of fighting", "suspected of firing rockets") only count when
            // the main clause has none.
            // How a place changed hands is told in such clauses too ("after the troops withdrew").
            let main = live.filter { [.transfer, .reversed].contains($0.concept)
                || !cues.isSubordinate($0, in: doc, sentence: sentence.tokens, cues: sentenceCues) }
            let mainHasEvent = main.contains(where: { $0.weight >= 0.5 && $0.concept != .reversed })
            // "Rescue workers pulled survivors from the rubble after the raid": an event named with a
            // definite article in such a clause is one the report has already told, not another.
            let strong = live.filter { $0.weight >= 0.5 }
            if !mainHasEvent, !strong.isEmpty, strong.allSatisfy({ t in
                t.tokens.lowerBound > 0 && ["the", "this", "that"].contains(doc.tokens[t.tokens.lowerBound - 1].norm)
                    && cues.isSubordinate(t, in: doc, sentence: sentence.tokens, cues: sentenceCues)
            }) { continue }
            // "Two people were killed after a suicide bombing at a mosque": deaths told in the main
            // clause and their weapon in the clause of their cause are one event, of that weapon.
            // (So are "were killed after attackers stormed a village" and "after clashes broke out".)
            let weapons = Self.weaponConcepts
            let onlyDeaths = mainHasEvent && main.allSatisfy { $0.concept == .kill || $0.concept == .reversed }
            let cause = onlyDeaths ? live.filter { (weapons.contains($0.concept) && $0.weight >= 0.9)
                || ([.attack, .clash].contains($0.concept) && $0.weight >= 0.7) } : []
            let pool = !cause.isEmpty ? main + cause : mainHasEvent ? main : live.isEmpty ? found : live
            guard let anchor = pickAnchor(pool) else { continue }
            var modality: Modality? = live.isEmpty ? cues.modality(of: anchor, in: doc, sentence: sentence.tokens, cues: sentenceCues) : nil
            let concepts = ConceptSet(pool)
            let casualties = Array(doc.casualties(in: sentence.span))
            // (A statistic "as of December 2023" is dated by a month: only a day makes an incident.)
            if modality == nil, cues.isBackground(sentenceCues),
               !doc.dates(in: sentence.span).contains(where: { $0.date != nil && $0.precision == .day }) {
                modality = .background
            }
            // A gas explosion, a landslide or a derby is no political event, unless an organised
            // armed group or a protest is named in the same sentence.
            // In sport, markets and ceremonies the words of war are figures of speech ("fired a
            // rocket into the top corner", "investors protested"): no tactic word overrides them.
            // A demonstration about such a topic ("workers rallied against inflation", "marched to
            // commemorate Labour Day") is still a demonstration: only a word of the domain itself
            // ("investors", "concert") makes "protest" a figure of speech.
            let nonEvent = NonEventCues.shared.cue(doc, in: sentence.tokens)
            let protestAboutTopic = nonEvent.map { $0.weight < 0.9 && $0.kind != "SPORT" } ?? false && concepts.has(.protest, atLeast: 0.9)
            if modality == nil, let kind = nonEvent?.kind, !protestAboutTopic,
               !doc.actors(in: sentence.span).contains(where: { !$0.isGeneric && $0.actor.inter.isArmed
                   && !isSource($0, doc) }),
               ["SPORT", "MARKET", "CULTURE"].contains(kind) || (!concepts.has(.protest, atLeast: 0.9) && !concepts.has(.air) && !concepts.has(.suicide)
                   && !concepts.has(.chemical) && !concepts.has(.shelling, atLeast: 0.9)) {
                modality = .notPolitical
            }
            var frame = EventFrame(
                sentence: si, clause: sentence.span, anchor: anchor, triggers: pool, concepts: concepts,
                subEventType: .other, typingReason: "", date: nil, dateRange: nil, location: nil, countryLevel: false,
                actors: EventActors(actor1: nil, assoc1: [], actor2: nil, assoc2: []),
                casualties: casualties, target: .unknown, claimant: claimant(doc, sentence: si, sentenceCues),
                modality: modality, strength: pool.map(\.weight).max() ?? 0)
            frame.block = doc.block(ofSentence: si)
            frame.anaphoric = isAnaphoric(anchor, doc)
            frame.date = eventDate(doc, sentence: sentence, anchor: anchor, cues: sentenceCues)
            frame.dateRange = dayRange(doc, sentence: sentence)
            if let r = frame.dateRange, let first = sentenceDates.first(where: { $0.date == r.lowerBound }) {
                frame.date = first
            }
            if frame.modality == nil, si != ledeSentence, isRetrospective(doc, sentence: sentence, frame: frame, cues: sentenceCues) {
                frame.modality = .background
            }
            frame.location = location(doc, sentence: sentence, anchor: anchor, cues: sentenceCues)
            // "air strikes in Syria": the only place given is a whole country.
            frame.countryLevel = frame.location == nil && doc.places(in: sentence.span).contains { p in
                guard p.place.kind == .country, let i = tokenIndex(doc, at: p.span.start), i > 0 else { return false }
                return ["in", "across", "throughout", "inside", "over"].contains(doc.tokens[i - 1].norm)
            }
            frame.target = target(doc, frame: frame, sentence: sentence)
            // "Rescuers said 12 people were killed." after an event: a toll for that event, not
            // another one.
            if frame.concepts.weights.keys.allSatisfy({ $0 == .kill }), doc.places(in: sentence.span).isEmpty,
               sentenceDates.isEmpty,
               let last = frames.indices.last, frames[last].sentence >= si - 2, frames[last].modality == nil, modality == nil {
                if let c = frame.claimant {
                    frames[last].claimedCasualties += casualties
                    if frames[last].claimant == nil { frames[last].claimant = c }
                } else {
                    frames[last].casualties += casualties
                }
                continue
            }
            retype(&frame, doc)
            // A party's word on the other side's dead is a claim; on its own dead ("the army said
            // six soldiers were killed") it is the most credible toll there is.
            if let c = frame.claimant {
                let own = frame.casualties.filter { isOwnLoss($0, of: c) }
                frame.claimedCasualties = frame.casualties.filter { !isOwnLoss($0, of: c) }
                frame.casualties = own
            }
            if frame.strength >= 0.5 { frames.append(frame) }
        }
        attachStrayCasualties(doc, &frames)
        attributeReportedGroups(doc, &frames)
        return frames
    }

    /// "It said it had conducted strikes in support of a group called X": groups a party names in
    /// its statement are that party's claim, not Sitrep's finding. The speaker acts, the named groups
    /// are associated with it, and the event is the speaker's claim.
    func attributeReportedGroups(_ doc: Doc, _ frames: inout [EventFrame]) {
        let reported = ReportedGroups.find(doc, actors: doc.actors, country: doc.focusCountry, dictionary: dictionary)
        guard !reported.isEmpty else { return }
        for k in frames.indices {
            let inSentence = reported.filter { frames[k].clause.contains($0.mention.span) }
            guard !inSentence.isEmpty else { continue }
            let spans = Set(inSentence.map(\.mention.span))
            let named = [frames[k].actors.actor1, frames[k].actors.actor2].compactMap { $0 }.filter { spans.contains($0.span) }
            guard !named.isEmpty else { continue }
            let speaker = inSentence.compactMap(\.speaker).first
            if let a1 = frames[k].actors.actor1, spans.contains(a1.span) { frames[k].actors.actor1 = speaker }
            if let a2 = frames[k].actors.actor2, spans.contains(a2.span) { frames[k].actors.actor2 = nil }
            frames[k].actors.assoc1 += inSentence.map(\.mention).filter { m in !frames[k].actors.assoc1.contains { $0.span == m.span } }
            if let speaker { frames[k].claimant = speaker }
        }
    }

    /// A toll in a sentence of its own ("Fatalities coded as 3.", "Two soldiers died.") belongs to
    /// the event told just before it, or else just after it.
    func attachStrayCasualties(_ doc: Doc, _ frames: inout [EventFrame]) {
        guard !frames.isEmpty else { return }
        let framed = Set(frames.map(\.sentence))
        // Nearest frame at or before each sentence, and the first one after it.
        var before = Array(repeating: -1, count: doc.sentences.count)
        var after = Array(repeating: -1, count: doc.sentences.count)
        for (k, f) in frames.enumerated() {
            before[f.sentence] = k
            if after[f.sentence] < 0 { after[f.sentence] = k }
        }
        for i in before.indices.dropFirst() where before[i] < 0 { before[i] = before[i - 1] }
        for i in after.indices.reversed().dropFirst() where after[i] < 0 { after[i] = after[i + 1] }
        for c in doc.casualties {
            guard let si = doc.sentenceIndex(of: c.span), !framed.contains(si) else { continue }
            let sentenceCues = cues.find(doc, in: doc.sentences[si].tokens)
            if cues.isBackground(sentenceCues) && !hasDayDate(doc, sentence: doc.sentences[si]) { continue }
            let target = si > 0 && before[si - 1] >= 0 ? before[si - 1] : (si + 1 < after.count && after[si + 1] >= 0 ? after[si + 1] : nil)
            guard let t = target, frames[t].modality == nil else { continue }
            if claimant(doc, sentence: si, sentenceCues) != nil {
                frames[t].claimedCasualties.append(c)
            } else {
                frames[t].casualties.append(c)
            }
        }
    }

    /// "seized the border town of Bunagana", "captured Lashkar Gah": a verb of taking whose object
    /// is a named place reports territory taken, whatever else the verb can mean (goods seized,
    /// people captured).
    func territorial(_ t: Trigger, _ doc: Doc) -> Trigger {
        let verbs: Set<String> = ["seized", "captured", "seizing", "capturing", "overran", "overrunning", "took"]
        guard [.take, .loot, .abduct, .arrest].contains(t.concept), t.tokens.count <= 2,
              verbs.contains(doc.tokens[t.tokens.lowerBound].norm) else { return t }
        let s = doc.sentences[doc.tokens[t.tokens.lowerBound].sentence]
        let window = t.tokens.upperBound..<min(s.tokens.upperBound, t.tokens.upperBound + 5)
        guard !window.isEmpty else { return t }
        let reach = Span(doc.tokens[window.lowerBound].span.start, doc.tokens[window.upperBound - 1].span.end)
        let named = doc.places(in: reach).contains { p in
            p.place.kind != .country && !doc.tokens[window].contains { ["from", "in", "near", "at", "on"].contains($0.norm) && $0.span.end <= p.span.start }
        }
        guard named else { return t }
        var taken = t
        taken.concept = .take
        taken.weight = 1
        return taken
    }

    /// "Taliban officials said", "the Houthi-run health ministry": an organisation named as the
    /// source of a report, not as a party to what it reports.
    func isSource(_ a: ActorMention, _ doc: Doc) -> Bool {
        guard let i = tokenIndex(doc, at: a.span.start) else { return false }
        var j = i
        while j < doc.tokens.count, doc.tokens[j].span.start < a.span.end { j += 1 }
        let next = doc.tokens[j..<min(doc.tokens.count, j + 3)].map(\.norm)
        let sources: Set<String> = ["said", "says", "told", "officials", "official", "spokesman", "spokesperson",
                                    "ministry", "run", "media", "television", "authorities"]
        return next.contains { sources.contains($0) }
    }

    /// A sentence after the lede that tells what happened well before the report: a day of its own
    /// more than two weeks before the report's date ("In early December 2024, 21 civilians were
    /// killed"), or an earlier year with no day ("since the military seized power in 2020"). The
    /// report's news is recent; such sentences are its background.
    func isRetrospective(_ doc: Doc, sentence: Sentence, frame: EventFrame, cues: [ModalityCues.Found]) -> Bool {
        // ("since April 2023" dates the trend, not an incident: only a day of its own exempts it.)
        if self.cues.isRetrospective(cues), !doc.dates(in: sentence.span).contains(where: { $0.date != nil && $0.precision == .day }) {
            return true
        }
        guard let published = doc.published else { return false }
        // (A day inherited from the sentence before counts too: "In early December 2024, 21
        // civilians were killed. Two operations are deployed there.")
        if let m = frame.date, m.span.length > 0, let d = m.date, m.kind == .absolute, published.dayNumber - d.dayNumber > 14 {
            return true
        }
        if frame.ownDate { return false }
        if hasDayDate(doc, sentence: sentence) { return false }
        for k in sentence.tokens where doc.tokens[k].kind == .number && doc.tokens[k].text.utf8.count == 4 {
            guard let y = Int(doc.tokens[k].text), (1900..<published.year).contains(y), k > sentence.tokens.lowerBound else { continue }
            if ["in", "since", "of", "from", "until", "early", "late", "mid"].contains(doc.tokens[k - 1].norm) { return true }
        }
        return false
    }

    static let eventNouns = Set(Lexicon.lines("event-nouns"))
    static let definiteWords: Set<String> = ["the", "this", "that", "these", "those", "'s", "its", "their"]
    /// Weapons whose clause of cause types the deaths of the main clause.
    static let weaponConcepts: Set<Concept> = [.air, .shelling, .ied, .suicide, .grenade, .chemical]

    /// "the attack", "this blast", "Monday's assault", "the latest attack": an event named as one the
    /// report has told already.
    func isAnaphoric(_ t: Trigger, _ doc: Doc) -> Bool {
        let definite = Self.definiteWords
        guard Self.eventNouns.contains(doc.tokens[t.tokens.upperBound - 1].norm) else { return false }
        let i = t.tokens.lowerBound
        let lo = doc.sentences[doc.tokens[i].sentence].tokens.lowerBound
        // Adjectives may stand between the article and the noun ("the deadly suicide attack").
        for k in stride(from: i - 1, through: max(lo, i - 4), by: -1) {
            let w = doc.tokens[k]
            if definite.contains(w.norm) { return true }
            guard w.kind == .word, !FunctionWords.contains(w.norm) else { return false }
        }
        return false
    }

    /// The first of the strongest triggers names the event.
    func pickAnchor(_ ts: [Trigger]) -> Trigger? {
        let usable = ts.filter { $0.concept != .reversed }
        guard let top = usable.map(\.weight).max() else { return nil }
        return usable.first { $0.weight >= top - 0.15 }
    }

    /// "regime forces backed by Russia's warplanes": a weapon named inside an actor phrase is not
    /// an event, though "forces backed by militias took the town" still reports a capture.
    func isInsideActorPhrase(_ t: Trigger, _ doc: Doc) -> Bool {
        let weapons: Set<Concept> = [.air, .shelling, .chemical, .ied, .grenade, .suicide]
        guard weapons.contains(t.concept) else { return false }
        let i = t.tokens.lowerBound
        let lo = max(doc.sentences[doc.tokens[i].sentence].tokens.lowerBound, i - 4)
        guard lo < i else { return false }
        let before = doc.tokens[lo..<i].map(\.norm)
        for (k, w) in before.enumerated() where ["backed", "supported", "aided", "support", "cover"].contains(w) {
            if k + 1 < before.count, ["by", "of"].contains(before[k + 1]) { return true }
        }
        return false
    }

    /// "from Monday to Wednesday", "between 3 and 5 May": two days of one sentence joined as a span.
    func dayRange(_ doc: Doc, sentence: Sentence) -> ClosedRange<CivilDate>? {
        let days = doc.dates(in: sentence.span).filter { $0.precision == .day && $0.date != nil }
        guard days.count >= 2 else { return nil }
        let joiners: Set<String> = ["to", "and", "-", "until", "through", "till", "thru"]
        for (a, b) in zip(days, days.dropFirst()) {
            guard let ia = tokenIndex(doc, at: a.span.start), let ib = tokenIndex(doc, at: b.span.start),
                  let from = a.date, let to = b.date, from < to, to.dayNumber - from.dayNumber <= 14 else { continue }
            let between = doc.tokens[ia..<ib].filter { !a.span.contains($0.span) }.map(\.norm)
            let opener = ia > 0 ? doc.tokens[ia - 1].norm : ""
            let opener2 = ia > 1 ? doc.tokens[ia - 2].norm : ""
            if between.count == 1, joiners.contains(between[0]),
               ["from", "between"].contains(opener) || ["from", "between"].contains(opener2) || between[0] != "and" {
                return from...to
            }
        }
        return nil
    }

    /// The token starting exactly at a UTF-8 offset.
    func tokenIndex(_ doc: Doc, at offset: Int) -> Int? {
        let i = PhraseTokens.index(atOrAfter: offset, in: doc.tokens)
        return i < doc.tokens.count && doc.tokens[i].span.start == offset ? i : nil
    }

    func hasDayDate(_ doc: Doc, sentence: Sentence) -> Bool {
        doc.dates(in: sentence.span).contains { $0.date != nil }
    }

    /// Types the frame from its concepts and who did what to whom; roles depend on the type and
    /// the type on the roles (an attack on soldiers is a battle), so both are settled together.
    func retype(_ frame: inout EventFrame, _ doc: Doc) {
        let killed = frame.casualties.contains { $0.outcome == .killed && $0.count.value > 0 }
        let civilianVictims = frame.casualties.contains { $0.civilianVictims } || frame.target == .civilians
        var ctx = TypingContext(agent: nil, target: frame.target, civilianVictims: civilianVictims, killed: killed)
        let country = frame.location?.country ?? doc.focusCountry
        let parsed = ActorRoles.parse(doc: doc, actors: Array(doc.actors(in: doc.sentenceSpan(frame.sentence - 2, frame.sentence + 1))),
                                      clause: frame.clause, anchor: frame.anchor.span, country: country)
        func roles(_ type: SubEventType) -> EventActors {
            ActorRoles.assignRoles(parsed, subEventType: type, country: country, date: frame.date?.date ?? doc.published,
                                   civilianVictims: civilianVictims, dictionary: dictionary)
        }
        // Who acts is read first under a neutral type (roles for a protest would make anyone a
        // protester), then the type is decided, then the roles are settled for that type.
        let provisional = roles(.attack)
        let territory = frame.triggers.filter { [.take, .regain].contains($0.concept) }
        ctx.subject = subject(doc, before: territory.max { $0.weight < $1.weight } ?? frame.anchor, in: frame.sentence)
        ctx.unarmedSides = unarmedSides(doc, frame)
        ctx.crowdSide = crowdSide(doc, frame)
        ctx.crowdSubject = crowdSubject(doc, frame)
        ctx.stateFires = frame.triggers.contains { t in
            ((t.concept == .kill && t.weight >= 0.7) || (t.concept == .excessive && t.weight >= 0.4))
                && subject(doc, before: t, in: frame.sentence, within: t.concept == .kill ? 8 : nil) == .stateForces
        }
        ctx.agent = provisional.actor1.flatMap { $0.span.length > 0 ? $0.actor.inter : nil }
        if ctx.target == .unknown, let a2 = provisional.actor2, a2.span.length > 0 {
            ctx.target = TargetWords.kind(of: a2.actor.inter)
        }
        guard let type = SubEventRules.decide(frame.concepts, ctx) else {
            frame.strength = 0
            return
        }
        frame.actors = roles(type)
        if type.eventType == .strategicDevelopments { statesAsParties(&frame, doc) }
        frame.subEventType = type
        // Only states (and their foreign allies) fly strike aircraft: an unattributed air strike is
        // the air force of the country it hit, not an unidentified armed group.
        if type == .airDroneStrike, frame.actors.actor1 == nil || frame.actors.actor1?.actor.inter == .politicalMilitia,
           frame.actors.actor1?.isGeneric ?? true, let country = frame.location?.country ?? doc.focusCountry {
            let state = dictionary.stateForces(country: country, date: frame.date?.date ?? doc.published)
            frame.actors.actor1 = ActorMention(span: frame.anchor.span, actor: state, isGeneric: true)
        }
        let names = frame.concepts.weights.filter { $0.value >= 0.5 }.keys.map(\.rawValue).sorted().joined(separator: "+")
        frame.typingReason = "trigger \"\(doc.text(frame.anchor.span))\"; concepts \(names)"
            + (ctx.agent.map { "; agent \($0.label)" } ?? "")
            + (ctx.target == .unknown ? "" : "; target \(ctx.target)")
    }

    /// "The United States and Russia agreed …": in strategic developments a country named as a
    /// party, not as a place, stands for its government.
    func statesAsParties(_ frame: inout EventFrame, _ doc: Doc) {
        guard frame.actors.actor1 == nil || frame.actors.actor2 == nil else { return }
        let locative: Set<String> = ["in", "at", "near", "from", "to", "into", "across", "of", "inside", "outside", "over", "on"]
        var parties: [ActorMention] = []
        for p in doc.places(in: frame.clause) where p.place.kind == .country {
            guard let i = tokenIndex(doc, at: p.span.start) else { continue }
            let prev = i > 0 ? doc.tokens[i - 1].norm : ""
            let prev2 = i > 1 ? doc.tokens[i - 2].norm : ""
            if locative.contains(prev) || (prev == "the" && locative.contains(prev2)) { continue }
            let gov = dictionary.government(country: p.place.country, date: frame.date?.date ?? doc.published,
                                            eventCountry: frame.location?.country)
            if !parties.contains(where: { $0.actor.name == gov.name }) {
                parties.append(ActorMention(span: p.span, actor: gov, isGeneric: false))
            }
        }
        for party in parties {
            if frame.actors.actor1 == nil { frame.actors.actor1 = party }
            else if frame.actors.actor2 == nil, frame.actors.actor1?.actor.name != party.actor.name { frame.actors.actor2 = party }
        }
    }

    /// The date of the event, leaving out dates that belong to the report rather than the event
    /// ("activists said Tuesday").
    func eventDate(_ doc: Doc, sentence: Sentence, anchor: Trigger, cues: [ModalityCues.Found]) -> DateMention? {
        let speechEnds = cues.filter { $0.cue == .speech }.map { doc.tokens[$0.tokens.upperBound - 1].span.end }
        // The paragraph around the clause is as far back as a date can govern it.
        let si = doc.sentenceIndex(of: sentence.span) ?? 0
        let window = doc.dates(in: doc.sentenceSpan(si - 12, si))
        // A date a few words after a verb of telling dates the telling ("said Tuesday", "told AFP on
        // Tuesday", "said in a statement on Monday"), unless an event word stands between them ("said
        // soldiers were killed on Tuesday").
        let sentenceTriggers = triggers.find(doc, in: sentence.tokens)
        let speechCues = cues.filter { $0.cue == .speech }
        let usable = window.filter { d in
            guard let di = tokenIndex(doc, at: d.span.start) else { return true }
            return !speechCues.contains { c in
                guard di >= c.tokens.upperBound, di - c.tokens.upperBound <= 4 else { return false }
                let between = c.tokens.upperBound..<di
                return !sentenceTriggers.contains { $0.tokens.overlaps(between) }
            }
        }
        // A date that opens the sentence ("On Sunday, …", "Around 3 May 2022 (as reported), …")
        // governs its main clause, whatever relative clauses later mention.
        let opening = sentence.tokens.lowerBound..<min(sentence.tokens.upperBound, sentence.tokens.lowerBound + 6)
        // Not when the main clause only says who told it: "On Wednesday, the army revealed that ten
        // soldiers were killed earlier this week" dates the telling.
        if let lead = usable.first(where: { d in
            d.date != nil && sentence.span.contains(d.span) && opening.contains(tokenIndex(doc, at: d.span.start) ?? -1)
        }), !speechEnds.contains(where: { $0 > lead.span.end && $0 <= anchor.span.start }) {
            return lead
        }
        return EventDating.date(for: sentence.span, anchor: anchor.span, in: doc, dates: usable)
    }

    /// The place of the event among the places of its own sentence, leaving out places that sit in
    /// a planned or hypothetical part of it ("talks in New York this week").
    func location(_ doc: Doc, sentence: Sentence, anchor: Trigger, cues: [ModalityCues.Found]) -> EventLocation? {
        var places = Array(doc.places(in: sentence.span))
        // A clause that names no place of its own happened where the paragraph last said
        // ("Gunmen attacked a bus in X. … Two passengers were killed.").
        if places.isEmpty, let si = doc.sentenceIndex(of: sentence.span) {
            var back = si - 1
            while places.isEmpty, back >= max(0, si - 4),
                  !doc.text(Span(doc.sentences[back].span.end, sentence.span.start)).contains("\n") {
                places = Array(doc.places(in: doc.sentences[back].span))
                back -= 1
            }
        }
        for cue in cues where (cue.cue == .future || cue.cue == .hypothetical) && cue.weight >= 0.7 {
            let scope = ModalityCues.clauseRange(of: cue.tokens.lowerBound, in: sentence.tokens, tokens: doc.tokens)
            guard !scope.contains(anchor.tokens.lowerBound) || cue.tokens.lowerBound > anchor.tokens.lowerBound else { continue }
            let from = doc.tokens[cue.tokens.lowerBound].span.start
            let to = doc.tokens[scope.upperBound - 1].span.end
            places.removeAll { $0.span.start >= from && $0.span.end <= to }
        }
        guard !places.isEmpty else { return nil }
        guard let found = resolver.locate(doc, places: places, clause: sentence.span, anchor: anchor.span) else { return nil }
        // "seized the town of X in the Y countryside": the town inside the area is where it happened
        // (the codebook codes the most precise place the report gives).
        // (Not when the place found is itself a village the report puts "near" a town, and not the
        // towns named as another place's admin units: "near the village of Ouanobian (Pissila, …)";
        // a city's countryside is an area, though: "the town of X in the Idlib countryside".)
        if found.mention.map({ $0.place.kind != .populated || $0.qualifier == .area }) ?? true,
           found.geoPrecision > 1 || found.mention.map({ [.region, .admin1, .admin2, .admin3].contains($0.place.kind) }) == true {
            let all = places.sorted { $0.span < $1.span }
            let towns = places.filter { p in
                p.qualifier == .exact && p.place.kind == .populated && p.span != found.mention?.span
                    && TextFolding.fold(p.place.admin1) == TextFolding.fold(found.admin1) && p.place.country == found.country
                    && !resolver.isAdminContext(doc, p, all: all)
            }
            if !towns.isEmpty, let precise = resolver.locate(doc, places: towns, clause: sentence.span, anchor: anchor.span),
               precise.geoPrecision < found.geoPrecision
                || precise.geoPrecision == found.geoPrecision && found.mention.map({ $0.place.kind != .populated }) == true {
                return precise
            }
        }
        return found
    }

    /// State forces speaking of soldiers, police or troops killed speak of their own losses.
    func isOwnLoss(_ c: CasualtyMention, of claimant: ActorMention) -> Bool {
        guard claimant.actor.inter == .stateForces, let victims = c.victims else { return false }
        return targets.kind(of: victims) == .armed
            && !victims.lowercased().split(whereSeparator: { !$0.isLetter }).contains { Self.nonStateFighters.contains(String($0)) }
    }

    static let nonStateFighters = Set(Lexicon.lines("nonstate-fighters"))

    /// A statement by a party to the conflict ("Islam Army said", "the group claimed") makes what
    /// it reports a claim; statements by monitors, media and witnesses do not.
    func claimant(_ doc: Doc, sentence si: Int, _ cues: [ModalityCues.Found]) -> ActorMention? {
        let speech = cues.filter { $0.cue == .speech }
        guard !speech.isEmpty else { return nil }
        let sentence = doc.sentences[si]
        for cue in speech {
            let cueStart = doc.tokens[cue.tokens.lowerBound].span.start
            let cueEnd = doc.tokens[cue.tokens.upperBound - 1].span.end
            // Speaker just before the verb ("Islam Army said") or just after it ("said the army",
            // "according to the Taliban").
            let near = doc.actors(in: sentence.span).filter { a in
                ((a.span.end <= cueStart && cueStart - a.span.end <= 3)
                        || (a.span.start >= cueEnd && a.span.start - cueEnd <= 5))
            }
            guard let speaker = near.first else { continue }
            guard speaker.actor.inter.isArmed else { continue }
            return speaker.isGeneric ? antecedent(of: speaker, doc: doc, before: si) ?? speaker : speaker
        }
        return nil
    }

    /// "The powerful rebel group said": the named group of the same kind mentioned just before.
    func antecedent(of generic: ActorMention, doc: Doc, before si: Int) -> ActorMention? {
        return doc.actors(in: Span(doc.sentences[max(0, si - 2)].span.start, generic.span.start)).last { a in
            !a.isGeneric && a.actor.inter == generic.actor.inter
        }
    }
}
