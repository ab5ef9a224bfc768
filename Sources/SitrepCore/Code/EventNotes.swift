/// ACLED-style one-sentence summaries (data: lexicon/notes.tsv).
public enum EventNotes {
    static let templates: [SubEventType: (both: String, one: String)] = {
        var d: [SubEventType: (String, String)] = [:]
        for row in Lexicon.table("lexicon/notes.tsv") where row.count >= 3 {
            if let t = SubEventType(rawValue: row[0]) { d[t] = (row[1], row[2]) }
        }
        return d
    }()

    /// "On 13 December 2015, Military Forces of Syria (2000-) carried out an air or drone strike on
    /// Civilians (Syria) in Douma (Rural Damascus). 70 fatalities."
    public static func write(_ e: CodedEvent) -> String {
        var s = ""
        if let d = e.eventDate {
            switch e.timePrecision ?? .day {
            case .day: s += "On \(d.longForm), "
            case .week: s += "Around \(d.longForm) (week of), "
            case .month: s += "In \(CivilDate.monthNames[d.month - 1]) \(d.year), "
            }
        }
        let a1 = e.actor1?.name ?? "an unidentified actor"
        let template = templates[e.subEventType].map { e.actor2 == nil ? $0.one : $0.both }
            ?? "{a1} " + e.subEventType.rawValue.lowercased()
        var action = template.replacingOccurrences(of: "{a1}", with: a1)
        if let a2 = e.actor2?.name { action = action.replacingOccurrences(of: "{a2}", with: a2) }
        // A sentence that opens with the action ("security forces used …") starts with a capital.
        s += s.isEmpty ? action.prefix(1).uppercased() + action.dropFirst() : action
        if let l = e.location {
            let near = l.geoPrecision == 2 ? "near" : "in"
            let admin = [l.admin2, l.admin1].filter { !$0.isEmpty && $0 != l.location }.joined(separator: ", ")
            s += " \(near) \(l.location)" + (admin.isEmpty ? "" : " (\(admin))")
        }
        s += "."
        if let claimed = e.claimedFatalities, let by = e.claimedBy {
            s += " \(by) claimed \(claimed) fatalities."
        }
        s += e.fatalities == 1 ? " 1 fatality." : " \(e.fatalities) fatalities."
        return s
    }
}

/// Stable ids: the same input always gives the same id; FNV-1a keeps it dependency-free.
public enum EventID {
    public static func hash(_ s: String) -> String {
        var h1: UInt64 = 0xcbf29ce484222325
        var h2: UInt64 = 0x84222325cbf29ce4
        for b in s.utf8 {
            h1 = (h1 ^ UInt64(b)) &* 0x100000001b3
            h2 = (h2 ^ UInt64(b)) &* 0x100000001b3 ^ (h2 >> 29)
        }
        func hex(_ v: UInt64) -> String {
            let s = String(v, radix: 16)
            return String(repeating: "0", count: 16 - s.count) + s
        }
        return hex(h1) + hex(h2)
    }

    static func make(article: String, event e: CodedEvent) -> String {
        let key = [article, e.eventDate?.description ?? "", e.location?.location ?? "", e.location?.admin1 ?? "",
                   e.eventType.rawValue, [e.actor1?.name ?? "", e.actor2?.name ?? ""].sorted().joined(separator: "|")]
            .joined(separator: "\u{1F}")
        return "SIT" + hash(key).prefix(16).uppercased()
    }
}
