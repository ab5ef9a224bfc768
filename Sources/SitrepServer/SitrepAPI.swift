import Foundation
import Hummingbird
import SitrepCore
import SitrepStore

/// The HTTP API over an event store. Each handler parses its parameters (400 on a bad one), asks
/// the store (every value reaches SQL as a bound parameter) and renders JSON, CSV or GeoJSON.
struct SitrepAPI: Sendable {
    let store: any EventMapStore
    let configuration: ServerConfiguration
    let pipeline: Pipeline
    let metrics: HTTPMetrics
    let openAPI: ByteBuffer
    let cache: ResponseCache
    let extraction: ExtractionBudget

    /// JSON pages hold at most this many events; CSV and GeoJSON downloads up to `maxDownload`.
    static let maxPage = 1000
    static let maxDownload = 100_000
    /// A text filter first finds the matching ids; past this many the results are capped.
    static let maxTextMatches = 10_000
    /// Below this many events in view the map gets points, above it grid cells.
    static let mapPointLimit = 2000

    func register(on router: Router<BasicRequestContext>) {
        router.get("/healthz") { _, _ in Response.json("{\"status\":\"ok\"}") }
        router.get("/metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                     body: .init(byteBuffer: ByteBuffer(bytes: metrics.registry.emitToBuffer())))
        }
        router.get("/openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: openAPI))
        }
        router.get("/api/events") { request, _ in
            try cached(request) { try events(QueryParameters(request.uri.query)) }
        }
        router.get("/api/events/{id}") { _, context in try eventDetail(context.parameters.require("id")) }
        router.get("/api/articles/{id}") { _, context in try articleDetail(context.parameters.require("id")) }
        router.get("/api/stats") { request, _ in
            try cached(request) { try stats(QueryParameters(request.uri.query)) }
        }
        router.get("/api/changes") { request, _ in try changes(QueryParameters(request.uri.query)) }
        router.get("/api/map") { request, _ in
            try cached(request) { try map(QueryParameters(request.uri.query)) }
        }
        router.post("/api/articles") { request, _ in
            try authorize(request)
            return try await ingest(try await body(request, limit: configuration.maxBodyBytes), request: request)
        }
        // Coding costs the server's CPU: the token, as for writes, and a smaller body.
        router.post("/api/extract") { request, _ in
            try authorize(request)
            return try await extract(try await body(request, limit: extraction.maxBytes), request: request)
        }
    }

    // MARK: reads

    func cached(_ request: Request, _ make: () throws -> Response) throws -> Response {
        try cache.response(request.uri.description, store: store, make: make)
    }

    /// A filter's events, page by page: a text filter is first resolved to the matching ids.
    func page(_ filter: EventFilter, limit: Int) throws -> EventPage {
        var q = filter.query
        q.limit = limit
        if let t = filter.text, !t.isEmpty {
            q.ids = try store.eventIDs(filter, limit: Self.maxTextMatches)
        }
        return try store.events(q)
    }

