/// Decodes HTML character references (`&amp;`, `&rsquo;`, `&#8217;`, `&#x2019;`).
enum HTMLEntities {
    /// Named references from lexicon/clean-html-entities.txt, as UTF-8 bytes.
    static let named: [String: [UInt8]] = {
        var table: [String: [UInt8]] = [:]
        table.reserveCapacity(2300)
        for row in Lexicon.table("lexicon/clean-html-entities.txt") where row.count == 2 {
            var bytes: [UInt8] = []
            for hex in row[1].split(separator: " ") {
                if let v = UInt32(hex, radix: 16) { TextDecoding.appendUTF8(v, to: &bytes) }
            }
            table[row[0]] = bytes
        }
        return table
    }()

    /// Decodes the reference starting at `b[i]` (an `&`) into `out`; returns the bytes consumed,
    /// or 0 when it is not a reference (the `&` is then literal text).
    static func decode(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int, into out: inout [UInt8]) -> Int {
        var j = i + 1
        guard j < end else { return 0 }
        if b[j] == UInt8(ascii: "#") {
            j += 1
            var value: UInt32 = 0
            var digits = 0
            let hex = j < end && (b[j] | 0x20) == UInt8(ascii: "x")
            if hex { j += 1 }
            while j < end, digits < 8 {
                let c = b[j]
                var d: UInt32
                if c >= 0x30 && c <= 0x39 { d = UInt32(c - 0x30) }
                else if hex, (c | 0x20) >= 0x61, (c | 0x20) <= 0x66 { d = UInt32((c | 0x20) - 0x61 + 10) }
                else { break }
                value = value * (hex ? 16 : 10) + d
                digits += 1
                j += 1
            }
            guard digits > 0 else { return 0 }
            if j < end, b[j] == UInt8(ascii: ";") { j += 1 }
            TextDecoding.appendUTF8(numericScalar(value), to: &out)
            return j - i
        }
        // Names are ASCII letters and digits, at most 32 long.
        while j < end, j - i <= 32 {
            let c = b[j]
            let isAlnum = (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A)
            if !isAlnum { break }
            j += 1
        }
        guard j > i + 1 else { return 0 }
        let name = String(decoding: UnsafeBufferPointer(rebasing: b[(i + 1)..<j]), as: UTF8.self)
        if j < end, b[j] == UInt8(ascii: ";"), let v = named[name + ";"] {
            out.append(contentsOf: v)
            return j + 1 - i
        }
        if let v = named[name] {
            out.append(contentsOf: v)
            return j - i
        }
        return 0
    }

    /// Numeric references name Windows-1252 code points for 0x80–0x9F, as browsers read them.
    static func numericScalar(_ v: UInt32) -> UInt32 {
        if v >= 0x80 && v <= 0x9F { return TextDecoding.windows1252(UInt8(v)) }
        if v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) { return 0xFFFD }
        return v
    }

    /// Decodes every reference in a string.
    static func decode(_ s: String) -> String {
        guard s.utf8.contains(UInt8(ascii: "&")) else { return s }
        var out = [UInt8]()
        var copy = s
        copy.withUTF8 { b in
            out.reserveCapacity(b.count)
            var i = 0
            while i < b.count {
                if b[i] == UInt8(ascii: "&") {
                    let used = decode(b, i, b.count, into: &out)
                    if used > 0 { i += used; continue }
                }
                out.append(b[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
