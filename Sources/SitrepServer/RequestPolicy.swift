import Foundation
import Hummingbird

/// The methods each path answers, from the router's own routes and the dashboard's files: a known
/// path asked with another method gets 405 with `Allow` (TRACE included), OPTIONS gets the list.
struct RouteMethods: Sendable {
    private let routes: [(path: RouterPath, methods: Set<HTTPRequest.Method>)]
    private let files: Set<String>

    init(routes: [(path: RouterPath, method: HTTPRequest.Method)], files: some Sequence<String>) {
        var byPath: [String: (RouterPath, Set<HTTPRequest.Method>)] = [:]
        for r in routes { byPath[r.path.description, default: (r.path, [])].1.insert(r.method) }
        self.routes = byPath.values.map { (path: $0.0, methods: $0.1) }
        self.files = Set(files)
    }

    /// The methods `path` answers, as an `Allow` value ("GET, HEAD, OPTIONS"), or nil for a path
    /// that does not exist.
    func allow(_ path: String) -> String? {
        var methods: Set<HTTPRequest.Method> = files.contains(path) ? [.get] : []
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        for r in routes where r.path.components.count == segments.count
            && zip(r.path.components, segments).allSatisfy({ $0 ~= $1 }) {
            methods.formUnion(r.methods)
        }
        guard !methods.isEmpty else { return nil }
        if methods.contains(.get) { methods.insert(.head) }
        methods.insert(.options)
        return methods.map(\.rawValue).sorted().joined(separator: ", ")
    }
}

/// Answers only requests whose Host header names this server (loopback names by default, more
/// with `--allow-host`): a page on another site that rebinds its own name to 127.0.0.1 sends its
/// own name as Host and is refused, so it cannot read the API through the user's browser.
struct HostAllowList: Sendable {
    private let names: Set<String>
    private let anyHost: Bool

    init(_ names: [String]) {
        anyHost = names.contains("*")
        self.names = Set(names.map { Self.bare($0.lowercased()) })
    }

    /// A Host value without its port and IPv6 brackets.
    static func bare(_ host: String) -> String {
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") { return String(host[host.index(after: host.startIndex)..<close]) }
        if host.filter({ $0 == ":" }).count == 1, let colon = host.firstIndex(of: ":") { return String(host[..<colon]) }
        return host
    }

    /// Requests without a Host (HTTP/1.0 tools) come from no browser, so rebinding is no concern.
    func admits(_ authority: String?) -> Bool {
        guard !anyHost, let authority else { return true }
        return names.contains(Self.bare(authority.lowercased()))
    }
}

/// Cross-origin reads for the configured origins only: a preflight from one of them gets the
/// methods and headers the API takes; any other origin gets no CORS headers (so a browser keeps
/// the response from its page), and its writes are refused outright.
struct CORSPolicy: Sendable {
    let origins: Set<String>

    init(_ origins: [String]) {
        self.origins = Set(origins.map { $0.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "/")) })
    }

    func admits(_ origin: String) -> Bool { origins.contains(origin.lowercased()) }

    /// A request's own origin (the dashboard's page) is not cross-origin.
    static func isSameOrigin(_ origin: String, authority: String?) -> Bool {
        guard let authority, let url = URL(string: origin), let host = url.host else { return false }
        let port = url.port.map { ":\($0)" } ?? ""
        let bracketed = host.contains(":") ? "[\(host)]" : host
        return (bracketed + port).lowercased() == authority.lowercased()
    }
}

/// The host check, CORS, OPTIONS and 405 (with `Allow`) around the dashboard's files and the routes.
struct RequestPolicyMiddleware<Context: RequestContext>: RouterMiddleware {
    let hosts: HostAllowList
    let cors: CORSPolicy
    let methods: RouteMethods

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard hosts.admits(request.head.authority) else {
            throw APIError(.misdirectedRequest, "this server does not answer for host '\(request.head.authority ?? "")'; start it with --allow-host to add a name")
        }
        let origin = request.headers[.origin].flatMap { CORSPolicy.isSameOrigin($0, authority: request.head.authority) ? nil : $0 }
        let admitted = origin.map(cors.admits) ?? false
        if request.method == .options {
            guard let allow = methods.allow(request.uri.path) else { throw APIError(.notFound, "no such resource") }
            if origin != nil, !admitted { throw APIError(.forbidden, "origin \(origin!) may not use this API (see --cors-origin)") }
            var headers: HTTPFields = [.allow: allow]
            if let origin, admitted { headers.append(contentsOf: Self.corsHeaders(origin, allow: allow)) }
            return Response(status: .noContent, headers: headers)
        }
        // A browser sends a cross-site form or text/plain POST without asking first: refuse it.
        if let origin, !admitted, request.method != .get, request.method != .head {
            throw APIError(.forbidden, "origin \(origin) may not use this API (see --cors-origin)")
        }
        var response: Response
        do {
            response = try await next(request, context)
        } catch let e as HTTPError where e.status == .notFound {
            // No route for this method: the path may still exist under others.
            guard let allow = methods.allow(request.uri.path) else { throw e }
            throw APIError(.methodNotAllowed, "\(request.method.rawValue) is not served at \(request.uri.path) (allowed: \(allow))",
                           headers: [.allow: allow])
        }
        if let origin, admitted {
            response.headers[.accessControlAllowOrigin] = origin
            response.headers[.vary] = "Origin"
        }
        return response
    }

    static func corsHeaders(_ origin: String, allow: String) -> HTTPFields {
        [.accessControlAllowOrigin: origin, .accessControlAllowMethods: allow,
         .accessControlAllowHeaders: "Authorization, Content-Type", .accessControlMaxAge: "600", .vary: "Origin"]
    }
}

/// The time a request may take, as a deadline its handler can check between steps (a download
/// between pages, extraction while it waits): past it the client gets 503 rather than waiting on.
enum RequestDeadline {
    @TaskLocal static var current: ContinuousClock.Instant?

    static var remaining: Duration? { current.map { $0 - .now } }

    static func check() throws {
        if let r = remaining, r <= .zero { throw exceeded }
    }

    static let exceeded = APIError(.serviceUnavailable, "the request took longer than the server's time budget; ask for less (a narrower filter, a smaller limit or document)")
}

struct RequestDeadlineMiddleware<Context: RequestContext>: RouterMiddleware {
    let timeout: Duration

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await RequestDeadline.$current.withValue(.now + timeout) { try await next(request, context) }
    }
}
