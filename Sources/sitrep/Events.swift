import ArgumentParser
import Foundation
import SitrepCore
import SitrepStore

struct Events: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Query the canonical events of the event database, or show one with its reports and merge trail.",
        subcommands: [EventsList.self, EventsShow.self],
        defaultSubcommand: EventsList.self
    )
}

extension EventType: ExpressibleByArgument {
    public init?(argument: String) {
        guard let t = EventType.allCases.first(where: { $0.rawValue.lowercased() == argument.lowercased() }) else { return nil }
        self = t
    }
}

extension SubEventType: ExpressibleByArgument {
    public init?(argument: String) {
        guard let t = SubEventType.allCases.first(where: { $0.rawValue.lowercased() == argument.lowercased() }) else { return nil }
        self = t
    }
}

extension EventSort: ExpressibleByArgument {}

struct EventsList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Canonical events matching the filters, as JSONL, ACLED-compatible CSV or GeoJSON.",
        discussion: """
        Filters combine with AND. --since TIMESTAMP (ISO 8601 or YYYY-MM-DD, UTC) gives the events created
        or changed since then; with JSONL output the deletion feed follows as {"event_id":…,"deleted":true}
        lines (--deleted prints only those).
        """
    )

    @OptionGroup var store: StoreOptions
    @Option(help: "Country, as ACLED spells it.") var country: String?
    @Option(help: "First-level admin area.") var admin1: String?
    @Option(help: "First day (YYYY-MM-DD).") var from: CivilDate?
    @Option(help: "Last day (YYYY-MM-DD).") var to: CivilDate?
    @Option(name: .customLong("type"), help: "Event type, e.g. Battles.") var eventType: EventType?
    @Option(name: .customLong("sub-type"), help: "Sub-event type, e.g. 'Air/drone strike'.") var subType: SubEventType?
    @Option(help: "Actor name or part of it (actor1, actor2, associated actors).") var actor: String?
    @Option(help: "At least this many fatalities.") var minFatalities: Int?
    @Option(help: "Bounding box: min-lon,min-lat,max-lon,max-lat.") var bbox: String?
    @Option(help: "Output format: jsonl, csv, geojson.") var format: OutputFormat = .jsonl
    @Option(help: "Sort: date-desc, date-asc, fatalities-desc.") var sort: EventSort = .dateDesc
    @Option(help: "At most this many events.") var limit: Int?
    @Option(help: "Only events changed since this time.") var since: String?
    @Flag(help: "With --since: only the deletion feed.") var deleted = false

    func run() throws {
        let db = try store.openExisting()
        var q = EventQuery()
        q.country = country
        q.admin1 = admin1
        q.from = from
        q.to = to
        q.eventType = eventType
        q.subEventType = subType
        q.actor = actor
        q.minFatalities = minFatalities
        q.sort = sort
        if let bbox {
            let v = bbox.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard v.count == 4 else { throw ValidationError("--bbox needs min-lon,min-lat,max-lon,max-lat") }
            q.bbox = (v[0], v[1], v[2], v[3])
        }
        var deletions: [Deletion] = []
        if let since {
            guard let t = Timestamp.parse(since) else { throw ValidationError("not a timestamp: \(since)") }
            let feed = try db.changes(since: t)
            q.ids = deleted ? [] : feed.changed.map(\.id)
            deletions = feed.deletions
        }
        let writer = EventWriter(store: db, format: format)
        writer.begin()
        var remaining = limit ?? Int.max
        while remaining > 0 {
            q.limit = min(500, remaining)
            let page = try db.events(q)
            for e in page.events { try writer.write(e) }
            remaining -= page.events.count
            guard let next = page.nextCursor else { break }
            q.cursor = next
        }
        if format == .jsonl {
            for d in deletions {
                var w = "{\"event_id\":\(jsonString(d.eventID)),\"deleted\":true,\"at\":\(jsonString(d.at)),\"reason\":\(jsonString(d.reason))"
                if let r = d.replacedBy { w += ",\"replaced_by\":\(jsonString(r))" }
                writer.out.write(w + "}\n")
            }
        }
        writer.end()
    }
}

func jsonString(_ s: String) -> String {
    let data = (try? JSONSerialization.data(withJSONObject: [s], options: [.withoutEscapingSlashes])) ?? Data("[\"\"]".utf8)
    return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
}

/// Writes canonical events with the core's output formats (one CSV writer in the project): each
/// event carries the evidence of its anchor report, with offsets into that report's cleaned text.
final class EventWriter {
    let events: CodedEvents
    let format: OutputFormat
    var out = OutputBuffer()
    private var first = true

    init(store: SQLiteEventStore, format: OutputFormat) {
        self.events = CodedEvents(store: store)
        self.format = format
    }

    func begin() {
        switch format {
        case .csv: out.write(EventFormats.csvHeader.joined(separator: ",") + "\n")
        case .geojson: out.write("{\"type\":\"FeatureCollection\",\"features\":[\n")
        case .jsonl: break
        }
    }

    func write(_ e: CanonicalEvent) throws {
        let (coded, doc) = try events.coded(e)
        switch format {
        case .jsonl:
            // The canonical event's own counts follow the core's fields.
            let json = EventFormats.json(coded, doc: doc, includeDropped: false)
            out.write(String(json.dropLast()) + ",\"article_count\":\(e.articleCount),\"source_count\":\(e.sources.count),\"mention_count\":\(e.mentionCount)}\n")
        case .csv: out.write(EventFormats.csvRow(coded, doc: doc) + "\n")
        case .geojson:
            out.write((first ? "" : ",\n") + EventFormats.geoJSONFeature(coded, doc: doc, includeDropped: false))
            first = false
        }
    }

    func end() {
        if format == .geojson { out.write("\n]}\n") }
        out.flush()
    }
}

