import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import SitrepCore
import SitrepStore
import Testing
@testable import SitrepServer

/// The server under abuse (issue 14): what a hostile page, a careless script or a flood of
/// connections sends, and what each must get back.
@Suite struct RequestHardeningTests {
    @Test func metricsLabelRequestsByRouteTemplateNotByPath() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            for i in 0..<3000 {
                let path = i % 2 == 0 ? "/api/x\(UUID().uuidString)" : "/api/events/SIT\(UUID().uuidString)"
                try await client.execute(uri: path, method: i % 3 == 0 ? .init("MADEUP\(i)")! : .get) { _ in }
            }
            try await client.execute(uri: "/metrics", method: .get) { r in
                let text = String(buffer: r.body)
                #expect(text.utf8.count < 100_000, "/metrics is \(text.utf8.count) bytes")
                #expect(!text.contains("/api/x") && !text.contains("SIT") && !text.contains("MADEUP"))
                #expect(text.contains("route=\"/api/events/{id}\"") && text.contains("route=\"unmatched\""))
            }
        }
    }

    @Test func anUnknownEventGets404AndADeletedOne410() async throws {
        let f = try ServerFixture()
        let events = try f.store.events(EventQuery()).events
        let gone = try #require(events.first)
        _ = try f.store.retract(gone.anchorArticle, reason: "test withdrawal", at: Date())
        try await f.app().test(.router) { client in
            try await client.execute(uri: "/api/events/SITNOSUCHEVENT", method: .get) { r in
                #expect(r.status == .notFound)
                #expect((try? errorMessage(r))?.contains("no event SITNOSUCHEVENT") == true)
            }
            try await client.execute(uri: "/api/events/\(gone.id)", method: .get) { r in
                #expect(r.status == .gone)
                #expect((try? errorMessage(r))?.contains("test withdrawal") == true)
            }
        }
    }

    @Test func aKnownPathAskedWithAnotherMethodGets405WithAllow() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            for (method, path, allow) in [(HTTPRequest.Method.trace, "/api/events", "GET, HEAD, OPTIONS"),
                                          (.delete, "/api/events/SIT1", "GET, HEAD, OPTIONS"),
                                          (.get, "/api/extract", "OPTIONS, POST"),
                                          (.trace, "/api/articles", "OPTIONS, POST"),
                                          (.post, "/healthz", "GET, HEAD, OPTIONS"),
                                          (.put, "/index.html", "GET, HEAD, OPTIONS")] {
                try await client.execute(uri: path, method: method) { r in
                    #expect(r.status == .methodNotAllowed, "\(method) \(path)")
                    #expect(r.headers[.allow] == allow, "\(method) \(path)")
                    #expect((try? errorMessage(r))?.contains(method.rawValue) == true)
                }
            }
            try await client.execute(uri: "/api/nowhere", method: .trace) { r in #expect(r.status == .notFound) }
            try await client.execute(uri: "/api/events", method: .options) { r in
                #expect(r.status == .noContent && r.headers[.allow] == "GET, HEAD, OPTIONS")
            }
            try await client.execute(uri: "/api/events?limit=1", method: .head) { r in #expect(r.status == .ok) }
        }
    }

    @Test func documentBodiesNeedATypeTheEndpointReads() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            for type in [nil, "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "image/png"] {
                var headers: HTTPFields = [.authorization: "Bearer s3cret"]
                if let type { headers[.contentType] = type }
                for uri in ["/api/articles", "/api/extract"] {
                    try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: newArticle)) { r in
                        #expect(r.status == .unsupportedMediaType, "\(type ?? "no type") on \(uri)")
                        #expect((try? errorMessage(r))?.contains("Content-Type") == true)
                    }
                }
            }
            // text/plain is one raw document: JSON in it is text, not parsed.
            let headers: HTTPFields = [.authorization: "Bearer s3cret", .contentType: "text/plain; charset=utf-8"]
            try await client.execute(uri: "/api/extract", method: .post, headers: headers, body: ByteBuffer(string: "[1, 2")) { r in
                #expect(r.status == .ok)
                let docs = try #require(try json(r)["documents"] as? [[String: Any]])
                #expect(docs.first?["text"] as? String == "[1, 2")
            }
        }
        #expect(try f.store.counts().articles == 3)
    }

    @Test func jsonDocumentsAreWhatTheOpenAPIDocumentSays() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            for (body, phrase) in [("{}", "needs a text or html"), ("[]", "non-empty array"), ("5", "malformed JSON"),
                                   ("{\"text\": 5}", "text must be a string"), ("[{\"text\": \"x\"}, {\"title\": \"y\"}]", "item 2"),
                                   ("{\"text\": \"Gunmen attacked Kidal.\", \"published\": 20240301}", "published must be a string")] {
                try await client.execute(uri: "/api/extract", method: .post, headers: authorizedJSON, body: ByteBuffer(string: body)) { r in
                    #expect(r.status == .badRequest, "\(body)")
                    #expect((try? errorMessage(r))?.contains(phrase) == true, "\(body)")
                }
            }
            // A document that fits but cannot be read is reported with the others, not a failed request.
            let mixed = "[{\"text\": \"  \"}, {\"text\": \"x\", \"published\": \"last week\"}, " + newArticle + "]"
            try await client.execute(uri: "/api/extract", method: .post, headers: authorizedJSON, body: ByteBuffer(string: mixed)) { r in
                #expect(r.status == .ok)
                let body = try json(r)
                #expect((body["documents"] as? [Any])?.count == 1)
                #expect((body["errors"] as? [String])?.count == 2)
            }
        }
    }

    @Test func extractNeedsTheTokenAndKeepsToItsOwnBodyLimit() async throws {
        let f = try ServerFixture()
        try await f.app(maxBody: 1 << 20, { $0.maxExtractBytes = 2000 }).test(.router) { client in
            try await client.execute(uri: "/api/extract", method: .post, headers: jsonType, body: ByteBuffer(string: newArticle)) { r in
                #expect(r.status == .unauthorized)
                #expect(r.headers[.wwwAuthenticate] == "Bearer")
            }
            let big = "{\"text\":\"" + String(repeating: "Gunmen attacked a checkpoint near Kidal. ", count: 100) + "\"}"
            try await client.execute(uri: "/api/extract", method: .post, headers: authorizedJSON, body: ByteBuffer(string: big)) { r in
                #expect(r.status == .contentTooLarge)
                #expect((try? errorMessage(r))?.contains("2000 bytes") == true)
            }
            // The same body is a document the store may take.
            try await client.execute(uri: "/api/articles", method: .post, headers: authorizedJSON, body: ByteBuffer(string: big)) { r in
                #expect(r.status == .created)
            }
        }
        let closed = try ServerFixture()
        try await closed.app(token: nil).test(.router) { client in
            try await client.execute(uri: "/api/extract", method: .post, headers: jsonType, body: ByteBuffer(string: newArticle)) { r in
                #expect(r.status == .forbidden)
            }
        }
    }

    @Test func extractionBeyondItsSlotsIsTurnedAwayWith503() async throws {
        var config = ServerConfiguration()
        config.extractSlots = 1
        let budget = ExtractionBudget(config)
        let release = DispatchSemaphore(value: 0)
        let holder = Task { try await budget.withSlot { release.wait() } }
        var refusal: APIError?
        // The holder takes its slot at once on a quiet machine; a minute allows for a crowded one.
        for _ in 0..<12_000 where refusal == nil {
            do { try await budget.withSlot {} } catch let e as APIError { refusal = e }
            try await Task.sleep(for: .milliseconds(5))
        }
        #expect(refusal?.status == .serviceUnavailable && refusal?.headers[.retryAfter] == "1")
        release.signal()
        try await holder.value
        try await budget.withSlot {}
    }

    @Test func aRequestPastItsTimeBudgetGets503() async throws {
        let f = try ServerFixture()
        try await f.app(token: "s3cret", { $0.requestTimeout = .zero }).test(.router) { client in
            try await client.execute(uri: "/api/events?format=csv", method: .get) { r in
                #expect(r.status == .serviceUnavailable)
                #expect((try? errorMessage(r))?.contains("time budget") == true)
            }
            try await client.execute(uri: "/api/extract", method: .post, headers: authorizedJSON, body: ByteBuffer(string: newArticle)) { r in
                #expect(r.status == .serviceUnavailable)
            }
        }
    }

    @Test func onlyConfiguredOriginsMayReadAcrossOrigins() async throws {
        let f = try ServerFixture()
        try await f.app(token: "s3cret", { $0.corsOrigins = ["https://dash.example.org"] }).test(.router) { client in
            try await client.execute(uri: "/api/events", method: .get, headers: [.origin: "https://dash.example.org"]) { r in
                #expect(r.status == .ok && r.headers[.accessControlAllowOrigin] == "https://dash.example.org")
            }
            try await client.execute(uri: "/api/events", method: .get, headers: [.origin: "https://evil.example"]) { r in
                #expect(r.headers[.accessControlAllowOrigin] == nil)
            }
            let preflight: HTTPFields = [.origin: "https://dash.example.org", .accessControlRequestMethod: "POST"]
            try await client.execute(uri: "/api/articles", method: .options, headers: preflight) { r in
                #expect(r.status == .noContent)
                #expect(r.headers[.accessControlAllowMethods] == "OPTIONS, POST")
                #expect(r.headers[.accessControlAllowHeaders]?.contains("Authorization") == true)
            }
            try await client.execute(uri: "/api/articles", method: .options,
                                     headers: [.origin: "https://evil.example", .accessControlRequestMethod: "POST"]) { r in
                #expect(r.status == .forbidden && r.headers[.accessControlAllowOrigin] == nil)
            }
            // A cross-site page's POST (text/plain needs no preflight) is refused before it runs.
            let crossSite: HTTPFields = [.origin: "https://evil.example", .contentType: "text/plain", .authorization: "Bearer s3cret"]
            try await client.execute(uri: "/api/extract", method: .post, headers: crossSite,
                                     body: ByteBuffer(string: "Invoice 9999999999999999999 was paid.")) { r in
                #expect(r.status == .forbidden)
            }
            // The dashboard's own page is not cross-origin.
            try await client.execute(uri: "/api/extract", method: .post, headers: authorizedJSON.with(.origin, "http://localhost"),
                                     body: ByteBuffer(string: newArticle)) { r in
                #expect(r.status == .ok)
            }
        }
    }

    @Test func likeWildcardsInFiltersMatchThemselves() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            for query in ["actor=%25", "actor=_", "actor=%25%25", "q=_"] {
                try await client.execute(uri: "/api/events?" + query, method: .get) { r in
                    #expect(r.status == .ok)
                    #expect(eventCount(r) == 0, "\(query) matched events")
                }
            }
            try await client.execute(uri: "/api/events?actor=boko", method: .get) { r in
                #expect(eventCount(r) == 1)
            }
        }
    }

    @Test func datesTimestampsAndNumbersMustBeWhollyValid() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            for query in ["/api/events?from=2024-03-01x", "/api/events?to=2024-3-1", "/api/events?from=2024-02-30",
                          "/api/events?from=", "/api/events?limit=", "/api/events?limit=%2010", "/api/events?min_fatalities=1e3",
                          "/api/events?type=", "/api/events?sort=", "/api/events?format=", "/api/events?cursor=",
                          "/api/events?bbox=1,2,3,nan", "/api/stats?weeks=", "/api/stats?include=", "/api/map?zoom=1.5",
                          "/api/changes?since=nan", "/api/changes?since=inf", "/api/changes?since=-inf", "/api/changes?since=1e9",
                          "/api/changes?since=-5", "/api/changes?since=2024-01-01x", "/api/changes?since=0x10"] {
                try await client.execute(uri: query, method: .get) { r in
                    #expect(r.status == .badRequest, "\(query): \(r.status)")
                    _ = try errorMessage(r)
                }
            }
            // A blank text filter filters nothing (an HTML form's empty field).
            try await client.execute(uri: "/api/events?country=&actor=&q=", method: .get) { r in
                #expect(eventCount(r) == 3)
            }
            for since in ["1700000000", "1700000000.5", "2024-01-01", "2024-01-01T00:00:00Z", "2024-01-01T00:00:00.250Z"] {
                try await client.execute(uri: "/api/changes?since=\(since)", method: .get) { r in #expect(r.status == .ok, "\(since)") }
            }
            // A JSON page is at most 1,000 events whatever the limit (the download limit is 100,000).
            try await client.execute(uri: "/api/events?limit=5000", method: .get) { r in #expect(r.status == .ok) }
        }
    }

    @Test func theBearerSchemeIsCaseInsensitive() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            for header in ["bearer s3cret", "BEARER s3cret", "Bearer  s3cret"] {
                try await client.execute(uri: "/api/extract", method: .post, headers: jsonType.with(.authorization, header),
                                         body: ByteBuffer(string: newArticle)) { r in #expect(r.status == .ok, "\(header)") }
            }
            for header in ["Basic s3cret", "Bearer", "Bearers3cret", "Bearer s3cre"] {
                try await client.execute(uri: "/api/extract", method: .post, headers: jsonType.with(.authorization, header),
                                         body: ByteBuffer(string: newArticle)) { r in #expect(r.status == .unauthorized, "\(header)") }
            }
        }
    }

    @Test func listsCarryTheAnchorArticlesTitleAndPublicationDate() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            let events = try await client.execute(uri: "/api/events", method: .get) { try #require(try json($0)["events"] as? [[String: Any]]) }
            #expect(events.count == 3)
            for e in events {
                #expect(e["title"] as? String != nil && e["published"] as? String != nil, "\(e["event_id"] ?? "")")
                #expect((e["evidence"] as? [Any])?.isEmpty == false)
            }
            try await client.execute(uri: "/api/events?format=csv", method: .get) { r in
                let csv = String(buffer: r.body)
                for title in ["Shelling kills four in Maarat al-Numan", "Gunmen kill seven farmers near Gwoza", "Traders protest in Mogadishu"] {
                    #expect(csv.contains("," + title + ",https://example.org/test/"), "\(title) missing from the CSV")
                }
            }
        }
    }
}

