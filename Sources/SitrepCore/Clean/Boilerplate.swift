/// Recognises paragraphs that are page furniture rather than reporting: comment forms,
/// share and subscribe widgets, related-article lists, cookie notices, rights lines, bylines.
///
/// Only short paragraphs are ever judged, and only when boilerplate phrases cover most of
/// their words, so a news paragraph that mentions "share" or "Twitter" is never dropped.
struct Boilerplate: Sendable {
    static let shared = Boilerplate(rows: Lexicon.table("lexicon/boilerplate.txt"))

    /// Longest paragraph (in words) that can be judged boilerplate by phrase coverage.
    static let maxWords = 40
    /// Longest paragraph that a leading marker ("Related:", "Reporting by") drops whole.
    static let maxStartWords = 30

    struct Phrase: Sendable {
        var words: [String]
        var kind: String
    }

    /// Phrases by their first word, longest first, for greedy matching.
    let phrases: [String: [Phrase]]
    let starts: [(prefix: [UInt8], kind: String)]
    /// Section headers (words joined by spaces) that open the comment area.
    let cuts: [String: String]

    init(rows: [[String]]) {
        var phrases: [String: [Phrase]] = [:]
        var starts: [(prefix: [UInt8], kind: String)] = []
        var cuts: [String: String] = [:]
        for row in rows where row.count >= 3 {
            let kind = row[0], mode = row[1], text = row[2].lowercased()
            switch mode {
            case "phrase":
                let words = Boilerplate.words(text, limit: 64) ?? []
                if let first = words.first { phrases[first, default: []].append(Phrase(words: words, kind: kind)) }
            case "start": starts.append((Array(text.utf8), kind))
            case "cut": cuts[(Boilerplate.words(text, limit: 64) ?? []).joined(separator: " ")] = kind
            default: continue
            }
        }
        self.phrases = phrases.mapValues { $0.sorted { $0.words.count > $1.words.count } }
        self.starts = starts
        self.cuts = cuts
    }

    /// Lower-cased words (letters and digits) of a short text; nil past `limit` words.
    /// Words with non-ASCII letters are kept as written: every phrase is ASCII, so they
    /// only count, never match.
    static func words(_ s: String, limit: Int) -> [String]? {
        // Each space ends a word, so a text with `limit` spaces has too many words.
        var spaces = 0
        for c in s.utf8 where c == 0x20 {
            spaces += 1
            if spaces >= limit + 1 { return nil }
        }
        var words: [String] = []
        var current = [UInt8]()
        func flush() -> Bool {
            guard !current.isEmpty else { return true }
            words.append(String(decoding: current, as: UTF8.self))
            current.removeAll(keepingCapacity: true)
            return words.count <= limit
        }
        for u in s.unicodeScalars {
            let v = u.value
            if (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) {
                current.append(UInt8(v))
            } else if v >= 0x41 && v <= 0x5A {
                current.append(UInt8(v | 0x20))
            } else if v >= 0x80, u.properties.isAlphabetic {
                TextDecoding.appendUTF8(v, to: &current)
            } else if v == 0x27 || v == 0x2019 {
                continue // "don't" stays one word
            } else if !flush() {
                return nil
            }
        }
        return flush() ? words : nil
    }

    /// The kind of furniture a paragraph is, or nil for text to keep.
    func kind(of paragraph: String) -> String? {
        guard let words = Boilerplate.words(paragraph, limit: Boilerplate.maxWords) else { return nil }
        if words.isEmpty { return "separator" }
        if words.count <= Boilerplate.maxStartWords {
            let head = Array(paragraph.utf8.prefix(64)).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            for s in starts where head.starts(with: s.prefix) {
                // The marker must end at a word boundary: "Copyrighted" is not "Copyright".
                let next = head.count > s.prefix.count ? head[s.prefix.count] : 0x20
                if !isWordByte(s.prefix.last ?? 0) || !isWordByte(next) { return s.kind }
            }
            if Boilerplate.isByline(paragraph, words: words) { return "byline" }
        }
        return coverageKind(words)
    }

    private func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b >= 0x80
    }

    private func coverageKind(_ words: [String]) -> String? {
        var covered = 0
        var sawMultiWord = false
        var byKind: [String: Int] = [:]
        var i = 0
        while i < words.count {
            var matched: Phrase?
            for p in phrases[words[i]] ?? [] where i + p.words.count <= words.count {
                if words[i..<(i + p.words.count)].elementsEqual(p.words) { matched = p; break }
            }
            if let p = matched {
                covered += p.words.count
                byKind[p.kind, default: 0] += p.words.count
                if p.words.count > 1 { sawMultiWord = true }
                i += p.words.count
            } else {
                i += 1
            }
        }
        // Single words ("Facebook", "Print") only condemn a line of widget labels.
        guard covered * 2 >= words.count, words.count <= 6 || sawMultiWord else { return nil }
        return byKind.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
    }

    /// A comment-section header ("Comments About This Article", "Leave a reply", "12 Comments").
    func sectionCut(_ paragraph: String) -> String? {
        guard paragraph.utf8.count <= 64, let words = Boilerplate.words(paragraph, limit: 8) else { return nil }
        let key = words.filter { !($0.first?.isNumber ?? false) }.joined(separator: " ")
        return cuts[key]
    }

    /// "By John Smith", "By JANE DOE and Omar Khalil, Reuters": "By" then names only.
    static func isByline(_ paragraph: String, words: [String]) -> Bool {
        guard words.count >= 2, words.count <= 12, words[0] == "by", paragraph.hasPrefix("By ") else { return false }
        // Everything after a separator is a date or a role: "By Jane Doe | 5 April 2017".
        let head = paragraph.split(whereSeparator: { "|•·—–".contains($0) }).first ?? Substring(paragraph)
        let connectors: Set<String> = ["and", "in", "de", "al", "el", "van", "von", "bin", "ibn", "the", "of"]
        let names = head.dropFirst(3).split(whereSeparator: { $0 == " " || $0 == "," })
        guard !names.isEmpty else { return false }
        for n in names {
            guard let f = n.unicodeScalars.first else { continue }
            if f.properties.isUppercase { continue }
            if connectors.contains(n.lowercased()) { continue }
            return false
        }
        return !TextLayout.endsSentence(String(head)) || head.hasSuffix(".") && names.count <= 4
    }
}
