import Foundation

/// A news agency, outlet, monitor, UN body or dataset named in the text: who reports, not who acts.
public struct SourceMention: Sendable, Hashable {
    public var span: Span
    /// The source's name as `lexicon/news-sources.tsv` gives it ("Agence France-Presse").
    public var name: String
    /// How the name is usually written in credits ("AFP"): the form the report's `source` lists.
    public var shortName: String
    public var kind: NewsSources.Kind
    /// Named as the one reporting ("(AFP)", "told Reuters", "an AP reporter", "the agency said"),
    /// as opposed to a bare mention that the sentence could make an agent ("AFP soldiers").
    public var isCredit: Bool
    /// Followed by a word for armed men or their units ("AFP troops"): the name is an actor's.
    public var isAgentive: Bool
}

/// The news agencies, outlets and monitors of `lexicon/news-sources.tsv`, and how a page credits
/// them ("(AFP)", "AFP/File", "— Reuters", "by Staff Reporter", "Photo: AP").
public struct NewsSources: Sendable {
    public enum Kind: String, Sendable, Hashable {
        case wire, outlet, monitor, un, ngo, dataset
    }

    struct Source: Sendable {
        var name: String
        var shortName: String
        var kind: Kind
    }

    public static let shared = NewsSources()

    let sources: [Source]
    let matcher: PhraseMatcher<Int>
    /// Forms that only count when written as listed: short capitals ("AP" is no "ap").
    let exactForms: Set<String>
    let cues: [String: Set<String>]

    init() {
        var sources: [Source] = []
        var entries: [(label: Int, pattern: String, weight: Double)] = []
        var exact = Set<String>()
        for row in Lexicon.table("lexicon/news-sources.tsv") where row.count >= 3 {
            guard let kind = Kind(rawValue: row[1]) else { continue }
            let forms = row[2].split(separator: ";").map { String($0).trimmed }.filter { !$0.isEmpty }
            let short = forms.first { f in f.count <= 6 && f.unicodeScalars.allSatisfy { !$0.properties.isLowercase } } ?? row[0]
            sources.append(Source(name: row[0], shortName: short, kind: kind))
            for f in forms {
                entries.append((label: sources.count - 1, pattern: f, weight: 1))
                if f.count <= 5, f.unicodeScalars.allSatisfy({ !$0.properties.isLowercase }) { exact.insert(f) }
            }
        }
        self.sources = sources
        self.matcher = PhraseMatcher(entries)
        self.exactForms = exact
        var cues: [String: Set<String>] = [:]
        for row in Lexicon.table("lexicon/news-sources-cues.tsv") where row.count >= 2 {
            cues[row[0], default: []].insert(TextFolding.fold(row[1]))
        }
        self.cues = cues
    }

    func cue(_ kind: String, _ word: String) -> Bool { cues[kind]?.contains(word) ?? false }

    /// Every source named in the document.
    public func find(_ doc: Doc) -> [SourceMention] {
        find(doc.tokens, in: 0..<doc.tokens.count)
    }

    public func find(_ tokens: [Token], in range: Range<Int>) -> [SourceMention] {
        var out: [SourceMention] = []
        for m in matcher.scan(tokens, in: range) {
            let written = tokens[m.tokens].map(\.text).joined(separator: " ")
            if m.tokens.count == 1, exactForms.contains(m.phrase), written != m.phrase { continue }
            let source = sources[m.label]
            let span = Span(tokens[m.tokens.lowerBound].span.start, tokens[m.tokens.upperBound - 1].span.end)
            out.append(SourceMention(span: span, name: source.name, shortName: source.shortName, kind: source.kind,
                                     isCredit: isCredit(tokens, m.tokens, range: range),
                                     isAgentive: isAgentive(tokens, m.tokens, range: range)))
        }
        return out
    }

    /// "(AFP)", "told Reuters", "according to AP", "an AFP journalist", "AFP/File", "— AFP".
    func isCredit(_ tokens: [Token], _ r: Range<Int>, range: Range<Int>) -> Bool {
        let before = r.lowerBound > range.lowerBound ? tokens[r.lowerBound - 1].norm : ""
        let before2 = r.lowerBound - 1 > range.lowerBound ? tokens[r.lowerBound - 2].norm : ""
        let after = r.upperBound < range.upperBound ? tokens[r.upperBound].norm : ""
        if before == "(" && after == ")" { return true }
        if cue("BEFORE", before) || cue("BEFORE", "\(before2) \(before)") { return true }
        return cue("AFTER", after)
    }

    func isAgentive(_ tokens: [Token], _ r: Range<Int>, range: Range<Int>) -> Bool {
        var k = r.upperBound
        // "AFP's 4th Infantry Division", "AFP Western Mindanao Command troops"
        while k < min(range.upperBound, r.upperBound + 4) {
            let w = tokens[k].norm
            if cue("MILITARY", w) { return true }
            if tokens[k].kind == .punctuation && w != "'s" && w != "'" { return false }
            k += 1
        }
        return false
    }

    /// The source a text is the name of, and nothing else ("Xinhua", "The Associated Press", "AFP").
    public func name(of text: String) -> String? {
        let (tokens, _) = Tokenizer.analyse(text)
        let words = tokens.filter { $0.kind != .punctuation }
        guard !words.isEmpty else { return nil }
        let found = find(tokens, in: 0..<tokens.count)
        guard found.count == 1, let m = found.first,
              words.allSatisfy({ m.span.contains($0.span) || $0.norm == "the" }) else { return nil }
        return m.shortName
    }

    /// The source a credit line or photo credit names ("Source: Xinhuanet", "JOAQUIN SARMIENTO
    /// (AFP)", "— AFP"), if one.
    public func credited(in text: String) -> [String] {
        let (tokens, _) = Tokenizer.analyse(text)
        var seen = Set<String>()
        return find(tokens, in: 0..<tokens.count).map(\.shortName).filter { seen.insert($0).inserted }
    }
}

private extension String {
    var trimmed: String { trimmingCharacters(in: .whitespaces) }
}
