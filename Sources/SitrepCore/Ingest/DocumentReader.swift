import Foundation

/// Reads articles from files, directories and stdin in any `InputFormat`.
///
/// A bad document never stops a batch: each one becomes its own `DocumentError`
/// (`path:LINE: reason` for JSONL lines and CSV rows) and the rest go on.
public struct DocumentReader: Sendable {
    public var format: InputFormat
    /// Publication date for documents that carry none (`--published`).
    public var defaultPublished: CivilDate?
    /// Source for documents that name none (`--source`).
    public var defaultSource: String?
    /// Most bytes a gzip file may expand to.
    public var maxInflatedBytes = Gzip.defaultLimit

    public init(format: InputFormat = .auto, defaultPublished: CivilDate? = nil, defaultSource: String? = nil) {
        self.format = format
        self.defaultPublished = defaultPublished
        self.defaultSource = defaultSource
    }

    public typealias Item = Result<Article, DocumentError>

    public func read(paths: [String]) -> [Item] {
        var items: [Item] = []
        forEach(paths: paths) { items.append($0) }
        return items
    }

    /// Documents from bytes that have no file, such as stdin.
    public func read(data: Data, origin: String = "<stdin>") -> [Item] {
        var items: [Item] = []
        forEach(data: data, origin: origin) { items.append($0) }
        return items
    }

    /// Streams documents one at a time so a large batch never sits in memory as articles.
    public func forEach(paths: [String], _ body: (Item) -> Void) {
        for path in paths {
            DocumentReader.walk(path) { file in
                switch file {
                case .failure(let error): body(.failure(error))
                case .success(let filePath):
                    do {
                        let data = try Data(contentsOf: URL(fileURLWithPath: filePath), options: .mappedIfSafe)
                        documents(in: data, origin: filePath, name: filePath, body)
                    } catch {
                        body(.failure(DocumentError(origin: filePath, reason: "cannot read the file")))
                    }
                }
            }
        }
    }

    public func forEach(data: Data, origin: String = "<stdin>", _ body: (Item) -> Void) {
        documents(in: data, origin: origin, name: nil, body)
    }

    // MARK: files

