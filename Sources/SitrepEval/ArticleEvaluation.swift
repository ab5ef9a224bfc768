import Foundation
import SitrepCore

/// Codes whole news pages and scores the events against a hand-coded folder (news-dev's layout) with
/// the matching rule its README states:
///
/// A coded event matches a gold event of the same article when the event type is equal, the place
/// agrees (coordinates within 50 km, or the same location name, or the same admin1 where gold has no
/// coordinates) and the dates are at most a day apart. Each gold event matches at most one coded
/// event, taken in the order the system lists them. A coded event matched to an optional gold event
/// counts neither way.
public struct ArticleEvaluation: Sendable {
    /// What the evaluation hands Sitrep besides the page text.
    public enum Metadata: String, Sendable, CaseIterable {
        /// url, title, source and date from `index.jsonl`, as a feed item gives them.
        case index
        /// The page text alone: Sitrep finds the date, title and source itself.
        case none
    }

    /// One coded event and what it matched.
    public struct Coded: Sendable {
        public var event: CodedEvent
        /// Index into the set's `gold` of the event it matched.
        public var gold: Int?
        /// The sentence the event was typed from.
        public var sentence: String
    }

    public struct PageOutcome: Sendable {
        public var page: NewsArticleSet.Page
        public var side: NewsSplit
        public var coded: [Coded]
        /// Indices into the set's `gold` of this page's events.
        public var gold: [Int]
        public var warnings: [String]
    }

    public let set: NewsArticleSet
    public let pipeline: Pipeline
    public let metadata: Metadata

    public init(set: NewsArticleSet, pipeline: Pipeline = Pipeline(), metadata: Metadata = .index) {
        self.set = set
        self.pipeline = pipeline
        self.metadata = metadata
    }

    public func run(_ split: NewsSplit) -> [PageOutcome] {
        let goldByPage = Dictionary(grouping: set.gold.indices) { set.gold[$0].article }
        return ParallelMap.map(set.pages(in: split)) { page -> PageOutcome in
            let result = pipeline.run(page.article(withMetadata: metadata == .index))
            let gold = goldByPage[page.id] ?? []
            let events = result.recorded
            let matches = Self.match(events, gold.map { set.gold[$0] })
            let coded = zip(events, matches).map { e, m in
                Coded(event: e, gold: m.map { gold[$0] }, sentence: Self.sentence(of: e, in: result.doc))
            }
            var warnings: [String] = []
            if result.doc.published == nil { warnings.append("no date found for the page") }
            return PageOutcome(page: page, side: set.sides[page.id] ?? .work, coded: coded, gold: gold, warnings: warnings)
        }
    }

    /// For each coded event in the order given, the gold event it matches (an index into `gold`).
    /// Among several candidates the one of the same sub-event type, then a required one, then the
    /// nearest in time and space is taken.
    public static func match(_ coded: [CodedEvent], _ gold: [NewsArticleSet.GoldEvent]) -> [Int?] {
        var taken = Set<Int>()
        return coded.map { c in
            let candidates = gold.indices.filter { !taken.contains($0) && agrees(c, gold[$0]) }
            let best = candidates.min { a, b in rank(c, gold[a]) < rank(c, gold[b]) }
            if let best { taken.insert(best) }
            return best
        }
    }

    private static func rank(_ c: CodedEvent, _ g: NewsArticleSet.GoldEvent) -> (Int, Int, Int, Double) {
        (c.subEventType.rawValue == g.subEventType ? 0 : 1, g.optional ? 1 : 0,
         abs((c.eventDate?.dayNumber ?? 0) - (g.eventDate?.dayNumber ?? 0)), distance(c, g) ?? 0)
    }

    private static func distance(_ c: CodedEvent, _ g: NewsArticleSet.GoldEvent) -> Double? {
        guard let l = c.location, let lat = g.latitude, let lon = g.longitude else { return nil }
        return Earth.distanceKm(l.latitude, l.longitude, lat, lon)
    }

