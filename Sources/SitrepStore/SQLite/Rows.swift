import Foundation
import GRDB
import SitrepCore

/// Row ↔ value mapping for the store's tables, one place per table.
enum Rows {
    // MARK: actors

    /// Associated actors as text: actors joined by U+001E, fields (name, inter, country) by U+001F;
    /// the two sides separated by U+001D. Plain text keeps the column portable and the dump exact.
    static func encodeAssoc(_ a1: [Actor], _ a2: [Actor]) -> String {
        func side(_ actors: [Actor]) -> String {
            actors.map { $0.name + "\u{1F}" + String($0.inter.rawValue) + "\u{1F}" + ($0.country ?? "") }
                .joined(separator: "\u{1E}")
        }
        return side(a1) + "\u{1D}" + side(a2)
    }

    static func decodeAssoc(_ s: String) -> ([Actor], [Actor]) {
        func side(_ t: Substring) -> [Actor] {
            t.split(separator: "\u{1E}").compactMap { a in
                let f = a.split(separator: "\u{1F}", omittingEmptySubsequences: false)
                guard f.count == 3, let raw = Int(f[1]), let inter = Inter(rawValue: raw) else { return nil }
                return Actor(name: String(f[0]), inter: inter, country: f[2].isEmpty ? nil : String(f[2]))
            }
        }
        let sides = s.split(separator: "\u{1D}", omittingEmptySubsequences: false)
        return (side(sides.first ?? ""), sides.count > 1 ? side(sides[1]) : [])
    }

    static func date(_ s: String?) -> CivilDate? { s.flatMap(CivilDate.init(iso:)) }

    // MARK: mentions

    static let mentionColumns = """
        id, article_id, ordinal, event_id, published, source, event_date, time_precision, date_explicit, sub_event_type,
        event_type, actor1, inter1, actor1_country, actor2, inter2, actor2_country, assoc_actors, civilian_targeting,
        iso, country, admin1, admin2, location, latitude, longitude, geo_precision, fatalities, fatalities_low,
        fatalities_high, has_toll, claimed_fatalities, claimed_by, confidence, notes
        """

    static let insertMentionSQL =
        "INSERT INTO mentions (\(mentionColumns)) VALUES (" + Array(repeating: "?", count: 35).joined(separator: ", ") + ")"

    static func mentionArguments(_ m: Mention, eventID: String?) -> StatementArguments {
        let values: [(any DatabaseValueConvertible)?] = [
            m.id, m.articleID, m.ordinal, eventID, m.published?.description, m.source, m.eventDate.description,
            m.timePrecision.rawValue, m.dateExplicit, m.subEventType.rawValue, m.eventType.rawValue,
            m.actor1?.name, m.actor1?.inter.rawValue, m.actor1?.country, m.actor2?.name, m.actor2?.inter.rawValue,
            m.actor2?.country, encodeAssoc(m.assocActor1, m.assocActor2), m.civilianTargeting, m.iso, m.country,
            m.admin1, m.admin2, m.location, m.latitude, m.longitude, m.geoPrecision, m.fatalities, m.fatalitiesLow,
            m.fatalitiesHigh, m.hasToll, m.claimedFatalities, m.claimedBy, m.confidence, m.notes,
        ]
        return StatementArguments(values)
    }

    /// Decoded by position (the order of `mentionColumns`): lookups by name dominate ingest time.
    static func mention(_ row: Row) -> Mention {
        let (a1, a2) = decodeAssoc(row[17])
        return Mention(
            id: row[0], articleID: row[1], ordinal: row[2], published: date(row[4]), source: row[5],
            eventDate: date(row[6])!, timePrecision: TimePrecision(rawValue: row[7]) ?? .day, dateExplicit: row[8],
            subEventType: SubEventType(rawValue: row[9]) ?? .other, actor1: actor(row, 11), assocActor1: a1,
            actor2: actor(row, 14), assocActor2: a2, civilianTargeting: row[18], iso: row[19], country: row[20],
            admin1: row[21], admin2: row[22], location: row[23], latitude: row[24], longitude: row[25],
            geoPrecision: row[26], fatalities: row[27], fatalitiesLow: row[28], fatalitiesHigh: row[29],
            hasToll: row[30], claimedFatalities: row[31], claimedBy: row[32], confidence: row[33], notes: row[34])
    }

    /// An actor from three columns at `i`: name, inter, country.
    static func actor(_ row: Row, _ i: Int) -> Actor? {
        guard let name: String = row[i], let raw: Int = row[i + 1], let inter = Inter(rawValue: raw) else { return nil }
        return Actor(name: name, inter: inter, country: row[i + 2])
    }

    // MARK: events

    static let eventColumns = """
        id, event_date, year, time_precision, disorder_type, event_type, sub_event_type, actor1, inter1, actor1_country,
        actor2, inter2, actor2_country, assoc_actors, actor_names, civilian_targeting, iso, country, admin1, admin2,
        location, latitude, longitude, geo_precision, fatalities, fatalities_low, fatalities_high, claimed_fatalities,
        claimed_by, sources, source_count, article_count, mention_count, confidence, notes, anchor_mention,
        anchor_article, version, created_at, updated_at
        """

    static let insertEventSQL =
        "INSERT INTO events (\(eventColumns)) VALUES (" + Array(repeating: "?", count: 40).joined(separator: ", ") + ")"

