import Foundation

/// Order-preserving parallel map over all cores.
public enum ParallelMap {
    public static func map<T: Sendable, R: Sendable>(_ items: [T], _ f: @Sendable (T) -> R) -> [R] {
        let box = ResultBox<R>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { i in
            box.set(i, f(items[i]))
        }
        return box.values()
    }
}

final class ResultBox<R>: @unchecked Sendable {
    private var storage: [R?]
    private let lock = NSLock()
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ v: R) { lock.lock(); storage[i] = v; lock.unlock() }
    func values() -> [R] { storage.map { $0! } }
}
