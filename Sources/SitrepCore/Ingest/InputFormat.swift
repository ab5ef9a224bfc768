/// How an input file holds its documents.
public enum InputFormat: String, Sendable, CaseIterable {
    /// Decide per file: by extension, then by looking at the content.
    case auto
    /// One plain-text article per file.
    case text
    /// One HTML page per file.
    case html
    /// One JSON object per line, each an article.
    case jsonl
    /// A header row, then one article per row.
    case csv

    /// The format a file name announces, if any (`.gz` is looked through).
    public static func byExtension(_ path: String) -> InputFormat? {
        var name = Substring(path.split(separator: "/").last ?? "")
        if name.lowercased().hasSuffix(".gz") { name = name.dropLast(3) }
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        switch name[name.index(after: dot)...].lowercased() {
        case "txt", "text", "md": return .text
        case "html", "htm", "xhtml": return .html
        case "jsonl", "ndjson": return .jsonl
        case "csv": return .csv
        default: return nil
        }
    }

    /// Guesses the format from the start of the content.
    public static func sniff(_ text: String) -> InputFormat {
        var head = Array(text.utf8.prefix(8192))
        var i = 0
        while i < head.count, head[i] == 0x20 || head[i] == 0x09 || head[i] == 0x0A || head[i] == 0x0D { i += 1 }
        head.removeFirst(i)
        guard !head.isEmpty else { return .text }
        let lower = head.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        func startsWith(_ s: String) -> Bool { lower.starts(with: Array(s.utf8)) }
        if startsWith("<!doctype") || startsWith("<html") || startsWith("<?xml") && contains(lower, "<html") {
            return .html
        }
        if head[0] == UInt8(ascii: "{") {
            // JSONL: the first line is a whole object.
            let firstLine = head.prefix { $0 != 0x0A }
            let trimmed = firstLine.reversed().drop { $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }
            if trimmed.first == UInt8(ascii: "}") || firstLine.count == head.count { return .jsonl }
        }
        if markupTagCount(lower) >= 5 { return .html }
        if looksLikeCSVHeader(head) { return .csv }
        return .text
    }

    /// A cheap check for markup in a text field: most plain texts have no `<` at all.
    public static func looksLikeHTML(_ text: String) -> Bool {
        var sawTag = false
        for b in text.utf8.prefix(4096) where b == UInt8(ascii: "<") { sawTag = true; break }
        return sawTag && sniff(text) == .html
    }

    private static func contains(_ hay: [UInt8], _ needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard hay.count >= n.count else { return false }
        for i in 0...(hay.count - n.count) where hay[i] == n[0] && Array(hay[i..<(i + n.count)]) == n { return true }
        return false
    }

    /// Counts well-known HTML tags: prose rarely holds even one `<p>` or `<div`.
    private static func markupTagCount(_ lower: [UInt8]) -> Int {
        let tags: [[UInt8]] = ["p>", "p ", "div", "br", "a ", "span", "body", "head", "meta", "li>", "h1", "h2", "table", "script"]
            .map { Array($0.utf8) }
        var count = 0
        var i = 0
        while i + 1 < lower.count {
            if lower[i] == UInt8(ascii: "<") {
                var j = i + 1
                if j < lower.count, lower[j] == UInt8(ascii: "/") { j += 1 }
                for t in tags where j + t.count <= lower.count && lower[j..<(j + t.count)].elementsEqual(t) {
                    count += 1
                    break
                }
            }
            i += 1
        }
        return count
    }

    /// A first line of comma-separated names that include a text column.
    private static func looksLikeCSVHeader(_ head: [UInt8]) -> Bool {
        let line = String(decoding: head.prefix { $0 != 0x0A && $0 != 0x0D }, as: UTF8.self)
        let cells = line.split(separator: ",").map { $0.trimmingQuotes().lowercased() }
        guard cells.count >= 2 else { return false }
        return cells.contains { ArticleColumns.textNames.contains($0) || $0 == "html" }
    }
}

extension Substring {
    func trimmingQuotes() -> Substring {
        var s = self
        while let f = s.first, f == " " || f == "\"" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\"" { s = s.dropLast() }
        return s
    }
}
