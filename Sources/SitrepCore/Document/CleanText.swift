/// What cleaning makes of an article: the main text, with the metadata cleaning found.
public struct CleanText: Sendable {
    /// The body as Sitrep analyses it; every `Span` points into `text.utf8`.
    public var text: String
    /// Source named in a leading tag or dateline ("Zaman Al Wasl", "Reuters").
    public var source: String?
    /// Place named in a dateline ("DAMASCUS"), as written.
    public var datelinePlace: String?
    /// Date given in a dateline ("Dec 15"), resolved when the year is known.
    public var datelineDate: CivilDate?
    /// The page's own date: its date lines ("Published: …", a leading date) or its metadata.
    public var pageDate: CivilDate?
    /// Title found in the document itself (HTML `<title>`/`<h1>`), when the input gave none.
    public var title: String?
    /// Human-readable notes on what was removed (duplicate paragraphs, widgets…), for `--explain`.
    public var removed: [String]
    /// The page's parts that `text` holds (headline, standfirst, body), in text order.
    public var blocks: [BlockSpan]
    /// The page's parts that `text` leaves out (captions, credits, link lists…), in page order.
    public var furniture: [RemovedBlock]
    /// News agencies and outlets the page credits ("AFP", "Reuters"), as credits write them.
    public var credits: [String]

    /// The block holding a UTF-8 offset of `text`.
    public func block(at offset: Int) -> PageBlock {
        var lo = 0, hi = blocks.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            if offset < blocks[mid].span.start { hi = mid - 1 } else if offset > blocks[mid].span.end { lo = mid + 1 } else { return blocks[mid].kind }
        }
        return .body
    }

    public init(text: String, source: String? = nil, datelinePlace: String? = nil,
                datelineDate: CivilDate? = nil, title: String? = nil, removed: [String] = [],
                blocks: [BlockSpan] = [], furniture: [RemovedBlock] = [], credits: [String] = [], pageDate: CivilDate? = nil) {
        self.text = text
        self.source = source
        self.datelinePlace = datelinePlace
        self.datelineDate = datelineDate
        self.title = title
        self.removed = removed
        self.blocks = blocks
        self.furniture = furniture
        self.credits = credits
        self.pageDate = pageDate
    }
}

/// A part of the page `CleanText.text` holds.
public struct BlockSpan: Sendable, Hashable {
    public var kind: PageBlock
    public var span: Span

    public init(kind: PageBlock, span: Span) {
        self.kind = kind
        self.span = span
    }
}

/// A part of the page left out of the text Sitrep codes, kept so a user can see what was read.
public struct RemovedBlock: Sendable, Hashable {
    public var kind: PageBlock
    public var text: String
}
