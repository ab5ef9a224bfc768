/// Who or what an event was aimed at, as far as the coder can tell.
public enum TargetKind: Sendable, Hashable {
    case civilians
    case armed        // soldiers, police, an armed group, a base or checkpoint
    case protesters
    case unknown
}

/// The facts about a clause that the codebook's typing rules look at.
public struct TypingContext: Sendable, Hashable {
    public var agent: Inter?
    public var target: TargetKind
    public var civilianVictims: Bool
    public var killed: Bool
    /// Who the clause names before its trigger (the grammatical subject, as far as word order tells):
    /// who took a place decides the territory types.
    public var subject: Inter?
    /// State forces are named as the ones who fire on or kill people ("soldiers opened fire on …").
    public var stateFires: Bool = false
    /// The fight is said to be between unarmed people ("clashes erupted between two families",
    /// "a clash between villagers and herders"), with no armed group named among them.
    public var unarmedSides: Bool = false
    /// One side of the fight is people who are no armed group (villagers, students, rioters, a
    /// party's members), and no armed group but the state's is named beside them ("students fought
    /// with police", "members of Awami League and BNP clashed").
    public var crowdSide: Bool = false
    /// The clause's subject is a group of people who are no armed group ("a group of 20-25 persons
    /// assaulted", "street vendors attacked", "cadres of CPN(UML) assaulted"), and no firearm is named.
    public var crowdSubject: Bool = false

    public init(agent: Inter? = nil, target: TargetKind = .unknown, civilianVictims: Bool = false, killed: Bool = false,
                subject: Inter? = nil) {
        self.agent = agent
        self.target = target
        self.civilianVictims = civilianVictims
        self.killed = killed
        self.subject = subject
    }
}

