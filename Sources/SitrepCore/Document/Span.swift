/// A half-open range of UTF-8 byte offsets into a document's cleaned text.
///
/// Every analysis stage works on UTF-8 offsets because they are cheap to compute;
/// output converts them to Unicode code point offsets (see `CleanText.codePointOffset`).
public struct Span: Hashable, Comparable, Codable, Sendable {
    public var start: Int
    public var end: Int

    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = end
    }

    public var length: Int { end - start }
    public func contains(_ other: Span) -> Bool { start <= other.start && other.end <= end }
    public func overlaps(_ other: Span) -> Bool { start < other.end && other.start < end }
    public func union(_ other: Span) -> Span { Span(min(start, other.start), max(end, other.end)) }

    public static func < (a: Span, b: Span) -> Bool { (a.start, a.end) < (b.start, b.end) }
}
