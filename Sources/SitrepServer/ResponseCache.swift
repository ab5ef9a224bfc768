import Foundation
import Hummingbird
import SitrepStore

/// Recent read responses by URL, dropped as soon as the store changes. A dashboard asks the same
/// few questions again and again (every visitor's first view, the pages of a shared link); the
/// store is checked for changes (by any process: `sitrep ingest` may write the same database) at
/// most once per `recheck`, so an answer is never more than that out of date. Bounded in bytes:
/// past the bound the cache starts over.
final class ResponseCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: Response] = [:]
    private var bytes = 0
    private var marker: String?
    private var checked = ContinuousClock.now - .seconds(3600)
    let maxBytes: Int
    let recheck: Duration

    init(maxBytes: Int, recheck: Duration = .seconds(1)) {
        self.maxBytes = maxBytes
        self.recheck = recheck
    }

    /// The cached response for `key`, or the one `make` builds (cached when it is a 200).
    func response(_ key: String, store: any EventMapStore, make: () throws -> Response) throws -> Response {
        guard maxBytes > 0 else { return try make() }
        try refresh(store)
        if let hit = lock.withLock({ entries[key] }) { return hit }
        let r = try make()
        if r.status == .ok, case let size = r.body.contentLength ?? 0, size > 0, size < maxBytes / 8 {
            lock.withLock {
                if bytes + size > maxBytes { entries.removeAll(); bytes = 0 }
                entries[key] = r
                bytes += size
            }
        }
        return r
    }

    func clear() {
        lock.withLock { entries.removeAll(); bytes = 0 }
    }

    private func refresh(_ store: any EventMapStore) throws {
        let now = ContinuousClock.now
        let due = lock.withLock { () -> Bool in
            guard now - checked >= recheck else { return false }
            checked = now
            return true
        }
        guard due else { return }
        let current = try store.changeMarker()
        lock.withLock {
            if current != marker { entries.removeAll(); bytes = 0; marker = current }
        }
    }
}
