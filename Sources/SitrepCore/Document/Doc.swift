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
    /// News agencies, outlets and monitors named in the text: who reports, not who acts.
    public var sources: [SourceMention] = []
    /// Event triggers, sentence by sentence (nil until the analysis stage has read them).
    public var triggers: [Trigger]?
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

    /// The mentions of a layer that lie inside a span, by binary search: layers are kept in text
    /// order, so long documents cost no more per clause than short ones.
    public func within<T>(_ layer: [T], _ span: Span, _ spanOf: (T) -> Span) -> ArraySlice<T> {
        func lowerBound(_ offset: Int) -> Int {
            var lo = 0, hi = layer.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if spanOf(layer[mid]).start < offset { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        let a = lowerBound(span.start)
        var b = a
        while b < layer.count, spanOf(layer[b]).start < span.end { b += 1 }
        return layer[a..<b].filter { span.contains(spanOf($0)) }[...]
    }

    public func dates(in span: Span) -> ArraySlice<DateMention> { within(dates, span, \.span) }
    public func places(in span: Span) -> ArraySlice<PlaceMention> { within(places, span, \.span) }
    public func casualties(in span: Span) -> ArraySlice<CasualtyMention> { within(casualties, span, \.span) }
    public func actors(in span: Span) -> ArraySlice<ActorMention> { within(actors, span, \.span) }

    /// The span of sentences `from`…`to` (clamped).
    public func sentenceSpan(_ from: Int, _ to: Int) -> Span {
        let a = max(0, min(from, sentences.count - 1)), b = max(a, min(to, sentences.count - 1))
        return Span(sentences[a].span.start, sentences[b].span.end)
    }

    /// The part of the page a sentence is in: the headline and standfirst name the report's event,
    /// which the body tells.
    public func block(ofSentence i: Int) -> PageBlock {
        clean.block(at: sentences[i].span.start)
    }

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
