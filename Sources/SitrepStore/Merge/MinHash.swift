import Foundation

/// A MinHash signature of an article's cleaned text over word 5-shingles (Broder 1997).
///
/// The share of equal slots estimates the Jaccard similarity of the two shingle sets, so a wire
/// story re-published with a new headline, a changed sentence or a doubled body (the set of
/// shingles of a text repeated twice is the set of the text) stays close to 1, while two outlets
/// writing their own account of one event share almost no 5-word run.
public struct MinHashSignature: Sendable, Hashable {
    /// 64 slots: the estimate's standard error is about 0.06, enough to tell copies (≥ 0.5) from
    /// independent reports (< 0.1).
    public static let size = 64
    /// Locality-sensitive hashing: 16 bands of 4 slots; two texts with Jaccard 0.5 share a band
    /// with probability 1 − (1 − 0.5⁴)¹⁶ ≈ 0.65, at 0.7 with probability 0.98.
    public static let bands = 16
    public static let rowsPerBand = 4
    /// Estimated Jaccard similarity from which two articles are one story.
    public static let nearDuplicateThreshold = 0.5
    static let shingleWords = 5

    public var values: [UInt32]

    public init(values: [UInt32]) {
        self.values = values
    }

    public init(text: String) {
        var mins = [UInt32](repeating: .max, count: Self.size)
        var window: [UInt64] = []
        window.reserveCapacity(Self.shingleWords)
        var any = false
        let multipliers = Self.multipliers, seeds = Self.seeds
        mins.withUnsafeMutableBufferPointer { m in
            multipliers.withUnsafeBufferPointer { a in
                seeds.withUnsafeBufferPointer { b in
                    func add(_ shingle: UInt64) {
                        any = true
                        // Slot i hashes with its own multiply-add (a universal hash family): one
                        // multiply per slot instead of a full mixing function keeps this a small
                        // share of extraction.
                        for i in 0..<Self.size {
                            let v = UInt32(truncatingIfNeeded: (shingle &* a[i] &+ b[i]) >> 32)
                            m[i] = min(m[i], v)
                        }
                    }
                    for word in Self.words(text) {
                        if window.count == Self.shingleWords { window.removeFirst() }
                        window.append(word)
                        if window.count == Self.shingleWords { add(Self.combine(window)) }
                    }
                    // Texts shorter than one shingle: the words they have are the shingle.
                    if !any, !window.isEmpty { add(Self.combine(window)) }
                }
            }
        }
        values = mins
    }

    /// Estimated Jaccard similarity of the two shingle sets.
    public func similarity(_ other: MinHashSignature) -> Double {
        guard values.count == other.values.count, !values.isEmpty else { return 0 }
        var same = 0
        for i in 0..<values.count where values[i] == other.values[i] && values[i] != .max { same += 1 }
        return Double(same) / Double(values.count)
    }

    /// One key per band; articles sharing a key are candidate near-duplicates.
    public var bandKeys: [Int64] {
        (0..<Self.bands).map { b in
            var h: UInt64 = 0x9E3779B97F4A7C15 &* UInt64(b + 1)
            for r in 0..<Self.rowsPerBand { h = Self.mix(h ^ UInt64(values[b * Self.rowsPerBand + r])) }
            return Int64(bitPattern: h)
        }
    }

    public var data: Data {
        var d = Data(capacity: values.count * 4)
        for v in values { withUnsafeBytes(of: v.littleEndian) { d.append(contentsOf: $0) } }
        return d
    }

    public init?(data: Data) {
        guard data.count == Self.size * 4 else { return nil }
        let bytes = [UInt8](data)
        values = (0..<Self.size).map { i in
            UInt32(bytes[4 * i]) | UInt32(bytes[4 * i + 1]) << 8 | UInt32(bytes[4 * i + 2]) << 16 | UInt32(bytes[4 * i + 3]) << 24
        }
    }

    // MARK: hashing

    /// Lower-cased letter-and-digit runs, each hashed with FNV-1a. Works on UTF-8 bytes: ASCII
    /// letters are folded to lower case, and every non-ASCII byte counts as part of a word.
    static func words(_ text: String) -> [UInt64] {
        var out: [UInt64] = []
        var h: UInt64 = 0xcbf29ce484222325
        var inWord = false
        for var b in text.utf8 {
            let isWord: Bool
            switch b {
            case 0x41...0x5A: b |= 0x20; isWord = true
            case 0x61...0x7A, 0x30...0x39, 0x80...: isWord = true
            default: isWord = false
            }
            if isWord {
                h = (h ^ UInt64(b)) &* 0x100000001b3
                inWord = true
            } else if inWord {
                out.append(h)
                h = 0xcbf29ce484222325
                inWord = false
            }
        }
        if inWord { out.append(h) }
        return out
    }

    static func combine(_ words: [UInt64]) -> UInt64 {
        var h: UInt64 = 0x2545F4914F6CDD1D
        for w in words { h = mix(h ^ w) }
        return h
    }

    /// SplitMix64's finaliser: a cheap, well-mixed 64-bit permutation.
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E3779B97F4A7C15
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }

    /// Odd multipliers, one per slot.
    static let multipliers: [UInt64] = {
        var s: UInt64 = 0x4D55_4C54_4950_4C59  // "MULTIPLY"
        return (0..<size).map { _ in
            s = mix(s)
            return s | 1
        }
    }()

    /// One seed per slot, fixed so signatures stored yesterday compare with today's.
    static let seeds: [UInt64] = {
        var s: UInt64 = 0x5157_5245_5053_4954  // "SITREPSQ"
        return (0..<size).map { _ in
            s = mix(s)
            return s
        }
    }()
}
