/// ACLED's three disorder types.
public enum DisorderType: String, Sendable, Codable, Hashable {
    case politicalViolence = "Political violence"
    case demonstrations = "Demonstrations"
    case politicalViolenceAndDemonstrations = "Political violence; Demonstrations"
    case strategicDevelopments = "Strategic developments"
}

/// ACLED's six event types.
public enum EventType: String, Sendable, Codable, Hashable, CaseIterable {
    case battles = "Battles"
    case protests = "Protests"
    case riots = "Riots"
    case explosions = "Explosions/Remote violence"
    case violenceAgainstCivilians = "Violence against civilians"
    case strategicDevelopments = "Strategic developments"
}

/// ACLED's 25 sub-event types. Declaration order within each event type is the
/// codebook's hierarchy order: when tactics co-occur in one event, the earlier wins.
public enum SubEventType: String, Sendable, Codable, Hashable, CaseIterable {
    // Battles
    case governmentRegainsTerritory = "Government regains territory"
    case nonStateActorOvertakesTerritory = "Non-state actor overtakes territory"
    case armedClash = "Armed clash"
    // Protests
    case excessiveForceAgainstProtesters = "Excessive force against protesters"
    case protestWithIntervention = "Protest with intervention"
    case peacefulProtest = "Peaceful protest"
    // Riots
    case violentDemonstration = "Violent demonstration"
    case mobViolence = "Mob violence"
    // Explosions/Remote violence
    case chemicalWeapon = "Chemical weapon"
    case airDroneStrike = "Air/drone strike"
    case suicideBomb = "Suicide bomb"
    case shellingArtilleryMissileAttack = "Shelling/artillery/missile attack"
    case remoteExplosiveLandmineIED = "Remote explosive/landmine/IED"
    case grenade = "Grenade"
    // Violence against civilians
    case sexualViolence = "Sexual violence"
    case attack = "Attack"
    case abductionForcedDisappearance = "Abduction/forced disappearance"
    // Strategic developments
    case agreement = "Agreement"
    case arrests = "Arrests"
    case changeToGroupActivity = "Change to group/activity"
    case disruptedWeaponsUse = "Disrupted weapons use"
    case headquartersOrBaseEstablished = "Headquarters or base established"
    case lootingPropertyDestruction = "Looting/property destruction"
    case nonViolentTransferOfTerritory = "Non-violent transfer of territory"
    case other = "Other"

    public var eventType: EventType {
        switch self {
        case .governmentRegainsTerritory, .nonStateActorOvertakesTerritory, .armedClash: .battles
        case .excessiveForceAgainstProtesters, .protestWithIntervention, .peacefulProtest: .protests
        case .violentDemonstration, .mobViolence: .riots
        case .chemicalWeapon, .airDroneStrike, .suicideBomb, .shellingArtilleryMissileAttack,
             .remoteExplosiveLandmineIED, .grenade: .explosions
        case .sexualViolence, .attack, .abductionForcedDisappearance: .violenceAgainstCivilians
        case .agreement, .arrests, .changeToGroupActivity, .disruptedWeaponsUse, .headquartersOrBaseEstablished,
             .lootingPropertyDestruction, .nonViolentTransferOfTerritory, .other: .strategicDevelopments
        }
    }

    /// Codebook disorder type: excessive force is both political violence and a demonstration;
    /// mob violence is political violence although it is a riot.
    public var disorderType: DisorderType {
        switch self {
        case .excessiveForceAgainstProtesters: .politicalViolenceAndDemonstrations
        case .protestWithIntervention, .peacefulProtest, .violentDemonstration: .demonstrations
        case .mobViolence: .politicalViolence
        default:
            switch eventType {
            case .strategicDevelopments: .strategicDevelopments
            case .protests: .demonstrations
            default: .politicalViolence
            }
        }
    }

    /// Position in the codebook hierarchy (lower ranks higher) within its event type.
    public var hierarchyRank: Int { SubEventType.allCases.firstIndex(of: self)! }

    public init?(label: String) {
        guard let v = SubEventType.allCases.first(where: { $0.rawValue.lowercased() == label.lowercased() }) else {
            return nil
        }
        self = v
    }
}