    func events(_ p: QueryParameters) throws -> Response {
        let filter = try p.eventFilter()
        let format = try p.choice("format", ListFormat.allCases, label: \.rawValue) ?? .json
        // One limit range for every format (the OpenAPI document gives one): a JSON page holds at most `maxPage`.
        let limit = try p.int("limit", in: 1...Self.maxDownload)
        switch format {
        case .json:
            let limit = min(limit ?? 100, Self.maxPage)
            let pg = try page(filter, limit: limit)
            return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(bytes: APIJSON.page(pg, anchors: try store.anchors(of: pg.events)))))
        case .csv, .geojson:
            // A download is the whole filter, up to `maxDownload` events, read in pages of 1,000.
            var remaining = limit ?? Self.maxDownload
            var f = filter
            var out = format == .csv ? EventFormats.csvHeader.joined(separator: ",") + "\n" : "{\"type\":\"FeatureCollection\",\"features\":[\n"
            var first = true
            let coded = CodedEvents(store: store)
            while remaining > 0 {
                try RequestDeadline.check()
                let pg = try page(f, limit: min(1000, remaining))
                let anchors = format == .csv ? [:] : try store.anchors(of: pg.events)
                for e in pg.events {
                    if format == .csv {
                        let (event, doc) = try coded.coded(e)
                        out += EventFormats.csvRow(event, doc: doc) + "\n"
                    } else {
                        out += (first ? "" : ",\n") + APIJSON.feature(e, anchor: anchors[e.id])
                        first = false
                    }
                }
                remaining -= pg.events.count
                guard let next = pg.nextCursor else { break }
                f.query.cursor = next
            }
            if format == .csv { return Response.text(out, contentType: "text/csv; charset=utf-8", filename: "sitrep-events.csv") }
            return Response.text(out + "\n]}\n", contentType: "application/geo+json", filename: "sitrep-events.geojson")
        }
    }

    func eventDetail(_ id: String) throws -> Response {
        guard let d = try store.event(id: id) else {
            // A deleted event says where its reports went (an index look-up, as is the miss).
            if let del = try store.lastDeletion(eventID: id) {
                throw APIError(.gone, "event \(id) was deleted at \(del.at): \(del.reason)" + (del.replacedBy.map { "; now \($0)" } ?? ""))
            }
            throw APIError(.notFound, "no event \(id)")
        }
        return Response.json(APIJSON.detail(d, anchor: try store.anchors(of: [d.event])[d.event.id]))
    }

    func articleDetail(_ id: String) throws -> Response {
        guard let a = try store.article(id: id) else { throw APIError(.notFound, "no article \(id)") }
        // Which event each report joined: the events of the article, then their reports.
        var eventOf: [String: String] = [:]
        for eid in try store.eventIDs(article: id) {
            for r in try store.event(id: eid)?.reports ?? [] where r.mention.articleID == id { eventOf[r.mention.id] = eid }
        }
        return Response.json(APIJSON.articleDetail(a, eventOf: eventOf))
    }

    func changes(_ p: QueryParameters) throws -> Response {
        guard let s = p["since"] else { throw APIError.badRequest("since is required (ISO 8601 time, YYYY-MM-DD or Unix seconds)") }
        guard let t = Timestamp.parse(s) else {
            throw APIError.badRequest("since must be an ISO 8601 time, YYYY-MM-DD or Unix seconds, got '\(s)'")
        }
        let feed = try store.changes(since: t)
        return Response.json(APIJSON.changes(feed, since: Timestamp.format(t), anchors: try store.anchors(of: feed.changed)))
    }

    /// Trendfinder bands (weekly events by country and type against the 4 weeks before), the
    /// weekly series of the filter by event type, and its top actors.
    func stats(_ p: QueryParameters) throws -> Response {
        let filter = try p.eventFilter()
        let weeks = try p.int("weeks", in: 1...520) ?? 12
        // Each part is a pass over the filter's events: a client asks for the parts it shows.
        let parts = Set((p.values["include"] ?? "bands,series,top_actors").split(separator: ",", omittingEmptySubsequences: false).map(String.init))
        let known: Set<String> = ["bands", "series", "top_actors"]
        guard parts.isSubset(of: known) else {
            throw APIError.badRequest("include must list some of bands, series, top_actors")
        }
        let bands = parts.contains("bands")
            ? try store.stats(StatsQuery(asOf: try p.date("as_of"), weeks: weeks, country: filter.query.country)) : []
        let series = parts.contains("series") ? WeeklySeries.bin(try store.dailySeries(filter)) : WeeklySeries()
        let actors = parts.contains("top_actors") ? try store.topActors(filter, limit: try p.int("top", in: 1...100) ?? 10) : []
        var w = JSONWriter()
        w.beginObject()
        w.key("bands")
        w.objects(bands) { w, b in
            w.field("week", b.week.description)
            w.field("country", b.country)
            w.field("event_type", b.eventType)
            w.field("events", b.events)
            w.field("fatalities", b.fatalities)
            w.field("baseline_events", b.baselineEvents, decimals: 2)
            w.field("baseline_fatalities", b.baselineFatalities, decimals: 2)
            w.field("change", b.eventsChange, decimals: 4)
            w.field("band", b.band.rawValue)
        }
        w.key("series")
        w.beginObject()
        w.key("weeks")
        w.beginArray()
        for week in series.weeks { w.string(week.description) }
        w.endArray()
        w.key("by_type")
        w.beginObject()
        for (type, rows) in series.byType.sorted(by: { $0.key < $1.key }) {
            w.key(type)
            w.beginObject()
            w.key("events")
            w.beginArray()
            for r in rows { w.number(r.0) }
            w.endArray()
            w.key("fatalities")
            w.beginArray()
            for r in rows { w.number(r.1) }
            w.endArray()
            w.endObject()
        }
        w.endObject()
        w.endObject()
        w.key("top_actors")
        w.objects(actors) { w, a in
            w.field("name", a.name)
            w.field("events", a.events)
            w.field("fatalities", a.fatalities)
        }
        w.endObject()
        return Response.json(w.out)
    }

    /// What the map draws for a view: every event when few are in it, else the events summed
    /// in grid cells about 40 pixels wide at the map's zoom (server-side clustering).
    func map(_ p: QueryParameters) throws -> Response {
        var filter = try p.eventFilter()
        if filter.query.bbox == nil { filter.query.bbox = (-180, -90, 180, 90) }
        let zoom = try p.int("zoom", in: 0...22) ?? 2
        let cell = 360 / pow(2, Double(zoom)) * 40 / 256
        let cells = try store.eventGrid(filter, cellDegrees: cell)
        let total = cells.reduce(0) { $0 + $1.events }
        var w = JSONWriter()
        w.beginObject()
        w.field("total", total)
        if total <= Self.mapPointLimit {
            w.field("mode", "points")
            w.key("points")
            w.beginArray()
            var f = filter
            while true {
                try RequestDeadline.check()
                let pg = try page(f, limit: Self.mapPointLimit)
                for e in pg.events {
                    w.beginObject()
                    w.field("id", e.id)
                    w.field("lat", e.latitude)
                    w.field("lon", e.longitude)
                    w.field("type", e.eventType.rawValue)
                    w.field("fatalities", e.fatalities)
                    w.field("geo_precision", e.geoPrecision)
                    w.field("date", e.eventDate.description)
                    w.field("location", e.location)
                    w.endObject()
                }
                guard let next = pg.nextCursor else { break }
                f.query.cursor = next
            }
            w.endArray()
        } else {
            w.field("mode", "cells")
            w.field("cell_degrees", cell, decimals: 6)
            w.key("cells")
            w.objects(cells) { w, c in
                w.field("lat", c.latitude)
                w.field("lon", c.longitude)
                w.field("events", c.events)
                w.field("fatalities", c.fatalities)
                w.field("id", c.eventID)
                w.key("by_type")
                w.beginObject()
                for (t, n) in c.byType.sorted(by: { $0.key < $1.key }) { w.field(t, n) }
                w.endObject()
            }
        }
        w.endObject()
        return Response.json(w.out)
    }

    // MARK: writes

    /// Writes need `Authorization: Bearer <token>`; without a token configured they are disabled.
    func authorize(_ request: Request) throws {
        guard let token = configuration.token else {
            throw APIError(.forbidden, "writes are disabled: start the server with --token or SITREP_TOKEN")
        }
        guard let given = Self.bearerToken(request.headers[.authorization]), Self.constantTimeEqual(given, token) else {
            throw APIError(.unauthorized, "a valid bearer token is required (Authorization: Bearer …)",
                           headers: [.wwwAuthenticate: "Bearer"])
        }
    }

    /// The credentials of `Authorization: Bearer <token>`; the scheme is case-insensitive (RFC 9110).
    static func bearerToken(_ header: String?) -> String? {
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return parts[1].trimmingCharacters(in: .whitespaces)
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var diff = x.count ^ y.count
        for i in 0..<max(x.count, y.count) { diff |= Int((i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0)) }
        return diff == 0
    }

    /// The body, refused with 415 unless its type is one the endpoint reads and with 413 past the
    /// limit (by its declared length before reading it).
    func body(_ request: Request, limit: Int) async throws -> Data {
        _ = try RequestDocuments.format(contentType: request.headers[.contentType])
        let tooLarge = APIError(.contentTooLarge, "request body is larger than \(limit) bytes")
        if let len = request.headers[.contentLength].flatMap(Int.init), len > limit { throw tooLarge }
        do {
            var buffer = try await request.body.collect(upTo: limit)
            return Data(buffer.readBytes(length: buffer.readableBytes) ?? [])
        } catch let e as any HTTPResponseError where e.status == .contentTooLarge {
            throw tooLarge
        }
    }

    func documents(_ data: Data, request: Request) throws -> (articles: [Article], errors: [String]) {
        let p = QueryParameters(request.uri.query)
        let published = try p.date("published")
        let input = try RequestDocuments.parse(data, contentType: request.headers[.contentType])
        let reader = DocumentReader(format: input.format, defaultPublished: published, defaultSource: p["source"])
        var articles: [Article] = []
        var errors: [String] = []
        for item in reader.read(data: input.data, origin: "request") {
            switch item {
            case .success(let a): articles.append(a)
            case .failure(let e): errors.append(e.description)
            }
        }
        // A well-formed request whose documents cannot be read (an empty text, a bad date) is
        // answered like a batch: those documents are listed in `errors`, the rest is processed.
        return (articles, errors)
    }

    /// Stores the documents and returns the events their reports now belong to.
    func ingest(_ data: Data, request: Request) async throws -> Response {
        let (articles, errors) = try documents(data, request: request)
        let store = self.store
        let ingestor = Ingestor(pipeline: pipeline)
        // Coding is CPU-bound: it runs on Dispatch's threads, not the server's event loops.
        let report = try await offload { try ingestor.run(articles, into: store) }
        cache.clear()
        var w = JSONWriter()
        w.beginObject()
        w.key("report")
        APIJSON.ingestReport(report, into: &w)
        w.key("articles")
        w.beginArray()
        var eventIDs: [String] = []
        for a in articles {
            let id = ArticleExtractor.contentID(a)
            let ids = try store.eventIDs(article: id)
            w.beginObject()
            w.field("id", id)
            w.key("event_ids")
            w.beginArray()
            for e in ids { w.string(e) }
            w.endArray()
            w.endObject()
            for e in ids where !eventIDs.contains(e) { eventIDs.append(e) }
        }
        w.endArray()
        w.key("errors")
        w.beginArray()
        for e in errors { w.string(e) }
        w.endArray()
        w.endObject()
        let stored = try eventIDs.compactMap { try store.event(id: $0)?.event }
        let anchors = try store.anchors(of: stored)
        let events = stored.map { APIJSON.event($0, anchor: anchors[$0.id]) }
        return Response.json("{\"events\":[" + events.joined(separator: ",") + "]," + w.out.dropFirst(), status: .created)
    }

    /// Codes the documents without storing them: each document's cleaned text and its events,
    /// evidence offsets into that text.
    func extract(_ data: Data, request: Request) async throws -> Response {
        let (articles, errors) = try documents(data, request: request)
        let results = try await extraction.code(articles, pipeline: pipeline)
        var out = "{\"documents\":["
        for (i, r) in results.enumerated() {
            if i > 0 { out += "," }
            out += "{\"id\":" + APIJSON.quoted(r.doc.articleID) + ",\"text\":" + APIJSON.quoted(r.doc.text) + ",\"events\":["
            out += r.recorded.map { EventFormats.json($0, doc: r.doc, includeDropped: false) }.joined(separator: ",")
            out += "]}"
        }
        var w = JSONWriter()
        w.beginArray()
        for e in errors { w.string(e) }
        w.endArray()
        return Response.json(out + "],\"errors\":" + w.out + "}")
    }
}

