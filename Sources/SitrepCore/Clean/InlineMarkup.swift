/// Inline tags left in plain text by feeds and page stores that keep a paragraph's markup
/// ("demonstrated in <a href=…>Tel Aviv</a>"): the tags go, their text stays.
enum InlineMarkup {
    /// Longest run read as one tag; anything longer is text that happens to hold a "<".
    static let maxTagLength = 600

    static func strip(_ s: String) -> String {
        let b = Array(s.utf8)
        guard b.contains(0x3C) else { return s }
        var out = [UInt8]()
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            if b[i] == 0x3C, let end = tagEnd(b, i) {
                // A tag between two words still separates them.
                if let last = out.last, last != 0x20, end + 1 < b.count, b[end + 1] != 0x20, isBlockTag(b, i) { out.append(0x20) }
                i = end + 1
                continue
            }
            out.append(b[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The index of the ">" closing a tag that opens at `i`: "<" then an optional "/", a letter,
    /// and no other "<" before the ">".
    static func tagEnd(_ b: [UInt8], _ i: Int) -> Int? {
        var k = i + 1
        if k < b.count, b[k] == 0x2F { k += 1 }
        guard k < b.count, isLetter(b[k]) else { return nil }
        let limit = min(b.count, i + maxTagLength)
        while k < limit {
            if b[k] == 0x3E { return k }
            if b[k] == 0x3C { return nil }
            k += 1
        }
        return nil
    }

    static func isLetter(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }

    static func isBlockTag(_ b: [UInt8], _ i: Int) -> Bool {
        let name = b[(i + 1)..<min(b.count, i + 4)].map { $0 | 0x20 }
        return name.starts(with: Array("br".utf8)) || name.starts(with: Array("p>".utf8)) || name.starts(with: Array("/p".utf8))
    }
}
