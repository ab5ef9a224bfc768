import Foundation
import SitrepCore

/// Event typing on news-style snippets labelled by the project (eval/news-dev.jsonl): per-type
/// precision and recall, F1, and how often a non-event yields an event.
public struct NewsEvaluation: Sendable {
    public struct Snippet: Sendable {
        public var id: String
        public var text: String
        public var published: CivilDate?
        /// nil for texts that report no event.
        public var subEventType: String?
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
        public var errors: [(id: String, gold: String, got: String, text: String)]
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
                               subEventType: obj["sub_event_type"] as? String))
        }
        return out
    }

    public static func run(_ snippets: [Snippet], pipeline: Pipeline = Pipeline()) -> Report {
        let predictions = ParallelMap.map(snippets) { s -> SubEventType? in
            pipeline.run(Article(id: s.id, body: .text(s.text), published: s.published, origin: s.id)).recorded.first?.subEventType
        }
        let events = zip(snippets, predictions).filter { $0.0.subEventType != nil }
        let nonEvents = zip(snippets, predictions).filter { $0.0.subEventType == nil }
        let f1 = SubEventF1(events.map { ($0.0.subEventType!, $0.1?.rawValue) })
        let typeHits = events.filter { s, p in
            guard let gold = s.subEventType.flatMap(SubEventType.init(label:)) else { return false }
            return p?.eventType == gold.eventType
        }.count
        let errors = zip(snippets, predictions).filter { $0.0.subEventType != $0.1?.rawValue }.map {
            (id: $0.0.id, gold: $0.0.subEventType ?? "none", got: $0.1?.rawValue ?? "none", text: $0.0.text)
        }
        return Report(
            snippets: snippets.count, events: events.count, nonEvents: nonEvents.count, f1: f1,
            eventTypeAccuracy: events.isEmpty ? 0 : Double(typeHits) / Double(events.count),
            falseEventRate: nonEvents.isEmpty ? 0 : Double(nonEvents.filter { $0.1 != nil }.count) / Double(nonEvents.count),
            missedEventRate: events.isEmpty ? 0 : Double(events.filter { $0.1 == nil }.count) / Double(events.count),
            errors: errors)
    }
}