/// Over real sockets: what arrives below the router (parse errors, the Host header, timeouts, the
/// connection cap, a busy port).
@Suite(.serialized) struct ConnectionHardeningTests {
    /// Runs the server as `sitrep serve` does (HummingbirdTesting's live mode drops the connection
    /// cap), on a free port, for the duration of `body`.
    func withServer(_ configure: (inout ServerConfiguration) -> Void = { _ in },
                    _ body: (ServerFixture, Int) async throws -> Void) async throws {
        let f = try ServerFixture()
        var config = ServerConfiguration()
        config.port = 0
        config.token = "s3cret"
        configure(&config)
        let (ports, listening) = AsyncStream.makeStream(of: Int.self)
        // Stopping the server by cancelling it logs each open connection as an error: not news here.
        var quiet = Logger(label: "sitrep-test")
        quiet.logLevel = .critical
        let app = try SitrepServer.makeApplication(store: f.store, configuration: config, pipeline: ServerFixture.pipeline,
                                                   logger: quiet, onListening: { listening.yield($0) })
        let server = Task { try await app.run() }
        var next = ports.makeAsyncIterator()
        let port = try #require(await next.next())
        do {
            try await body(f, port)
        } catch {
            server.cancel()
            throw error
        }
        server.cancel()
        _ = await server.result
    }

