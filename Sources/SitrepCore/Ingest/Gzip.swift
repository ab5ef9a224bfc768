import Foundation

/// Reads gzip files (RFC 1952) with a small DEFLATE decoder (RFC 1951), so archived
/// `.html.gz` / `.jsonl.gz` crawls can be read without linking zlib, which Foundation
/// on Linux does not expose.
public enum Gzip {
    public static func isGzip(_ data: Data) -> Bool {
        data.count >= 2 && data[data.startIndex] == 0x1F && data[data.startIndex + 1] == 0x8B
    }

    /// Most bytes a file may expand to unless the caller says otherwise: far above any crawl file
    /// of news, far below what a decompression bomb (5 MB that expand to 5.5 GB) would take.
    public static let defaultLimit = 256 << 20

    /// Decompresses every member of a gzip file, checking each member's CRC-32 and length; the
    /// reason names what is wrong otherwise. Output past `limit` bytes stops decoding at once.
    public static func decompress(_ data: Data, limit: Int = defaultLimit) throws -> Data {
        let bytes = [UInt8](data)
        // The trailer states the last member's length (modulo 4 GiB): a bomb that says how big
        // it is is refused before any work.
        if bytes.count >= 18 {
            let n = bytes.count
            let declared = Int(UInt32(bytes[n - 4]) | UInt32(bytes[n - 3]) << 8 | UInt32(bytes[n - 2]) << 16 | UInt32(bytes[n - 1]) << 24)
            if declared > limit { throw tooLarge(limit) }
        }
        var out = [UInt8]()
        out.reserveCapacity(min(limit, bytes.count.multipliedReportingOverflow(by: 4).overflow ? limit : bytes.count * 4))
        var pos = 0
        repeat {
            pos = try member(bytes, at: pos, into: &out, limit: limit)
            // Some writers pad the file with zeros after the last member.
            while pos < bytes.count, bytes[pos] == 0 { pos += 1 }
        } while pos + 1 < bytes.count && bytes[pos] == 0x1F && bytes[pos + 1] == 0x8B
        return Data(out)
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    static func tooLarge(_ limit: Int) -> Failure {
        Failure(description: "gzip: expands to more than \(limit >> 20) MB, the most a file may expand to (a decompression bomb?)")
    }

    private static func member(_ b: [UInt8], at start: Int, into out: inout [UInt8], limit: Int) throws -> Int {
        guard b.count - start >= 18, b[start] == 0x1F, b[start + 1] == 0x8B else {
            throw Failure(description: "not a gzip file")
        }
        guard b[start + 2] == 8 else { throw Failure(description: "gzip: unknown compression method") }
        let flags = b[start + 3]
        var p = start + 10
        func need(_ k: Int) throws { if p + k > b.count { throw Failure(description: "gzip: truncated header") } }
        if flags & 0x04 != 0 {
            try need(2)
            let xlen = Int(b[p]) | Int(b[p + 1]) << 8
            p += 2 + xlen
        }
        if flags & 0x08 != 0 { while p < b.count, b[p] != 0 { p += 1 }; p += 1 }
        if flags & 0x10 != 0 { while p < b.count, b[p] != 0 { p += 1 }; p += 1 }
        if flags & 0x02 != 0 { p += 2 }
        try need(0)
        let before = out.count
        var inflater = Inflater(bytes: b, position: p, limit: limit)
        try inflater.run(into: &out)
        p = inflater.bytePositionAfterBlocks
        guard p + 8 <= b.count else { throw Failure(description: "gzip: truncated (no trailer)") }
        func le32(_ i: Int) -> UInt32 { UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24 }
        if CRC32.checksum(out[before...]) != le32(p) {
            throw Failure(description: "gzip: CRC-32 check failed (the file is corrupt)")
        }
        if UInt32(truncatingIfNeeded: out.count - before) != le32(p + 4) {
            throw Failure(description: "gzip: length check failed")
        }
        return p + 8
    }
}

/// CRC-32 (IEEE 802.3, as gzip and zlib use it), table-driven.
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        table.withUnsafeBufferPointer { t in
            for b in bytes { c = t[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        }
        return c ^ 0xFFFF_FFFF
    }
}

/// DEFLATE decoder after zlib's `puff.c`: canonical Huffman tables decoded bit by bit.
struct Inflater {
    let bytes: [UInt8]
    var pos: Int
    var bitBuffer: UInt32 = 0
    var bitCount: Int = 0
    /// Output past this many bytes (all members together) fails.
    let limit: Int

    init(bytes: [UInt8], position: Int, limit: Int = Gzip.defaultLimit) {
        self.bytes = bytes
        self.pos = position
        self.limit = limit
    }

    var bytePositionAfterBlocks: Int { pos }

    struct Huffman {
        var counts = [Int](repeating: 0, count: 16)
        var symbols: [Int]

        init(lengths: ArraySlice<Int>) {
            symbols = [Int](repeating: 0, count: lengths.count)
            for l in lengths { counts[l] += 1 }
            var offsets = [Int](repeating: 0, count: 16)
            for len in 1..<15 { offsets[len + 1] = offsets[len] + counts[len] }
            for (sym, l) in lengths.enumerated() where l != 0 {
                symbols[offsets[l]] = sym
                offsets[l] += 1
            }
        }
    }

