/// A merge: `mention` joined the event through its match with `linkedTo`.
public struct MergeLink: Sendable, Hashable, Codable {
    public var mention: String
    public var linkedTo: String
    public var evidence: MatchEvidence

    public init(mention: String, linkedTo: String, evidence: MatchEvidence) {
        self.mention = mention
        self.linkedTo = linkedTo
        self.evidence = evidence
    }
}

/// Mentions judged to report one event, with the links that joined them.
public struct Cluster: Sendable, Hashable {
    /// Sorted by id.
    public var members: [Mention]
    /// One link per member but the anchor: a spanning tree of the merges.
    public var links: [MergeLink]

    /// The mention the canonical id derives from: the earliest published report, ties by id.
    ///
    /// Any rule that depends only on the set of members gives ids independent of arrival order;
    /// the earliest report is the one a later report is least likely to displace, so ids also stay
    /// put as an event gathers reports. A report backdated before the anchor (or the anchor's
    /// withdrawal) moves the id: the old id goes to the deletion feed naming its successor.
    public var anchor: Mention {
        members.min { Cluster.anchorOrder($0, $1) }!
    }

    static func anchorOrder(_ a: Mention, _ b: Mention) -> Bool {
        let pa = a.published?.dayNumber ?? Int.max, pb = b.published?.dayNumber ?? Int.max
        return (pa, a.id) < (pb, b.id)
    }
}

/// Two mention ids, in id order: an unordered pair.
public struct MentionPair: Hashable, Sendable {
    public let first: String
    public let second: String

    public init(_ a: String, _ b: String) {
        (first, second) = a < b ? (a, b) : (b, a)
    }
}

/// Clusters mentions into events, deterministically: the result depends on the set of mentions
/// only, never on the order they are given in.
public enum EventClustering {
    /// Greedy agglomeration over candidate merges, best first (score, then ids), refusing any merge
    /// that would put two mentions of one article in one event: an article that reports two
    /// events has told us they differ. This is single-linkage with cannot-link constraints.
    ///
    /// `pairs`, when given, are the only pairs that can match (the ones `component` found, say),
    /// so a large component is not compared pair by pair again; nil compares every pair.
    public static func cluster(_ mentions: [Mention], pairs: Set<MentionPair>? = nil,
                               textSimilarity: (String, String) -> Double) -> [Cluster] {
        let sorted = mentions.sorted { $0.id < $1.id }
        let n = sorted.count
        var edges: [(i: Int, j: Int, evidence: MatchEvidence)] = []
        func consider(_ x: Int, _ y: Int) {
            let (i, j) = x < y ? (x, y) : (y, x)
            let a = sorted[i], b = sorted[j]
            guard a.articleID != b.articleID else { return }
            if let e = EventMatcher.match(a, b, textSimilarity: textSimilarity(a.articleID, b.articleID)) {
                edges.append((i, j, e))
            }
        }
        if let pairs {
            var index: [String: Int] = [:]
            for (i, m) in sorted.enumerated() { index[m.id] = i }
            for p in pairs {
                guard let i = index[p.first], let j = index[p.second] else { continue }
                consider(i, j)
            }
        } else {
            // Mentions can only match within a country and event type: compare within those blocks.
            var blocks: [String: [Int]] = [:]
            for (i, m) in sorted.enumerated() { blocks[m.country + "\u{1F}" + m.eventType.rawValue, default: []].append(i) }
            for block in blocks.values {
                for x in 0..<block.count {
                    for y in (x + 1)..<block.count { consider(block[x], block[y]) }
                }
            }
        }
        edges.sort { l, r in
            if l.evidence.score != r.evidence.score { return l.evidence.score > r.evidence.score }
            return (sorted[l.i].id, sorted[l.j].id) < (sorted[r.i].id, sorted[r.j].id)
        }
        var parent = Array(0..<n)
        var articles: [Set<String>] = sorted.map { [$0.articleID] }
        var links: [[MergeLink]] = Array(repeating: [], count: n)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        for e in edges {
            let ri = find(e.i), rj = find(e.j)
            guard ri != rj, articles[ri].isDisjoint(with: articles[rj]) else { continue }
            let (keep, gone) = ri < rj ? (ri, rj) : (rj, ri)
            parent[gone] = keep
            articles[keep].formUnion(articles[gone])
            articles[gone] = []
            links[keep] += links[gone]
            links[gone] = []
            // Record the link from the later id to the earlier: a stable reading of the tree.
            let (from, to) = sorted[e.i].id < sorted[e.j].id ? (sorted[e.j], sorted[e.i]) : (sorted[e.i], sorted[e.j])
            links[keep].append(MergeLink(mention: from.id, linkedTo: to.id, evidence: e.evidence))
        }
        var groups: [Int: [Mention]] = [:]
        for i in 0..<n { groups[find(i), default: []].append(sorted[i]) }
        return groups.keys.sorted().map { root in
            Cluster(members: groups[root]!, links: links[root].sorted { ($0.mention, $0.linkedTo) < ($1.mention, $1.linkedTo) })
        }
    }

    /// Every mention reachable from `seeds` through possible merges: the unit whose clustering is
    /// recomputed when a report arrives or leaves. Clusters never cross these components, so
    /// recomputing one component gives what clustering the whole store would give.
    public static func component(seeds: [Mention], neighbours: (Mention) throws -> [Mention]) rethrows -> [Mention] {
        var seen = Set(seeds.map(\.id))
        var out = seeds
        var queue = seeds
        while let m = queue.popLast() {
            for n in try neighbours(m) where seen.insert(n.id).inserted {
                out.append(n)
                queue.append(n)
            }
        }
        return out.sorted { $0.id < $1.id }
    }
}