/// The ACLED codebook's rules for turning what a clause says into one sub-event type.
/// The order of the checks is the codebook's hierarchy: when tactics co-occur in one event,
/// the higher one wins.
public enum SubEventRules {
    public static func decide(_ c: ConceptSet, _ ctx: TypingContext) -> SubEventType? {
        let armedAgent = ctx.agent?.isArmed ?? false
        let crowdAgent = ctx.agent == .protesters || ctx.agent == .rioters

        // Demonstrations: a protest that turns violent is a riot; force against it decides the rest.
        if c.has(.protest) || c.has(.excessive) || (ctx.agent == .protesters && (c.has(.riot) || c.has(.intervene))) {
            // Excessive force: lethal or potentially lethal force against protesters — security
            // forces who shoot at or kill demonstrators.
            // (Protests against an earlier police killing name the police too, but after "by" or
            // "against", not as the ones who shoot.)
            if c.has(.excessive) || (ctx.killed && c.has(.intervene, atLeast: 0.7))
                || (ctx.stateFires && !c.has(.riot, atLeast: 0.7) && !c.has(.clash, atLeast: 0.8)) {
                return .excessiveForceAgainstProtesters
            }
            // Demonstrators who riot, or who clash with the police, make it a violent demonstration.
            // Arson and vandalism by demonstrators count as violence too.
            // (Police and troops clashing with a demonstration are its other side, not a battle.)
            // So do demonstrators who themselves attack or storm (a verb, not "protested the attack").
            if c.has(.riot) || c.has(.loot, atLeast: 0.7)
                || (c.has(.clash, atLeast: 0.8) && (!armedAgent || ctx.agent == .stateForces))
                || (c.has(.attack, atLeast: 0.9) && !armedAgent && ctx.agent != .civilians) { return .violentDemonstration }
            if c.has(.intervene) { return .protestWithIntervention }
            if !armedAgent || c.weight(.protest) >= max(c.strongest, 0.7) { return .peacefulProtest }
        }
        // Stones, petrol bombs or burning tyres thrown at the police or troops by people who are
        // not an armed group: a violent demonstration (the security forces named are its target,
        // even when word order made them the provisional agent).
        let armedSubject = ctx.subject?.isArmed ?? false
        // (Those the report itself calls rioters are a mob: codebook, Mob violence.)
        if c.has(.riot, atLeast: 0.7) && !armedSubject && ctx.agent != .rioters && (ctx.target == .armed || ctx.agent == .stateForces)
            && !c.has(.air) && !c.has(.shelling) && !c.has(.ied, atLeast: 0.8) && !c.has(.grenade) && !c.has(.kill, atLeast: 0.9) {
            return .violentDemonstration
        }
        // A crowd that is not an armed group attacking people or property: Mob violence (the armed
        // actors named elsewhere in the sentence are then its victims or the police reporting it).
        if c.has(.mob) && (!armedAgent || (!armedSubject && ctx.target != .armed && c.weight(.mob) >= 0.6)) { return .mobViolence }
        // Rioting with no demonstration behind it is mob violence.
        let explosive = c.has(.air) || c.has(.shelling) || c.has(.grenade) || c.has(.ied, atLeast: 0.8) || c.has(.suicide)
        if c.has(.riot) && (crowdAgent || ctx.agent == nil || ctx.agent == .civilians) && !explosive {
            return ctx.agent == .protesters ? .violentDemonstration : .mobViolence
        }

        // Other: the discovery of mass graves is its own strategic development, whatever killing
        // they hold (that happened earlier and is coded, if at all, as its own event).
        if c.has(.grave) && !c.has(.clash, atLeast: 0.8) { return .other }
        // Chemical weapons outrank every other remote tactic.
        if c.has(.chemical) { return .chemicalWeapon }

        // Territory: taken and lost again within a day is an armed clash; taken without a
        // fight is a non-violent transfer; otherwise who took it decides.
        // Government regains territory: state forces or forces fighting on the state's side
        // (pro-government militias) take it back; anyone else taking it is a non-state actor.
        // (Moving into a place the other side has left is a transfer even with a weak verb.)
        if (c.has(.take, atLeast: 0.8) || c.has(.regain) || (c.has(.take, atLeast: 0.6) && c.has(.transfer, atLeast: 0.8)))
            && !c.has(.air) && !c.has(.loot, atLeast: 0.9) {
            if c.has(.reversed) { return .armedClash }
            if c.has(.transfer, atLeast: 0.8) && !c.has(.clash) { return .nonViolentTransferOfTerritory }
            let taker = ctx.subject ?? ctx.agent
            if taker == .stateForces || c.has(.progov, atLeast: 0.3) { return .governmentRegainsTerritory }
            if taker == nil && c.has(.regain) { return .governmentRegainsTerritory }
            if taker.map({ [.rebelGroup, .politicalMilitia, .identityMilitia, .externalForces].contains($0) }) ?? false {
                return .nonStateActorOvertakesTerritory
            }
            return .armedClash
        }

        if c.has(.suicide) { return .suicideBomb }
        // A fight between unorganised groups (villagers, party cadres, students against the police) is
        // mob violence; a battle needs an organised armed group on at least one side.
        if c.has(.clash, atLeast: 0.8) && !armedAgent
            && (crowdAgent || ctx.agent == .civilians || (ctx.agent == nil && (c.has(.mob, atLeast: 0.3) || ctx.unarmedSides) && ctx.target != .armed)) {
            return .mobViolence
        }
        // Codebook: a battle is between organised armed groups; the police or troops fighting
        // villagers, students or party supporters, or such people fighting each other, is mob violence.
        if c.has(.clash, atLeast: 0.8) && ctx.crowdSide && !c.has(.air) && !c.has(.shelling) && !c.has(.ied, atLeast: 0.8) {
            return .mobViolence
        }
        // Battle plus artillery is one Battles event; an air strike absent other engagement is an air strike.
        if c.has(.clash, atLeast: 0.8) && ctx.agent != .civilians && !c.has(.ied, atLeast: 0.9) && !c.has(.air) { return .armedClash }
        // Disrupted weapons use: a drone, missile or rocket shot down or intercepted is the
        // weapon stopped, not an air strike (codebook: interceptions are Disrupted weapons use).
        if c.has(.disrupted, atLeast: 0.95) && c.weight(.disrupted) >= c.weight(.air) && !ctx.killed && (c.has(.air) || c.has(.shelling)) {
            return .disruptedWeaponsUse
        }
        if c.has(.air) { return .airDroneStrike }
        if c.has(.disrupted, atLeast: 0.7) && !ctx.killed { return .disruptedWeaponsUse }
        if c.has(.shelling) { return .shellingArtilleryMissileAttack }
        if c.has(.ied) { return .remoteExplosiveLandmineIED }
        if c.has(.grenade) { return .grenade }
        if c.has(.clash) && ctx.target != .civilians { return .armedClash }

        if c.has(.sexual) { return .sexualViolence }
        // Violence by people who are no organised group (students, residents, a crowd): the codebook
        // makes it mob violence, not an attack, which needs an organised armed actor.
        if (c.has(.attack) || c.has(.kill, atLeast: 0.6))
            && (ctx.agent == .civilians || crowdAgent || ctx.crowdSubject || (ctx.agent == nil && c.has(.mob, atLeast: 0.3)))
            && !c.has(.abduct) {
            return .mobViolence
        }
        // An attack on soldiers, police or fighters is a battle; on unarmed people it is violence
        // against civilians.
        let violent = c.has(.attack) || c.has(.kill)
        if violent && ctx.target == .armed && (armedAgent || ctx.agent == nil) && !ctx.civilianVictims { return .armedClash }
        // Abduction followed by killing is an Attack.
        if c.has(.abduct) && !(ctx.killed && c.has(.kill)) { return .abductionForcedDisappearance }
        if violent && ctx.agent != .civilians { return .attack }

        // Arrests by the state are Arrests; detention by non-state groups is an abduction.
        if c.has(.arrest) {
            // Foreign troops and police arresting people make arrests too; armed groups abduct.
            if armedAgent && ctx.agent != .stateForces && ctx.agent != .externalForces { return .abductionForcedDisappearance }
            return .arrests
        }
        if c.has(.riot, atLeast: 0.6) { return crowdAgent ? .violentDemonstration : .lootingPropertyDestruction }
        if c.has(.loot) { return .lootingPropertyDestruction }
        if c.has(.disrupted) { return .disruptedWeaponsUse }
        if c.has(.hq) { return .headquartersOrBaseEstablished }
        if c.has(.transfer, atLeast: 0.6) { return .nonViolentTransferOfTerritory }
        if c.has(.agreement) { return .agreement }
        if c.has(.change) { return .changeToGroupActivity }
        if c.has(.other) { return .other }
        if c.has(.protest, atLeast: 0.4) { return .peacefulProtest }
        if c.has(.kill, atLeast: 0.3) && ctx.agent != nil { return .attack }
        return nil
    }

    /// Several clauses of one event (same actors, place and day) → the highest in the hierarchy,
    /// except where the codebook combines them into something else.
    public static func combine(_ types: [SubEventType]) -> SubEventType? {
        guard var best = types.first else { return nil }
        let set = Set(types)
        // Territory that changes hands twice within the day is an armed clash.
        if set.contains(.governmentRegainsTerritory) && set.contains(.nonStateActorOvertakesTerritory) { return .armedClash }
        // A peaceful protest that turns violent is a riot.
        if set.contains(.peacefulProtest) && (set.contains(.violentDemonstration) || set.contains(.mobViolence)) {
            return .violentDemonstration
        }
        for t in types.dropFirst() where eventRank(t) < eventRank(best)
            || (eventRank(t) == eventRank(best) && t.hierarchyRank < best.hierarchyRank) {
            best = t
        }
        return best
    }

    /// Across event types: a battle absorbs the shelling around it; protests turned violent are riots.
    static func eventRank(_ t: SubEventType) -> Int {
        switch t.eventType {
        case .battles: 0
        case .explosions: 1
        case .violenceAgainstCivilians: 2
        case .riots: 3
        case .protests: 4
        case .strategicDevelopments: 5
        }
    }
}
