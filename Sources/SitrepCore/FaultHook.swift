import Foundation

/// A way to make one chosen document crash the process, so the recovery of `sitrep ingest` (find
/// the batch a dead run was coding, quarantine the document that killed it) can be tested now
/// that no input crashes it. Debug builds only: a release build has no such switch.
///
/// `SITREP_FAULT_CRASH_ON=TEXT`: coding a document whose body contains TEXT stops the process
/// with a fatal error.
enum FaultHook {
    #if DEBUG
    static let needle: String? = ProcessInfo.processInfo.environment["SITREP_FAULT_CRASH_ON"].flatMap { $0.isEmpty ? nil : $0 }

    static func check(_ article: Article) {
        guard let needle else { return }
        switch article.body {
        case .text(let body), .html(let body):
            if body.contains(needle) { fatalError("fault hook: the document contains \(needle) (SITREP_FAULT_CRASH_ON)") }
        }
    }
    #else
    @inline(__always) static func check(_ article: Article) {}
    #endif
}
