import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SitrepCore
import SitrepStore
import Testing
@testable import SitrepServer

/// A fresh store holding the fixture articles (three reports: Syria, Nigeria, Somalia), and the
/// server's router over it.
struct ServerFixture {
    static let pipeline = Pipeline()
    let store: SQLiteEventStore
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try SQLiteEventStore(path: directory.appendingPathComponent("events.db").path)
        let url = Bundle.module.url(forResource: "Fixtures/articles", withExtension: "jsonl")!
        let articles = DocumentReader(format: .jsonl).read(paths: [url.path]).compactMap { try? $0.get() }
        _ = try Ingestor(pipeline: Self.pipeline).run(articles, into: store)
    }

    func app(token: String? = "s3cret", maxBody: Int = 1 << 20,
             _ configure: (inout ServerConfiguration) -> Void = { _ in }) throws -> some ApplicationProtocol {
        var config = ServerConfiguration()
        config.cacheRecheck = .zero
        config.token = token
        config.maxBodyBytes = maxBody
        configure(&config)
        return Application(router: try SitrepServer.makeRouter(store: store, configuration: config, pipeline: Self.pipeline))
    }
}

func json(_ r: TestResponse) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(buffer: r.body)) as? [String: Any])
}

func errorMessage(_ r: TestResponse) throws -> String {
    let e = try #require(try json(r)["error"] as? [String: Any])
    #expect(e["status"] as? Int == Int(r.status.code))
    return try #require(e["message"] as? String)
}

let jsonType: HTTPFields = [.contentType: "application/json"]
let authorizedJSON: HTTPFields = [.contentType: "application/json", .authorization: "Bearer s3cret"]

extension HTTPFields {
    func with(_ name: HTTPField.Name, _ value: String) -> HTTPFields {
        var copy = self
        copy[name] = value
        return copy
    }
}

let newArticle = """
{"id":"test-aleppo-strike","title":"Air strike in Aleppo","published":"2024-03-10","source":"Test Wire","text":"On 9 March 2024, Russian warplanes carried out air strikes on the town of Atarib in Aleppo province, killing three civilians, rescuers said."}
"""

@Suite struct WriteEndpointTests {
    @Test func postingArticlesWithoutTheTokenIsRefusedAndNothingIsStored() async throws {
        let f = try ServerFixture()
        let before = try f.store.counts().articles
        try await f.app().test(.router) { client in
            try await client.execute(uri: "/api/articles", method: .post, headers: jsonType, body: ByteBuffer(string: newArticle)) { r in
                #expect(r.status == .unauthorized)
                let message = try errorMessage(r)
                #expect(message.contains("bearer token"))
            }
            try await client.execute(uri: "/api/articles", method: .post, headers: jsonType.with(.authorization, "Bearer wrong"),
                                     body: ByteBuffer(string: newArticle)) { r in
                #expect(r.status == .unauthorized)
            }
        }
        #expect(try f.store.counts().articles == before)
    }

    @Test func withoutAConfiguredTokenWritesAreDisabled() async throws {
        let f = try ServerFixture()
        try await f.app(token: nil).test(.router) { client in
            try await client.execute(uri: "/api/articles", method: .post, headers: jsonType.with(.authorization, "Bearer anything"),
                                     body: ByteBuffer(string: newArticle)) { r in
                #expect(r.status == .forbidden)
                let message = try errorMessage(r)
                #expect(message.contains("disabled"))
            }
        }
    }

    @Test func postingArticlesWithTheTokenStoresThemAndReturnsTheirEvents() async throws {
        let f = try ServerFixture()
        let before = try f.store.counts().articles
        try await f.app().test(.router) { client in
            try await client.execute(uri: "/api/articles", method: .post, headers: authorizedJSON,
                                     body: ByteBuffer(string: newArticle)) { r in
                #expect(r.status == .created)
                let body = try json(r)
                let events = try #require(body["events"] as? [[String: Any]])
                #expect(events.count == 1)
                #expect(events.first?["country"] as? String == "Syria")
                #expect((body["report"] as? [String: Any])?["articles_added"] as? Int == 1)
            }
        }
        #expect(try f.store.counts().articles == before + 1)
    }