    static func eventArguments(_ e: CanonicalEvent, version: Int, createdAt: String, updatedAt: String) -> StatementArguments {
        let names = ([e.actor1, e.actor2].compactMap { $0?.name } + (e.assocActor1 + e.assocActor2).map(\.name))
            .joined(separator: "\n").lowercased()
        let values: [(any DatabaseValueConvertible)?] = [
            e.id, e.eventDate.description, e.eventDate.year, e.timePrecision.rawValue, e.disorderType.rawValue,
            e.eventType.rawValue, e.subEventType.rawValue, e.actor1?.name, e.actor1?.inter.rawValue, e.actor1?.country,
            e.actor2?.name, e.actor2?.inter.rawValue, e.actor2?.country, encodeAssoc(e.assocActor1, e.assocActor2),
            names, e.civilianTargeting, e.iso, e.country, e.admin1, e.admin2, e.location, e.latitude, e.longitude,
            e.geoPrecision, e.fatalities, e.fatalitiesLow, e.fatalitiesHigh, e.claimedFatalities, e.claimedBy,
            e.sources.joined(separator: "; "), e.sources.count, e.articleCount, e.mentionCount, e.confidence, e.notes,
            e.anchorMention, e.anchorArticle, version, createdAt, updatedAt,
        ]
        return StatementArguments(values)
    }

    /// Decoded by position (the order of `eventColumns`).
    static func event(_ row: Row) -> CanonicalEvent {
        let (a1, a2) = decodeAssoc(row[13])
        let sources: String = row[29]
        return CanonicalEvent(
            id: row[0], eventDate: date(row[1])!, timePrecision: TimePrecision(rawValue: row[3]) ?? .day,
            subEventType: SubEventType(rawValue: row[6]) ?? .other, actor1: actor(row, 7), assocActor1: a1,
            actor2: actor(row, 10), assocActor2: a2, civilianTargeting: row[15], iso: row[16], country: row[17],
            admin1: row[18], admin2: row[19], location: row[20], latitude: row[21], longitude: row[22],
            geoPrecision: row[23], fatalities: row[24], fatalitiesLow: row[25], fatalitiesHigh: row[26],
            claimedFatalities: row[27], claimedBy: row[28],
            sources: sources.isEmpty ? [] : sources.components(separatedBy: "; "), articleCount: row[31],
            mentionCount: row[32], confidence: row[33], notes: row[34], anchorMention: row[35], anchorArticle: row[36])
    }

    // MARK: articles

    static let articleSummaryColumns = "id, url, source, title, published, origin, language, status, story_id"

    static func articleSummary(_ row: Row) -> ArticleSummary {
        ArticleSummary(id: row["id"], url: row["url"], source: row["source"], title: row["title"],
                       published: date(row["published"]), language: row["language"], status: row["status"],
                       storyID: row["story_id"], origin: row["origin"])
    }

    static func evidence(_ row: Row) -> EvidenceSpan {
        EvidenceSpan(field: row["field"], utf8Start: row["utf8_start"], utf8End: row["utf8_end"],
                     start: row["cp_start"], end: row["cp_end"], text: row["text"])
    }

    static func revision(_ row: Row) -> Revision {
        let changes: String = row["changes"]
        let decoded = (try? JSONDecoder().decode([FieldChange].self, from: Data(changes.utf8))) ?? []
        return Revision(id: row["id"], eventID: row["event_id"], version: row["version"], at: row["at"],
                        kind: row["kind"], reason: row["reason"], changes: decoded)
    }

    // Written by hand (JSONEncoder is slow): ingest writes one per revision and link.
    static func encodeChanges(_ c: [FieldChange]) -> String {
        var w = JSONWriter()
        FieldChange.write(c, to: &w)
        return w.out
    }

    static func encodeEvidence(_ e: MatchEvidence) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.field("actorRule", e.actorRule)
        w.field("dayDelta", e.dayDelta)
        w.field("dayTolerance", e.dayTolerance)
        w.field("placeKm", e.placeKm, decimals: 6)
        w.field("placeRule", e.placeRule)
        w.field("rule", e.rule)
        w.field("score", e.score, decimals: 6)
        w.field("textSimilarity", e.textSimilarity, decimals: 6)
        w.endObject()
        return w.out
    }

    static func decodeEvidence(_ s: String) -> MatchEvidence? {
        try? JSONDecoder().decode(MatchEvidence.self, from: Data(s.utf8))
    }
}

/// Timestamps as ISO 8601 UTC text with milliseconds: sortable as text in any database.
public enum Timestamp {
    public static func format(_ d: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: d)
    }

    /// Accepts `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SSZ` (with or without fractions) or Unix seconds
    /// (digits, optionally with a fraction: `nan`, `inf`, exponents and signs are no time).
    public static func parse(_ s: String) -> Date? {
        if s.wholeMatch(of: /[0-9]{1,12}(\.[0-9]{1,9})?/) != nil, let secs = Double(s) { return Date(timeIntervalSince1970: secs) }
        // The formatter reads a date and ignores what follows it: the whole text must be one of the forms.
        guard s.wholeMatch(of: /[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2}))?/) != nil else {
            return nil
        }
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(identifier: "UTC")
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = f.date(from: s) { return d }
        f.formatOptions = [.withInternetDateTime]
        if let d = f.date(from: s) { return d }
        f.formatOptions = [.withFullDate]
        return f.date(from: s)
    }
}
