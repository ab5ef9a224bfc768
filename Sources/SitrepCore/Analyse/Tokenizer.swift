/// Splits cleaned text into tokens and sentences, keeping UTF-8 offsets.
///
/// Words keep inner hyphens and apostrophes ("al-Sultan", "Ma'rib") because place and
/// actor names are written that way; a possessive "'s" is split off ("Russia" "'s").
public enum Tokenizer {
    public static func analyse(_ text: String) -> ([Token], [Sentence]) {
        let tokens = tokenize(text)
        return split(text, tokens)
    }

    public static func tokenize(_ text: String) -> [Token] {
        let bytes = Array(text.utf8)
        var tokens: [Token] = []
        tokens.reserveCapacity(bytes.count / 5)
        var i = 0
        let n = bytes.count

        func scalar(at i: Int) -> (Unicode.Scalar, Int) {
            let b0 = bytes[i]
            if b0 < 0x80 { return (Unicode.Scalar(b0), 1) }
            var len = 1
            if b0 & 0xE0 == 0xC0 { len = 2 } else if b0 & 0xF0 == 0xE0 { len = 3 } else if b0 & 0xF8 == 0xF0 { len = 4 }
            len = min(len, n - i)
            let s = String(decoding: bytes[i..<(i + len)], as: UTF8.self).unicodeScalars.first ?? " "
            return (s, len)
        }
        // ASCII first: Unicode property lookups dominate tokenising otherwise.
        func isLetter(_ s: Unicode.Scalar) -> Bool {
            let v = s.value
            if v < 0x80 { return (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A }
            return s.properties.isAlphabetic || s.properties.generalCategory == .nonspacingMark
        }
        func isSpace(_ s: Unicode.Scalar) -> Bool {
            let v = s.value
            if v < 0x80 { return v == 0x20 || (v >= 0x09 && v <= 0x0D) }
            return s.properties.isWhitespace || v == 0xA0
        }
        func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 48 && s.value <= 57 }
        func isApostrophe(_ s: Unicode.Scalar) -> Bool { s == "'" || s == "\u{2019}" || s == "\u{2018}" || s == "`" }

        while i < n {
            let (s, len) = scalar(at: i)
            if isSpace(s) { i += len; continue }
            let start = i
            var kind: Token.Kind
            if isDigit(s) {
                kind = .number
                i += len
                // Digits with inner separators: 300,000 · 2.5 · 18/12/2015 · 8:30
                while i < n {
                    let (c, l) = scalar(at: i)
                    if isDigit(c) { i += l; continue }
                    if (c == "," || c == "." || c == "/" || c == ":"), i + l < n, isDigit(scalar(at: i + l).0) { i += l; continue }
                    break
                }
                // "20th", "1st", "3rd": keep the suffix with the number.
                var j = i
                while j < n, j - i < 2, isLetter(scalar(at: j).0) { j += scalar(at: j).1 }
                let suffix = String(decoding: bytes[i..<j], as: UTF8.self).lowercased()
                if ["st", "nd", "rd", "th"].contains(suffix), j >= n || !isLetter(scalar(at: j).0) { i = j }
            } else if isLetter(s) {
                kind = .word
                i += len
                // Dotted acronyms stay whole with their final period: "U.S.", "U.N.".
                var j = i
                while j + 1 < n, bytes[j] == 0x2E, isLetter(scalar(at: j + 1).0),
                      j + 2 >= n || bytes[j + 2] == 0x2E {
                    j += 2
                }
                if j > i, j < n, bytes[j] == 0x2E {
                    i = j + 1
                    let raw = String(decoding: bytes[start..<i], as: UTF8.self)
                    tokens.append(Token(span: Span(start, i), text: raw, norm: TextFolding.fold(raw), kind: .word))
                    continue
                }
                while i < n {
                    let (c, l) = scalar(at: i)
                    if isLetter(c) || isDigit(c) { i += l; continue }
                    if c == "-" || isApostrophe(c), i + l < n {
                        let (next, nl) = scalar(at: i + l)
                        guard isLetter(next) else { break }
                        // Possessive 's ends the word: "Russia's" → "Russia" + "'s".
                        if isApostrophe(c), next == "s" || next == "S",
                           i + l + nl >= n || !isLetter(scalar(at: i + l + nl).0) { break }
                        i += l
                        continue
                    }
                    break
                }
            } else {
                kind = .punctuation
                i += len
                if isApostrophe(s), i < n, scalar(at: i).0 == "s" || scalar(at: i).0 == "S",
                   i + 1 >= n || !isLetter(scalar(at: i + 1).0) {
                    i += 1
                    kind = .word
                }
            }
            let raw = String(decoding: bytes[start..<i], as: UTF8.self)
            tokens.append(Token(span: Span(start, i), text: raw, norm: TextFolding.fold(raw), kind: kind))
        }
        return tokens
    }

