/// Text from an input made safe to print on one line: control characters (line breaks, ANSI escape
/// sequences, C1 controls) and the bidirectional overrides that reorder what a terminal shows are
/// written as escapes, so a message about a document stays one line and cannot drive the terminal.
public enum EscapedText {
    public static func line(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: needsEscape) else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            guard needsEscape(u) else { out.append(u); continue }
            let escaped: String
            switch u {
            case "\n": escaped = "\\n"
            case "\r": escaped = "\\r"
            case "\t": escaped = "\\t"
            default:
                let hex = String(u.value, radix: 16)
                escaped = "\\u{" + hex + "}"
            }
            out.append(contentsOf: escaped.unicodeScalars)
        }
        return String(out)
    }

    static func needsEscape(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        // Bidirectional embeddings, overrides and isolates; line and paragraph separators.
        case 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: return true
        default: return false
        }
    }
}