    @Test func oversizedBodiesGet413WithAJSONMessage() async throws {
        let f = try ServerFixture()
        let big = "{\"text\":\"" + String(repeating: "a", count: 5000) + "\"}"
        try await f.app(maxBody: 1000, { $0.maxExtractBytes = 1000 }).test(.router) { client in
            for uri in ["/api/articles", "/api/extract"] {
                try await client.execute(uri: uri, method: .post, headers: authorizedJSON,
                                         body: ByteBuffer(string: big)) { r in
                    #expect(r.status == .contentTooLarge)
                    let message = try errorMessage(r)
                #expect(message.contains("1000 bytes"))
                }
            }
        }
    }

    @Test func malformedJSONGets400NamingTheLine() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            let bad = newArticle + "\n{\"text\": \"unterminated"
            try await client.execute(uri: "/api/articles", method: .post, headers: authorizedJSON,
                                     body: ByteBuffer(string: bad)) { r in
                #expect(r.status == .badRequest)
                let message = try errorMessage(r)
                #expect(message.contains("malformed JSON on line 2"))
            }
            try await client.execute(uri: "/api/extract", method: .post, headers: authorizedJSON, body: ByteBuffer(string: "[1, 2")) { r in
                #expect(r.status == .badRequest)
                let message = try errorMessage(r)
                #expect(message.contains("malformed JSON"))
            }
        }
        #expect(try f.store.counts().articles == 3)
    }

    @Test func extractCodesTextWithoutStoringIt() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            try await client.execute(uri: "/api/extract", method: .post, headers: authorizedJSON, body: ByteBuffer(string: newArticle)) { r in
                #expect(r.status == .ok)
                let docs = try #require(try json(r)["documents"] as? [[String: Any]])
                let events = try #require(docs.first?["events"] as? [[String: Any]])
                let text = try #require(docs.first?["text"] as? String)
                let evidence = try #require(events.first?["evidence"] as? [[String: Any]])
                // Every span's text is the cleaned text at its code point offsets.
                let points = Array(text.unicodeScalars)
                for s in evidence {
                    let a = try #require(s["start"] as? Int), b = try #require(s["end"] as? Int)
                    #expect(String(String.UnicodeScalarView(points[a..<b])) == s["text"] as? String)
                }
            }
        }
        #expect(try f.store.counts().articles == 3)
    }
}

@Suite struct ReadEndpointTests {
    func events(_ client: some TestClientProtocol, _ query: String) async throws -> [String: Any] {
        try await client.execute(uri: "/api/events?" + query, method: .get) { r in
            #expect(r.status == .ok, "\(query): \(String(buffer: r.body))")
            return try json(r)
        }
    }

