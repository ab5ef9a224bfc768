import Foundation

/// What one document may cost: no input, however large or strange, may take the process's memory
/// or hold a batch up for long.
public struct DocumentLimits: Sendable, Hashable {
    /// Most UTF-8 bytes of text coded per document. A longer text is cut at the last paragraph
    /// boundary before the limit (a sentence end or a space when there is none), with a warning:
    /// the first part of a report carries its events, and the rest is not thrown away with it.
    /// A byte of news text costs about 1 µs of CPU and 100 bytes of memory to code, a byte of a page
    /// that is one list of place names up to 4 µs and 400 bytes (release build; 1 MiB of "Kidal, "
    /// takes 4.1 s and 414 MB); 1 MiB is 10 times the longest article of the project's corpora.
    public var maxTextBytes: Int
    /// Most seconds coding one document may take, checked between stages (each stage is linear in
    /// the text, so one stage overruns by at most its own share); nil: no time limit.
    public var maxSeconds: Double?

    /// Markup is read up to this many times `maxTextBytes`: pages carry much more markup than text.
    public static let markupFactor = 16

    public init(maxTextBytes: Int = 1 << 20, maxSeconds: Double? = nil) {
        self.maxTextBytes = maxTextBytes
        self.maxSeconds = maxSeconds
    }

    public static let standard = DocumentLimits()
    /// No limits, for tests that measure how a stage scales.
    public static let none = DocumentLimits(maxTextBytes: .max, maxSeconds: nil)
}

/// Cuts an over-long text at a boundary that keeps whole paragraphs, sentences or words.
public enum TextCut {
    public enum Boundary: String, Sendable {
        case paragraph, sentence, word, character
        /// Markup cut before a tag.
        case tag
    }

    /// `text` cut to at most `limit` UTF-8 bytes, and the boundary it was cut at; nil when it fits.
    public static func cut(_ text: String, limit: Int) -> (text: String, boundary: Boundary)? {
        let utf8 = text.utf8
        guard utf8.count > limit else { return nil }
        let bytes = utf8.prefix(max(0, limit))
        // Look back over the last quarter only: a cut much shorter than the limit loses too much.
        let floor = bytes.count - bytes.count / 4
        let end = bytes.endIndex
        func lastCut(_ good: (Substring.UTF8View.Index) -> Bool) -> String.Index? {
            var i = end
            var seen = 0
            while i > bytes.startIndex, seen < bytes.count - floor {
                i = utf8.index(before: i)
                seen += 1
                if good(i) { return i }
            }
            return nil
        }
        let paragraph = lastCut { utf8[$0] == 0x0A }
        if let p = paragraph { return (String(decoding: utf8[..<p], as: UTF8.self), .paragraph) }
        let sentence = lastCut { i in
            utf8[i] == 0x20 && i > utf8.startIndex && [UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?")]
                .contains(utf8[utf8.index(before: i)])
        }
        if let s = sentence { return (String(decoding: utf8[..<s], as: UTF8.self), .sentence) }
        if let w = lastCut({ utf8[$0] == 0x20 || utf8[$0] == 0x09 }) { return (String(decoding: utf8[..<w], as: UTF8.self), .word) }
        return (characterPrefix(text, limit: limit), .character)
    }

    /// Markup cut before the last tag that starts within `limit` bytes.
    public static func cutMarkup(_ html: String, limit: Int) -> (text: String, boundary: Boundary)? {
        let utf8 = html.utf8
        guard utf8.count > limit else { return nil }
        var i = utf8.index(utf8.startIndex, offsetBy: max(0, limit))
        var seen = 0
        while i > utf8.startIndex, seen < limit / 4 {
            i = utf8.index(before: i)
            seen += 1
            if utf8[i] == UInt8(ascii: "<") { return (String(decoding: utf8[..<i], as: UTF8.self), .tag) }
        }
        return (characterPrefix(html, limit: limit), .character)
    }

    /// The longest prefix of whole characters within `limit` bytes.
    static func characterPrefix(_ text: String, limit: Int) -> String {
        var i = text.utf8.index(text.utf8.startIndex, offsetBy: max(0, min(limit, text.utf8.count)))
        // Back off continuation bytes so the cut falls between scalars.
        while i > text.utf8.startIndex, text.utf8[i] & 0xC0 == 0x80 { i = text.utf8.index(before: i) }
        return String(decoding: text.utf8[..<i], as: UTF8.self)
    }

    /// "12.3 MB", "4.1 KB", for warnings.
    public static func size(_ bytes: Int) -> String {
        if bytes >= 1_000_000 { return String(format: "%.1f MB", Double(bytes) / 1_000_000) }
        if bytes >= 1_000 { return String(format: "%.1f KB", Double(bytes) / 1_000) }
        return "\(bytes) bytes"
    }
}

/// The time one document may still take, checked between pipeline stages.
struct Deadline {
    let start = ContinuousClock.now
    let seconds: Double

    func check(after stage: String, origin: String) throws(DocumentError) {
        let e = ContinuousClock.now - start
        // In doubles: a budget given as 1e300 seconds must not trap on conversion.
        let elapsed = Double(e.components.seconds) + Double(e.components.attoseconds) / 1e18
        guard elapsed > seconds else { return }
        throw DocumentError(origin: origin, reason: "over the time budget of \(String(format: "%g", seconds)) s per document (stopped after \(stage))")
    }
}
