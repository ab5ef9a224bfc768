import Foundation
import SitrepCore

/// A span of an article's cleaned text behind one field of a mention; offsets in UTF-8 bytes (what
/// the core's `Doc` uses) and in Unicode code points (what the output formats print).
public struct EvidenceSpan: Sendable, Hashable, Codable {
    public var field: String
    public var utf8Start: Int
    public var utf8End: Int
    public var start: Int
    public var end: Int
    public var text: String

    public init(field: String, utf8Start: Int, utf8End: Int, start: Int, end: Int, text: String) {
        self.field = field
        self.utf8Start = utf8Start
        self.utf8End = utf8End
        self.start = start
        self.end = end
        self.text = text
    }
}

/// One article after extraction, ready to be stored: made in parallel, applied in order.
public struct ExtractedArticle: Sendable {
    /// Content hash of the input (body, url and source): the same input always has the same id.
    public var id: String
    public var url: String?
    public var source: String?
    public var title: String?
    public var published: CivilDate?
    public var origin: String
    public var text: String
    public var language: String
    public var bytes: Int
    public var signature: MinHashSignature
    public var mentions: [Mention]
    /// Parallel to `mentions`.
    public var evidence: [[EvidenceSpan]]
    /// What coding had to do to keep the document within the limits (not stored).
    public var warnings: [String] = []
    /// Events left out because the document has no date (not stored; `ingest` says how many).
    public var droppedForNoDate = 0
}

/// Turns an input article into what the store keeps: pure, so batches run on every core.
public enum ArticleExtractor {
    /// "A" + 16 hex digits of a hash over what identifies the input as published: its body, and the
    /// url and source it came with (the same text on another outlet is another article — a copy).
    public static func contentID(_ a: Article) -> String {
        let body: String
        switch a.body { case .text(let t), .html(let t): body = t }
        return "A" + EventID.hash((a.url ?? "") + "\u{1F}" + (a.source ?? "") + "\u{1F}" + body).prefix(16).uppercased()
    }

    public static func extract(_ article: Article, pipeline: Pipeline) -> ExtractedArticle {
        extracted(article, pipeline.run(article))
    }

    /// As `extract`, within the pipeline's limits: a document over its time budget fails.
    public static func extractWithinLimits(_ article: Article, pipeline: Pipeline) throws(DocumentError) -> ExtractedArticle {
        extracted(article, try pipeline.runWithinLimits(article))
    }

    static func extracted(_ article: Article, _ result: Pipeline.Result) -> ExtractedArticle {
        let id = contentID(article)
        let doc = result.doc
        var mentions: [Mention] = []
        var evidence: [[EvidenceSpan]] = []
        var keys: [String: Int] = [:]
        let idBase = article.url.flatMap { $0.isEmpty ? nil : $0 } ?? id
        // Ordinals and ids follow a total order of the events' content, not the coder's output order.
        let recorded = result.recorded.map { (Mention.key($0, article: idBase), $0) }
            .sorted { ($0.0, $0.1.notes, $0.1.fatalities, $0.1.confidence) < ($1.0, $1.1.notes, $1.1.fatalities, $1.1.confidence) }
        for (key, e) in recorded {
            let n = keys[key, default: 0]
            keys[key] = n + 1
            guard let m = Mention(e, articleID: id, ordinal: mentions.count, idKey: key + "#" + String(n)) else { continue }
            mentions.append(m)
            evidence.append(e.evidence.map {
                EvidenceSpan(field: $0.field, utf8Start: $0.span.start, utf8End: $0.span.end,
                             start: doc.codePointOffset($0.span.start), end: doc.codePointOffset($0.span.end), text: $0.text)
            })
        }
        return ExtractedArticle(
            id: id, url: article.url, source: doc.source, title: doc.title, published: doc.published,
            origin: article.origin, text: doc.text, language: language(doc), bytes: article.byteCount,
            signature: MinHashSignature(text: doc.text), mentions: mentions, evidence: evidence, warnings: result.warnings,
            droppedForNoDate: result.droppedForNoDate)
    }

    /// Sitrep codes English; anything else is marked so it can be found and routed later. A text is
    /// English when its commonest function words make up a share of its words no other language's do.
    static func language(_ doc: Doc) -> String {
        let words = doc.tokens.lazy.filter { $0.kind == .word }
        var total = 0, english = 0
        for t in words.prefix(400) {
            total += 1
            if englishFunctionWords.contains(t.norm) { english += 1 }
        }
        guard total >= 10 else { return "und" }
        return Double(english) / Double(total) >= 0.08 ? "en" : "und"
    }

    static let englishFunctionWords: Set<String> = ["the", "of", "and", "in", "to", "a", "was", "were", "on", "by",
                                                    "said", "that", "with", "for", "from", "at", "is", "has", "have"]
}