    func exchange(_ port: Int, _ request: String, seconds: Double = 5) async throws -> RawResponse {
        let c = try RawConnection(port: port)
        c.send(request)
        return RawResponse(await c.readUntilClosed(seconds: seconds).text)
    }

    @Test func oversizedHeadersGet431AsJSON() async throws {
        try await withServer({ $0.maxHeaderBytes = 4096 }) { _, port in
            let r = try await exchange(port, "GET /api/events HTTP/1.1\r\nHost: localhost\r\nX-Big: \(String(repeating: "a", count: 8000))\r\n\r\n")
            #expect(r.status == 431)
            #expect(r.errorMessage?.contains("too large") == true, "\(r.body)")
            #expect(r.headers["content-type"]?.hasPrefix("application/json") == true)
        }
    }

    @Test func malformedRequestsGet400AsJSON() async throws {
        try await withServer { _, port in
            for bad in ["GARBAGE\r\n\r\n", "GET /api/events HTTP/1.1\r\nHost: localhost\r\nBad Header\r\n\r\n",
                        "POST /api/extract HTTP/1.1\r\nHost: localhost\r\nContent-Length: x\r\n\r\n"] {
                let r = try await exchange(port, bad)
                #expect(r.status == 400, "\(bad.debugDescription): \(r.status)")
                #expect(r.errorMessage != nil, "\(bad.debugDescription): \(r.body)")
            }
        }
    }