    @Test func filtersSelectOnlyMatchingEvents() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            let all = try #require(try await events(client, "")["events"] as? [[String: Any]])
            #expect(all.count == 3)
            let syria = try #require(try await events(client, "country=Syria")["events"] as? [[String: Any]])
            #expect(syria.count == 1 && syria[0]["country"] as? String == "Syria")
            let protests = try #require(try await events(client, "type=Protests")["events"] as? [[String: Any]])
            #expect(protests.map { $0["event_type"] as? String } == ["Protests"])
            let deadly = try #require(try await events(client, "min_fatalities=5")["events"] as? [[String: Any]])
            #expect(deadly.allSatisfy { ($0["fatalities"] as? Int ?? 0) >= 5 } && deadly.count == 1)
            let late = try #require(try await events(client, "from=2024-03-06&to=2024-03-31")["events"] as? [[String: Any]])
            #expect(late.allSatisfy { ($0["event_date"] as? String ?? "") >= "2024-03-06" } && late.count == 1)
            let text = try #require(try await events(client, "q=mogadishu")["events"] as? [[String: Any]])
            #expect(text.map { $0["country"] as? String } == ["Somalia"])
            let none = try #require(try await events(client, "q=%25")["events"] as? [[String: Any]])
            #expect(none.isEmpty, "a literal % matches no notes")
        }
    }

    @Test func badParametersGet400WithAMessage() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            for (query, phrase) in [("from=yesterday", "from must be a date"), ("type=Parade", "type must be one of"),
                                    ("limit=0", "limit must be"), ("format=xml", "format must be"),
                                    ("bbox=1,2,3", "bbox must be"), ("cursor=nonsense", "not a cursor")] {
                try await client.execute(uri: "/api/events?" + query, method: .get) { r in
                    #expect(r.status == .badRequest, "\(query)")
                    let message = try errorMessage(r)
                #expect(message.contains(phrase), "\(query)")
                }
            }
            try await client.execute(uri: "/api/events/SITNOSUCHEVENT", method: .get) { r in
                #expect(r.status == .notFound)
                _ = try errorMessage(r)
            }
            try await client.execute(uri: "/api/nothing-here", method: .get) { r in
                #expect(r.status == .notFound)
                _ = try errorMessage(r)
            }
        }
    }

    @Test func cursorPagingVisitsEveryEventOnceInOrder() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            var seen: [String] = []
            var dates: [String] = []
            var cursor: String? = nil
            repeat {
                let page = try await events(client, "limit=1&sort=date-asc" + (cursor.map { "&cursor=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0) } ?? ""))
                let evs = try #require(page["events"] as? [[String: Any]])
                #expect(evs.count <= 1)
                seen += evs.compactMap { $0["event_id"] as? String }
                dates += evs.compactMap { $0["event_date"] as? String }
                cursor = page["next_cursor"] as? String
            } while cursor != nil
            #expect(seen.count == 3 && Set(seen).count == 3)
            #expect(dates == dates.sorted())
        }
    }

    @Test func eventDetailCarriesReportsWithEvidenceAndArticleTextMatchesSpans() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            let page = try await events(client, "country=Syria")
            let id = try #require((page["events"] as? [[String: Any]])?.first?["event_id"] as? String)
            let detail = try await client.execute(uri: "/api/events/\(id)", method: .get) { try json($0) }
            let reports = try #require(detail["reports"] as? [[String: Any]])
            #expect(reports.count == 1)
            let evidence = try #require(reports[0]["evidence"] as? [[String: Any]])
            #expect(evidence.contains { $0["field"] as? String == "fatalities" })
            let articleID = try #require((reports[0]["article"] as? [String: Any])?["id"] as? String)
            let article = try await client.execute(uri: "/api/articles/\(articleID)", method: .get) { try json($0) }
            let text = try #require(article["text"] as? String)
            let points = Array(text.unicodeScalars)
            for s in evidence {
                let a = try #require(s["start"] as? Int), b = try #require(s["end"] as? Int)
                #expect(String(String.UnicodeScalarView(points[a..<b])) == s["text"] as? String)
            }
            #expect((article["reports"] as? [[String: Any]])?.first?["event_id"] as? String == id)
        }
    }

    @Test func downloadsFollowTheFilterInCSVAndGeoJSON() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            try await client.execute(uri: "/api/events?country=Nigeria&format=csv", method: .get) { r in
                let lines = String(buffer: r.body).split(separator: "\n")
                #expect(lines.first?.hasPrefix("event_id_cnty,event_date") == true)
                #expect(lines.count == 2 && lines[1].contains("Nigeria"))
                #expect(r.headers[.contentType]?.hasPrefix("text/csv") == true)
            }
            try await client.execute(uri: "/api/events?format=geojson", method: .get) { r in
                let features = try #require(try json(r)["features"] as? [[String: Any]])
                #expect(features.count == 3)
            }
        }
    }

    @Test func mapGivesPointsForFewEventsAndStatsAWeeklySeries() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            let map = try await client.execute(uri: "/api/map?zoom=3", method: .get) { try json($0) }
            #expect(map["mode"] as? String == "points" && (map["points"] as? [Any])?.count == 3)
            let stats = try await client.execute(uri: "/api/stats?from=2024-03-01", method: .get) { try json($0) }
            let series = try #require(stats["series"] as? [String: Any])
            let byType = try #require(series["by_type"] as? [String: [String: [Int]]])
            let weekly: [Int] = byType.values.flatMap { (t: [String: [Int]]) -> [Int] in t["events"] ?? [] }
            #expect(weekly.reduce(0, +) == 3)
            #expect((stats["top_actors"] as? [Any])?.isEmpty == false)
            let seriesOnly = try await client.execute(uri: "/api/stats?include=series", method: .get) { try json($0) }
            #expect((seriesOnly["top_actors"] as? [Any])?.isEmpty == true && (seriesOnly["bands"] as? [Any])?.isEmpty == true)
            try await client.execute(uri: "/api/stats?include=everything", method: .get) { r in #expect(r.status == .badRequest) }
            try await client.execute(uri: "/api/changes?since=2000-01-01", method: .get) { r in
                let changed = try json(r)["changed"] as? [Any]
                #expect(changed?.count == 3)
            }
            try await client.execute(uri: "/api/changes", method: .get) { r in #expect(r.status == .badRequest) }
            try await client.execute(uri: "/metrics", method: .get) { r in
                #expect(String(buffer: r.body).contains("sitrep_http_requests_total"))
            }
        }
    }
}

