/// One document flowing through the pipeline: the cleaned text and every span the
/// analysis stages found in it. Each stage is a pure function that returns a `Doc`
/// with one more layer filled in (as in spaCy's `Doc`).
public struct Doc: Sendable {
    public var articleID: String
    public var origin: String
    public var title: String?
    public var published: CivilDate?
    public var source: String?
    public var url: String?
    public var clean: CleanText
    public var tokens: [Token]
    public var sentences: [Sentence]

    public var dates: [DateMention] = []
    public var casualties: [CasualtyMention] = []
    public var places: [PlaceMention] = []
    public var actors: [ActorMention] = []
    /// Country the document is about (ACLED spelling), from datelines, places and demonyms.
    public var focusCountry: String?

    public var text: String { clean.text }

    public init(articleID: String, origin: String, title: String?, published: CivilDate?,
                source: String?, url: String?, clean: CleanText) {
        self.articleID = articleID
        self.origin = origin
        self.title = title
        self.published = published
        self.source = source
        self.url = url
        self.clean = clean
        let (tokens, sentences) = Tokenizer.analyse(clean.text)
        self.tokens = tokens
        self.sentences = sentences
        self.codePoints = CodePointIndex(clean.text)
    }

    private let codePoints: CodePointIndex

    /// The text under a span.
    public func text(_ span: Span) -> String {
        let u = clean.text.utf8
        let a = u.index(u.startIndex, offsetBy: max(0, min(span.start, u.count)))
        let b = u.index(u.startIndex, offsetBy: max(0, min(span.end, u.count)))
        return String(decoding: clean.text.utf8[a..<b], as: UTF8.self)
    }

    /// Converts a UTF-8 offset to a Unicode code point offset, the unit of output spans.
    public func codePointOffset(_ utf8Offset: Int) -> Int { codePoints.offset(utf8Offset) }

    /// The sentence containing a span.
    public func sentenceIndex(of span: Span) -> Int? {
        var lo = 0, hi = sentences.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            let s = sentences[mid].span
            if span.start < s.start { hi = mid - 1 } else if span.start >= s.end { lo = mid + 1 } else { return mid }
        }
        return nil
    }
}

/// Maps UTF-8 offsets to code point offsets in O(1) with a table built once.
struct CodePointIndex: Sendable {
    private let table: [Int32]

    init(_ text: String) {
        var t = [Int32]()
        t.reserveCapacity(text.utf8.count + 1)
        var cp: Int32 = 0
        for b in text.utf8 {
            t.append(cp)
            if b & 0xC0 != 0x80 { cp += 1 }
        }
        t.append(cp)
        table = t
    }

    func offset(_ utf8: Int) -> Int {
        guard !table.isEmpty else { return 0 }
        return Int(table[max(0, min(utf8, table.count - 1))])
    }
}