    @Test func theHostHeaderMustNameThisServer() async throws {
        try await withServer { _, port in
            let rebound = try await exchange(port, "GET /api/events HTTP/1.1\r\nHost: attacker.example:\(port)\r\nConnection: close\r\n\r\n")
            #expect(rebound.status == 421)
            #expect(rebound.errorMessage?.contains("attacker.example") == true)
            for host in ["localhost:\(port)", "127.0.0.1:\(port)", "[::1]:\(port)", "LOCALHOST"] {
                let r = try await exchange(port, "GET /healthz HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n")
                #expect(r.status == 200, "\(host)")
            }
        }
        try await withServer({ $0.allowedHosts.append("events.example.org") }) { _, port in
            let r = try await exchange(port, "GET /healthz HTTP/1.1\r\nHost: events.example.org\r\nConnection: close\r\n\r\n")
            #expect(r.status == 200)
        }
    }

    @Test func aHeadThatNeverEndsIsClosedByTheIdleTimeout() async throws {
        try await withServer({ $0.idleTimeout = .milliseconds(300) }) { _, port in
            let c = try RawConnection(port: port)
            c.send("GET /api/events HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
            let (_, closed) = await c.readUntilClosed(seconds: 10)
            #expect(closed, "the server kept a half-sent head open")
        }
    }

    @Test func aBodyThatTricklesIsClosedByTheReadTimeout() async throws {
        try await withServer({ $0.idleTimeout = .seconds(60); $0.readTimeout = .milliseconds(500) }) { _, port in
            let c = try RawConnection(port: port)
            c.send("POST /api/extract HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer s3cret\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n")
            // A byte every 100 ms: never idle, never done.
            let trickle = Task.detached {
                for _ in 0..<100 {
                    c.send("a")
                    try await Task.sleep(for: .milliseconds(100))
                }
            }
            let (_, closed) = await c.readUntilClosed(seconds: 10)
            trickle.cancel()
            #expect(closed, "the server kept a trickling body open")
        }
    }

    @Test func pastTheConnectionCapANewConnectionWaitsForAFreeSlot() async throws {
        try await withServer({ $0.maxConnections = 1 }) { _, port in
            let first = try RawConnection(port: port)
            first.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
            #expect(RawResponse(await first.readResponse(seconds: 5)).status == 200)
            let waiting = try RawConnection(port: port)
            waiting.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            #expect(await waiting.readResponse(seconds: 0.5).isEmpty, "answered past the cap")
            first.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            _ = await first.readUntilClosed(seconds: 5)
            first.finish()
            #expect(RawResponse(await waiting.readResponse(seconds: 20)).status == 200)
        }
    }

    @Test func aSecondServerOnABusyPortFailsWithAddressInUse() async throws {
        try await withServer { f, port in
            var config = ServerConfiguration()
            config.port = port
            var quiet = Logger(label: "sitrep-test")
            quiet.logLevel = .critical
            let second = try SitrepServer.makeApplication(store: f.store, configuration: config, pipeline: ServerFixture.pipeline, logger: quiet)
            do {
                try await second.run()
                Issue.record("a second server started on a busy port")
            } catch {
                #expect(SitrepServer.isAddressInUse(error), "\(error)")
            }
        }
    }
}

/// The number of events in a JSON page, nil when the body is no page.
func eventCount(_ r: TestResponse) -> Int? {
    ((try? json(r))?["events"] as? [Any])?.count
}
