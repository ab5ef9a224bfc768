/// Cheap tests of tokens against word lists, before any dictionary probe (see `Token.normHash`).

/// A bitmap over a cheap hash (FNV-1a) of keys' UTF-8 bytes: `mayContain` is false for most
/// strings that are not keys, and never false for a key. Dictionary probes with Swift's seeded
/// hashing cost several times more, and most words are in no lexicon.
public struct KeyFilter: Sendable, Hashable {
    private var mask: Int
    private var words: [UInt64]

    /// Room for a few thousand keys; `init(_:)` sizes the bitmap to its keys.
    public init(bits: Int = 1 << 16) {
        var n = 64
        while n < bits { n <<= 1 }
        mask = n - 1
        words = [UInt64](repeating: 0, count: n / 64)
    }

    /// About 16 bits a key: one word in a few hundred that is no key gets through.
    public init<C: Collection>(_ keys: C) where C.Element == String {
        self.init(bits: max(1 << 16, keys.count * 16))
        for k in keys { insert(k.utf8) }
    }

    /// FNV-1a, 32 bits.
    public static func hash<S: Sequence>(_ bytes: S) -> UInt32 where S.Element == UInt8 {
        var h: UInt32 = 2_166_136_261
        for b in bytes { h = (h ^ UInt32(b)) &* 16_777_619 }
        return h
    }

    private func bit(_ h: UInt32) -> Int { Int(h ^ (h >> 16)) & mask }

    private func test(_ h: UInt32) -> Bool {
        let k = bit(h)
        return words[k >> 6] & (1 << UInt64(k & 63)) != 0
    }

    public mutating func insert<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
        let k = bit(KeyFilter.hash(bytes))
        words[k >> 6] |= 1 << UInt64(k & 63)
    }

    public func mayContain<S: Sequence>(_ bytes: S) -> Bool where S.Element == UInt8 { test(KeyFilter.hash(bytes)) }

    /// Whether the token's `norm` may be a key.
    @inline(__always)
    public func mayContain(_ token: borrowing Token) -> Bool { test(token.normHash) }

    /// Whether a `norm` with this `Token.normHash` may be a key.
    @inline(__always)
    public func mayContain(_ normHash: UInt32) -> Bool { test(normHash) }

    /// Whether the first three characters of `s` may be a key (the stem keys of `PhraseMatcher`);
    /// in ASCII text without walking grapheme clusters or allocating.
    func mayContainStem(_ s: String) -> Bool {
        var h: UInt32 = 2_166_136_261
        var n = 0
        for b in s.utf8 {
            guard b < 0x80 else { return mayContain(s.prefix(3).utf8) }
            if n == 3 { break }
            h = (h ^ UInt32(b)) &* 16_777_619
            n += 1
        }
        return test(h)
    }
}

/// A set of folded words to test tokens against: the token's hash, computed once, rules out most
/// tokens before the set is probed.
public struct WordSet: Sendable, ExpressibleByArrayLiteral {
    public let words: Set<String>
    private let filter: KeyFilter

    public init<S: Sequence>(_ words: S) where S.Element == String {
        self.words = Set(words)
        filter = KeyFilter(self.words)
    }

    public init(arrayLiteral words: String...) { self.init(words) }

    @inline(__always)
    public func contains(_ token: borrowing Token) -> Bool { filter.mayContain(token.normHash) && words.contains(token.norm) }
    public func contains(_ word: String) -> Bool { words.contains(word) }
}

/// A dictionary keyed by folded words, probed with tokens: the token's hash rules out most words
/// that are no key before the dictionary is probed.
public struct WordMap<Value: Sendable>: Sendable {
    public private(set) var values: [String: Value] = [:]
    private var filter = KeyFilter()

    public init() {}

    public init(_ values: [String: Value]) {
        self.values = values
        filter = KeyFilter(values.keys)
    }

    @inline(__always)
    public subscript(_ token: Token) -> Value? { filter.mayContain(token.normHash) ? values[token.norm] : nil }
    public subscript(word word: String) -> Value? { values[word] }

    /// Changes the value of `word`, starting from `initial` when it has none.
    public mutating func modify(_ word: String, initial: Value, _ body: (inout Value) -> Void) {
        if values[word] == nil { filter.insert(word.utf8) }
        body(&values[word, default: initial])
    }
}