/// What `/api/events` writes: a JSON page, or the whole filter as a CSV or GeoJSON download.
enum ListFormat: String, CaseIterable {
    case json, csv, geojson
}

/// Runs blocking work on Dispatch's threads and awaits it.
func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { c in
        DispatchQueue.global().async { c.resume(with: Result { try work() }) }
    }
}

func offload<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { c in DispatchQueue.global().async { c.resume(returning: work()) } }
}

/// Weekly totals by event type from daily counts, every week from the first to the last present.
struct WeeklySeries {
    var weeks: [CivilDate] = []
    /// Event type → (events, fatalities) per week, parallel to `weeks`.
    var byType: [String: [(Int, Int)]] = [:]

    static func bin(_ days: [DailyCount]) -> WeeklySeries {
        guard let first = days.map(\.date).min(), let last = days.map(\.date).max() else { return WeeklySeries() }
        let start = WeeklyStats.weekStart(first).dayNumber, end = WeeklyStats.weekStart(last).dayNumber
        var s = WeeklySeries()
        s.weeks = stride(from: start, through: end, by: 7).map { CivilDate(dayNumber: $0) }
        for d in days {
            let i = (WeeklyStats.weekStart(d.date).dayNumber - start) / 7
            var rows = s.byType[d.eventType] ?? Array(repeating: (0, 0), count: s.weeks.count)
            rows[i].0 += d.events
            rows[i].1 += d.fatalities
            s.byType[d.eventType] = rows
        }
        return s
    }
}
