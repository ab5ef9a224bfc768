import Foundation

/// How `sitrep serve` runs: where it listens, the write token, the limits that keep one client from
/// starving the others, which hosts and origins it answers, and where the dashboard's files and the
/// system's JavaScript libraries are.
public struct ServerConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// Bearer token for the write endpoints and `/api/extract`; nil disables them.
    public var token: String?
    /// Request bodies above this many bytes get 413.
    public var maxBodyBytes = 8 << 20
    /// `/api/extract` bodies above this many bytes get 413: coding is CPU time on the server's cores,
    /// so what one request may ask for is far smaller than what it may store.
    public var maxExtractBytes = 256 << 10
    /// `/api/extract` requests coded at once; more get 503 with Retry-After (the cores stay free for reads).
    public var extractSlots = max(1, ProcessInfo.processInfo.activeProcessorCount - 1)
    /// Bytes of recent read responses kept (0: no cache); dropped whenever the store changes.
    public var cacheBytes = 128 << 20
    /// How often the cache asks the store whether it changed.
    public var cacheRecheck: Duration = .seconds(1)
    /// A connection that delivers no complete request head this long after opening or after its last
    /// response is closed: idle keep-alive connections and slowloris headers alike.
    public var idleTimeout: Duration = .seconds(10)
    /// A request's body must arrive whole within this time of its head (a body sent a byte at a time
    /// would otherwise hold the connection for ever).
    public var readTimeout: Duration = .seconds(10)
    /// A response that takes longer gets 503 (downloads stop between pages, extraction is abandoned).
    public var requestTimeout: Duration = .seconds(30)
    /// Open connections at most; past it the server stops accepting until one closes (the kernel's
    /// backlog holds the rest), so idle clients cannot use up the process's file descriptors. Lowered
    /// to what the descriptor limit allows at start-up (`ConnectionCap`).
    public var maxConnections = 4096
    /// Largest request head (request line and headers); larger gets 431.
    public var maxHeaderBytes = 32 << 10
    /// Host header values answered (without port); others get 421. Guards against DNS rebinding,
    /// where a page on another site resolves its own name to this machine. "*" answers any host.
    public var allowedHosts: [String] = ServerConfiguration.loopbackNames
    /// Origins (scheme://host[:port]) whose pages may read the API from a browser (CORS). The
    /// dashboard is same-origin and needs none.
    public var corsOrigins: [String] = []
    /// The dashboard's files (default: the copy bundled with the server).
    public var dashboardDirectory: String?
    /// URL prefix → directory of a JavaScript library installed from Debian (libjs-leaflet,
    /// libjs-chart.js): the dashboard uses the system's copy, it bundles none.
    public var vendorDirectories: [String: String] = [
        "/vendor/leaflet/": "/usr/share/javascript/leaflet",
        "/vendor/chart.js/": "/usr/share/javascript/chart.js",
    ]

    public init() {}

    public static let loopbackNames = ["localhost", "127.0.0.1", "::1"]

    static var bundledDashboard: String? { Bundle.module.url(forResource: "Dashboard", withExtension: nil)?.path }
    static var bundledOpenAPI: URL? { Bundle.module.url(forResource: "openapi", withExtension: "json") }
}
