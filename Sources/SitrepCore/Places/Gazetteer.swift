import Foundation

/// A country as Sitrep knows it: ACLED's spelling, ISO codes and the names and demonyms
/// that point to it in reports.
public struct CountryInfo: Sendable, Hashable {
    public var index: Int
    public var iso2: String
    public var iso3: String
    /// ISO 3166-1 numeric (ACLED's `iso` column).
    public var isoNumeric: Int
    /// ACLED's spelling ("Democratic Republic of Congo").
    public var name: String
    public var latitude: Double
    public var longitude: Double
    public var population: Int
}

/// A gazetteer entry matched by name, with how well it fits the name alone.
public struct PlaceCandidate: Sendable, Hashable {
    public var place: Place
    /// Record number in the gazetteer file (stable for one build).
    public var record: Int
    /// The name matched the place's main name, not one of its alternate names.
    public var mainName: Bool
    /// Prior importance from kind, population and name match; higher is better.
    public var score: Double
    /// Row of the gazetteer's `countries` table.
    public var countryIndex: Int
}

/// Sitrep's bundled gazetteer: GeoNames towns (population ≥ 500) with admin names in
/// ACLED's spellings, UCDP Syrian villages, admin units, hand-written regions and countries.
/// The file is memory-mapped and searched in place (see `GazetteerFormat`).
public final class Gazetteer: Sendable {
    public static let shared: Gazetteer = {
        if let imported = importedDirectory {
            do {
                return try Gazetteer(directory: imported)
            } catch {
                // A wrong path should not silently code every place from the wrong gazetteer.
                FileHandle.standardError.write(Data("sitrep: cannot load $\(environmentVariable) gazetteer (\(error)); using the bundled one\n".utf8))
            }
        }
        do {
            return try Gazetteer(directory: Lexicon.url("gazetteer"))
        } catch {
            // A missing gazetteer is an installation fault; the pipeline still runs, finding no places.
            FileHandle.standardError.write(Data("sitrep: cannot load gazetteer: \(error)\n".utf8))
            return Gazetteer(empty: ())
        }
    }()

    /// Names a gazetteer folder (`places/*.tsv.gz` and `countries.tsv`, as `sitrep gazetteer import`
    /// writes) that `shared` loads instead of the bundled gazetteer. Read once, on first use of `shared`.
    public static let environmentVariable = "SITREP_GAZETTEER"

    /// The word list an imported gazetteer carries beside its sources (see `PlaceLexicon`).
    public static let commonWordsFile = "places-common-words.txt"

    static var importedDirectory: URL? {
        guard let p = ProcessInfo.processInfo.environment[environmentVariable], !p.isEmpty else { return nil }
        return URL(fileURLWithPath: (p as NSString).expandingTildeInPath)
    }

    /// The common-word list of an imported gazetteer, when it has one.
    static var importedCommonWords: URL? {
        guard let u = importedDirectory?.appendingPathComponent(commonWordsFile), FileManager.default.fileExists(atPath: u.path) else { return nil }
        return u
    }

    /// True when `directory` holds place sources (`places/*.tsv.gz`) a gazetteer can be built from.
    public static func hasSources(in directory: URL) -> Bool { !PlaceSourceFormat.files(in: directory).isEmpty }

    /// The folder `shared` is (or would be) loaded from.
    public static var directory: URL { importedDirectory ?? Lexicon.url("gazetteer") }

    private let data: Data
    private let recordCount: Int
    private let recordsOffset: Int
    private let stringsOffset: Int
    private let keyCount: Int
    private let keyIndexOffset: Int
    private let keyBlobOffset: Int
    private let admin1Offset: Int
    private let sourceCount: Int
    private let sourceOffset: Int

    public let countries: [CountryInfo]
    private let countryByKey: [String: Int]
    private let demonymByKey: [String: [Int]]
    private let countryByISO: [String: Int]
    /// Country names folded plainly (no transliteration), for exact country matches.
    private let countryNames: Set<String>
    /// Longest name in words, bounding the n-grams the resolver tries.
    public let maxNameWords = 6

    public enum LoadError: Error { case badFile(String) }

    private let skeletons = SkeletonIndex()
    /// Every key of the file, hashed: most word runs the resolver tries are no name, and this
    /// answers them without a binary search over the keys.
    private let keyFilter: KeyFilter

