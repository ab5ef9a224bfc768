import Foundation
import SitrepCore

/// What one `POST /api/extract` may cost the server. Coding is CPU time, superlinear on some
/// layouts, so a request is held to a body size (413 past it), a few requests code at once (503
/// with Retry-After past them, the other cores stay free for reads), and the client stops waiting
/// at the request's time budget (503). Abandoned work keeps its slot until it ends, so the CPU it
/// can take stays bounded. All coding for the endpoint goes through `code`, the one place a
/// per-document time budget in `Pipeline` plugs in.
final class ExtractionBudget: @unchecked Sendable {
    let maxBytes: Int
    let slots: Int
    private let lock = NSLock()
    private var busy = 0

    init(_ configuration: ServerConfiguration) {
        maxBytes = configuration.maxExtractBytes
        slots = max(1, configuration.extractSlots)
    }

    func code(_ articles: [Article], pipeline: Pipeline) async throws -> [Pipeline.Result] {
        try await withSlot { articles.map { pipeline.run($0) } }
    }

    /// Runs `work` off the event loops in a free slot, or refuses with 503 when none is free.
    func withSlot<T: Sendable>(_ work: @escaping @Sendable () -> T) async throws -> T {
        try RequestDeadline.check()
        guard take() else {
            throw APIError(.serviceUnavailable, "extraction is busy (\(slots) request(s) at once); retry shortly",
                           headers: [.retryAfter: "1"])
        }
        return try await offload(until: RequestDeadline.current) { [self] in
            defer { give() }
            return work()
        }
    }

    private func take() -> Bool {
        lock.withLock {
            guard busy < slots else { return false }
            busy += 1
            return true
        }
    }

    private func give() { lock.withLock { busy -= 1 } }
}

/// Runs blocking work on Dispatch's threads and awaits it, or gives up at `deadline` (503),
/// leaving the work to finish on its own.
func offload<T: Sendable>(until deadline: ContinuousClock.Instant?, _ work: @escaping @Sendable () -> T) async throws -> T {
    guard let deadline else { return await offload(work) }
    let once = ResumeOnce<T>()
    return try await withCheckedThrowingContinuation { c in
        once.set(c)
        let timer = Task {
            try await Task.sleep(until: deadline, clock: .continuous)
            once.resume(.failure(RequestDeadline.exceeded))
        }
        DispatchQueue.global().async {
            let result = work()
            timer.cancel()
            once.resume(.success(result))
        }
    }
}

/// A continuation that the first of several racers resumes.
private final class ResumeOnce<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, any Error>?

    func set(_ c: CheckedContinuation<T, any Error>) { lock.withLock { continuation = c } }

    func resume(_ result: Result<T, any Error>) {
        let c = lock.withLock { () -> CheckedContinuation<T, any Error>? in
            defer { continuation = nil }
            return continuation
        }
        c?.resume(with: result)
    }
}
