import Foundation
import Hummingbird

/// The dashboard and its libraries, read once at start-up and served from memory: a handful of
/// small files, looked up by exact path, so API requests pay one dictionary miss and no disk access.
struct StaticFiles: Sendable {
    struct File: Sendable {
        var bytes: ByteBuffer
        var contentType: String
    }

    private(set) var files: [String: File] = [:]
    /// Library folders that were expected and not found (reported at start-up).
    private(set) var missing: [String] = []

    init(dashboard: String?, vendor: [String: String]) {
        if let dashboard { add(directory: dashboard, prefix: "/") }
        if let index = files["/index.html"] { files["/"] = index }
        for (prefix, dir) in vendor.sorted(by: { $0.key < $1.key }) {
            if FileManager.default.fileExists(atPath: dir) { add(directory: dir, prefix: prefix) } else { missing.append(dir) }
        }
    }

    private mutating func add(directory: String, prefix: String) {
        let root = URL(fileURLWithPath: directory).resolvingSymlinksInPath()
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return }
        for case let url as URL in walker {
            let ext = url.pathExtension.lowercased()
            // Precompressed copies and source maps are not needed by the page.
            guard let type = Self.types[ext] else { continue }
            let resolved = url.resolvingSymlinksInPath()
            guard let data = try? Data(contentsOf: resolved) else { continue }
            let relative = url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count).drop { $0 == "/" }
            files[prefix + relative] = File(bytes: ByteBuffer(bytes: data), contentType: type)
        }
    }

    static let types: [String: String] = [
        "html": "text/html; charset=utf-8", "js": "text/javascript; charset=utf-8", "mjs": "text/javascript; charset=utf-8",
        "css": "text/css; charset=utf-8", "json": "application/json", "geojson": "application/geo+json",
        "png": "image/png", "svg": "image/svg+xml", "md": "text/markdown; charset=utf-8",
    ]
}

struct StaticFilesMiddleware<Context: RequestContext>: RouterMiddleware {
    let files: StaticFiles

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .get || request.method == .head, let f = files.files[request.uri.path] else {
            return try await next(request, context)
        }
        context.coreContext.endpointPath.value = HTTPMetrics.staticRoute
        return Response(status: .ok, headers: [.contentType: f.contentType, .cacheControl: "no-cache"],
                        body: .init(byteBuffer: request.method == .head ? ByteBuffer() : f.bytes))
    }
}