    /// The gazetteer of a folder of place sources (`places/*.tsv.gz`, `countries.tsv`): its index
    /// comes from the cache, built there first when these sources have none (`GazetteerIndexCache`).
    public convenience init(directory: URL) throws {
        let index = try GazetteerIndexCache.index(for: directory, building: { file in
            FileHandle.standardError.write(Data("""
                sitrep: building the gazetteer index of \(directory.path) (once for these sources; about \
                10 s in a release build, 30 s in a debug build) into \(file.path)\n
                """.utf8))
        }, built: { b in
            FileHandle.standardError.write(Data(String(format: "sitrep: gazetteer index built in %.1f s: %d places, %.0f MB\n",
                                                       b.seconds, b.records, Double(b.bytes) / 1_000_000).utf8))
        })
        try self.init(index: index, countries: directory.appendingPathComponent("countries.tsv"))
    }

    /// A built index file and the countries table its records point to.
    public init(index binURL: URL, countries countriesURL: URL) throws {
        data = try Data(contentsOf: binURL, options: .alwaysMapped)
        guard data.count >= GazetteerFormat.headerWords * 4 else { throw LoadError.badFile(binURL.path) }
        let h: [Int] = data.withUnsafeBytes { raw in
            (0..<GazetteerFormat.headerWords).map { Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
        }
        guard h[0] == Int(GazetteerFormat.magic), h[1] == Int(GazetteerFormat.version) else { throw LoadError.badFile(binURL.path) }
        recordCount = h[2]
        recordsOffset = h[3]
        stringsOffset = h[4]
        keyCount = h[6]
        keyIndexOffset = h[7]
        keyBlobOffset = h[8]
        admin1Offset = h[11]
        sourceCount = h[12]
        sourceOffset = h[13]
        keyFilter = Gazetteer.filter(data, keyCount: h[6], keyIndexOffset: h[7], keyBlobOffset: h[8])

        var cs: [CountryInfo] = []
        var byKey: [String: Int] = [:]
        var byDemonym: [String: [Int]] = [:]
        var byISO: [String: Int] = [:]
        var names = Set<String>()
        // Not Lexicon.lines: trimming would eat the tab before an empty last column.
        let tsv = (try? String(contentsOf: countriesURL, encoding: .utf8)) ?? ""
        for f in Gazetteer.countryRows(tsv) {
            let i = cs.count
            cs.append(CountryInfo(index: i, iso2: f[0], iso3: f[1], isoNumeric: Int(f[2]) ?? 0, name: f[3],
                                  latitude: Double(f[4]) ?? 0, longitude: Double(f[5]) ?? 0, population: Int(f[6]) ?? 0))
            byISO[f[0]] = i
            byISO[f[1]] = i
            for n in [f[3]] + f[7].split(separator: "|").map(String.init) {
                let k = PlaceKey.key(n)
                if !k.isEmpty, byKey[k] == nil { byKey[k] = i }
                names.insert(Gazetteer.plainName(n))
            }
            for d in f[8].split(separator: "|") {
                // Demonyms match on plain folding: transliteration keys are too loose for them ("They" ~ "Thai").
                let k = TextFolding.fold(String(d))
                if !k.isEmpty, !(byDemonym[k]?.contains(i) ?? false) { byDemonym[k, default: []].append(i) }
            }
        }
        countries = cs
        countryByKey = byKey
        demonymByKey = byDemonym
        countryByISO = byISO
        countryNames = names
    }

    /// The rows of `countries.tsv` (nine columns; a row's number is the country index records use).
    static func countryRows(_ tsv: String) -> [[String]] {
        tsv.split(separator: "\n").compactMap { row in
            guard !row.hasPrefix("#") else { return nil }
            var f = row.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 8 else { return nil }
            if f.count == 8 { f.append("") }
            return f
        }
    }

    /// Lower case, diacritics off, punctuation and "the" dropped: "the U.S." → "us".
    static func plainName(_ s: String) -> String {
        s.utf8.allSatisfy({ $0 < 0x80 }) ? asciiPlainName(s) : foldedPlainName(s)
    }

    /// `plainName` of an ASCII name (most of them), byte by byte: the same result as
    /// `foldedPlainName` without splitting into Strings.
    static func asciiPlainName(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var wordStart = 0
        func endWord() {
            let n = out.count - wordStart
            if n == 3, out[wordStart] == 116, out[wordStart + 1] == 104, out[wordStart + 2] == 101 {  // "the"
                out.removeLast(wordStart > 0 ? 4 : 3)
            }
        }
        var inWord = false
        for b in s.utf8 {
            let lower = b >= 65 && b <= 90 ? b + 32 : b
            if (lower >= 97 && lower <= 122) || (lower >= 48 && lower <= 57) {
                if !inWord {
                    if !out.isEmpty { out.append(32) }
                    wordStart = out.count
                    inWord = true
                }
                out.append(lower)
            } else if inWord {
                endWord()
                inWord = false
            }
        }
        if inWord { endWord() }
        return String(decoding: out, as: UTF8.self)
    }

    static func foldedPlainName(_ s: String) -> String {
        let words = TextFolding.fold(s).split { !($0.isLetter || $0.isNumber) }.map(String.init)
        return words.filter { $0 != "the" }.joined(separator: " ")
    }

    /// True when `name` is one of a country's names (plain folding, not transliteration keys).
    public func isCountryName(_ name: String) -> Bool { countryNames.contains(Gazetteer.plainName(name)) }

    private init(empty: Void) {
        data = Data()
        recordCount = 0; recordsOffset = 0; stringsOffset = 0; keyCount = 0; keyIndexOffset = 0; keyBlobOffset = 0
        admin1Offset = 0; sourceCount = 0; sourceOffset = 0
        keyFilter = KeyFilter()
        countries = []; countryByKey = [:]; demonymByKey = [:]; countryByISO = [:]; countryNames = []
    }

    public var count: Int { recordCount }

    // MARK: Lookup

    /// Gazetteer entries whose name (any spelling) folds like `name`, best first.
    public func lookup(_ name: String) -> [Place] {
        candidates(name).map(\.place)
    }

    /// Like `lookup`, with each candidate's prior score.
    public func candidates(_ name: String) -> [PlaceCandidate] {
        candidates(key: Array(PlaceKey.key(name).utf8))
    }

    public func candidates(key: [UInt8]) -> [PlaceCandidate] {
        postings(key: key).map { candidate(record: $0.record, mainName: $0.mainName) }
    }

    private static func filter(_ data: Data, keyCount: Int, keyIndexOffset: Int, keyBlobOffset: Int) -> KeyFilter {
        var f = KeyFilter(bits: keyCount * 16)
        data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress, keyCount > 0 else { return }
            let kbase = base + keyBlobOffset
            for i in 0..<keyCount {
                let off = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: keyIndexOffset + i * 4, as: UInt32.self)))
                let len = Int(kbase.load(fromByteOffset: off, as: UInt8.self))
                f.insert(UnsafeRawBufferPointer(start: kbase + off + 1, count: len))
            }
        }
        return f
    }

    /// Record numbers indexed under a key, best first.
    public func postings(key: [UInt8]) -> [(record: Int, mainName: Bool)] {
        guard keyCount > 0, !key.isEmpty, keyFilter.mayContain(key) else { return [] }
        return data.withUnsafeBytes { raw -> [(record: Int, mainName: Bool)] in
            guard let base = raw.baseAddress else { return [] }
            let kbase = base + keyBlobOffset
            var lo = 0, hi = keyCount - 1
            while lo <= hi {
                let mid = (lo + hi) >> 1
                let off = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: keyIndexOffset + mid * 4, as: UInt32.self)))
                let len = Int(kbase.load(fromByteOffset: off, as: UInt8.self))
                let c = key.withUnsafeBytes { kb -> Int in
                    let n = min(len, kb.count)
                    let r = memcmp(kbase + off + 1, kb.baseAddress!, n)
                    if r != 0 { return Int(r) }
                    return len - kb.count
                }
                if c < 0 { lo = mid + 1 } else if c > 0 { hi = mid - 1 } else {
                    var out: [(record: Int, mainName: Bool)] = []
                    Gazetteer.readPostings(kbase, at: off + 1 + len) { out.append(($0, $1)) }
                    return out
                }
            }
            return []
        }
    }

    /// The postings stored at `offset` of the key blob: a varint count, then one u32 a record.
    @inline(__always)
    static func readPostings(_ kbase: UnsafeRawPointer, at offset: Int, _ each: (Int, Bool) -> Void) {
        var p = offset
        var n = 0, shift = 0
        while true {
            let b = kbase.load(fromByteOffset: p, as: UInt8.self)
            p += 1
            n |= Int(b & 0x7F) << shift
            shift += 7
            if b & 0x80 == 0 { break }
        }
        for j in 0..<n {
            let v = UInt32(littleEndian: (kbase + p + j * 4).loadUnaligned(as: UInt32.self))
            each(Int(v & ~GazetteerFormat.mainNameFlag), v & GazetteerFormat.mainNameFlag != 0)
        }
    }

    /// Populated places whose name (any spelling) has this consonant skeleton (`PlaceKey.skeleton`),
    /// from an index built on first use: the file holds no such index, and most documents
    /// never need it (see `Reading.spotSoundalike`).
    public func soundalikes(skeleton: [UInt8]) -> [Int] {
        skeletons.index(self)[skeleton] ?? []
    }

    /// Builds the sound-alike index now rather than on first use: a batch run pays for it once,
    /// up front, instead of holding up the first documents.
    public func prepareSoundalikes() {
        _ = skeletons.index(self)
    }

    /// Every key in the file with the records it indexes, in key order, read in one pass.
    func forEachKey(_ body: (UnsafeRawBufferPointer, [Int]) -> Void) {
        data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress, keyCount > 0 else { return }
            let kbase = base + keyBlobOffset
            var records: [Int] = []
            for i in 0..<keyCount {
                let off = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: keyIndexOffset + i * 4, as: UInt32.self)))
                let len = Int(kbase.load(fromByteOffset: off, as: UInt8.self))
                records.removeAll(keepingCapacity: true)
                Gazetteer.readPostings(kbase, at: off + 1 + len) { record, _ in records.append(record) }
                body(UnsafeRawBufferPointer(start: kbase + off + 1, count: len), records)
            }
        }
    }

    /// True when some name folds to exactly this key (cheap pre-check for the resolver).
    public func contains(key: [UInt8]) -> Bool { !postings(key: key).isEmpty }

    // MARK: Records

    public func candidate(record: Int, mainName: Bool) -> PlaceCandidate {
        let p = place(record: record)
        return PlaceCandidate(place: p, record: record, mainName: mainName, score: Gazetteer.prior(p, mainName: mainName),
                              countryIndex: recordCountry(record))
    }

    /// Importance of a place before any context: kind, population, and whether the main name matched.
    public static func prior(_ p: Place, mainName: Bool) -> Double {
        let kindWeight: Double
        switch p.kind {
        case .country: kindWeight = 3
        // A province and its same-named capital ("Sofia", "Idlib"): "in X" most often means the town.
        case .admin1: kindWeight = 0
        case .region: kindWeight = 1.2
        // A district sums its towns' population; its same-named town should still come first ("Douma").
        case .admin2: kindWeight = -0.6
        // A township or hromada is named after its seat, which "in X" most often means.
        case .admin3: kindWeight = -0.6
        case .populated: kindWeight = p.population == 0 ? 0.2 : 0  // UCDP/hand villages: real but unranked
        }
        let pop = p.kind == .populated ? log10(Double(max(p.population, 300))) : min(6.0, log10(Double(max(p.population, 1000))))
        return kindWeight + pop + (mainName ? 1.0 : 0)
    }

    public func place(record i: Int) -> Place {
        data.withUnsafeBytes { raw -> Place in
            let o = recordsOffset + i * GazetteerFormat.recordSize
            typealias F = GazetteerFormat.RecordField
            func u32(_ at: Int) -> UInt32 { UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt32.self)) }
            func s(_ offset: UInt32) -> String {
                let so = stringsOffset + Int(offset)
                let len = Int(raw.load(fromByteOffset: so, as: UInt8.self))
                return String(decoding: UnsafeRawBufferPointer(rebasing: raw[(so + 1)..<(so + 1 + len)]), as: UTF8.self)
            }
            let a1Row = Int(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: o + F.admin1, as: UInt16.self)))
            let country = Int(raw.load(fromByteOffset: o + F.country, as: UInt8.self))
            let kind = GazetteerFormat.kinds[Int(raw.load(fromByteOffset: o + F.kind, as: UInt8.self))]
            let sourceRow = Int(raw.load(fromByteOffset: o + F.source, as: UInt8.self))
            let flags = raw.load(fromByteOffset: o + F.flags, as: UInt8.self)
            let c = country < countries.count ? countries[country] : nil
            return Place(id: Int(Int32(bitPattern: u32(o + F.id))), name: s(u32(o + F.name)), kind: kind, countryCode: c?.iso2 ?? "",
                         country: c?.name ?? "", admin1: s(u32(admin1Offset + a1Row * 4)), admin2: s(u32(o + F.admin2)),
                         admin3: s(u32(o + F.admin3)),
                         latitude: Double(Int32(bitPattern: u32(o + F.latitude))) / GazetteerFormat.coordinateScale,
                         longitude: Double(Int32(bitPattern: u32(o + F.longitude))) / GazetteerFormat.coordinateScale,
                         population: Int(u32(o + F.population)), seat: s(u32(o + F.seat)),
                         source: sourceRow < sourceCount ? s(u32(sourceOffset + sourceRow * 4)) : "",
                         placedAtSeat: flags & GazetteerFormat.Flag.placedAtSeat != 0)
        }
    }

    func recordCountry(_ i: Int) -> Int {
        data.withUnsafeBytes { raw in
            Int(raw.load(fromByteOffset: recordsOffset + i * GazetteerFormat.recordSize + GazetteerFormat.RecordField.country,
                         as: UInt8.self))
        }
    }

    func recordPopulation(_ i: Int) -> Int {
        data.withUnsafeBytes { raw in
            Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: recordsOffset + i * GazetteerFormat.recordSize
                                                        + GazetteerFormat.RecordField.population, as: UInt32.self)))
        }
    }

    func recordKind(_ i: Int) -> Place.Kind {
        data.withUnsafeBytes { raw in
            GazetteerFormat.kinds[Int(raw.load(fromByteOffset: recordsOffset + i * GazetteerFormat.recordSize + GazetteerFormat.RecordField.kind, as: UInt8.self))]
        }
    }

    // MARK: Countries and admin units

    public func country(named name: String) -> CountryInfo? {
        countryByKey[PlaceKey.key(name)].map { countries[$0] }
    }

    public func country(key: String) -> CountryInfo? { countryByKey[key].map { countries[$0] } }

    /// Countries a demonym points to ("Syrian" → Syria; "Congolese" → both Congos).
    public func countries(demonym: String) -> [CountryInfo] {
        (demonymByKey[TextFolding.fold(demonym)] ?? []).map { countries[$0] }
    }

    /// By a demonym already folded with `TextFolding.fold` (a token's `norm`).
    public func countries(demonymNorm norm: String) -> [CountryInfo] { (demonymByKey[norm] ?? []).map { countries[$0] } }

    /// By ISO alpha-2 or alpha-3 code.
    public func country(iso: String) -> CountryInfo? { countryByISO[iso.uppercased()].map { countries[$0] } }

    /// By ACLED country name.
    public func country(acledName: String) -> CountryInfo? { country(named: acledName) }

    /// An admin1 of a country by any of its names ("Idlib", "Idleb", "Idlib Governorate").
    public func admin1(named name: String, countryCode: String) -> Place? {
        candidates(name).first { $0.place.kind == .admin1 && $0.place.countryCode == countryCode }?.place
    }

    /// The admin1 area record holding a place (for its seat and point).
    public func admin1Place(of place: Place) -> Place? {
        guard !place.admin1.isEmpty else { return nil }
        return candidates(place.admin1).first { $0.place.kind == .admin1 && $0.place.countryCode == place.countryCode }?.place
    }
}

/// The consonant-skeleton index of populated places, built once on first use and shared.
final class SkeletonIndex: @unchecked Sendable {
    private let lock = NSLock()
    private var built: [[UInt8]: [Int]]?

    func index(_ g: Gazetteer) -> [[UInt8]: [Int]] {
        lock.lock()
        defer { lock.unlock() }
        if let built { return built }
        // Only towns of the countries the resolver reads by consonants (PlaceLexicon.abjadCountries).
        let abjad = Set(PlaceLexicon.shared.abjadCountries.compactMap { g.country(iso: $0)?.index })
        var out: [[UInt8]: [Int]] = [:]
        g.forEachKey { key, records in
            var s: [UInt8]? = nil
            for r in records where abjad.contains(g.recordCountry(r)) && g.recordKind(r) == .populated {
                if s == nil { s = PlaceKey.skeleton(Array(key)) }
                guard let s, s.count >= 2 else { return }
                if out[s]?.last != r { out[s, default: []].append(r) }
            }
        }
        built = out
        return out
    }
}
