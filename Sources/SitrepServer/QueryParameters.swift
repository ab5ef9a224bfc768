import Foundation
import SitrepCore
import SitrepStore

/// A request's query string, decoded: `a=1&b=x+y` → ["a": "1", "b": "x y"]. The last value of a
/// repeated name wins. A blank text filter (an HTML form's empty field) filters nothing; a blank
/// number, date or choice is an error, as any other value that is not one.
public struct QueryParameters: Sendable {
    public private(set) var values: [String: String] = [:]

    public init(_ query: String?) {
        guard let query else { return }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            if !name.isEmpty { values[name] = parts.count > 1 ? Self.decode(parts[1]) : "" }
        }
    }

    static func decode(_ s: Substring) -> String {
        let spaced = s.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// A text value; blank counts as absent.
    public subscript(_ name: String) -> String? { values[name].flatMap { $0.isEmpty ? nil : $0 } }

    func int(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let s = values[name] else { return nil }
        guard s.allSatisfy(\.isASCII), let v = Int(s), range.contains(v) else {
            throw APIError.badRequest("\(name) must be an integer in \(range.lowerBound)…\(range.upperBound), got '\(s)'")
        }
        return v
    }

    /// `YYYY-MM-DD` and nothing else: "2024-01-01x" or "2024-1-1" is refused, not read as a prefix.
    func date(_ name: String) throws -> CivilDate? {
        guard let s = values[name] else { return nil }
        guard s.wholeMatch(of: /[0-9]{4}-[0-9]{2}-[0-9]{2}/) != nil, let d = CivilDate(iso: s) else {
            throw APIError.badRequest("\(name) must be a date YYYY-MM-DD, got '\(s)'")
        }
        return d
    }

    /// One of `choices`, spelled as the OpenAPI document lists them, or nil when absent.
    func choice<T>(_ name: String, _ choices: [T], label: (T) -> String) throws -> T? {
        guard let s = values[name] else { return nil }
        guard let v = choices.first(where: { label($0) == s }) else {
            throw APIError.badRequest("\(name) must be one of \(choices.map(label).joined(separator: ", ")), got '\(s)'")
        }
        return v
    }

    /// The filters `sitrep events` takes, under the same names (`type`, `sub_type`, `min_fatalities`
    /// with underscores), plus `q` for free text.
    public func eventFilter() throws -> EventFilter {
        var q = EventQuery()
        q.country = self["country"]
        q.admin1 = self["admin1"]
        q.from = try date("from")
        q.to = try date("to")
        q.eventType = try choice("type", EventType.allCases, label: \.rawValue)
        q.subEventType = try choice("sub_type", SubEventType.allCases, label: \.rawValue)
        q.actor = self["actor"]
        q.minFatalities = try int("min_fatalities", in: 0...1_000_000)
        if let b = values["bbox"] {
            // The OpenAPI document's pattern: four decimals (a map panned round the world more
            // than once gives longitudes past ±180).
            let number = /-?[0-9]{1,4}(\.[0-9]{1,15})?/
            let v = b.split(separator: ",", omittingEmptySubsequences: false)
            guard v.count == 4, v.allSatisfy({ $0.wholeMatch(of: number) != nil }) else {
                throw APIError.badRequest("bbox must be min-lon,min-lat,max-lon,max-lat in decimal degrees, got '\(b)'")
            }
            let d = v.map { Double($0) ?? 0 }
            q.bbox = (d[0], d[1], d[2], d[3])
        }
        q.sort = try choice("sort", EventSort.allCases, label: \.rawValue) ?? q.sort
        if let c = values["cursor"] {
            guard !c.isEmpty else { throw APIError.badRequest("cursor must be the next_cursor of a page, got ''") }
            q.cursor = c
        }
        return EventFilter(query: q, text: self["q"])
    }
}
