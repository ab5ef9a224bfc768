import Foundation
import SitrepCore
import SitrepStore

/// Event lists as JSON bytes, fast: a page of 100 events is most of a list request's work, so
/// strings are copied as UTF-8 in one go when they need no escaping. The object is the one the
/// core's `EventFormats.json` writes for a canonical event, as `sitrep events` prints it (same keys,
/// same order, same values; `Tests/SitrepServerTests` checks they agree) plus the canonical
/// event's counts and sources.
struct EventJSON {
    var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// ACLED's region of a country (the core's data file).
    static let regions: [String: String] = {
        var d: [String: String] = [:]
        for row in Lexicon.table("taxonomy/acled-regions.tsv") where row.count >= 2 { d[row[0]] = row[1] }
        return d
    }()

    mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ s: String?) {
        guard var s else { raw("null"); return }
        bytes.append(UInt8(ascii: "\""))
        s.withUTF8 { u in
            if !u.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
                bytes.append(contentsOf: u)
                return
            }
            for b in u {
                switch b {
                case 0x22: raw("\\\"")
                case 0x5C: raw("\\\\")
                case 0x0A: raw("\\n")
                case 0x0D: raw("\\r")
                case 0x09: raw("\\t")
                case ..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    raw("\\u00")
                    bytes.append(hex[Int(b >> 4)])
                    bytes.append(hex[Int(b & 0xF)])
                default: bytes.append(b)
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func number(_ v: Int?) {
        guard let v else { raw("null"); return }
        bytes.append(contentsOf: String(v).utf8)
    }

    mutating func number(_ v: Double, decimals: Int) {
        bytes.append(contentsOf: JSONWriter.format(v, decimals: decimals).utf8)
    }

    static func nonEmpty(_ s: String) -> String? { s.isEmpty ? nil : s }
    static func joined(_ a: [Actor]) -> String? { a.isEmpty ? nil : a.map(\.name).joined(separator: "; ") }

    /// `anchor` gives the fields the event's anchor article and report hold (as `sitrep events`
    /// prints them); without it they are null and empty.
    mutating func event(_ e: CanonicalEvent, anchor: EventAnchor?) {
        raw("{\"event_id\":"); string(e.id)
        raw(",\"article_id\":"); string(e.anchorArticle)
        raw(",\"event_date\":"); string(e.eventDate.description)
        raw(",\"time_precision\":"); number(e.timePrecision.rawValue)
        raw(",\"disorder_type\":"); string(e.disorderType.rawValue)
        raw(",\"event_type\":"); string(e.eventType.rawValue)
        raw(",\"sub_event_type\":"); string(e.subEventType.rawValue)
        raw(",\"actor1\":"); string(e.actor1?.name)
        raw(",\"assoc_actor_1\":"); string(Self.joined(e.assocActor1))
        raw(",\"inter1\":"); string(e.actor1?.inter.label)
        raw(",\"actor2\":"); string(e.actor2?.name)
        raw(",\"assoc_actor_2\":"); string(Self.joined(e.assocActor2))
        raw(",\"inter2\":"); string(e.actor2?.inter.label)
        raw(",\"interaction\":"); string(Self.nonEmpty(e.interaction))
        raw(",\"civilian_targeting\":"); string(e.civilianTargeting ? "Civilian targeting" : nil)
        raw(",\"iso\":"); number(e.iso)
        raw(",\"region\":"); string(Self.regions[e.country])
        raw(",\"country\":"); string(e.country)
        raw(",\"admin1\":"); string(Self.nonEmpty(e.admin1))
        raw(",\"admin2\":"); string(Self.nonEmpty(e.admin2))
        raw(",\"location\":"); string(e.location)
        raw(",\"latitude\":"); number(e.latitude, decimals: 4)
        raw(",\"longitude\":"); number(e.longitude, decimals: 4)
        raw(",\"geo_precision\":"); number(e.geoPrecision)
        raw(",\"source\":"); string(e.sources.isEmpty ? nil : e.sources.joined(separator: "; "))
        raw(",\"notes\":"); string(e.notes)
        raw(",\"fatalities\":"); number(e.fatalities)
        raw(",\"fatalities_low\":"); number(e.fatalitiesLow)
        raw(",\"fatalities_high\":"); number(e.fatalitiesHigh)
        raw(",\"claimed_fatalities\":"); number(e.claimedFatalities)
        raw(",\"claimed_by\":"); string(e.claimedBy)
        raw(",\"confidence\":"); number(e.confidence, decimals: 3)
        raw(",\"title\":"); string(anchor?.title)
        raw(",\"url\":"); string(anchor?.url)
        raw(",\"published\":"); string(anchor?.published?.description)
        raw(",\"evidence\":[")
        for (i, ev) in (anchor?.evidence ?? []).enumerated() {
            raw(i > 0 ? ",{\"field\":" : "{\"field\":"); string(ev.field)
            raw(",\"start\":"); number(ev.start)
            raw(",\"end\":"); number(ev.end)
            raw(",\"text\":"); string(ev.text)
            raw("}")
        }
        raw("]")
        raw(",\"article_count\":"); number(e.articleCount)
        raw(",\"source_count\":"); number(e.sources.count)
        raw(",\"mention_count\":"); number(e.mentionCount)
        raw(",\"sources\":[")
        for (i, s) in e.sources.enumerated() {
            if i > 0 { raw(",") }
            string(s)
        }
        raw("]}")
    }
}
