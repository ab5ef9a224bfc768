/// Turns plain text into paragraphs: one per line, or one per block when the text was
/// hard-wrapped, with whitespace made uniform.
enum TextLayout {
    static func paragraphs(_ text: String) -> [String] {
        let lines = normalizedLines(text)
        return joinWrappedLines(lines)
    }

    /// Lines with line endings, odd spaces and control characters normalised; blank lines
    /// are kept as "" because they separate paragraphs in wrapped text.
    static func normalizedLines(_ text: String) -> [String] {
        var lines: [String] = []
        var line = [UInt8]()
        line.reserveCapacity(256)
        var pendingSpace = false
        func endLine() {
            lines.append(String(decoding: line, as: UTF8.self))
            line.removeAll(keepingCapacity: true)
            pendingSpace = false
        }
        let bytes = Array(text.utf8)
        let n = bytes.count
        var i = 0
        while i < n {
            let b = bytes[i]
            if b == 0x0A { endLine(); i += 1; continue }
            if b == 0x0D {
                endLine()
                i += (i + 1 < n && bytes[i + 1] == 0x0A) ? 2 : 1
                continue
            }
            if b <= 0x20 || b == 0x7F {
                if !line.isEmpty { pendingSpace = true }
                i += 1
                continue
            }
            if b >= 0xC2 {
                switch SpaceKind.of(bytes, i) {
                case .space(let len):
                    if !line.isEmpty { pendingSpace = true }
                    i += len
                    continue
                case .lineBreak(let len):
                    endLine()
                    i += len
                    continue
                case .invisible(let len):
                    i += len
                    continue
                case .none: break
                }
            }
            if pendingSpace { line.append(0x20); pendingSpace = false }
            line.append(b)
            i += 1
        }
        if !line.isEmpty { endLine() }
        return lines
    }

    /// Joins the lines of hard-wrapped text (every line cut near one width) into paragraphs;
    /// text with one paragraph per line is left as it is.
    static func joinWrappedLines(_ lines: [String]) -> [String] {
        let lengths = lines.map { $0.utf8.count }
        let nonBlank = lengths.filter { $0 > 0 }.sorted()
        guard nonBlank.count >= 3 else { return lines.filter { !$0.isEmpty } }
        let width = nonBlank[(nonBlank.count * 9) / 10]
        // Wrapped text has a narrow, fixed width and most lines end without punctuation.
        let unfinished = lines.filter { $0.utf8.count >= width * 2 / 3 && !endsSentence($0) }.count
        let isWrapped = width <= 100 && unfinished * 3 >= nonBlank.count
        guard isWrapped else { return lines.filter { !$0.isEmpty } }
        var paragraphs: [String] = []
        var current = ""
        for (line, length) in zip(lines, lengths) {
            if length == 0 {
                if !current.isEmpty { paragraphs.append(current); current = "" }
                continue
            }
            // Appended in place: building a new string per line is quadratic in a long paragraph.
            if current.isEmpty { current = line } else { current += " "; current += line }
            // A line well short of the width ends its paragraph even without a blank line.
            if length < width * 2 / 3 { paragraphs.append(current); current = "" }
        }
        if !current.isEmpty { paragraphs.append(current) }
        return paragraphs
    }

    static func endsSentence(_ s: String) -> Bool {
        guard let last = s.unicodeScalars.last else { return false }
        return ".!?:;\"'\u{201D}\u{2019})".unicodeScalars.contains(last)
    }
}

/// Unicode spacing that news text carries in from word processors and web pages.
enum SpaceKind {
    case space(Int)
    case lineBreak(Int)
    case invisible(Int)
    case none

    @inline(__always)
    static func of(_ b: [UInt8], _ i: Int) -> SpaceKind {
        let n = b.count
        if b[i] == 0xC2, i + 1 < n {
            if b[i + 1] == 0xA0 { return .space(2) }        // no-break space
            if b[i + 1] == 0x85 { return .lineBreak(2) }    // next line
            if b[i + 1] == 0xAD { return .invisible(2) }    // soft hyphen
            if b[i + 1] >= 0x80, b[i + 1] <= 0x9F { return .invisible(2) } // C1 controls
            return .none
        }
        if b[i] == 0xE2, i + 2 < n, b[i + 1] == 0x80 {
            let c = b[i + 2]
            if c <= 0x8A || c == 0xAF { return .space(3) }   // en/em/thin… spaces, narrow no-break
            if c == 0x8B || c == 0x8E || c == 0x8F { return .invisible(3) } // zero-width space, direction marks
            if c == 0xA8 || c == 0xA9 { return .lineBreak(3) } // line/paragraph separator
            return .none
        }
        if b[i] == 0xE2, i + 2 < n, b[i + 1] == 0x81, b[i + 2] == 0x9F { return .space(3) }
        if b[i] == 0xE3, i + 2 < n, b[i + 1] == 0x80, b[i + 2] == 0x80 { return .space(3) }
        if b[i] == 0xEF, i + 2 < n, b[i + 1] == 0xBB, b[i + 2] == 0xBF { return .invisible(3) } // BOM
        return .none
    }
}
