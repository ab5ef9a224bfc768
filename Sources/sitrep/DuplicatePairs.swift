import Foundation
import SitrepCore
import SitrepEval
import SitrepStore

/// How the duplicate pairs of a news-dev folder (`dups.jsonl`) fared in the event store: which events
/// two outlets share became one canonical event, and which canonical events joined reports of pages
/// that share no event (false merges). Reads the store only; `sitrep eval dups` fills it first.
struct DuplicatePairs {
    /// A canonical event and the pages its reports come from.
    struct StoredEvent {
        var detail: EventDetail
        /// Distinct page ids, sorted.
        var pages: [String]
        var event: CanonicalEvent { detail.event }
    }

    /// One event two pages share (a line of `dups.jsonl`) and the canonical event holding both
    /// reports of it; `whyNot` says what kept them apart when there is none.
    struct SharedEvent {
        var line: NewsArticleSet.DuplicatePair
        var event: StoredEvent?
        var whyNot: [String]
    }

    /// Two pages that report the same events: merged when every event they share became one.
    struct Pair {
        var a: String
        var b: String
        var side: NewsSplit
        /// Estimated Jaccard similarity of the two cleaned texts (copies of one story: 0.5 or more).
        var textSimilarity: Double
        var shared: [SharedEvent]
        var merged: Bool { shared.allSatisfy { $0.event != nil } }
    }

    /// A canonical event holding reports of pages that do not share it.
    struct FalseMerge {
        var event: StoredEvent
        var side: NewsSplit
        var reason: String
    }

    var pairs: [Pair]
    var falseMerges: [FalseMerge]
    /// Every page's stored reports, by page id.
    var reports: [String: [Mention]]
    /// The page each stored article is, by the store's article id.
    var pageOf: [String: String]

    /// Reads every canonical event of the store and judges the set's pairs against them.
    /// `articleIDs`: the store's id of each page (its content id).
    init(set: NewsArticleSet, store: any EventStore, articleIDs: [String: String]) throws {
        let pageOf = Dictionary(articleIDs.map { ($0.value, $0.key) }, uniquingKeysWith: min)
        self.pageOf = pageOf
        var events: [StoredEvent] = []
        var eventOfMention: [String: StoredEvent] = [:]
        var query = EventQuery()
        query.limit = 1000
        query.sort = .dateAsc
        repeat {
            let page = try store.events(query)
            for e in page.events {
                guard let detail = try store.event(id: e.id) else { continue }
                let pages = Set(detail.reports.compactMap { pageOf[$0.article.id] }).sorted()
                let stored = StoredEvent(detail: detail, pages: pages)
                events.append(stored)
                for r in detail.reports { eventOfMention[r.mention.id] = stored }
            }
            query.cursor = page.nextCursor
        } while query.cursor != nil
        var reports: [String: [Mention]] = [:]
        for (page, id) in articleIDs {
            reports[page] = try store.article(id: id)?.mentions ?? []
        }
        self.reports = reports

        let lines = Dictionary(grouping: set.pairs) { PagePair($0.a, $0.b) }
        var order: [PagePair] = []
        for p in set.pairs where !order.contains(PagePair(p.a, p.b)) { order.append(PagePair(p.a, p.b)) }
        var texts: [String: MinHashSignature] = [:]
        for (page, id) in articleIDs { texts[page] = try store.article(id: id).map { MinHashSignature(text: $0.text) } }
        pairs = order.map { key in
            let shared = lines[key]!
            let holders = Self.assign(shared, to: events.filter { $0.pages.contains(key.first) && $0.pages.contains(key.second) })
            let similarity = texts[key.first].flatMap { a in texts[key.second].map { a.similarity($0) } } ?? 0
            return Pair(a: key.first, b: key.second, side: set.sides[key.first] ?? .work, textSimilarity: similarity,
                        shared: zip(shared, holders).map { line, holder in
                            SharedEvent(line: line, event: holder,
                                        whyNot: holder == nil ? Self.whyNot(line, reports: reports, eventOf: eventOfMention) : [])
                        })
        }
        falseMerges = events.compactMap { e in
            guard e.pages.count > 1, let reason = Self.falseMerge(e, lines: lines) else { return nil }
            let side: NewsSplit = e.pages.contains { set.sides[$0] == .held } ? .held : .work
            return FalseMerge(event: e, side: side, reason: reason)
        }
    }

