import Foundation
import SitrepCore

/// A folder of real news pages hand-coded to the codebook, in news-dev's layout: `articles/ID.txt`,
/// `index.jsonl` (one page a line), `gold.jsonl` (one event a line) and `dups.jsonl` (pairs of pages
/// that report the same event).
public struct NewsArticleSet: Sendable {
    public struct Page: Sendable {
        public var id: String
        public var url: String?
        public var source: String?
        public var published: CivilDate?
        /// The page's title as a feed would give it; nil where the index says it was constructed.
        public var title: String?
        public var country: String
        public var text: String
        public var path: String

        /// The page as Sitrep receives it: with the index's url, title, source and date, as a feed
        /// item gives them, or (`withMetadata: false`) the page text alone.
        public func article(withMetadata: Bool = true) -> Article {
            guard withMetadata else { return Article(id: id, body: .text(text), origin: path) }
            return Article(id: id, title: title, body: .text(text), published: published, source: source, url: url, origin: path)
        }
    }

    public struct GoldEvent: Sendable {
        public var article: String
        public var eventDate: CivilDate?
        public var eventType: String
        public var subEventType: String
        public var actor1: String
        public var actor2: String
        public var country: String
        public var admin1: String
        public var location: String
        public var latitude: Double?
        public var longitude: Double?
        public var geoPrecision: Int
        public var fatalities: Int
        public var evidence: String
        /// A careful coder might or might not code it from this text alone: counts neither way.
        public var optional: Bool
    }

    public struct DuplicatePair: Sendable {
        public var a: String
        public var b: String
        public var eventDate: CivilDate?
        public var location: String
        public var eventType: String
    }

    public var pages: [Page]
    public var gold: [GoldEvent]
    public var pairs: [DuplicatePair]
    public var sides: [String: NewsSplit]

    public static func load(_ dir: URL) throws -> NewsArticleSet {
        func lines(_ name: String) throws -> [[String: Any]] {
            let url = dir.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else { return [] }
            let text = try String(contentsOf: url, encoding: .utf8)
            return try text.split(separator: "\n").enumerated().compactMap { n, line in
                if line.allSatisfy({ $0 == " " || $0 == "\r" }) { return nil }
                guard let o = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                    throw DocumentError(origin: "\(url.path):\(n + 1)", reason: "not a JSON object")
                }
                return o
            }
        }
        func str(_ o: [String: Any], _ k: String) -> String { (o[k] as? String) ?? "" }
        func date(_ o: [String: Any], _ k: String) -> CivilDate? { (o[k] as? String).flatMap(CivilDate.init(iso:)) }

        var pages: [Page] = []
        for o in try lines("index.jsonl") {
            let id = str(o, "id")
            let path = dir.appendingPathComponent("articles/\(id).txt").path
            guard let data = FileManager.default.contents(atPath: path) else {
                throw DocumentError(origin: path, reason: "page listed in index.jsonl is missing")
            }
            var title: String? = str(o, "title")
            // "[title constructed]" marks a title the page does not give; a title from the URL's slug is
            // what a feed item carries, so it stays, without its marker.
            if title?.contains("[title constructed]") == true || title?.isEmpty == true { title = nil }
            if let t = title, let r = t.range(of: " [title from URL slug]") { title = String(t[..<r.lowerBound]) }
            pages.append(Page(id: id, url: o["url"] as? String, source: o["source"] as? String,
                              published: date(o, "published"), title: title, country: str(o, "country"),
                              text: String(decoding: data, as: UTF8.self), path: path))
        }
        let gold = try lines("gold.jsonl").map { o in
            GoldEvent(article: str(o, "article"), eventDate: date(o, "event_date"), eventType: str(o, "event_type"),
                      subEventType: str(o, "sub_event_type"), actor1: str(o, "actor1"), actor2: str(o, "actor2"),
                      country: str(o, "country"), admin1: str(o, "admin1"), location: str(o, "location"),
                      latitude: (o["latitude"] as? NSNumber)?.doubleValue, longitude: (o["longitude"] as? NSNumber)?.doubleValue,
                      geoPrecision: (o["geo_precision"] as? NSNumber)?.intValue ?? 0,
                      fatalities: (o["fatalities"] as? NSNumber)?.intValue ?? 0, evidence: str(o, "evidence"),
                      optional: (o["optional"] as? Bool) ?? false)
        }
        let pairs = try lines("dups.jsonl").map { o in
            DuplicatePair(a: str(o, "article_a"), b: str(o, "article_b"), eventDate: date(o, "event_date"),
                          location: str(o, "location"), eventType: str(o, "event_type"))
        }
        let sides = NewsSplit.sides(ids: pages.map(\.id), pairs: pairs.map { ($0.a, $0.b) })
        return NewsArticleSet(pages: pages, gold: gold, pairs: pairs, sides: sides)
    }

    /// The pages of one side of the split.
    public func pages(in split: NewsSplit) -> [Page] {
        pages.filter { split.includes(sides[$0.id] ?? .work) }
    }
}
