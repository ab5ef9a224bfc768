import Foundation
import SitrepCore
import SitrepStore

/// A request's query string, decoded: `a=1&b=x+y` → ["a": "1", "b": "x y"]. The last value of a
/// repeated name wins; empty values count as absent, so an HTML form's blank fields filter nothing.
public struct QueryParameters: Sendable {
    public private(set) var values: [String: String] = [:]

    public init(_ query: String?) {
        guard let query else { return }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            if !name.isEmpty, !value.isEmpty { values[name] = value }
        }
    }

    static func decode(_ s: Substring) -> String {
        let spaced = s.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    public subscript(_ name: String) -> String? { values[name] }

    func int(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let s = values[name] else { return nil }
        guard let v = Int(s), range.contains(v) else {
            throw APIError.badRequest("\(name) must be an integer in \(range.lowerBound)…\(range.upperBound), got '\(s)'")
        }
        return v
    }

    func date(_ name: String) throws -> CivilDate? {
        guard let s = values[name] else { return nil }
        guard let d = CivilDate(iso: s) else { throw APIError.badRequest("\(name) must be a date YYYY-MM-DD, got '\(s)'") }
        return d
    }

    /// The filters `sitrep events` takes, under the same names (`type`, `sub_type`, `min_fatalities`
    /// with underscores), plus `q` for free text.
    public func eventFilter() throws -> EventFilter {
        var q = EventQuery()
        q.country = values["country"]
        q.admin1 = values["admin1"]
        q.from = try date("from")
        q.to = try date("to")
        if let t = values["type"] {
            guard let v = EventType.allCases.first(where: { $0.rawValue.lowercased() == t.lowercased() }) else {
                throw APIError.badRequest("unknown event type '\(t)'; one of: " + EventType.allCases.map(\.rawValue).joined(separator: ", "))
            }
            q.eventType = v
        }
        if let t = values["sub_type"] {
            guard let v = SubEventType.allCases.first(where: { $0.rawValue.lowercased() == t.lowercased() }) else {
                throw APIError.badRequest("unknown sub-event type '\(t)'")
            }
            q.subEventType = v
        }
        q.actor = values["actor"]
        q.minFatalities = try int("min_fatalities", in: 0...1_000_000)
        if let b = values["bbox"] {
            let v = b.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard v.count == 4, v.allSatisfy(\.isFinite) else {
                throw APIError.badRequest("bbox must be min-lon,min-lat,max-lon,max-lat, got '\(b)'")
            }
            q.bbox = (v[0], v[1], v[2], v[3])
        }
        if let s = values["sort"] {
            guard let v = EventSort(rawValue: s) else {
                throw APIError.badRequest("sort must be one of " + EventSort.allCases.map(\.rawValue).joined(separator: ", "))
            }
            q.sort = v
        }
        q.cursor = values["cursor"]
        return EventFilter(query: q, text: values["q"])
    }
}
