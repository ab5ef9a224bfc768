/// One input document as it arrived, before cleaning.
public struct Article: Sendable {
    public enum Body: Sendable {
        case text(String)
        case html(String)
    }

    /// The input's own id (JSONL `id`), if it has one.
    public var id: String?
    public var title: String?
    public var body: Body

    /// Size of the raw body in UTF-8 bytes (benchmarks report MB/s of input).
    public var byteCount: Int {
        switch body { case .text(let t), .html(let t): t.utf8.count }
    }
    public var published: CivilDate?
    public var source: String?
    public var url: String?
    /// Where the document came from, for error messages: a path, `path:line`, or `<stdin>`.
    public var origin: String

    public init(id: String? = nil, title: String? = nil, body: Body, published: CivilDate? = nil,
                source: String? = nil, url: String? = nil, origin: String = "<memory>") {
        self.id = id
        self.title = title
        self.body = body
        self.published = published
        self.source = source
        self.url = url
        self.origin = origin
    }
}

/// A failure to read or decode one document; the rest of the batch goes on.
public struct DocumentError: Error, Sendable, CustomStringConvertible {
    public var origin: String
    public var reason: String

    public init(origin: String, reason: String) {
        self.origin = origin
        self.reason = reason
    }

    /// One line whatever the input held: control characters in the origin or reason are escaped.
    public var description: String { EscapedText.line("\(origin): \(reason)") }
}