struct EventsShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "One canonical event: its fields, every report of it with the text behind it; --trail adds why reports were merged and the event's revisions."
    )

    @Argument(help: "Event id.") var id: String
    @OptionGroup var store: StoreOptions
    @Flag(help: "Print the merge trail (rule and scores of each merge) and the revisions.") var trail = false

    func run() throws {
        let db = try store.openExisting()
        guard let d = try db.event(id: id) else {
            if let last = try db.lastDeletion(eventID: id) {
                print("\(id) was deleted at \(last.at): \(last.reason)" + (last.replacedBy.map { " (now \($0))" } ?? ""))
                return
            }
            throw ValidationError("no event \(id) in \(store.db)")
        }
        let e = d.event
        var s = "── \(e.id)  \(e.eventType.rawValue) / \(e.subEventType.rawValue)\n   \(e.notes)\n"
        s += "   \(e.eventDate) (precision \(e.timePrecision.rawValue)) · \(e.location), \(e.admin1), \(e.country) (geo_precision \(e.geoPrecision))\n"
        s += "   actors: \(e.actor1?.name ?? "—") vs \(e.actor2?.name ?? "—")\n"
        s += "   fatalities \(e.fatalities) (reports range \(e.fatalitiesLow)–\(e.fatalitiesHigh))"
            + (e.claimedFatalities.map { ", \($0) claimed by \(e.claimedBy ?? "a party")" } ?? "") + "\n"
        s += "   \(e.articleCount) article(s), \(e.sources.count) source(s): \(e.sources.joined(separator: "; "))\n"
        s += "\nreports:\n"
        for r in d.reports {
            let m = r.mention
            s += "  • \(m.id) in \(r.article.id) — \(r.article.source ?? "unknown source"), published \(r.article.published?.description ?? "?")"
                + (r.article.storyID != r.article.id ? ", copy in story \(r.article.storyID)" : "") + "\n"
            s += "    \(m.eventDate) · \(m.subEventType.rawValue) · \(m.location) (\(m.admin1), precision \(m.geoPrecision)) · toll \(m.hasToll ? String(m.fatalities) : "none given")\n"
            for ev in r.evidence { s += "      \(ev.field) [\(ev.start)–\(ev.end)] \"\(ev.text)\"\n" }
        }
        if trail {
            s += "\nmerge trail:\n"
            if d.links.isEmpty { s += "  (one report, nothing merged)\n" }
            for l in d.links { s += "  \(l.mention) ↔ \(l.linkedTo): \(l.evidence.summary)\n" }
            s += "\nrevisions:\n"
            for r in d.revisions {
                s += "  v\(r.version) \(r.at) \(r.kind): \(r.reason)\n"
                for c in r.changes where r.kind != "created" { s += "      \(c.field): \(c.old.isEmpty ? "—" : c.old) → \(c.new.isEmpty ? "—" : c.new)\n" }
            }
        }
        print(s, terminator: "")
    }
}

struct Retract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Withdraw articles (by id or url): their reports leave their events; events left with none are deleted and appear in the deletion feed."
    )

    @Argument(help: "Article ids or urls.") var articles: [String]
    @OptionGroup var store: StoreOptions
    @Option(help: "Why the article is withdrawn (kept in the revisions).") var reason: String = "withdrawn"

    func run() throws {
        let db = try store.openExisting()
        var failed = 0
        for a in articles {
            do {
                let r = try db.retract(a, reason: reason, at: Date())
                Console.info("\(a): withdrawn; \(r.eventsUpdated) event(s) revised, \(r.eventsDeleted) deleted, \(r.eventsCreated) re-formed")
            } catch {
                failed += 1
                Console.error("\(a): \(error)")
            }
        }
        if failed > 0 { throw ExitCode(1) }
    }
}

struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Weekly events and fatalities by country and event type, with the change against the 4 weeks before (ACLED Trendfinder's bands)."
    )

    @OptionGroup var store: StoreOptions
    @Option(help: "Show the week holding this day (default: the latest event).") var asOf: CivilDate?
    @Option(help: "Weeks to show, ending with that week.") var weeks: Int = 1
    @Option(help: "Only this country.") var country: String?
    @Flag(help: "JSON lines instead of a table.") var json = false

    func run() throws {
        let db = try store.openExisting()
        let rows = try db.stats(StatsQuery(asOf: asOf, weeks: weeks, country: country))
        var out = OutputBuffer()
        if !json {
            out.write("week        country               event type                     events  prior-4wk mean  change   band                 fatalities  prior mean\n")
        }
        for r in rows {
            let change = r.eventsChange.map { String(format: "%+.0f%%", $0 * 100) } ?? "new"
            if json {
                out.write("{\"week\":\"\(r.week)\",\"country\":\(jsonString(r.country)),\"event_type\":\(jsonString(r.eventType)),\"events\":\(r.events),\"baseline_events\":\(r.baselineEvents),\"change\":\(r.eventsChange.map { String(format: "%.4f", $0) } ?? "null"),\"band\":\"\(r.band.rawValue)\",\"fatalities\":\(r.fatalities),\"baseline_fatalities\":\(r.baselineFatalities)}\n")
            } else {
                func pad(_ s: String, _ n: Int) -> String { s.count >= n ? String(s.prefix(n)) : s + String(repeating: " ", count: n - s.count) }
                out.write(pad(r.week.description, 12) + pad(r.country, 22) + pad(r.eventType, 31) + pad(String(r.events), 8)
                          + pad(String(format: "%.2f", r.baselineEvents), 16) + pad(change, 9) + pad(r.band.rawValue, 21)
                          + pad(String(r.fatalities), 12) + String(format: "%.2f", r.baselineFatalities) + "\n")
            }
        }
        out.flush()
    }
}
