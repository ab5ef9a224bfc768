import Foundation

/// The gazetteer's committed form: one gzipped TSV a country (`gazetteer/places/SY.tsv.gz`), one
/// place a line, written by `sitrep gazetteer build` from `../shared/data` and read once per
/// change into the memory-mapped index (`GazetteerIndexWriter`, cached by `GazetteerIndexCache`).
/// Text rather than the index itself, so that a change to one country's places rewrites one
/// small file instead of a 50 MB binary in the history.
///
/// Columns (tab-separated; lines starting with `#` are comments):
///
///     id  kind  country  name  admin1  admin2  admin3  seat  latitude  longitude  population  source  flags  names
///
/// `kind` is a `Place.Kind` raw value; `country` ISO 3166-1 alpha-2; `seat` the town an area is
/// coded to; `source` a tag of `gazetteer/sources.tsv`; `flags` `seat` when the coordinates are
/// those of the unit the place belongs to (a Ukrainian village placed at its hromada's seat);
/// `names` the other spellings, `|`-separated (the main name is `name`).
enum PlaceSourceFormat {
    static let folder = "places"
    static let fileSuffix = ".tsv.gz"
    static let header = "# id\tkind\tcountry\tname\tadmin1\tadmin2\tadmin3\tseat\tlatitude\tlongitude\tpopulation\tsource\tflags\tnames"
    static let columnCount = 14
    static let seatFlag = "seat"

    /// One line, as written and read.
    struct Line: Sendable, Equatable {
        var id: Int
        var kind: Place.Kind
        var country: String
        var name: String
        var admin1 = ""
        var admin2 = ""
        var admin3 = ""
        var seat = ""
        var latitude: Double
        var longitude: Double
        var population = 0
        var source: String
        var placedAtSeat = false
        /// Every name to index, the main name first.
        var names: [String]
    }

    static func text(_ l: Line) -> String {
        let others = l.names.first == l.name ? Array(l.names.dropFirst()) : l.names.filter { $0 != l.name }
        return [String(l.id), l.kind.rawValue, l.country, clean(l.name), clean(l.admin1), clean(l.admin2), clean(l.admin3),
                clean(l.seat), coordinate(l.latitude), coordinate(l.longitude), String(l.population), l.source,
                l.placedAtSeat ? seatFlag : "", others.map(clean).filter { !$0.isEmpty && !$0.contains("|") }.joined(separator: "|")]
            .joined(separator: "\t")
    }

    /// Tabs and newlines cannot occur inside a column.
    static func clean(_ s: String) -> String {
        s.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" }) ? s.replacingOccurrences(of: "\t", with: " ")
            .replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ") : s
    }

    /// Five decimals (about a metre), the index's resolution, without trailing zeros.
    static func coordinate(_ v: Double) -> String {
        var s = String(format: "%.5f", v)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s == "-0" ? "0" : s
    }

    static func parse(_ line: Substring) -> Line? {
        guard !line.hasPrefix("#") else { return nil }
        let f = line.split(separator: "\t", omittingEmptySubsequences: false)
        guard f.count == columnCount, let id = Int(f[0]), let kind = Place.Kind(rawValue: String(f[1])),
              let lat = Double(f[8]), let lon = Double(f[9]), let pop = Int(f[10]) else { return nil }
        let name = String(f[3])
        var names = [name]
        if !f[13].isEmpty { names += f[13].split(separator: "|").map(String.init) }
        return Line(id: id, kind: kind, country: String(f[2]), name: name, admin1: String(f[4]), admin2: String(f[5]),
                    admin3: String(f[6]), seat: String(f[7]), latitude: lat, longitude: lon, population: pop,
                    source: String(f[11]), placedAtSeat: f[12] == seatFlag, names: names)
    }

    /// The source files of a gazetteer folder, in the order their records are numbered.
    static func files(in directory: URL) -> [URL] {
        let dir = directory.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(fileSuffix) }.sorted().map { dir.appendingPathComponent($0) }
    }
}
