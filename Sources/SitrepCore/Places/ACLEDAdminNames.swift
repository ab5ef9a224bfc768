import Foundation

/// ACLED's admin names of earlier periods (`gazetteer/admin-names/XX.tsv`, derived by the
/// gazetteer build from ACLED's exports and OCHA's dates): an event in Benghazi in June 2016 is
/// in ACLED's admin1 "Al Hizam Al Akhdar", one in 2022 in "East". The gazetteer holds the latest
/// names; these rename a location by its event's date.
public struct ACLEDAdminNames: Sendable {
    public static let shared = ACLEDAdminNames(directory: Gazetteer.directory.appendingPathComponent("admin-names"))

    /// One naming: for places the gazetteer puts in `admin1` (and `admin2`, when given), ACLED
    /// wrote `then1`/`then2` from `from` to `to` (inclusive; yyyy-mm-dd, `to` empty: open).
    struct Naming: Sendable {
        var from: String
        var to: String
        var admin1: String
        var admin2: String
        var then1: String
        var then2: String
    }

    /// By country, ISO alpha-2 (the file's name).
    let byCountry: [String: [Naming]]

    init(directory: URL) {
        var out: [String: [Naming]] = [:]
        for f in ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted() where f.hasSuffix(".tsv") {
            // Not Lexicon.table: trimming would eat the tab before an empty last column.
            let text = (try? String(contentsOf: directory.appendingPathComponent(f), encoding: .utf8)) ?? ""
            for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                let c = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                guard c.count >= 6 else { continue }
                out[String(f.dropLast(4)), default: []].append(Naming(from: c[0], to: c[1], admin1: c[2], admin2: c[3], then1: c[4], then2: c[5]))
            }
        }
        byCountry = out
    }

    /// The location with the admin names ACLED used on `date` (unchanged when no earlier naming applies).
    public func named(_ l: EventLocation, on date: CivilDate?, countryCode: String) -> EventLocation {
        guard let date, let namings = byCountry[countryCode] else { return l }
        let day = date.description
        let a1 = PlaceKey.key(l.admin1), a2 = PlaceKey.key(l.admin2)
        guard let n = namings.first(where: { n in
            n.from <= day && (n.to.isEmpty || day <= n.to) && PlaceKey.key(n.admin1) == a1 && (n.admin2.isEmpty || PlaceKey.key(n.admin2) == a2)
        }) else { return l }
        var out = l
        out.admin1 = n.then1
        if !n.then2.isEmpty { out.admin2 = n.then2 }
        out.explanation += "; admin names as ACLED wrote them from \(n.from)\(n.to.isEmpty ? "" : " to \(n.to)")"
        return out
    }
}