    /// The matching rule of news-dev's README.
    public static func agrees(_ c: CodedEvent, _ g: NewsArticleSet.GoldEvent) -> Bool {
        guard c.eventType.rawValue == g.eventType else { return false }
        guard let d = c.eventDate, let gd = g.eventDate, abs(d.dayNumber - gd.dayNumber) <= 1 else { return false }
        guard let l = c.location else { return false }
        let fold = NameComparison.fold
        if !g.location.isEmpty, fold(l.location) == fold(g.location) { return true }
        if let km = distance(c, g) { return km <= 50 }
        return !g.admin1.isEmpty && fold(l.admin1) == fold(g.admin1)
    }

    static func sentence(of e: CodedEvent, in doc: Doc) -> String {
        guard e.reportedAt != Int.max, let i = doc.sentenceIndex(of: Span(e.reportedAt, e.reportedAt + 1)) else { return "" }
        return doc.text(doc.sentences[i].span)
    }

    // MARK: figures

    public struct Figures: Sendable {
        public var pages = 0
        public var requiredGold = 0
        public var optionalGold = 0
        public var coded = 0
        public var matchedRequired = 0
        public var matchedOptional = 0
        public var traps = 0
        public var trapsClean = 0
        public var agreement: [(name: String, agree: Int)] = []
        public var undated = 0
        /// Coded events whose Actor1 or Actor2 was read from a news agency's or outlet's name.
        public var outletActors = 0

        public var precision: Double { ratio(matchedRequired, coded - matchedOptional) }
        public var recall: Double { ratio(matchedRequired, requiredGold) }
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

        func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }

        /// Every figure by name, as `--floors` reads them.
        public var named: [(name: String, value: Double)] {
            var out: [(String, Double)] = [("event_f1", f1), ("event_precision", precision), ("event_recall", recall),
                                           ("traps_without_events", Double(trapsClean))]
            for a in agreement { out.append((a.name, ratio(a.agree, matchedRequired))) }
            out.append(("outlet_actor_rate", ratio(outletActors, coded)))
            return out
        }
    }

    public func figures(_ outcomes: [PageOutcome]) -> Figures {
        var f = Figures()
        let agreementNames = ["sub_event_type", "actor1_ignoring_period", "actor2_ignoring_period", "fatalities",
                              "geo_precision", "event_date"]
        var agree = [Int](repeating: 0, count: agreementNames.count)
        for o in outcomes {
            f.pages += 1
            if !o.warnings.isEmpty { f.undated += 1 }
            let gold = o.gold.map { set.gold[$0] }
            f.requiredGold += gold.filter { !$0.optional }.count
            f.optionalGold += gold.filter(\.optional).count
            f.coded += o.coded.count
            if gold.isEmpty {
                f.traps += 1
                if o.coded.isEmpty { f.trapsClean += 1 }
            }
            for c in o.coded where c.event.evidence.contains(where: { e in
                (e.field == "actor1" || e.field == "actor2") && NewsSources.shared.name(of: e.text) != nil
            }) {
                f.outletActors += 1
            }
            for c in o.coded {
                guard let gi = c.gold else { continue }
                let g = set.gold[gi]
                if g.optional { f.matchedOptional += 1; continue }
                f.matchedRequired += 1
                let e = c.event
                let checks = [
                    e.subEventType.rawValue == g.subEventType,
                    NameComparison.withoutPeriod(e.actor1?.name) == NameComparison.withoutPeriod(g.actor1),
                    NameComparison.withoutPeriod(e.actor2?.name) == NameComparison.withoutPeriod(g.actor2),
                    e.fatalities == g.fatalities,
                    e.location?.geoPrecision == g.geoPrecision,
                    e.eventDate == g.eventDate,
                ]
                for (i, ok) in checks.enumerated() where ok { agree[i] += 1 }
            }
        }
        f.agreement = zip(agreementNames, agree).map { ($0, $1) }
        return f
    }
}
