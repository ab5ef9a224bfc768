import Foundation
import SitrepCore

/// A document an ingest run was about to code, recorded before coding starts: if the process dies
/// meanwhile, the next run finds it still listed and tests it on its own before coding it again.
public struct PendingDocument: Sendable, Hashable {
    /// Content id (`ArticleExtractor.contentID`).
    public var articleID: String
    public var origin: String

    public init(articleID: String, origin: String) {
        self.articleID = articleID
        self.origin = origin
    }
}

/// A document set aside because coding it failed: crashed or hung the process, or overran its
/// time budget. It is not coded again (re-ingesting it skips it) until it is released.
public struct QuarantinedDocument: Sendable, Hashable {
    public var articleID: String
    public var origin: String
    public var url: String?
    public var bytes: Int
    public var reason: String
    /// When it was set aside (ISO 8601 UTC); filled in by the store.
    public var at: String

    public init(articleID: String, origin: String, url: String?, bytes: Int, reason: String, at: String = "") {
        self.articleID = articleID
        self.origin = origin
        self.url = url
        self.bytes = bytes
        self.reason = reason
        self.at = at
    }

    public init(_ article: Article, reason: String) {
        self.init(articleID: ArticleExtractor.contentID(article), origin: article.origin, url: article.url,
                  bytes: article.byteCount, reason: reason)
    }
}

/// What one committed ingest step changes besides articles: documents set aside, and the
/// bookkeeping of what is being coded (the batch just stored leaves the list, the next one joins).
public struct IngestBatch: Sendable {
    public var articles: [ExtractedArticle]
    public var quarantined: [QuarantinedDocument]
    /// Content ids no longer being coded (stored, quarantined or skipped).
    public var finished: [String]
    /// Documents about to be coded.
    public var starting: [PendingDocument]

    public init(articles: [ExtractedArticle], quarantined: [QuarantinedDocument] = [], finished: [String] = [],
                starting: [PendingDocument] = []) {
        self.articles = articles
        self.quarantined = quarantined
        self.finished = finished
        self.starting = starting
    }
}

/// What the store keeps for recovering from a run that died, beside the events.
public protocol IngestJournal: Sendable {
    /// Stores a batch and its bookkeeping in one transaction.
    func ingest(_ batch: IngestBatch, at: Date) throws -> IngestReport
    /// Documents a run recorded as about to be coded and never finished: the run died.
    func pendingDocuments() throws -> [PendingDocument]
    /// Content ids of quarantined documents, among `ids`.
    func quarantinedIDs(_ ids: [String]) throws -> Set<String>
    /// Every quarantined document, oldest first.
    func quarantined() throws -> [QuarantinedDocument]
}

/// Codes documents somewhere a crash cannot reach the caller (another process): how an ingest run
/// finds which of the documents a dead run was coding is the one that kills the process.
public protocol IsolatedCoder: Sendable {
    /// Codes `articles` one after another and reports the first that failed (crashed or hung the
    /// coder) with why, or nil when all were coded. The documents after it were not tried. Throws
    /// when the isolation itself cannot run: a document must not be blamed for that.
    func firstFailure(coding articles: [Article]) throws -> (index: Int, reason: String)?
}
