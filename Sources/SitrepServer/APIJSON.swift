import Foundation
import SitrepCore
import SitrepStore

/// The API's JSON bodies. Events use the core's output schema (the same object `sitrep extract`
/// and `sitrep events` print), with the canonical event's counts and sources added.
enum APIJSON {
    /// One canonical event as the core's JSON object (with its anchor's title, url, date and
    /// evidence, as `sitrep events` prints it) plus `article_count`, `source_count`, `mention_count`
    /// and `sources`.
    static func event(_ e: CanonicalEvent, anchor: EventAnchor?) -> String {
        var j = EventJSON(capacity: 1024)
        j.event(e, anchor: anchor)
        return String(decoding: j.bytes, as: UTF8.self)
    }

    /// The same object through the core's writer and the CLI's anchor look-up, for the test that
    /// keeps the two in agreement.
    static func coreEvent(_ e: CanonicalEvent, coded: CodedEvent, doc: Doc) -> String {
        let core = EventFormats.json(coded, doc: doc, includeDropped: false)
        var w = JSONWriter()
        w.beginArray()
        for s in e.sources { w.string(s) }
        w.endArray()
        return String(core.dropLast()) + ",\"article_count\":\(e.articleCount),\"source_count\":\(e.sources.count),\"mention_count\":\(e.mentionCount),\"sources\":" + w.out + "}"
    }

    static func feature(_ e: CanonicalEvent, anchor: EventAnchor?) -> String {
        "{\"type\":\"Feature\",\"id\":" + quoted(e.id) + ",\"geometry\":{\"type\":\"Point\",\"coordinates\":["
            + JSONWriter.format(e.longitude, decimals: 4) + "," + JSONWriter.format(e.latitude, decimals: 4)
            + "]},\"properties\":" + event(e, anchor: anchor) + "}"
    }

    static func quoted(_ s: String) -> String {
        var w = JSONWriter()
        w.string(s)
        return w.out
    }

    static func page(_ p: EventPage, anchors: [String: EventAnchor]) -> [UInt8] {
        var j = EventJSON(capacity: 1024 * (p.events.count + 1))
        j.raw("{\"events\":[")
        for (i, e) in p.events.enumerated() {
            if i > 0 { j.raw(",") }
            j.event(e, anchor: anchors[e.id])
        }
        j.raw("],\"count\":")
        j.number(p.events.count)
        j.raw(",\"next_cursor\":")
        j.string(p.nextCursor)
        j.raw("}")
        return j.bytes
    }

    static func article(_ a: ArticleSummary, into w: inout JSONWriter) {
        w.beginObject()
        w.field("id", a.id)
        w.field("url", a.url)
        w.field("source", a.source)
        w.field("title", a.title)
        w.field("published", a.published?.description)
        w.field("language", a.language)
        w.field("status", a.status)
        w.field("story_id", a.storyID)
        w.field("origin", a.origin)
        w.endObject()
    }

    static func mention(_ m: Mention, into w: inout JSONWriter) {
        w.beginObject()
        w.field("id", m.id)
        w.field("article_id", m.articleID)
        w.field("event_date", m.eventDate.description)
        w.field("time_precision", m.timePrecision.rawValue)
        w.field("event_type", m.eventType.rawValue)
        w.field("sub_event_type", m.subEventType.rawValue)
        w.field("actor1", m.actor1?.name)
        w.field("actor2", m.actor2?.name)
        w.field("country", m.country)
        w.field("admin1", m.admin1)
        w.field("location", m.location)
        w.field("latitude", m.latitude)
        w.field("longitude", m.longitude)
        w.field("geo_precision", m.geoPrecision)
        w.field("fatalities", m.fatalities)
        w.field("gives_toll", m.hasToll)
        w.field("claimed_fatalities", m.claimedFatalities)
        w.field("claimed_by", m.claimedBy)
        w.field("source", m.source)
        w.field("notes", m.notes)
        w.endObject()
    }

