/// Output formats for coded events: JSON lines, ACLED-compatible CSV, GeoJSON, and the
/// human-readable `--explain` account.
public enum OutputFormat: String, Sendable, CaseIterable {
    case jsonl, csv, geojson
}

public enum EventFormats {
    /// ACLED's region for a country (data: taxonomy/acled-regions.tsv).
    static let regions: [String: String] = {
        var d: [String: String] = [:]
        for row in Lexicon.table("taxonomy/acled-regions.tsv") where row.count >= 2 { d[row[0]] = row[1] }
        return d
    }()

    // MARK: JSON

    /// One event as a JSON object; spans are Unicode code point offsets into the cleaned text.
    public static func json(_ e: CodedEvent, doc: Doc, includeDropped: Bool) -> String {
        var w = JSONWriter()
        writeObject(e, doc: doc, includeDropped: includeDropped, into: &w)
        return w.out
    }

    static func writeObject(_ e: CodedEvent, doc: Doc, includeDropped: Bool, into w: inout JSONWriter) {
        let l = e.location
        w.beginObject()
        w.field("event_id", e.eventID)
        w.field("article_id", e.articleID)
        w.field("event_date", e.eventDate?.description)
        w.field("time_precision", e.timePrecision?.rawValue)
        w.field("disorder_type", e.disorderType.rawValue)
        w.field("event_type", e.eventType.rawValue)
        w.field("sub_event_type", e.subEventType.rawValue)
        w.field("actor1", e.actor1?.name)
        w.field("assoc_actor_1", joined(e.assocActor1))
        w.field("inter1", e.actor1?.inter.label)
        w.field("actor2", e.actor2?.name)
        w.field("assoc_actor_2", joined(e.assocActor2))
        w.field("inter2", e.actor2?.inter.label)
        w.field("interaction", e.interaction.isEmpty ? nil : e.interaction)
        w.field("civilian_targeting", e.civilianTargeting ? "Civilian targeting" : nil)
        w.field("iso", l?.iso)
        w.field("region", l.flatMap { regions[$0.country] })
        w.field("country", l?.country)
        w.field("admin1", nonEmpty(l?.admin1))
        w.field("admin2", nonEmpty(l?.admin2))
        w.field("location", l?.location)
        w.field("latitude", l?.latitude)
        w.field("longitude", l?.longitude)
        w.field("geo_precision", l?.geoPrecision)
        w.field("source", e.source)
        w.field("notes", e.notes)
        w.field("fatalities", e.fatalities)
        w.field("fatalities_low", e.fatalitiesLow)
        w.field("fatalities_high", e.fatalitiesHigh)
        w.field("claimed_fatalities", e.claimedFatalities)
        w.field("claimed_by", e.claimedBy)
        w.field("confidence", e.confidence, decimals: 3)
        w.field("title", e.title)
        w.field("url", e.url)
        w.field("published", e.published?.description)
        if includeDropped { w.field("dropped_reason", e.droppedReason) }
        w.key("evidence")
        writeEvidence(e, doc: doc, withText: true, into: &w)
        w.endObject()
    }

    /// Evidence spans as code point offsets; the CSV cell leaves out the text to stay readable.
    static func writeEvidence(_ e: CodedEvent, doc: Doc, withText: Bool, into w: inout JSONWriter) {
        w.objects(e.evidence) { w, ev in
            w.field("field", ev.field)
            w.field("start", doc.codePointOffset(ev.span.start))
            w.field("end", doc.codePointOffset(ev.span.end))
            if withText { w.field("text", ev.text) }
        }
    }

    static func joined(_ actors: [Actor]) -> String? {
        actors.isEmpty ? nil : actors.map(\.name).joined(separator: "; ")
    }

    static func nonEmpty(_ s: String?) -> String? {
        guard let s, !s.isEmpty else { return nil }
        return s
    }

    // MARK: CSV

    /// ACLED's column names in ACLED's order, then Sitrep's own columns.
    public static let csvHeader = [
        "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
        "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
        "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
        "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
        // Sitrep's columns
        "article_id", "fatalities_low", "fatalities_high", "claimed_fatalities", "claimed_by", "confidence",
        "dropped_reason", "title", "url", "published", "evidence",
    ]

