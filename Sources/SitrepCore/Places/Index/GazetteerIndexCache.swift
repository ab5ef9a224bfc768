import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the gazetteer index lives: built once per set of place sources, outside the repository,
/// in `$SITREP_CACHE_DIR`, else `$XDG_CACHE_HOME/sitrep`, else `~/.cache/sitrep`, else (when none
/// of these can be written) `<temp>/sitrep-cache-<uid>`; the file is `gazetteer/<key>.bin`.
///
/// The key hashes everything the index is made of: the format version, how `PlaceKey` folds a
/// fixed list of names (`gazetteer/key-probes.txt`: a change to the folding rebuilds), and each
/// source file's name, size and gzip trailer (the CRC-32 and length of its content), so a change
/// to any source rebuilds without reading the sources at every start.
///
/// Two processes starting at once do not step on each other: one builds while the other waits on
/// a lock file, and the index is written to a temporary file and renamed into place, so a reader
/// never sees half a file.
public enum GazetteerIndexCache {
    /// Overrides the cache folder (tests, read-only homes).
    public static let environmentVariable = "SITREP_CACHE_DIR"

    /// The cache folder this process uses (created when needed).
    public static var directory: URL {
        let env = ProcessInfo.processInfo.environment
        var candidates: [URL] = []
        if let d = env[environmentVariable], !d.isEmpty { candidates.append(URL(fileURLWithPath: d)) }
        if let d = env["XDG_CACHE_HOME"], !d.isEmpty { candidates.append(URL(fileURLWithPath: d).appendingPathComponent("sitrep")) }
        if let h = env["HOME"], !h.isEmpty { candidates.append(URL(fileURLWithPath: h).appendingPathComponent(".cache/sitrep")) }
        candidates.append(URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("sitrep-cache-\(getuid())"))
        for c in candidates where writable(c.appendingPathComponent("gazetteer")) { return c }
        return candidates.last!
    }

    static func writable(_ dir: URL) -> Bool {
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return FileManager.default.isWritableFile(atPath: dir.path)
    }

    /// The cache key of a gazetteer folder's sources (hex).
    public static func key(for sources: URL) -> String {
        var h = FNV64()
        h.add(GazetteerFormat.magic)
        h.add(GazetteerFormat.version)
        for probe in Lexicon.lines(at: Lexicon.url("gazetteer/key-probes.txt")) {
            h.add(probe)
            h.add(PlaceKey.key(probe))
        }
        let countries = sources.appendingPathComponent("countries.tsv")
        h.add(FileManager.default.contents(atPath: countries.path) ?? Data())
        for f in PlaceSourceFormat.files(in: sources) {
            h.add(f.lastPathComponent)
            guard let handle = try? FileHandle(forReadingFrom: f) else { continue }
            defer { try? handle.close() }
            let size = (try? handle.seekToEnd()) ?? 0
            h.add(size)
            // A gzip member ends with the CRC-32 and the length of what it holds.
            if size >= 8, (try? handle.seek(toOffset: size - 8)) != nil, let trailer = try? handle.read(upToCount: 8) {
                h.add(trailer)
            }
        }
        return String(h.value, radix: 16)
    }

    /// The cached index of these sources, if it is built.
    public static func existingIndex(for sources: URL, cache: URL? = nil) -> URL? {
        let file = (cache ?? directory).appendingPathComponent("gazetteer").appendingPathComponent(key(for: sources) + ".bin")
        return isComplete(file) ? file : nil
    }

    /// What `index(for:)` did, for the message on stderr.
    public struct Built: Sendable {
        public var file: URL
        public var seconds: Double
        public var records: Int
        public var bytes: Int
    }

    /// The index file of the sources in `sources`, built first if the cache has none.
    /// `building` is called before a build starts (with the file it will write), `built` after.
    public static func index(for sources: URL, cache: URL? = nil, building: (URL) -> Void = { _ in },
                             built: (Built) -> Void = { _ in }) throws -> URL {
        guard !PlaceSourceFormat.files(in: sources).isEmpty else { throw GazetteerIndexWriter.Failure.noSources(sources.path) }
        let dir = (cache ?? directory).appendingPathComponent("gazetteer")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent(key(for: sources) + ".bin")
        if isComplete(file) { return file }
        // One builder at a time; the others wait and then find the file.
        let lock = open(dir.appendingPathComponent(file.lastPathComponent + ".lock").path, O_CREAT | O_RDWR, 0o644)
        if lock >= 0 { flock(lock, LOCK_EX) }
        defer {
            if lock >= 0 {
                flock(lock, LOCK_UN)
                close(lock)
            }
        }
        if isComplete(file) { return file }
        building(file)
        let started = Date()
        let temp = dir.appendingPathComponent(".\(file.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        do {
            let stats = try GazetteerIndexWriter.write(sources: sources, to: temp)
            guard rename(temp.path, file.path) == 0 else { throw GazetteerIndexWriter.Failure.badSource(file.path) }
            built(Built(file: file, seconds: Date().timeIntervalSince(started), records: stats.records, bytes: stats.bytes))
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw error
        }
        prune(dir, keeping: file)
        return file
    }

    /// A file with a whole header: the rename makes a half-written file impossible, this guards
    /// against files from other versions that happen to share a name.
    static func isComplete(_ file: URL) -> Bool {
        guard let h = try? FileHandle(forReadingFrom: file) else { return false }
        defer { try? h.close() }
        guard let head = try? h.read(upToCount: 8), head.count == 8 else { return false }
        let words = head.withUnsafeBytes { (UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self)),
                                            UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: 4, as: UInt32.self))) }
        return words.0 == GazetteerFormat.magic && words.1 == GazetteerFormat.version
    }

    /// Keeps the cache from growing with every change of sources: the newest indexes stay (other
    /// checkouts may use them), older ones go. An index still mapped by a running process stays
    /// readable after its file is removed.
    static let kept = 6

    static func prune(_ dir: URL, keeping current: URL) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: dir.path) else { return }
        let files = names.filter { $0.hasSuffix(".bin") }.map { dir.appendingPathComponent($0) }
        func modified(_ u: URL) -> Date { (try? fm.attributesOfItem(atPath: u.path)[.modificationDate] as? Date) ?? .distantPast }
        let old = files.filter { $0 != current }.sorted { modified($0) > modified($1) }.dropFirst(kept - 1)
        for f in old {
            try? fm.removeItem(at: f)
            try? fm.removeItem(at: dir.appendingPathComponent(f.lastPathComponent + ".lock"))
        }
    }
}

/// FNV-1a, 64 bits: a stable hash (Swift's `Hasher` is seeded per process).
struct FNV64 {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add<C: Collection>(bytes: C) where C.Element == UInt8 {
        for b in bytes {
            value ^= UInt64(b)
            value = value &* 0x0000_0100_0000_01B3
        }
        // A separator, so that ("ab", "c") and ("a", "bc") differ.
        value ^= 0xFF
        value = value &* 0x0000_0100_0000_01B3
    }

    mutating func add(_ s: String) { add(bytes: s.utf8) }
    mutating func add(_ d: Data) { add(bytes: d) }
    mutating func add(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { add(bytes: $0) } }
    mutating func add(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { add(bytes: $0) } }
}
