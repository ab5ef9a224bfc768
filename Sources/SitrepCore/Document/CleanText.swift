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
    /// Title found in the document itself (HTML `<title>`/`<h1>`), when the input gave none.
    public var title: String?
    /// Human-readable notes on what was removed (duplicate paragraphs, widgets…), for `--explain`.
    public var removed: [String]

    public init(text: String, source: String? = nil, datelinePlace: String? = nil,
                datelineDate: CivilDate? = nil, title: String? = nil, removed: [String] = []) {
        self.text = text
        self.source = source
        self.datelinePlace = datelinePlace
        self.datelineDate = datelineDate
        self.title = title
        self.removed = removed
    }
}