@Suite struct EventJSONTests {
    /// The server's fast event writer and the CLI's (the core's writer over the anchor article and
    /// report) give the same object, title, published and evidence included.
    @Test func fastEventJSONEqualsTheCoreWritersObject() throws {
        let f = try ServerFixture()
        let events = try f.store.events(EventQuery()).events
        #expect(events.count == 3)
        let anchors = try f.store.anchors(of: events)
        let cli = CodedEvents(store: f.store)
        for e in events {
            let (coded, doc) = try cli.coded(e)
            let fastText = APIJSON.event(e, anchor: anchors[e.id]), coreText = APIJSON.coreEvent(e, coded: coded, doc: doc)
            let fast = try JSONSerialization.jsonObject(with: Data(fastText.utf8)) as? NSDictionary
            let core = try JSONSerialization.jsonObject(with: Data(coreText.utf8)) as? NSDictionary
            #expect(fast != nil && fast == core)
            // Keys in the same order too.
            let keys = { (s: String) in s.matches(of: /"([a-z_0-9]+)":/).map { String($0.1) } }
            #expect(keys(fastText) == keys(coreText))
            // The anchor article's fields are there, as `sitrep events` prints them.
            #expect(fast?["title"] as? String != nil && fast?["published"] as? String != nil)
            #expect((fast?["evidence"] as? [Any])?.isEmpty == false)
        }
    }
}

@Suite struct ResponseCacheTests {
    /// A cached page is dropped when the store changes, whoever changed it: here an ingest that
    /// bypasses the server, as `sitrep ingest` on the same database would.
    @Test func cachedPagesFollowChangesMadeOutsideTheServer() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            func count() async throws -> Int {
                try await client.execute(uri: "/api/events?limit=50", method: .get) { r in
                    try #require((try json(r)["events"] as? [Any])?.count)
                }
            }
            #expect(try await count() == 3)
            #expect(try await count() == 3)
            let article = DocumentReader(format: .jsonl).read(data: Data(newArticle.utf8)).compactMap { try? $0.get() }
            _ = try Ingestor(pipeline: ServerFixture.pipeline).run(article, into: f.store)
            #expect(try await count() == 4)
        }
    }
}

@Suite struct OpenAPIAgreementTests {
    /// Every route the router serves is documented in openapi.json with the same method, and every
    /// documented operation is served.
    @Test func routesAndTheOpenAPIDocumentAgree() throws {
        let f = try ServerFixture()
        var config = ServerConfiguration()
        config.token = "t"
        let router = try SitrepServer.makeRouter(store: f.store, configuration: config, pipeline: ServerFixture.pipeline)
        let served = Set(router.routes.map { r in
            r.method.rawValue.lowercased() + " " + r.path.description.replacingOccurrences(of: #":([A-Za-z_]+)"#, with: "{$1}", options: .regularExpression)
        })
        let url = try #require(ServerConfiguration.bundledOpenAPI)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let paths = try #require(doc["paths"] as? [String: [String: Any]])
        let documented = Set(paths.flatMap { path, ops in ops.keys.map { $0 + " " + path } })
        #expect(served == documented, "served only: \(served.subtracting(documented)); documented only: \(documented.subtracting(served))")
        #expect(served.count >= 11)
    }

    /// Each documented filter parameter, given the document's example value, changes the filter the
    /// server builds: the server reads every filter the document lists, under the same name.
    @Test func documentedEventFiltersAreTheOnesTheServerReads() throws {
        let url = try #require(ServerConfiguration.bundledOpenAPI)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let params = try #require((doc["components"] as? [String: Any])?["parameters"] as? [String: [String: Any]])
        #expect(params.count == 10)
        for (name, p) in params {
            let example = try #require(p["example"], "\(name) has no example")
            let value = "\(example)".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let filter = try QueryParameters(name + "=" + value).eventFilter()
            #expect(filter.query != EventQuery() || filter.text != nil, "documented filter \(name) is not read by the server")
        }
    }
}
