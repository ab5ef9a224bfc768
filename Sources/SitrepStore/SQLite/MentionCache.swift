import Foundation

/// Stored mentions, decoded, shared by the batches of one store.
///
/// A row of `mentions` never changes once written (only its `event_id`, which `Mention` does not
/// hold; a new version of an article gets new mention ids), and lookups start from ids the table
/// has just returned, so a cached mention is never stale and a deleted one is never served.
/// Only mentions decoded from rows go in, so what clustering reads never depends on whether the
/// process decoded a mention itself or has it from an earlier batch (a crash and re-run must
/// give the same store).
final class MentionCache: @unchecked Sendable {
    private let lock = NSLock()
    private var byID: [String: Mention] = [:]
    /// Mention ids by article, so that withdrawing an article does not scan the whole cache.
    private var idsByArticle: [String: [String]] = [:]
    /// Past this many mentions the cache starts afresh: memory stays bounded on huge stores.
    let capacity: Int

    init(capacity: Int = 200_000) {
        self.capacity = capacity
    }

    subscript(id: String) -> Mention? {
        lock.lock()
        defer { lock.unlock() }
        return byID[id]
    }

    func insert(_ m: Mention) {
        lock.lock()
        defer { lock.unlock() }
        if byID.count >= capacity {
            byID.removeAll(keepingCapacity: true)
            idsByArticle.removeAll(keepingCapacity: true)
        }
        if byID.updateValue(m, forKey: m.id) == nil { idsByArticle[m.articleID, default: []].append(m.id) }
    }

    func removeAll(ofArticle article: String) {
        lock.lock()
        defer { lock.unlock() }
        for id in idsByArticle.removeValue(forKey: article) ?? [] { byID[id] = nil }
    }
}