    /// Calls `body` with each file under `path`: directories are walked depth-first in
    /// name order so runs are reproducible; hidden files and folders are skipped.
    static func walk(_ path: String, _ body: (Result<String, DocumentError>) -> Void) {
        var visited = Set<String>()
        func visit(_ p: String) {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: p, isDirectory: &isDir) else {
                body(.failure(DocumentError(origin: p, reason: "no such file or directory")))
                return
            }
            guard isDir.boolValue else { body(.success(p)); return }
            // Symbolic links can loop back up the tree.
            let real = URL(fileURLWithPath: p).resolvingSymlinksInPath().path
            guard visited.insert(real).inserted else { return }
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: p) else {
                body(.failure(DocumentError(origin: p, reason: "cannot list the directory")))
                return
            }
            for name in names.sorted() where !name.hasPrefix(".") {
                visit(p.hasSuffix("/") ? p + name : p + "/" + name)
            }
        }
        visit(path)
    }

    // MARK: one file

    func documents(in raw: Data, origin: String, name: String?, _ body: (Item) -> Void) {
        var data = raw
        if Gzip.isGzip(raw) {
            do { data = try Gzip.decompress(raw, limit: maxInflatedBytes) } catch {
                body(.failure(DocumentError(origin: origin, reason: "\(error)")))
                return
            }
        }
        var chosen = format
        if chosen == .auto, let name { chosen = InputFormat.byExtension(name) ?? .auto }
        // JSONL is read line by line from the bytes so one badly encoded line fails alone.
        if chosen == .jsonl, !DocumentReader.hasUTF16BOM(data) {
            jsonLines(data, origin: origin, body)
            return
        }
        let text: String
        do { text = try TextDecoding.decode(data, origin: origin) } catch let error as DocumentError {
            body(.failure(error))
            return
        } catch {
            body(.failure(DocumentError(origin: origin, reason: "\(error)")))
            return
        }
        if chosen == .auto { chosen = InputFormat.sniff(text) }
        switch chosen {
        case .jsonl:
            var lineNumber = 0
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                lineNumber += 1
                if let item = jsonLine(Data(line.utf8), origin: "\(origin):\(lineNumber)") { body(item) }
            }
        case .csv: csvRows(text, origin: origin, body)
        case .html: body(single(.html(text), text: text, origin: origin))
        case .text, .auto: body(single(.text(text), text: text, origin: origin))
        }
    }

    static func hasUTF16BOM(_ d: Data) -> Bool {
        guard d.count >= 2 else { return false }
        let a = d[d.startIndex], b = d[d.startIndex + 1]
        return (a == 0xFF && b == 0xFE) || (a == 0xFE && b == 0xFF)
    }

    private func single(_ body: Article.Body, text: String, origin: String) -> Item {
        guard text.utf8.contains(where: { $0 > 0x20 }) else {
            return .failure(DocumentError(origin: origin, reason: "no text"))
        }
        return .success(withDefaults(Article(body: body, origin: origin)))
    }

    func withDefaults(_ a: Article) -> Article {
        var a = a
        if a.published == nil { a.published = defaultPublished }
        if a.source == nil { a.source = defaultSource }
        return a
    }

    // MARK: JSONL

    private func jsonLines(_ data: Data, origin: String, _ body: (Item) -> Void) {
        var lineNumber = 0
        var start = data.startIndex
        let end = data.endIndex
        var any = false
        while start < end {
            lineNumber += 1
            let stop = data[start..<end].firstIndex(of: 0x0A) ?? end
            var line = data[start..<stop]
            if lineNumber == 1, line.starts(with: [0xEF, 0xBB, 0xBF]) { line = line.dropFirst(3) }
            if let item = jsonLine(line, origin: "\(origin):\(lineNumber)") {
                body(item)
                any = true
            }
            start = stop == end ? end : stop + 1
        }
        if !any { body(.failure(DocumentError(origin: origin, reason: "no documents (the file is empty or blank)"))) }
    }

    /// One JSONL line; nil for a blank line (spaces, tabs and line ends only: a NUL is no blank).
    func jsonLine(_ raw: Data, origin: String) -> Item? {
        guard raw.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D && $0 != 0x0A }) else { return nil }
        var line = raw
        if line.contains(where: { $0 >= 0x80 }) {
            // JSON must be UTF-8; a Latin-1 line is re-encoded rather than rejected.
            guard let text = try? TextDecoding.decode(raw, origin: origin) else {
                return .failure(DocumentError(origin: origin, reason: "line is not text"))
            }
            line = Data(text.utf8)
        }
        guard let object = try? JSONSerialization.jsonObject(with: line, options: [.fragmentsAllowed]) else {
            return .failure(DocumentError(origin: origin, reason: "invalid JSON"))
        }
        guard let fields = object as? [String: Any] else {
            return .failure(DocumentError(origin: origin, reason: "not a JSON object"))
        }
        return article(fields: fields.mapValues(DocumentReader.scalarString), origin: origin)
    }

    static func scalarString(_ v: Any) -> String? {
        switch v {
        case let s as String: return s
        case let i as Int: return String(i)
        case let d as Double: return d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
        case let n as NSNumber: return n.stringValue
        default: return nil
        }
    }

    /// Builds an article from named fields, whatever their container (JSON object or CSV row).
    func article(fields: [String: String?], origin: String) -> Item {
        func field(_ names: [String]) -> String? {
            for n in names { if let v = fields[n] ?? nil { return v } }
            return nil
        }
        let body: Article.Body
        if let text = field(ArticleColumns.textNames) {
            guard text.utf8.contains(where: { $0 > 0x20 }) else {
                return .failure(DocumentError(origin: origin, reason: "empty text"))
            }
            body = .text(text)
        } else if let html = field(["html"]) {
            guard html.utf8.contains(where: { $0 > 0x20 }) else {
                return .failure(DocumentError(origin: origin, reason: "empty html"))
            }
            body = .html(html)
        } else {
            return .failure(DocumentError(origin: origin, reason: "no text or html field"))
        }
        var published: CivilDate?
        if let p = field(ArticleColumns.publishedNames)?.trimmingCharacters(in: .whitespaces), !p.isEmpty {
            guard let d = PublishedDate.parse(p) else {
                return .failure(DocumentError(origin: origin, reason: "published is not a date: \(p.prefix(40))"))
            }
            published = d
        }
        func nonEmpty(_ s: String?) -> String? {
            guard let t = s?.trimmingCharacters(in: .whitespacesAndNewlines), !t.isEmpty else { return nil }
            return t
        }
        let article = Article(id: nonEmpty(field(ArticleColumns.idNames)), title: nonEmpty(field(ArticleColumns.titleNames)),
                              body: body, published: published, source: nonEmpty(field(["source"])),
                              url: nonEmpty(field(["url"])), origin: origin)
        return .success(withDefaults(article))
    }

    // MARK: CSV

    private func csvRows(_ text: String, origin: String, _ body: (Item) -> Void) {
        let table = CSVTable(text: text)
        let keys = table.header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard keys.contains(where: { ArticleColumns.textNames.contains($0) || $0 == "html" }) else {
            body(.failure(DocumentError(origin: origin, reason: "CSV has no text column (one of "
                + (ArticleColumns.textNames + ["html"]).joined(separator: ", ") + ")")))
            return
        }
        // Rows and unreadable rows in file order.
        var problems = table.errors[...]
        for (row, line) in zip(table.rows, table.lineNumbers) {
            while let p = problems.first, p.line < line {
                body(.failure(DocumentError(origin: "\(origin):\(p.line)", reason: p.reason)))
                problems = problems.dropFirst()
            }
            var fields: [String: String?] = [:]
            for (k, v) in zip(keys, row) where fields[k] == nil { fields[k] = v }
            body(article(fields: fields, origin: "\(origin):\(line)"))
        }
        for p in problems { body(.failure(DocumentError(origin: "\(origin):\(p.line)", reason: p.reason))) }
    }
}

/// Column and field names that carry each article attribute, as the common datasets spell them.
enum ArticleColumns {
    static let idNames = ["id", "unit_id"]
    static let textNames = ["text", "article_content", "content", "body", "notes"]
    static let titleNames = ["title", "article_title"]
    static let publishedNames = ["published", "date"]
}

/// Publication dates as inputs write them.
public enum PublishedDate {
    /// ISO 8601 date or date-time (the date part is kept), or US `m/d/yyyy` as FA-KES writes it.
    public static func parse(_ s: String) -> CivilDate? {
        if let d = CivilDate(iso: s) { return d }
        let head = s.prefix { $0 != " " && $0 != "T" }
        let parts = head.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, let a = Int(parts[0]), let b = Int(parts[1]), let c = Int(parts[2]) else { return nil }
        if parts[0].count == 4, CivilDate.isValid(year: a, month: b, day: c) { return CivilDate(year: a, month: b, day: c) }
        if parts[2].count == 4, CivilDate.isValid(year: c, month: a, day: b) { return CivilDate(year: c, month: a, day: b) }
        return nil
    }
}
