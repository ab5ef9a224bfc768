/// ACLED's actor categories (the `inter1`/`inter2` columns).
public enum Inter: Int, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case stateForces = 1
    case rebelGroup = 2
    case politicalMilitia = 3
    case identityMilitia = 4
    case rioters = 5
    case protesters = 6
    case civilians = 7
    case externalForces = 8

    /// The text value ACLED has used since its 2023 column change.
    public var label: String {
        switch self {
        case .stateForces: "State forces"
        case .rebelGroup: "Rebel group"
        case .politicalMilitia: "Political militia"
        case .identityMilitia: "Identity militia"
        case .rioters: "Rioters"
        case .protesters: "Protesters"
        case .civilians: "Civilians"
        case .externalForces: "External/Other forces"
        }
    }

    public init?(label: String) {
        guard let v = Inter.allCases.first(where: { $0.label.lowercased() == label.lowercased() }) else {
            return nil
        }
        self = v
    }

    public static func < (a: Inter, b: Inter) -> Bool { a.rawValue < b.rawValue }

    /// An organised armed group (codebook: state forces, rebels, militias, external forces), as
    /// opposed to rioters, protesters and civilians.
    public var isArmed: Bool {
        switch self {
        case .stateForces, .rebelGroup, .politicalMilitia, .identityMilitia, .externalForces: true
        case .rioters, .protesters, .civilians: false
        }
    }

    /// ACLED's interaction: the two categories, lowest first ("State forces-Rebel group"),
    /// or the one category followed by "only" when there is no Actor2.
    public static func interaction(_ a: Inter?, _ b: Inter?) -> String {
        switch (a, b) {
        case let (x?, y?):
            let (lo, hi) = x <= y ? (x, y) : (y, x)
            return "\(lo.label)-\(hi.label)"
        case let (x?, nil), let (nil, x?):
            return "\(x.label) only"
        case (nil, nil):
            return ""
        }
    }

    /// The legacy numeric interaction code (12, 17, 60…), lowest digit first.
    public static func interactionCode(_ a: Inter?, _ b: Inter?) -> Int {
        switch (a, b) {
        case let (x?, y?):
            let (lo, hi) = x <= y ? (x, y) : (y, x)
            return lo.rawValue * 10 + hi.rawValue
        case let (x?, nil), let (nil, x?):
            return x.rawValue * 10
        case (nil, nil):
            return 0
        }
    }
}

/// An actor as ACLED names it: "Military Forces of Syria (2000-)", "Civilians (Syria)".
public struct Actor: Sendable, Hashable, Codable {
    public var name: String
    public var inter: Inter
    /// Country the actor belongs to, as ACLED writes it; nil for international actors.
    public var country: String?

    public init(name: String, inter: Inter, country: String? = nil) {
        self.name = name
        self.inter = inter
        self.country = country
    }

    /// A political party's militia as the dictionary names it ("BNP: Bangladesh Nationalist Party
    /// Militia"): the name by which reports also call the party's rank and file and its leaders.
    var isPartyMilitia: Bool { inter == .politicalMilitia && name.hasSuffix(" Militia") }
}
