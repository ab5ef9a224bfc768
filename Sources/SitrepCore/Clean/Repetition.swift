/// Finds text that a page or scraper repeated: a whole body pasted twice, a syndicated
/// lead printed again, "Advertisement" between every few paragraphs.
enum Repetition {
    struct Result {
        var kept: [String]
        var repeatedParagraphs = 0
        var repeatedShortLines = 0
    }

    /// A short line seen this often is furniture, not reporting.
    static let shortLineWords = 3

    /// Keeps the first occurrence of every paragraph, and drops later paragraphs made only
    /// of sentences already printed (a repeated lead, a body re-wrapped differently).
    static func collapse(_ paragraphs: [String]) -> Result {
        var result = Result(kept: [])
        let keyed = paragraphs.map(keys)
        var counts: [String: Int] = [:]
        for k in keyed where k.words <= shortLineWords { counts[k.paragraph, default: 0] += 1 }
        var seenParagraphs = Set<String>()
        var seenSentences = Set<String>()
        for (p, k) in zip(paragraphs, keyed) {
            if k.paragraph.isEmpty { continue }
            if let c = counts[k.paragraph], c >= 2 {
                result.repeatedShortLines += 1
                continue
            }
            if !seenParagraphs.insert(k.paragraph).inserted {
                result.repeatedParagraphs += 1
                continue
            }
            let long = k.sentences.filter { $0.words >= 4 }
            if !long.isEmpty, long.allSatisfy({ seenSentences.contains($0.key) }) {
                let leftover = k.sentences.filter { $0.words < 4 && !seenSentences.contains($0.key) }
                    .reduce(0) { $0 + $1.words }
                if leftover <= 6 {
                    result.repeatedParagraphs += 1
                    continue
                }
            }
            for s in long { seenSentences.insert(s.key) }
            result.kept.append(p)
        }
        return result
    }

    struct Keys {
        var paragraph: String
        var words: Int
        var sentences: [(key: String, words: Int)]
    }

    /// The paragraph's key and its sentences' keys (split after . ! ? and a space), in one pass.
    static func keys(_ p: String) -> Keys {
        var para = [UInt8]()
        para.reserveCapacity(p.utf8.count)
        var sentences: [(key: String, words: Int)] = []
        var sentenceStart = 0, sentenceWords = 0, words = 0
        var inWord = false, sawStop = false, boundary = false
        func endSentence() {
            if para.count > sentenceStart {
                sentences.append((String(decoding: para[sentenceStart...], as: UTF8.self), sentenceWords))
            }
            sentenceWords = 0
        }
        for c in p.utf8 {
            let upper = c >= 0x41 && c <= 0x5A
            if upper || (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7A) || c >= 0x80 {
                if !inWord {
                    if boundary { endSentence() }
                    if !para.isEmpty { para.append(0x20) }
                    if boundary { sentenceStart = para.count }
                    boundary = false
                    sawStop = false
                    words += 1
                    sentenceWords += 1
                    inWord = true
                }
                para.append(upper ? c | 0x20 : c)
            } else if c == 0x27 {
                continue // "don't" stays one word
            } else {
                inWord = false
                if c == 0x2E || c == 0x21 || c == 0x3F { sawStop = true } else if c == 0x20, sawStop { boundary = true }
            }
        }
        endSentence()
        return Keys(paragraph: String(decoding: para, as: UTF8.self), words: words, sentences: sentences)
    }
}
