import Foundation
import SitrepCore

/// One coded event of an ACLED export, in the 2023 schema or the pre-2019 one.
public struct ACLEDRow: Sendable {
    public var eventID: String
    public var date: CivilDate?
    /// The `year` column (nil when the export has none).
    public var year: Int?
    public var timePrecision: Int
    public var eventType: String
    public var subEventType: String
    public var actor1: String
    public var assocActor1: String
    public var inter1: String
    public var actor2: String
    public var assocActor2: String
    public var inter2: String
    public var interaction: String
    public var civilianTargeting: String
    public var country: String
    public var admin1: String
    public var admin2: String
    public var location: String
    public var latitude: Double?
    public var longitude: Double?
    public var geoPrecision: Int
    public var source: String
    public var notes: String
    public var fatalities: Int

    /// Reads an export, new or old schema. Old `EVENT_TYPE` values are kept as they are.
    public static func load(_ url: URL) throws -> [ACLEDRow] {
        let data = try Data(contentsOf: url)
        let table = CSVTable(text: String(decoding: data, as: UTF8.self))
        return table.records.map(ACLEDRow.init(record:))
    }

    public init(record r: [String: String]) {
        func s(_ k: String) -> String { (r[k] ?? "").trimmingCharacters(in: .whitespaces) }
        func i(_ k: String) -> Int { Int(Double(s(k)) ?? 0) }
        eventID = s("event_id_cnty")
        date = ACLEDRow.parseDate(s("event_date"))
        year = Double(s("year")).map { Int($0) }
        timePrecision = i("time_precision")
        eventType = s("event_type")
        subEventType = s("sub_event_type")
        actor1 = s("actor1")
        assocActor1 = r["assoc_actor_1"] != nil ? s("assoc_actor_1") : s("ally_actor_1")
        inter1 = ACLEDRow.interLabel(s("inter1"))
        actor2 = s("actor2")
        assocActor2 = r["assoc_actor_2"] != nil ? s("assoc_actor_2") : s("ally_actor_2")
        inter2 = ACLEDRow.interLabel(s("inter2"))
        interaction = s("interaction")
        civilianTargeting = s("civilian_targeting")
        country = s("country")
        admin1 = s("admin1")
        admin2 = s("admin2")
        location = s("location")
        latitude = Double(s("latitude"))
        longitude = Double(s("longitude"))
        geoPrecision = i("geo_precision")
        source = s("source")
        notes = s("notes")
        fatalities = i("fatalities")
    }

    /// Numeric inter codes (legacy) become the 2023 text labels; 0 or empty becomes "".
    static func interLabel(_ v: String) -> String {
        if let n = Double(v) {
            return Inter(rawValue: Int(n))?.label ?? ""
        }
        return v
    }

    /// "2022-02-23" (also with a time, "2021-01-02T00:00:00Z"), the old "01-January-2015", "21 March
    /// 2020", or "31-12-19" (day, month, two-digit year, as ACLED's older country exports write it).
    static func parseDate(_ s: String) -> CivilDate? {
        if let d = CivilDate(iso: s) { return d }
        let parts = s.split(whereSeparator: { $0 == "-" || $0 == " " || $0 == "/" })
        guard parts.count == 3, let day = Int(parts[0]), let y = Int(parts[2]) else { return nil }
        let year = y < 100 ? 2000 + y : y
        let month: Int
        if let m = Int(parts[1]) {
            month = m
        } else if parts[1].count >= 3,
                  let m = CivilDate.monthNames.firstIndex(where: { $0.lowercased().hasPrefix(parts[1].lowercased().prefix(3)) }) {
            month = m + 1
        } else {
            return nil
        }
        guard CivilDate.isValid(year: year, month: month, day: day) else { return nil }
        return CivilDate(year: year, month: month, day: day)
    }
}
