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

    private var byFirst = WordMap<[Phrase]>()
    /// Phrases starting with a prefix element ("demonstrat*"), by the prefix's first three letters.
    private var byStem: [String: [Phrase]] = [:]
    private var general: [Phrase] = []   // phrases starting with `?` or a very short prefix
    /// Bits set by the keys of `byStem` (`KeyFilter`): most tokens start no phrase, and this rules
    /// them out without hashing the token's stem for a dictionary probe.
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
                for k in Set(keys) { byFirst.modify(k, initial: []) { $0.append(p) } }
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
        if let ps = byFirst[tokens[i]] { ps.forEach(tryPhrase) }
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
