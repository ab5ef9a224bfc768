import Foundation

/// Turns the bytes of an input file into text, whatever encoding the scraper left it in.
///
/// News archives mix UTF-8, UTF-16 exports from Windows tools and Latin-1/Windows-1252
/// dumps (FA-KES is documented as Latin-1). Decoding never traps: every byte sequence
/// either becomes a String or a one-line `DocumentError`.
public enum TextDecoding {
    public static func decode(_ data: Data, origin: String) throws -> String {
        let result: Result<String, DecodingFailure> = data.withUnsafeBytes { raw in
            decode(bytes: UnsafeBufferPointer(start: raw.baseAddress?.assumingMemoryBound(to: UInt8.self),
                                              count: raw.count))
        }
        switch result {
        case .success(let text): return text
        case .failure(let failure): throw DocumentError(origin: origin, reason: failure.reason)
        }
    }

    /// Why a byte sequence is not text.
    enum DecodingFailure: Error, Equatable {
        case empty
        case binary(String)
        case truncated(String)

        var reason: String {
            switch self {
            case .empty: return "empty file"
            case .binary(let why): return "binary data, not text (\(why))"
            case .truncated(let why): return "truncated in the middle of a character (\(why))"
            }
        }
    }

    static func decode(bytes: UnsafeBufferPointer<UInt8>) -> Result<String, DecodingFailure> {
        let n = bytes.count
        guard n > 0 else { return .failure(.empty) }
        if n >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE, !(n >= 4 && bytes[2] == 0 && bytes[3] == 0) {
            return utf16(UnsafeBufferPointer(rebasing: bytes[2...]), bigEndian: false)
        }
        if n >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF {
            return utf16(UnsafeBufferPointer(rebasing: bytes[2...]), bigEndian: true)
        }
        var body = bytes
        if n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            body = UnsafeBufferPointer(rebasing: bytes[3...])
            if body.isEmpty { return .failure(.empty) }
        }
        // UTF-16 written without a byte order mark still shows itself: one byte of each
        // pair is NUL for the ASCII letters that dominate news text.
        if let bigEndian = bomlessUTF16(body) { return utf16(body, bigEndian: bigEndian) }
        if let why = binaryReason(body) { return .failure(.binary(why)) }
        return utf8OrWindows1252(body)
    }

    // MARK: UTF-16

    static func utf16(_ b: UnsafeBufferPointer<UInt8>, bigEndian: Bool) -> Result<String, DecodingFailure> {
        guard !b.isEmpty else { return .failure(.empty) }
        if b.count % 2 != 0 { return .failure(.truncated("UTF-16 data with an odd number of bytes")) }
        var units = [UInt16]()
        units.reserveCapacity(b.count / 2)
        var i = 0
        while i + 1 < b.count {
            let u = bigEndian ? UInt16(b[i]) << 8 | UInt16(b[i + 1]) : UInt16(b[i + 1]) << 8 | UInt16(b[i])
            units.append(u)
            i += 2
        }
        if let last = units.last, (0xD800...0xDBFF).contains(last) {
            return .failure(.truncated("UTF-16 ends inside a surrogate pair"))
        }
        if let u = units.first, u == 0xFEFF { units.removeFirst() }
        // Unpaired surrogates in the middle become U+FFFD, as every UTF-16 reader does.
        return .success(String(decoding: units, as: UTF16.self))
    }

    static func bomlessUTF16(_ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        let sample = min(b.count, 4096) & ~1
        guard sample >= 4 else { return nil }
        var evenZeros = 0, oddZeros = 0
        var i = 0
        while i < sample {
            if b[i] == 0 { evenZeros += 1 }
            if b[i + 1] == 0 { oddZeros += 1 }
            i += 2
        }
        let pairs = sample / 2
        // Most pairs must carry a NUL on one side and almost none on the other.
        if oddZeros * 10 >= pairs * 7, evenZeros * 20 <= pairs { return false }
        if evenZeros * 10 >= pairs * 7, oddZeros * 20 <= pairs { return true }
        return nil
    }

    // MARK: binary detection

    static func binaryReason(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        let sample = min(b.count, 8192)
        var controls = 0
        for i in 0..<sample {
            let c = b[i]
            if c == 0 { return "NUL bytes" }
            // Tab, line feed, form feed, carriage return and escape occur in real text files.
            if c < 0x20, c != 0x09, c != 0x0A, c != 0x0C, c != 0x0D, c != 0x1B { controls += 1 }
            if c == 0x7F { controls += 1 }
        }
        if controls * 10 > sample {
            return "mostly control characters"
        }
        if b.count > sample, let base = b.baseAddress, memchr(base + sample, 0, b.count - sample) != nil {
            return "NUL bytes"
        }
        return nil
    }

    // MARK: UTF-8 with Windows-1252 fallback

    /// Length of the UTF-8 sequence starting at `i`, or 0 if the bytes there are not one,
    /// or -1 if the buffer ends before a sequence that is well formed so far is complete.
    @inline(__always)
    static func sequenceLength(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let n = b.count
        let c = b[i]
        var len: Int
        var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
        switch c {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: len = 2
        case 0xE0: len = 3; lo = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: len = 3
        case 0xED: len = 3; hi = 0x9F
        case 0xF0: len = 4; lo = 0x90
        case 0xF1...0xF3: len = 4
        case 0xF4: len = 4; hi = 0x8F
        default: return 0
        }
        for k in 1..<len {
            if i + k >= n { return -1 }
            let d = b[i + k]
            let (l, h) = k == 1 ? (lo, hi) : (UInt8(0x80), UInt8(0xBF))
            if d < l || d > h { return 0 }
        }
        return len
    }

    static func utf8OrWindows1252(_ b: UnsafeBufferPointer<UInt8>) -> Result<String, DecodingFailure> {
        // Nearly every file is valid UTF-8: one validating pass settles it.
        if let text = String(validating: b, as: UTF8.self) { return .success(text) }
        let n = b.count
        var i = 0
        var multiByte = 0
        var firstInvalid = -1
        while i < n {
            if b[i] < 0x80 { i += 1; continue }
            let len = sequenceLength(b, i)
            if len > 1 { multiByte += 1; i += len; continue }
            if len == -1, firstInvalid < 0 {
                // Only a file that has shown real multi-byte characters is UTF-8 cut short;
                // a Latin-1 file ending in "é" has none.
                if multiByte > 0 { return .failure(.truncated("UTF-8 sequence cut off at byte \(i)")) }
            }
            if firstInvalid < 0 { firstInvalid = i }
            break
        }
        if firstInvalid < 0 { return .success(String(decoding: b, as: UTF8.self)) }
        return .success(mixedDecode(b))
    }

    /// Keeps well-formed UTF-8 sequences and reads every other byte as Windows-1252, so a pure
    /// Latin-1 file and a UTF-8 file with a few stray Latin-1 bytes both come out readable.
    static func mixedDecode(_ b: UnsafeBufferPointer<UInt8>) -> String {
        var out = [UInt8]()
        out.reserveCapacity(b.count + b.count / 4)
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 { out.append(c); i += 1; continue }
            let len = sequenceLength(b, i)
            if len > 1 {
                for k in 0..<len { out.append(b[i + k]) }
                i += len
                continue
            }
            appendUTF8(windows1252(c), to: &out)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Windows-1252 code point of a byte ≥ 0x80; its five undefined bytes keep their Latin-1 value.
    static func windows1252(_ c: UInt8) -> UInt32 {
        guard c >= 0x80, c <= 0x9F else { return UInt32(c) }
        return cp1252High[Int(c) - 0x80]
    }

    private static let cp1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    @inline(__always)
    static func appendUTF8(_ v: UInt32, to out: inout [UInt8]) {
        switch v {
        case 0..<0x80: out.append(UInt8(v))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (v >> 6)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (v >> 12)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (v >> 18)))
            out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }
}
