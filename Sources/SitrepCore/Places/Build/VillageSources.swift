import Foundation

/// What the village sources (`../shared/data/gazetteer/villages`) need from the places built
/// before them: towns by name to merge into rather than duplicate, a country's admin1 units by
/// any of their names, and a way to add places that keeps those lookups current. Each source is
/// optional: a missing folder adds nothing and the build goes on.
struct TownLookup {
    /// "cc|key" → populated records whose names fold to that key.
    private(set) var byKey: [String: [Int]] = [:]
    /// "cc|key" → admin1 records.
    private(set) var admin1ByKey: [String: Int] = [:]

    init(_ recs: [BuildPlace], countries: [BuildCountry]) {
        for i in recs.indices { add(i, recs[i], iso: countries[recs[i].country].iso2) }
    }

    mutating func add(_ i: Int, _ r: BuildPlace, iso: String) {
        switch r.kind {
        case .populated:
            var seen = Set<String>()
            for n in r.names {
                let k = PlaceKey.key(n)
                if !k.isEmpty, seen.insert(k).inserted { byKey["\(iso)|\(k)", default: []].append(i) }
            }
        case .admin1:
            for n in r.names where admin1ByKey["\(iso)|\(PlaceKey.key(n))"] == nil { admin1ByKey["\(iso)|\(PlaceKey.key(n))"] = i }
        default: break
        }
    }

    func towns(_ iso: String, _ name: String) -> [Int] { byKey["\(iso)|\(PlaceKey.key(name))"] ?? [] }
}

extension GazetteerBuild {
    var villagesFolder: String { "gazetteer/villages" }

    /// A village source's file, or nil (with a note in the report) when this copy of the shared
    /// data does not have it.
    mutating func villageFile(_ relative: String) -> URL? {
        let u = url("\(villagesFolder)/\(relative)")
        guard FileManager.default.fileExists(atPath: u.path) else {
            report.missingSources.append(relative)
            return nil
        }
        return u
    }

    /// A gzipped CSV of a village source.
    func csv(gzipped u: URL) throws -> CSVTable {
        CSVTable(text: String(decoding: try gunzip(u), as: UTF8.self))
    }

    /// Appends a place and keeps `towns` current.
    mutating func append(_ r: BuildPlace, to towns: inout TownLookup) {
        towns.add(recs.count, r, iso: countries[r.country].iso2)
        recs.append(r)
    }

    /// The admin1 record of country `iso` that one of these names (state, oblast, governorate)
    /// denotes, in the gazetteer's (ACLED's) spelling.
    func admin1(_ iso: String, _ names: [String], _ towns: TownLookup) -> Int? {
        for n in names {
            for v in [n] + strippedAdminNames(n) {
                if let i = towns.admin1ByKey["\(iso)|\(PlaceKey.key(v))"] { return i }
            }
        }
        return nil
    }

    /// The town of this name nearest (lat, lon) within `maxKm`, if any: the same place under
    /// another source, whose record takes the new names instead of a second record.
    func sameTown(_ iso: String, _ names: [String], lat: Double, lon: Double, maxKm: Double, _ towns: TownLookup) -> Int? {
        var best: (Int, Double)?
        for n in names {
            for i in towns.towns(iso, n) {
                let d = Earth.distanceKm(lat, lon, recs[i].latitude, recs[i].longitude)
                if d <= maxKm, best == nil || d < best!.1 { best = (i, d) }
            }
        }
        return best?.0
    }

    /// Title case for names a source writes in capitals ("NEW DELHI" → "New Delhi").
    func titleCased(_ s: String) -> String {
        s.lowercased().split(separator: " ", omittingEmptySubsequences: true).map { w in
            w.split(separator: "-", omittingEmptySubsequences: false).map { $0.prefix(1).uppercased() + $0.dropFirst() }
                .joined(separator: "-")
        }.joined(separator: " ")
    }
}