    /// The most tokens one sentence holds. News sentences stay far below it (the longest in FA-KES
    /// and the Wikipedia corpus are under 200); a text with no sentence ends (a pasted table, one
    /// phrase repeated a million times) is cut into pieces this long, so every stage that looks
    /// across a sentence stays linear in the document.
    public static let maxSentenceTokens = 1024

    /// Sentence boundaries: . ! ? followed by a capital, quote or digit; line breaks; and every
    /// `maxSentenceTokens` tokens.
    static func split(_ text: String, _ input: [Token]) -> ([Token], [Sentence]) {
        var tokens = input
        var sentences: [Sentence] = []
        let bytes = Array(text.utf8)
        var first = 0
        func close(_ last: Int) {
            guard last >= first else { return }
            let idx = sentences.count
            for k in first...last { tokens[k].sentence = idx }
            sentences.append(Sentence(span: Span(tokens[first].span.start, tokens[last].span.end), tokens: first..<(last + 1)))
            first = last + 1
        }
        for k in tokens.indices {
            let t = tokens[k]
            let isLast = k == tokens.count - 1
            if isLast { close(k); break }
            let next = tokens[k + 1]
            // A line break between tokens always ends a sentence (paragraphs, headlines).
            if bytes[t.span.end..<next.span.start].contains(10) { close(k); continue }
            if k + 1 - first >= maxSentenceTokens { close(k); continue }
            guard t.kind == .punctuation, [".", "!", "?"].contains(t.text) || t.text == "\u{2026}" else { continue }
            var endIdx = k
            // Closing quotes/brackets after the stop belong to this sentence.
            var n = k + 1
            while n < tokens.count, ["\"", "\u{201D}", "'", "\u{2019}", ")"].contains(tokens[n].text),
                  tokens[n].span.start == tokens[n - 1].span.end {
                endIdx = n
                n += 1
            }
            guard n < tokens.count else { continue }
            let following = tokens[n]
            let startsSentence = following.isCapitalized || following.kind == .number
                || ["\"", "\u{201C}", "'", "("].contains(following.text)
            guard startsSentence else { continue }
            if t.text == ".", k > first {
                let prev = tokens[k - 1]
                // "Mr. Kerry", "U.S. forces", "Dec. 15", "J. Smith": the period belongs to the word.
                if prev.span.end == t.span.start,
                   prev.text.hasSuffix(".") || Abbreviations.shared.contains(prev.norm) || (prev.text.count == 1 && prev.isCapitalized) {
                    continue
                }
            }
            close(endIdx)
        }
        if first < tokens.count { close(tokens.count - 1) }
        return (tokens, sentences)
    }
}

/// Abbreviations after which a period does not end a sentence (data: lexicon/abbreviations.txt).
struct Abbreviations: Sendable {
    static let shared = Abbreviations(words: Set(Lexicon.lines("abbreviations")))
    let words: Set<String>
    func contains(_ w: String) -> Bool { words.contains(w) }
}
