import Foundation
import SitrepCore

/// Canonical events as the core's output events: each carries its anchor report's evidence (offsets
/// into the anchor article's cleaned text) and the anchor article's title, url and date. What
/// `sitrep events` and the API's CSV download write, through the one CSV writer of the project.
/// The last 256 anchor articles are kept, since a page often has several events of one article.
public final class CodedEvents {
    let store: any EventMapStore
    private var docs: [String: Doc] = [:]

    public init(store: any EventMapStore) {
        self.store = store
    }

    public func coded(_ e: CanonicalEvent) throws -> (CodedEvent, Doc) {
        let doc: Doc
        if let d = docs[e.anchorArticle] {
            doc = d
        } else if let (a, text) = try store.articleText(id: e.anchorArticle) {
            doc = Doc(articleID: a.id, origin: a.origin, title: a.title, published: a.published, source: a.source,
                      url: a.url, clean: CleanText(text: text))
            if docs.count > 256 { docs.removeAll() }
            docs[e.anchorArticle] = doc
        } else {
            doc = Doc(articleID: e.anchorArticle, origin: "", title: nil, published: nil, source: nil, url: nil,
                      clean: CleanText(text: ""))
        }
        let evidence = doc.text.isEmpty ? [] : try store.evidence(mention: e.anchorMention).map {
            Evidence(field: $0.field, span: Span($0.utf8Start, $0.utf8End), text: $0.text)
        }
        return (CanonicalBuilder.codedEvent(e, evidence: evidence, title: doc.title, url: doc.url, published: doc.published), doc)
    }
}
