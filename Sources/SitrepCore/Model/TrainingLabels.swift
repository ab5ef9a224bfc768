/// What an ACLED row's type columns let the model learn, in the 2023 schema or the pre-2019 one.
public enum TrainingLabels {
    /// The sub-event types the row allows: one for a 2023-schema row or an old type that maps onto
    /// a modern sub-type, a whole family where the old type only names the family, nil where the old
    /// type has no modern counterpart.
    ///
    /// Old `EVENT_TYPE` values (ACLED codebooks before 2019):
    /// - "Battle-No change of territory" → Armed clash; "Battle-Government regains territory" and
    ///   "Battle-Non-state actor overtakes territory" → the modern sub-types of the same name;
    ///   "Non-violent transfer of territory" and "Headquarters or base established" → themselves.
    /// - "Violence against civilians", "Riots/Protests", "Strategic development", "Remote violence":
    ///   family only (old Riots/Protests spans the modern Protests and Riots types; Remote violence
    ///   is no sub-event type, so it is left out of sub-type training and teaches only that the
    ///   event is an explosion or remote attack, as the codebook codes every remote weapon today).
    public static func allowed(eventType: String, subEventType: String) -> [SubEventType]? {
        if let s = SubEventType(label: subEventType) { return [s] }
        let e = eventType.lowercased().trimmingCharacters(in: .whitespaces)
        switch e {
        case "battle-no change of territory": return [.armedClash]
        case "battle-government regains territory": return [.governmentRegainsTerritory]
        case "battle-non-state actor overtakes territory", "battle-non-state actors overtake territory":
            return [.nonStateActorOvertakesTerritory]
        case "non-violent transfer of territory": return [.nonViolentTransferOfTerritory]
        case "headquarters or base established": return [.headquartersOrBaseEstablished]
        case "violence against civilians": return family(.violenceAgainstCivilians)
        case "remote violence": return family(.explosions)
        case "riots/protests": return family(.protests) + family(.riots)
        case "strategic development", "strategic developments": return family(.strategicDevelopments)
        default: return nil
        }
    }

    public static func family(_ t: EventType) -> [SubEventType] {
        SubEventType.allCases.filter { $0.eventType == t }
    }
}
