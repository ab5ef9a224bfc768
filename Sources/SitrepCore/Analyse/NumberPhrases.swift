import Foundation

/// A table of multi-word phrases matched against token norms, longest phrase first.
///
/// Dates, numbers and casualty words all need "does a known phrase start at token i?";
/// indexing by the first word keeps that to one dictionary lookup for almost every token.
struct PhraseTable<Value: Sendable>: Sendable {
    private var byFirstWord = WordMap<[(words: [String], value: Value)]>()

    init() {}

    /// `phrase` is written as in the data files: lower-case words separated by spaces.
    mutating func add(_ phrase: String, _ value: Value) {
        let words = phrase.split(separator: " ").map(String.init)
        guard let first = words.first else { return }
        byFirstWord.modify(first, initial: []) { phrases in
            phrases.append((words, value))
            phrases.sort { $0.words.count > $1.words.count }
        }
    }

    func startsWith(_ word: String) -> Bool { byFirstWord[word: word] != nil }

    /// The longest phrase starting at `i` and ending before `limit`; `end` is one past its last token.
    func match(_ tokens: [Token], at i: Int, limit: Int? = nil) -> (value: Value, end: Int)? {
        guard i < tokens.count, let candidates = byFirstWord[tokens[i]] else { return nil }
        let stop = min(limit ?? tokens.count, tokens.count)
        for c in candidates where i + c.words.count <= stop {
            var ok = true
            for k in 1..<c.words.count where tokens[i + k].norm != c.words[k] {
                ok = false
                break
            }
            if ok { return (c.value, i + c.words.count) }
        }
        return nil
    }
}

/// Tab-separated fields of the data files read by the dates, numbers and casualty stages.
enum PhraseRows {
    /// Fields of the non-comment lines of `lexicon/NAME.txt`.
    static func of(_ name: String) -> [[String]] {
        Lexicon.lines(name).map { line in
            line.split(separator: "\t", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }
}

/// Token lookups by span, for stages that get spans back and need the words under them.
enum PhraseTokens {
    /// Index of the first token starting at or after a UTF-8 offset (binary search).
    static func index(atOrAfter offset: Int, in tokens: [Token]) -> Int {
        var lo = 0, hi = tokens.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if tokens[mid].span.start < offset { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Token indices covered by a span.
    static func range(of span: Span, in tokens: [Token]) -> Range<Int> {
        let a = index(atOrAfter: span.start, in: tokens)
        var b = a
        while b < tokens.count, tokens[b].span.start < span.end { b += 1 }
        return a..<b
    }
}