    public static func csvRow(_ e: CodedEvent, doc: Doc) -> String {
        let l = e.location
        var evidence = JSONWriter()
        writeEvidence(e, doc: doc, withText: false, into: &evidence)
        let cells: [String] = [
            e.eventID, e.eventDate?.description ?? "", e.eventDate.map { String($0.year) } ?? "",
            e.timePrecision.map { String($0.rawValue) } ?? "", e.disorderType.rawValue, e.eventType.rawValue,
            e.subEventType.rawValue, e.actor1?.name ?? "", joined(e.assocActor1) ?? "", e.actor1?.inter.label ?? "",
            e.actor2?.name ?? "", joined(e.assocActor2) ?? "", e.actor2?.inter.label ?? "", e.interaction,
            e.civilianTargeting ? "Civilian targeting" : "", l?.iso.map(String.init) ?? "",
            l.flatMap { regions[$0.country] } ?? "", l?.country ?? "", l?.admin1 ?? "", l?.admin2 ?? "", l?.admin3 ?? "",
            l?.location ?? "", l.map { JSONWriter.format($0.latitude, decimals: 4) } ?? "",
            l.map { JSONWriter.format($0.longitude, decimals: 4) } ?? "", l.map { String($0.geoPrecision) } ?? "",
            e.source ?? "", "", e.notes, String(e.fatalities), "", "",
            e.articleID, String(e.fatalitiesLow), String(e.fatalitiesHigh), e.claimedFatalities.map(String.init) ?? "",
            e.claimedBy ?? "", JSONWriter.format(e.confidence, decimals: 3), e.droppedReason ?? "", e.title ?? "",
            e.url ?? "", e.published?.description ?? "", evidence.out,
        ]
        return cells.map(csvQuote).joined(separator: ",")
    }

    public static func csvQuote(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    // MARK: GeoJSON

    /// One GeoJSON feature; events without coordinates get a null geometry.
    public static func geoJSONFeature(_ e: CodedEvent, doc: Doc, includeDropped: Bool) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.field("type", "Feature")
        w.field("id", e.eventID)
        w.key("geometry")
        if let l = e.location {
            w.beginObject()
            w.field("type", "Point")
            w.key("coordinates")
            w.beginArray()
            w.number(l.longitude)
            w.number(l.latitude)
            w.endArray()
            w.endObject()
        } else {
            w.string(nil)
        }
        w.key("properties")
        writeObject(e, doc: doc, includeDropped: includeDropped, into: &w)
        w.endObject()
        return w.out
    }

    // MARK: Explain

    /// What the analysis found in a document, for `--explain`: the layers every event draws on.
    public static func explainDocument(_ doc: Doc) -> String {
        var s = "══ \(doc.articleID) (\(doc.origin))"
        s += "\n   published \(doc.published?.description ?? "unknown"), source \(doc.source ?? "unknown"), focus country \(doc.focusCountry ?? "unknown")\n"
        if let p = doc.clean.datelinePlace { s += "   dateline place \(p)\n" }
        for r in doc.clean.removed { s += "   cleaning: \(r)\n" }
        func list(_ name: String, _ items: [String]) {
            guard !items.isEmpty else { return }
            s += "   \(name): " + items.joined(separator: "; ") + "\n"
        }
        list("dates", doc.dates.map { "\"\(doc.text($0.span))\" → \($0.date?.description ?? "unresolved") (p\($0.precision.rawValue))" })
        list("places", doc.places.map { "\"\(doc.text($0.span))\" → \($0.place.name), \($0.place.admin1), \($0.place.country) [\($0.qualifier.rawValue)]" })
        list("actors", doc.actors.map { "\"\(doc.text($0.span))\" → \($0.actor.name) (\($0.actor.inter.label)\($0.isGeneric ? ", generic" : ""))" })
        list("casualties", doc.casualties.map { "\"\(doc.text($0.span))\" → \($0.count.value) \($0.outcome.rawValue)\($0.civilianVictims ? ", civilians" : "")" })
        return s + "\n"
    }

    /// A human-readable account of an event and why each field has its value.
    public static func explain(_ e: CodedEvent, doc: Doc) -> String {
        var s = "── \(e.eventID)  \(e.eventType.rawValue) / \(e.subEventType.rawValue)"
        if let r = e.droppedReason { s += "  [not recorded: \(r)]" }
        s += "\n   \(e.notes)\n"
        s += "   article \(e.articleID) (\(doc.origin)), source \(e.source ?? "unknown"), confidence \(JSONWriter.format(e.confidence, decimals: 3))\n"
        for (field, reason) in e.explanation {
            s += "   \(field.padding(toLength: 18, withPad: " ", startingAt: 0)) \(reason)\n"
        }
        if let l = e.location, !l.alternatives.isEmpty {
            s += "   \("alternatives".padding(toLength: 18, withPad: " ", startingAt: 0)) "
                + l.alternatives.prefix(5).map { "\($0.name) (\($0.admin1), \($0.country))" }.joined(separator: "; ") + "\n"
        }
        s += "   evidence:\n"
        for ev in e.evidence {
            s += "     \(ev.field) [\(doc.codePointOffset(ev.span.start))–\(doc.codePointOffset(ev.span.end))] \"\(ev.text)\"\n"
        }
        return s
    }
}
