import Foundation

/// The admin names of places as ACLED uses them, where GeoNames' units are not ACLED's: a
/// GeoNames admin1 whose districts ACLED names as admin1 units (Serbia's "Nisava", "South
/// Backa" inside GeoNames' Central Serbia and Vojvodina), towns without an admin2 that ACLED
/// gives one (Libya's shabiyat), and the names of older periods, written per country to
/// `admin-names/XX.tsv` for `ACLEDAdminNames` to apply by event date.
extension GazetteerBuild {
    /// A unit's votes decide only when most of them agree.
    static let adminVoteShare = 0.8

    mutating func learnACLEDLevels() throws {
        var grid = PointGrid()
        for (i, r) in recs.enumerated() where r.kind == .populated && !r.admin1Code.isEmpty { grid.insert(i, lat: r.latitude, lon: r.longitude) }
        var validFrom: [String: String] = [:]  // iso2 → latest OCHA naming date
        for r in try ochaRows() where r.validFrom > validFrom[r.iso2] ?? "" { validFrom[r.iso2] = r.validFrom }
        var tables: [String: [String]] = [:]
        for cc in Set(acledVotes.exports.flatMap { $0.span.keys }).sorted() {
            guard let ci = countryIndex[cc] else { continue }
            let exports = acledVotes.exports(covering: cc)
            func nearest(_ r: ACLEDAdminVotes.Row) -> Int? {
                grid.nearest(lat: r.latitude, lon: r.longitude, maxKm: 20, where: { self.recs[$0].country == ci })
            }
            // Current names: the latest export.
            var admin1ByCode: [String: [String: Int]] = [:]
            var admin1ByUnit: [String: [String: Int]] = [:]   // code|admin2
            var admin2ByCode: [String: [String: Int]] = [:]
            for r in exports[0].rows where r.country == cc {
                guard let i = nearest(r) else { continue }
                let code = recs[i].admin1Code
                admin1ByCode[code, default: [:]][r.admin1, default: 0] += 1
                admin1ByUnit[code + "|" + recs[i].admin2, default: [:]][r.admin1, default: 0] += 1
                if !r.admin2.isEmpty { admin2ByCode[code, default: [:]][r.admin2, default: 0] += 1 }
            }
            // A level below: within one GeoNames admin1, ACLED's admin1 follows the districts.
            // (In a fixed order: the records added here must come out the same in every build.)
            for code in admin1ByCode.keys.sorted() where (ACLEDAdminVotes.winner(admin1ByCode[code]!)?.share ?? 1) < Self.adminVoteShare {
                for unit in admin1ByUnit.keys.sorted() where unit.hasPrefix(code + "|") {
                    let uv = admin1ByUnit[unit]!
                    let admin2 = String(unit.dropFirst(code.count + 1))
                    guard !admin2.isEmpty, let w = ACLEDAdminVotes.winner(uv), w.share >= Self.adminVoteShare,
                          uv.values.reduce(0, +) >= 2 else { continue }
                    moveToAdmin1(w.name, country: ci, code: code, admin2: admin2)
                }
            }
            // Towns with no admin2 where ACLED's admin2 is one name per GeoNames admin1.
            for (code, v) in admin2ByCode {
                guard let w = ACLEDAdminVotes.winner(v), w.share >= Self.adminVoteShare, v.values.reduce(0, +) >= 2 else { continue }
                for i in recs.indices where recs[i].admin1Code == code && recs[i].kind == .populated && recs[i].admin2.isEmpty {
                    recs[i].admin2 = w.name
                }
            }
            // Older periods: exports that end before the newer ones start, and whose admin1 names
            // for the same places differ (exports that overlap are one period; admin2 spellings
            // that differ within a period are no renaming).
            var rows: [String] = []
            var newerStart = exports[0].span[cc]!.first
            for e in exports.dropFirst() {
                guard let span = e.span[cc], span.last < newerStart else { continue }
                var votes: [String: [String: Int]] = [:]   // current admin1|admin2 → "then admin1\tthen admin2"
                for r in e.rows where r.country == cc {
                    guard let i = nearest(r) else { continue }
                    votes[recs[i].admin1 + "\t" + recs[i].admin2, default: [:]][r.admin1 + "\t" + r.admin2, default: 0] += 1
                }
                // The later naming starts on its OCHA date when that falls after this period, else
                // where the newer export's rows start.
                let nextStart = (validFrom[cc].map { $0 > span.last && $0 < newerStart ? $0 : nil } ?? nil) ?? newerStart
                let to = CivilDate(iso: nextStart).map { $0.adding(days: -1).description } ?? ""
                for unit in votes.keys.sorted() {
                    guard let w = ACLEDAdminVotes.winner(votes[unit]!), w.share >= Self.adminVoteShare else { continue }
                    let now = unit.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                    let then = w.name.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                    guard PlaceKey.key(now[0]) != PlaceKey.key(then[0]) else { continue }
                    rows.append([span.first, to, now[0], now[1], then[0], then[1]].joined(separator: "\t"))
                }
                newerStart = span.first
            }
            if !rows.isEmpty { tables[cc] = rows }
        }
        try writeAdminNameTables(tables)
    }

    /// The towns of one GeoNames district take ACLED's admin1 name for it; the name gets an admin1
    /// record (at the district's seat) so that a report naming it finds it.
    private mutating func moveToAdmin1(_ name: String, country ci: Int, code: String, admin2: String) {
        var members: [Int] = []
        for i in recs.indices where recs[i].country == ci && recs[i].admin1Code == code && recs[i].admin2 == admin2
            && (recs[i].kind == .populated || recs[i].kind == .admin2) {
            recs[i].admin1 = name
            members.append(i)
        }
        guard !recs.contains(where: { $0.kind == .admin1 && $0.country == ci && $0.name == name }),
              let seat = members.filter({ recs[$0].kind == .populated }).max(by: { recs[$0].population < recs[$1].population }) else { return }
        let s = recs[seat]
        recs.append(BuildPlace(id: -(2_000_000 + recs.count), latitude: s.latitude, longitude: s.longitude,
                               population: members.reduce(0) { $0 + recs[$1].population }, name: name, admin1: name, seat: s.name,
                               country: ci, kind: .admin1, names: unique([name, admin2] + strippedAdminNames(admin2)), admin1Code: code))
    }

    private func writeAdminNameTables(_ tables: [String: [String]]) throws {
        let dir = out.appendingPathComponent("admin-names")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for old in (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [] where old.hasSuffix(".tsv") {
            try FileManager.default.removeItem(at: dir.appendingPathComponent(old))
        }
        for (cc, rows) in tables {
            let name = countryIndex[cc].map { countries[$0].acledName } ?? cc
            let text = """
            # \(name): ACLED's admin names of earlier periods, where they differ from the gazetteer's (the names of
            # ACLED's latest export for this country). Derived by GazetteerBuilder from the admin1/admin2 columns
            # of the ACLED exports in ../shared/data/acled-dev (names only, no ACLED row) and OCHA's P-code dates:
            # a period runs from its export's first event to the day before the next naming starts (OCHA's date
            # when later). Applied by event date (ACLEDAdminNames); ACLED's terms of use apply (attribution).
            # from\tto\tadmin1\tadmin2\tACLED admin1 then\tACLED admin2 then

            """ + rows.joined(separator: "\n") + "\n"
            try text.write(to: dir.appendingPathComponent("\(cc).tsv"), atomically: true, encoding: .utf8)
        }
    }
}
