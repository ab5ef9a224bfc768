/// Matches lexicon phrases against `Token.norm` sequences.
///
/// A phrase is a sequence of folded tokens: `word` exact, `word*` prefix, `a|b` alternatives,
/// `?` any one token. Phrases are indexed by their first token so matching a document costs
/// about one dictionary probe per token.
public struct PhraseMatcher<Label: Sendable & Hashable>: Sendable {
    enum Element: Sendable, Hashable {
        case exact(String)
        case prefix(String)
        case any
        case oneOf([Element])

        func matches(_ norm: String) -> Bool {
            switch self {
            case .exact(let w): return norm == w
            case .prefix(let p): return norm.hasPrefix(p)
            case .any: return true
            case .oneOf(let xs): return xs.contains { $0.matches(norm) }
            }
        }

        static func parse(_ s: String) -> Element {
            if s.contains("|") { return .oneOf(s.split(separator: "|").map { parse(String($0)) }) }
            if s == "?" { return .any }
            if s.hasSuffix("*") { return .prefix(String(s.dropLast())) }
            return .exact(s)
        }
    }

    public struct Phrase: Sendable, Hashable {
        /// Position in the lexicon: identifies the phrase and label cheaply.
        let ordinal: Int
        let elements: [Element]
        public let label: Label
        public let weight: Double
        public let text: String
    }

    public struct Match: Sendable, Hashable {
        /// Token index range in `Doc.tokens`.
        public var tokens: Range<Int>
        public var label: Label
        public var weight: Double
        public var phrase: String
    }

    private var byFirst: [String: [Phrase]] = [:]
    /// Phrases starting with a prefix element ("demonstrat*"), by the prefix's first three letters.
    private var byStem: [String: [Phrase]] = [:]
    private var general: [Phrase] = []   // phrases starting with `?` or a very short prefix
    /// Bits set by the keys of `byFirst` and `byStem` (`KeyFilter`): most tokens start no phrase,
    /// and this rules them out without hashing the token for a dictionary probe.
    private var firstFilter = KeyFilter()
    private var stemFilter = KeyFilter()

    public init(_ entries: [(label: Label, pattern: String, weight: Double)]) {
        for (ordinal, e) in entries.enumerated() {
            let elements = PhraseMatcher.splitPattern(e.pattern).map(Element.parse)
            guard !elements.isEmpty else { continue }
            let p = Phrase(ordinal: ordinal, elements: elements, label: e.label, weight: e.weight, text: e.pattern)
            var keys: [String] = [], stems: [String] = []
            var isGeneral = false
            func collect(_ el: Element) {
                switch el {
                case .exact(let w): keys.append(w)
                case .prefix(let w) where w.count >= 3: stems.append(String(w.prefix(3)))
                case .oneOf(let xs): xs.forEach(collect)
                default: isGeneral = true
                }
            }
            collect(elements[0])
            if isGeneral {
                general.append(p)
            } else {
                for k in Set(keys) { byFirst[k, default: []].append(p); firstFilter.insert(k.utf8) }
                for k in Set(stems) { byStem[k, default: []].append(p); stemFilter.insert(k.utf8) }
            }
        }
    }

    /// Pattern text → element strings, folded like tokens ("Air strike*" → ["air", "strike*"]).
    /// A possessive or hyphen inside an element stays part of it.
    static func splitPattern(_ pattern: String) -> [String] {
        pattern.split(separator: " ").map { TextFolding.fold(String($0)) }
    }

    /// All phrase matches starting at token `i`, longest first.
    public func matches(_ tokens: [Token], at i: Int, limit: Int? = nil) -> [Match] {
        let end = limit ?? tokens.count
        var out: [Match] = []
        var ordinals: [Int] = []
        func tryPhrase(_ p: Phrase) {
            guard i + p.elements.count <= end else { return }
            for (k, el) in p.elements.enumerated() where !el.matches(tokens[i + k].norm) { return }
            // A phrase indexed under a word and a stem is found twice.
            guard !ordinals.contains(p.ordinal) else { return }
            ordinals.append(p.ordinal)
            out.append(Match(tokens: i..<(i + p.elements.count), label: p.label, weight: p.weight, phrase: p.text))
        }
        let norm = tokens[i].norm
        if firstFilter.mayContain(tokens[i]), let ps = byFirst[norm] { ps.forEach(tryPhrase) }
        if norm.utf8.count >= 3, stemFilter.mayContainStem(norm), let ps = byStem[String(norm.prefix(3))] {
            ps.forEach(tryPhrase)
        }
        general.forEach(tryPhrase)
        if out.count > 1 { out.sort { $0.tokens.count > $1.tokens.count } }
        return out
    }

    /// Non-overlapping matches over a token range, longest match winning at each position; a
    /// phrase listed under several labels ("arrested": an arrest, and police intervention at a
    /// protest) yields one match per label.
    public func scan(_ tokens: [Token], in range: Range<Int>) -> [Match] {
        var out: [Match] = []
        var i = range.lowerBound
        while i < range.upperBound {
            let ms = matches(tokens, at: i, limit: range.upperBound)
            if let longest = ms.first {
                var labels = Set<Label>()
                for m in ms where m.tokens.count == longest.tokens.count && labels.insert(m.label).inserted {
                    out.append(m)
                }
                i = longest.tokens.upperBound
            } else {
                i += 1
            }
        }
        return out
    }

    /// Loads `CONCEPT <TAB> PATTERN [<TAB> WEIGHT]` rows from a data file.
    public static func load(_ path: String, label: (String) -> Label?) -> PhraseMatcher {
        var entries: [(Label, String, Double)] = []
        for row in Lexicon.table(path) where row.count >= 2 {
            guard let l = label(row[0]) else { continue }
            let w = row.count >= 3 ? Double(row[2].trimmingCharacters(in: .whitespaces)) ?? 1 : 1
            entries.append((l, row[1], w))
        }
        return PhraseMatcher(entries.map { (label: $0.0, pattern: $0.1, weight: $0.2) })
    }
}

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
    public func mayContain(_ token: Token) -> Bool { test(token.normHash) }

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

    public func contains(_ token: Token) -> Bool { filter.mayContain(token) && words.contains(token.norm) }
    public func contains(_ word: String) -> Bool { words.contains(word) }
}