    static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
                             67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769,
                           1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    static let distExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11,
                            12, 12, 13, 13]
    static let fixedTables: (Huffman, Huffman) = {
        var l = [Int](repeating: 8, count: 288)
        for i in 144..<256 { l[i] = 9 }
        for i in 256..<280 { l[i] = 7 }
        return (Huffman(lengths: l[...]), Huffman(lengths: [Int](repeating: 5, count: 30)[...]))
    }()

    mutating func bits(_ need: Int) throws -> Int {
        while bitCount < need {
            guard pos < bytes.count else { throw Gzip.Failure(description: "gzip: compressed data truncated") }
            bitBuffer |= UInt32(bytes[pos]) << UInt32(bitCount)
            pos += 1
            bitCount += 8
        }
        let v = Int(bitBuffer & ((1 << UInt32(need)) - 1))
        bitBuffer >>= UInt32(need)
        bitCount -= need
        return v
    }

    mutating func decode(_ h: Huffman) throws -> Int {
        var code = 0, first = 0, index = 0
        for len in 1..<16 {
            code |= try bits(1)
            let count = h.counts[len]
            if code - count < first { return h.symbols[index + (code - first)] }
            index += count
            first += count
            first <<= 1
            code <<= 1
        }
        throw Gzip.Failure(description: "gzip: invalid Huffman code")
    }

    mutating func run(into out: inout [UInt8]) throws {
        var last = 0
        repeat {
            last = try bits(1)
            switch try bits(2) {
            case 0: try stored(into: &out)
            case 1: try codes(Inflater.fixedTables.0, Inflater.fixedTables.1, into: &out)
            case 2:
                let (l, d) = try dynamicTables()
                try codes(l, d, into: &out)
            default: throw Gzip.Failure(description: "gzip: invalid block type")
            }
        } while last == 0
        // The trailer starts at the next byte boundary.
        bitBuffer = 0
        bitCount = 0
    }

    mutating func stored(into out: inout [UInt8]) throws {
        bitBuffer = 0
        bitCount = 0
        guard pos + 4 <= bytes.count else { throw Gzip.Failure(description: "gzip: compressed data truncated") }
        let len = Int(bytes[pos]) | Int(bytes[pos + 1]) << 8
        let nlen = Int(bytes[pos + 2]) | Int(bytes[pos + 3]) << 8
        guard len == (~nlen & 0xFFFF) else { throw Gzip.Failure(description: "gzip: corrupt stored block") }
        pos += 4
        guard pos + len <= bytes.count else { throw Gzip.Failure(description: "gzip: compressed data truncated") }
        guard out.count + len <= limit else { throw Gzip.tooLarge(limit) }
        out.append(contentsOf: bytes[pos..<(pos + len)])
        pos += len
    }

    mutating func dynamicTables() throws -> (Huffman, Huffman) {
        let nlen = try bits(5) + 257, ndist = try bits(5) + 1, ncode = try bits(4) + 4
        guard nlen <= 286, ndist <= 30 else { throw Gzip.Failure(description: "gzip: bad table sizes") }
        let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
        var lengths = [Int](repeating: 0, count: 320)
        for i in 0..<ncode { lengths[order[i]] = try bits(3) }
        let lencode = Huffman(lengths: lengths[0..<19])
        var index = 0
        while index < nlen + ndist {
            var symbol = try decode(lencode)
            if symbol < 16 {
                lengths[index] = symbol
                index += 1
                continue
            }
            var len = 0
            if symbol == 16 {
                guard index > 0 else { throw Gzip.Failure(description: "gzip: repeat with no length") }
                len = lengths[index - 1]
                symbol = 3 + (try bits(2))
            } else if symbol == 17 {
                symbol = 3 + (try bits(3))
            } else {
                symbol = 11 + (try bits(7))
            }
            guard index + symbol <= nlen + ndist else { throw Gzip.Failure(description: "gzip: too many lengths") }
            for _ in 0..<symbol { lengths[index] = len; index += 1 }
        }
        return (Huffman(lengths: lengths[0..<nlen]), Huffman(lengths: lengths[nlen..<(nlen + ndist)]))
    }

    mutating func codes(_ lencode: Huffman, _ distcode: Huffman, into out: inout [UInt8]) throws {
        while true {
            var symbol = try decode(lencode)
            if symbol < 256 {
                guard out.count < limit else { throw Gzip.tooLarge(limit) }
                out.append(UInt8(symbol))
                continue
            }
            if symbol == 256 { return }
            symbol -= 257
            guard symbol < 29 else { throw Gzip.Failure(description: "gzip: bad length code") }
            let len = Inflater.lengthBase[symbol] + (try bits(Inflater.lengthExtra[symbol]))
            let ds = try decode(distcode)
            guard ds < 30 else { throw Gzip.Failure(description: "gzip: bad distance code") }
            let dist = Inflater.distBase[ds] + (try bits(Inflater.distExtra[ds]))
            guard dist <= out.count else { throw Gzip.Failure(description: "gzip: distance too far back") }
            guard out.count + len <= limit else { throw Gzip.tooLarge(limit) }
            let from = out.count - dist
            for k in 0..<len { out.append(out[from + k]) }
        }
    }
}
