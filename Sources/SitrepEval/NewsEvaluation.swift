import Foundation
import SitrepCore

/// Event typing on news-style snippets labelled by the project (eval/news-dev.jsonl): per-type
/// precision and recall, F1, and how often a non-event yields an event, overall and per
/// non-event category, for the frozen part and the dev part side by side (`eval/NEWS-DEV.md`).
public struct NewsEvaluation: Sendable {
    public struct Snippet: Sendable {
        public var id: String
        public var text: String
        public var published: CivilDate?
        /// nil for texts that report no event.
        public var subEventType: String?
        /// For non-events: what kind of text it is (disaster, accident, sport, …).
        public var nonEventCategory: String?

        public init(id: String, text: String, published: CivilDate? = nil, subEventType: String? = nil, nonEventCategory: String? = nil) {
            self.id = id; self.text = text; self.published = published
            self.subEventType = subEventType; self.nonEventCategory = nonEventCategory
        }
    }

    /// The two parts of the set. The frozen part is fixed by the id alone and is only ever
    /// scored: ids numbered 508 or more with FNV-1a-64("news-frozen:" + id) mod 10 < 6.
    public enum Part: String, Sendable, CaseIterable {
        case dev
        case frozen

        public static func of(id: String) -> Part {
            guard let n = Int(id.drop { !$0.isNumber }.prefix { $0.isNumber }), id.hasPrefix("nd-"), n >= 508 else { return .dev }
            return NewsSplit.fnv1a64("news-frozen:" + id) % 10 < 6 ? .frozen : .dev
        }
    }

    public struct CategoryRate: Sendable {
        public var category: String
        public var snippets: Int
        public var falseEvents: Int
        public var rate: Double { snippets == 0 ? 0 : Double(falseEvents) / Double(snippets) }
    }

    public struct Report: Sendable {
        public var snippets: Int
        public var events: Int
        public var nonEvents: Int
        public var f1: SubEventF1
        public var eventTypeAccuracy: Double
        /// Share of non-events for which Sitrep recorded an event.
        public var falseEventRate: Double
        /// Share of events for which Sitrep recorded nothing.
        public var missedEventRate: Double
        /// False-event rate per non-event category ("uncategorised" when a snippet has none), by name.
        public var categories: [CategoryRate]
        public var errors: [(id: String, gold: String, got: String, text: String)]

        /// The figures `--floors` can refer to, unprefixed.
        public var metrics: [(name: String, value: Double)] {
            [("event_type_accuracy", eventTypeAccuracy), ("sub_event_type_micro_f1", f1.micro),
             ("sub_event_type_macro_f1", f1.macro), ("sub_event_type_weighted_f1", f1.weighted),
             ("min_type_recall", f1.perType.filter { $0.support > 0 }.map(\.recall).min() ?? 0),
             ("missed_event_rate", missedEventRate), ("false_event_rate", falseEventRate)]
            + categories.map { ("false_event_rate_\($0.category)", $0.rate) }
        }
    }

    public static func load(_ url: URL) throws -> [Snippet] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var out: [Snippet] = []
        for (n, line) in text.split(separator: "\n").enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let body = obj["text"] as? String else {
                throw DocumentError(origin: "\(url.path):\(n + 1)", reason: "not a snippet object")
            }
            out.append(Snippet(id: obj["id"] as? String ?? "line-\(n + 1)", text: body,
                               published: (obj["published"] as? String).flatMap(CivilDate.init(iso:)),
                               subEventType: obj["sub_event_type"] as? String,
                               nonEventCategory: obj["non_event_category"] as? String))
        }
        return out
    }

    /// The sub-event type Sitrep records first for each snippet (nil: nothing recorded).
    public static func predict(_ snippets: [Snippet], pipeline: Pipeline = Pipeline()) -> [SubEventType?] {
        ParallelMap.map(snippets) { s -> SubEventType? in
            pipeline.run(Article(id: s.id, body: .text(s.text), published: s.published, origin: s.id)).recorded.first?.subEventType
        }
    }

    public static func run(_ snippets: [Snippet], pipeline: Pipeline = Pipeline()) -> Report {
        score(snippets, predictions: predict(snippets, pipeline: pipeline))
    }

    /// Figures for snippets and their predictions (same order).
    public static func score(_ snippets: [Snippet], predictions: [SubEventType?]) -> Report {
        let pairs = Array(zip(snippets, predictions))
        let events = pairs.filter { $0.0.subEventType != nil }
        let nonEvents = pairs.filter { $0.0.subEventType == nil }
        let f1 = SubEventF1(events.map { ($0.0.subEventType!, $0.1?.rawValue) })
        let typeHits = events.filter { s, p in
            guard let gold = s.subEventType.flatMap(SubEventType.init(label:)) else { return false }
            return p?.eventType == gold.eventType
        }.count
        let errors = pairs.filter { $0.0.subEventType != $0.1?.rawValue }.map {
            (id: $0.0.id, gold: $0.0.subEventType ?? "none", got: $0.1?.rawValue ?? "none", text: $0.0.text)
        }
        let byCategory = Dictionary(grouping: nonEvents) { $0.0.nonEventCategory ?? "uncategorised" }
        let categories = byCategory.keys.sorted().map { c in
            CategoryRate(category: c, snippets: byCategory[c]!.count, falseEvents: byCategory[c]!.filter { $0.1 != nil }.count)
        }
        return Report(
            snippets: snippets.count, events: events.count, nonEvents: nonEvents.count, f1: f1,
            eventTypeAccuracy: events.isEmpty ? 0 : Double(typeHits) / Double(events.count),
            falseEventRate: nonEvents.isEmpty ? 0 : Double(nonEvents.filter { $0.1 != nil }.count) / Double(nonEvents.count),
            missedEventRate: events.isEmpty ? 0 : Double(events.filter { $0.1 == nil }.count) / Double(events.count),
            categories: categories, errors: errors)
    }

    /// The whole set, the dev part and the frozen part, scored from one run.
    public static func runParts(_ snippets: [Snippet], pipeline: Pipeline = Pipeline()) -> (all: Report, dev: Report, frozen: Report) {
        scoreParts(snippets, predictions: predict(snippets, pipeline: pipeline))
    }

    /// The whole set, the dev part and the frozen part, for snippets and their predictions (same order).
    public static func scoreParts(_ snippets: [Snippet], predictions: [SubEventType?]) -> (all: Report, dev: Report, frozen: Report) {
        func part(_ p: Part) -> Report {
            let keep = snippets.indices.filter { Part.of(id: snippets[$0].id) == p }
            return score(keep.map { snippets[$0] }, predictions: keep.map { predictions[$0] })
        }
        return (score(snippets, predictions: predictions), part(.dev), part(.frozen))
    }
}
