/// A minimal JSON writer that keeps keys in the order given, so output columns read like
/// ACLED's and diffs stay stable.
public struct JSONWriter {
    public private(set) var out = ""
    private var needsComma = [false]

    public init() {}

    public mutating func beginObject() { separator(); out += "{"; needsComma.append(false) }
    public mutating func endObject() { out += "}"; needsComma.removeLast() }
    public mutating func beginArray() { separator(); out += "["; needsComma.append(false) }
    public mutating func endArray() { out += "]"; needsComma.removeLast() }

    public mutating func key(_ k: String) {
        separator()
        JSONWriter.quote(k, into: &out)
        out += ":"
        needsComma[needsComma.count - 1] = false
    }

    public mutating func string(_ v: String?) {
        separator()
        if let v { JSONWriter.quote(v, into: &out) } else { out += "null" }
    }
    public mutating func number(_ v: Int?) { separator(); out += v.map(String.init) ?? "null" }
    public mutating func number(_ v: Double?, decimals: Int = 4) {
        separator()
        guard let v, v.isFinite else { out += "null"; return }
        out += JSONWriter.format(v, decimals: decimals)
    }
    public mutating func bool(_ v: Bool) { separator(); out += v ? "true" : "false" }

    /// An array of one object per element, whose fields `body` writes.
    public mutating func objects<S: Sequence>(_ items: S, _ body: (inout JSONWriter, S.Element) -> Void) {
        beginArray()
        for item in items {
            beginObject()
            body(&self, item)
            endObject()
        }
        endArray()
    }

    public mutating func field(_ k: String, _ v: String?) { key(k); string(v) }
    public mutating func field(_ k: String, _ v: Int?) { key(k); number(v) }
    public mutating func field(_ k: String, _ v: Double?, decimals: Int = 4) { key(k); number(v, decimals: decimals) }
    public mutating func field(_ k: String, _ v: Bool) { key(k); bool(v) }

    private mutating func separator() {
        if needsComma[needsComma.count - 1] { out += "," }
        needsComma[needsComma.count - 1] = true
    }

    /// Fixed decimals without trailing zeros: 33.5 rather than 33.5000000001.
    public static func format(_ v: Double, decimals: Int) -> String {
        let scale = (0..<decimals).reduce(1.0) { r, _ in r * 10 }
        let r = (v * scale).rounded() / scale
        if r == r.rounded() && abs(r) < 1e15 { return String(Int(r)) }
        return String(r)
    }

    static func quote(_ s: String, into out: inout String) {
        out += "\""
        // Most values need no escape: copy them whole rather than scalar by scalar.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out += s
            out += "\""
            return
        }
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let h = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}