    /// The canonical event that holds each event two pages share, or nil: one of `events` (which
    /// hold reports of both pages) of the shared event's type and within a day of its date. One
    /// canonical event holds one shared event: the assignment that finds the most.
    static func assign(_ lines: [NewsArticleSet.DuplicatePair], to events: [StoredEvent]) -> [StoredEvent?] {
        var best: [Int?] = Array(repeating: nil, count: lines.count), bestCount = 0
        var current = best
        func extend(_ i: Int, used: Set<Int>) {
            guard i < lines.count else {
                let count = current.compactMap { $0 }.count
                if count > bestCount { (best, bestCount) = (current, count) }
                return
            }
            for (j, e) in events.enumerated() where !used.contains(j) && near(e.event.eventType, e.event.eventDate, lines[i]) {
                current[i] = j
                extend(i + 1, used: used.union([j]))
                current[i] = nil
            }
            extend(i + 1, used: used)
        }
        extend(0, used: [])
        return best.map { $0.map { events[$0] } }
    }

    static func near(_ type: EventType, _ date: CivilDate, _ line: NewsArticleSet.DuplicatePair) -> Bool {
        guard type.rawValue == line.eventType, let d = line.eventDate else { return false }
        return abs(date.dayNumber - d.dayNumber) <= 1
    }

    /// Why a canonical event is a false merge, or nil: its pages must be pairs, and it must be one of
    /// the events they share.
    static func falseMerge(_ e: StoredEvent, lines: [PagePair: [NewsArticleSet.DuplicatePair]]) -> String? {
        for (i, a) in e.pages.enumerated() {
            for b in e.pages[(i + 1)...] {
                guard let shared = lines[PagePair(a, b)] else { return "\(a) and \(b) report no event in common" }
                if !shared.contains(where: { near(e.event.eventType, e.event.eventDate, $0) }) {
                    return "\(a) and \(b) share events, but not this one (\(e.event.eventType.rawValue), \(e.event.eventDate))"
                }
            }
        }
        return nil
    }

    /// What kept a shared event's two reports apart: a page with no report of that type near the
    /// date (the coder's reading), or the merge rule that refused the two reports, or clustering.
    static func whyNot(_ line: NewsArticleSet.DuplicatePair, reports: [String: [Mention]], eventOf: [String: StoredEvent]) -> [String] {
        var out: [String] = []
        let candidates = [line.a, line.b].map { page in
            (page, (reports[page] ?? []).filter { near($0.eventType, $0.eventDate, line) })
        }
        if candidates.contains(where: { $0.1.isEmpty }) {
            let missing = candidates.filter { $0.1.isEmpty }.map(\.0)
            out.append("\(missing.joined(separator: " and ")): no \(line.eventType) report within a day of \(line.eventDate?.description ?? "?")")
            for page in [line.a, line.b] {
                let all = reports[page] ?? []
                out.append("\(page): " + (all.isEmpty ? "no stored report" : "\(all.count) report(s)"))
                out += all.map { "    " + describe($0) }
            }
            return out
        }
        for x in candidates[0].1 {
            for y in candidates[1].1 {
                out.append("\(line.a): \(describe(x))")
                out.append("\(line.b): \(describe(y))")
                switch EventMatcher.judge(x, y) {
                case .apart(let why): out.append("    kept apart by the merge rules: \(why)")
                case .match(let evidence):
                    let ex = eventOf[x.id], ey = eventOf[y.id]
                    if let ex, ex.event.id == ey?.event.id {
                        out.append("    in one event, \(ex.event.id), dated \(ex.event.eventDate) as \(ex.event.eventType.rawValue)")
                    } else {
                        out.append("    they match (\(evidence.summary)), but clustering put them in \(ex?.event.id ?? "no event") "
                                   + "(pages \(ex?.pages.joined(separator: ", ") ?? "-")) and \(ey?.event.id ?? "no event") "
                                   + "(pages \(ey?.pages.joined(separator: ", ") ?? "-"))")
                    }
                }
            }
        }
        return out
    }

    static func describe(_ m: Mention) -> String {
        "\(m.eventDate)\(m.dateExplicit ? "" : "~") \(m.subEventType.rawValue) | \(m.actor1?.name ?? "-") vs \(m.actor2?.name ?? "-") | "
            + "\(m.location), \(m.admin2.isEmpty ? "" : m.admin2 + ", ")\(m.admin1), \(m.country) p\(m.geoPrecision) | \(m.fatalities) killed"
    }

    // MARK: figures

    /// The figures of one side of the split, named as `--floors` lines name them.
    func figures(_ split: NewsSplit) -> [(name: String, value: Double)] {
        let ps = pairs.filter { split.includes($0.side) }
        let shared = ps.flatMap(\.shared)
        return [
            ("pairs", Double(ps.count)),
            ("pairs_merged", Double(ps.filter(\.merged).count)),
            ("shared_events", Double(shared.count)),
            ("shared_events_merged", Double(shared.filter { $0.event != nil }.count)),
            ("false_merges", Double(falseMerges.filter { split.includes($0.side) }.count)),
        ]
    }
}

/// Two page ids in order: an unordered pair.
struct PagePair: Hashable {
    let first: String
    let second: String

    init(_ a: String, _ b: String) { (first, second) = a < b ? (a, b) : (b, a) }
}
