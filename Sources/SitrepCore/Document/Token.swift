/// A word, number or punctuation mark of the cleaned text.
public struct Token: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case word
        case number
        case punctuation
    }

    public var span: Span
    /// The token as written.
    public var text: String
    /// Lower-cased, diacritics and curly quotes folded: what lexicons are matched against.
    public var norm: String { didSet { normHash = KeyFilter.hash(norm.utf8) } }
    /// A cheap hash of `norm` (`KeyFilter.hash`), computed once: lexicon filters test it instead
    /// of hashing the word again for each lexicon.
    public private(set) var normHash: UInt32
    public var kind: Kind
    /// Index of the sentence holding the token.
    public var sentence: Int

    public init(span: Span, text: String, norm: String, kind: Kind, sentence: Int = 0) {
        self.span = span
        self.text = text
        self.norm = norm
        self.normHash = KeyFilter.hash(norm.utf8)
        self.kind = kind
        self.sentence = sentence
    }

    public var isCapitalized: Bool {
        guard let f = text.unicodeScalars.first else { return false }
        return f.properties.isUppercase
    }
}

/// A sentence: a span of the text and the range of its tokens in `Doc.tokens`.
public struct Sentence: Sendable, Hashable {
    public var span: Span
    public var tokens: Range<Int>

    public init(span: Span, tokens: Range<Int>) {
        self.span = span
        self.tokens = tokens
    }
}
