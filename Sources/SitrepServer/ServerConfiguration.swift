import Foundation

/// How `sitrep serve` runs: where it listens, the write token, the body limit and where the
/// dashboard's files and the system's JavaScript libraries are.
public struct ServerConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// Bearer token for the write endpoints; nil disables them.
    public var token: String?
    /// Request bodies above this many bytes get 413.
    public var maxBodyBytes = 8 << 20
    /// Bytes of recent read responses kept (0: no cache); dropped whenever the store changes.
    public var cacheBytes = 128 << 20
    /// How often the cache asks the store whether it changed.
    public var cacheRecheck: Duration = .seconds(1)
    /// The dashboard's files (default: the copy bundled with the server).
    public var dashboardDirectory: String?
    /// URL prefix → directory of a JavaScript library installed from Debian (libjs-leaflet,
    /// libjs-chart.js): the dashboard uses the system's copy, it bundles none.
    public var vendorDirectories: [String: String] = [
        "/vendor/leaflet/": "/usr/share/javascript/leaflet",
        "/vendor/chart.js/": "/usr/share/javascript/chart.js",
    ]

    public init() {}

    static var bundledDashboard: String? { Bundle.module.url(forResource: "Dashboard", withExtension: nil)?.path }
    static var bundledOpenAPI: URL? { Bundle.module.url(forResource: "openapi", withExtension: "json") }
}
