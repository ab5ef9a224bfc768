import Foundation

/// How ACLED names admin units, read from the admin1/admin2 columns of the ACLED exports in
/// `../shared/data/acled-dev` — names only: no row, location or coordinate reaches the output.
///
/// ACLED renames and re-levels units over time (Libya's shabiyat became admin2 under East, West
/// and South in 2018; Serbia's admin1 are its districts, a level below GeoNames' two regions), so
/// every vote keeps the period of the export it comes from: the latest export that covers a
/// country gives its current names (the gazetteer's), older exports that disagree give the names
/// of their period (`gazetteer/admin-names/XX.tsv`, applied by `ACLEDAdminNames` by event date).
struct ACLEDAdminVotes {
    /// One ACLED row as the votes need it.
    struct Row {
        var country: String
        var latitude: Double
        var longitude: Double
        var admin1: String
        var admin2: String
        var date: String
    }

    /// The rows of one export, with the dates it covers per country.
    struct Export {
        var file: String
        var rows: [Row]
        /// ISO 3166-1 alpha-2 → first and last event date (yyyy-mm-dd) of that country's rows.
        var span: [String: (first: String, last: String)]
    }

    var exports: [Export] = []

    init() {}

    init(folder: URL, iso2ByACLEDName: [String: String]) {
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".csv") }.sorted()
        for f in files {
            guard let d = FileManager.default.contents(atPath: folder.appendingPathComponent(f).path) else { continue }
            let t = CSVTable(text: String(decoding: d, as: UTF8.self))
            let col = { (n: String) in t.column(n) ?? t.column(n.uppercased()) }
            guard let ci = col("country"), let ai = col("admin1"), let la = col("latitude"), let lo = col("longitude"),
                  let di = col("event_date") else { continue }
            let a2 = col("admin2")
            var rows: [Row] = []
            var span: [String: (first: String, last: String)] = [:]
            for r in t.rows where r.count > max(ci, ai, la, lo, di, a2 ?? 0) {
                guard let cc = iso2ByACLEDName[r[ci]], let lat = Double(r[la]), let lon = Double(r[lo]), !r[ai].isEmpty,
                      let date = Self.isoDate(r[di]) else { continue }
                rows.append(Row(country: cc, latitude: lat, longitude: lon, admin1: r[ai], admin2: a2.map { r[$0] } ?? "", date: date))
                let s = span[cc] ?? (date, date)
                span[cc] = (min(s.first, date), max(s.last, date))
            }
            exports.append(Export(file: f, rows: rows, span: span))
        }
    }

    /// The exports covering a country, latest period first.
    func exports(covering cc: String) -> [Export] {
        exports.filter { $0.span[cc] != nil }.sorted { $0.span[cc]!.last > $1.span[cc]!.last }
    }

    /// "2022-01-01", "2021-01-02T00:00:00Z", "01 March 2020", "01-April-2015", "01-01-07" → yyyy-mm-dd.
    static func isoDate(_ s: String) -> String? {
        let parts = s.split(whereSeparator: { $0 == "-" || $0 == " " || $0 == "/" || $0 == "T" }).map(String.init)
        guard parts.count >= 3 else { return nil }
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        func month(_ m: String) -> Int? { Int(m) ?? months.firstIndex(of: String(m.lowercased().prefix(3))).map { $0 + 1 } }
        var y: Int?, m: Int?, d: Int?
        if parts[0].count == 4 {
            (y, m, d) = (Int(parts[0]), month(parts[1]), Int(parts[2]))
        } else {
            (d, m, y) = (Int(parts[0]), month(parts[1]), Int(parts[2]))
            if let yy = y, yy < 100 { y = yy < 50 ? 2000 + yy : 1900 + yy }
        }
        guard let y, let m, let d, (1...12).contains(m), (1...31).contains(d) else { return nil }
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    /// The most frequent name of a vote, ties by name.
    static func winner(_ v: [String: Int]) -> (name: String, share: Double)? {
        guard let top = v.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) else { return nil }
        return (top.key, Double(top.value) / Double(v.values.reduce(0, +)))
    }
}
