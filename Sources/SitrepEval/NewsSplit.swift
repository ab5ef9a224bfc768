/// Which part of a news-dev-style folder a page belongs to: the work set, whose errors are read
/// while rules are written, or the quarter set aside, which is only ever scored (`eval/NEWS-HOLDOUT.md`).
///
/// The rule was fixed before any change was measured against the set: pages that report the same
/// event (`dups.jsonl`) stay on one side, and a group is set aside when the FNV-1a hash of
/// `news-holdout:<smallest id in the group>` is divisible by 4.
public enum NewsSplit: String, Sendable, CaseIterable {
    case work
    case held
    case all

    /// The side of every article, given the pairs that must stay together.
    public static func sides(ids: [String], pairs: [(String, String)]) -> [String: NewsSplit] {
        var parent = Dictionary(uniqueKeysWithValues: ids.map { ($0, $0) })
        func root(_ x: String) -> String {
            var x = x
            while let p = parent[x], p != x { x = p }
            return x
        }
        for (a, b) in pairs where parent[a] != nil && parent[b] != nil {
            let ra = root(a), rb = root(b)
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        }
        var out: [String: NewsSplit] = [:]
        for id in ids {
            out[id] = fnv1a64("news-holdout:" + root(id)) % 4 == 0 ? .held : .work
        }
        return out
    }

    static func fnv1a64(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return h
    }

    public func includes(_ side: NewsSplit) -> Bool { self == .all || self == side }
}