    static func evidence(_ spans: [EvidenceSpan], into w: inout JSONWriter) {
        w.objects(spans) { w, s in
            w.field("field", s.field)
            w.field("start", s.start)
            w.field("end", s.end)
            w.field("text", s.text)
        }
    }

    static func revision(_ r: Revision, into w: inout JSONWriter) {
        w.beginObject()
        w.field("id", r.id)
        w.field("event_id", r.eventID)
        w.field("version", r.version)
        w.field("at", r.at)
        w.field("kind", r.kind)
        w.field("reason", r.reason)
        w.key("changes")
        FieldChange.write(r.changes, to: &w)
        w.endObject()
    }

    /// The event, each report with its article and the spans behind its fields, the merge trail
    /// (rule and scores of each link) and the revisions.
    static func detail(_ d: EventDetail, anchor: EventAnchor?) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.key("reports")
        w.objects(d.reports) { w, r in
            w.key("mention")
            mention(r.mention, into: &w)
            w.key("article")
            article(r.article, into: &w)
            w.key("evidence")
            evidence(r.evidence, into: &w)
        }
        w.key("merge_trail")
        w.objects(d.links) { w, l in
            w.field("mention", l.mention)
            w.field("linked_to", l.linkedTo)
            w.field("rule", l.evidence.rule)
            w.field("score", l.evidence.score, decimals: 3)
            w.field("day_delta", l.evidence.dayDelta)
            w.field("place_km", l.evidence.placeKm, decimals: 1)
            w.field("place_rule", l.evidence.placeRule)
            w.field("actor_rule", l.evidence.actorRule)
            w.field("text_similarity", l.evidence.textSimilarity, decimals: 3)
            w.field("summary", l.evidence.summary)
        }
        w.key("revisions")
        w.beginArray()
        for r in d.revisions { revision(r, into: &w) }
        w.endArray()
        w.endObject()
        return "{\"event\":" + event(d.event, anchor: anchor) + "," + w.out.dropFirst()
    }

    /// The cleaned text and every span Sitrep used, per report, with the event each report joined.
    static func articleDetail(_ a: ArticleDetail, eventOf: [String: String]) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.key("article")
        article(a.article, into: &w)
        w.field("text", a.text)
        w.key("reports")
        w.objects(a.mentions) { w, m in
            w.field("event_id", eventOf[m.id])
            w.key("mention")
            mention(m, into: &w)
            w.key("evidence")
            evidence(a.evidence[m.id] ?? [], into: &w)
        }
        w.key("copies")
        w.beginArray()
        for c in a.copies { article(c, into: &w) }
        w.endArray()
        w.endObject()
        return w.out
    }

    static func deletion(_ d: Deletion, into w: inout JSONWriter) {
        w.beginObject()
        w.field("event_id", d.eventID)
        w.field("at", d.at)
        w.field("reason", d.reason)
        w.field("replaced_by", d.replacedBy)
        w.endObject()
    }

    static func changes(_ f: ChangeFeed, since: String, anchors: [String: EventAnchor]) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.field("since", since)
        w.key("revisions")
        w.beginArray()
        for r in f.revisions { revision(r, into: &w) }
        w.endArray()
        w.key("deletions")
        w.beginArray()
        for d in f.deletions { deletion(d, into: &w) }
        w.endArray()
        w.endObject()
        return "{\"changed\":[" + f.changed.map { event($0, anchor: anchors[$0.id]) }.joined(separator: ",") + "]," + w.out.dropFirst()
    }

    static func ingestReport(_ r: IngestReport, into w: inout JSONWriter) {
        w.beginObject()
        w.field("articles_added", r.articlesAdded)
        w.field("articles_unchanged", r.articlesUnchanged)
        w.field("articles_superseded", r.articlesSuperseded)
        w.field("near_duplicates", r.nearDuplicates)
        w.field("reports_added", r.mentionsAdded)
        w.field("events_created", r.eventsCreated)
        w.field("events_updated", r.eventsUpdated)
        w.field("events_deleted", r.eventsDeleted)
        w.endObject()
    }
}
