import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import SitrepCore
import SitrepStore

/// `sitrep serve`: the API, the metrics and the dashboard on one Hummingbird application.
public enum SitrepServer {
    /// The router with every route and middleware, for running and for tests.
    public static func makeRouter(store: any EventMapStore, configuration: ServerConfiguration,
                                  pipeline: Pipeline) throws -> Router<BasicRequestContext> {
        let metrics = HTTPMetrics()
        let files = StaticFiles(dashboard: configuration.dashboardDirectory ?? ServerConfiguration.bundledDashboard,
                                vendor: configuration.vendorDirectories)
        let openAPI = try ServerConfiguration.bundledOpenAPI.map { try Data(contentsOf: $0) } ?? Data()
        let api = SitrepAPI(store: store, configuration: configuration, pipeline: pipeline, metrics: metrics,
                            openAPI: ByteBuffer(bytes: openAPI),
                            cache: ResponseCache(maxBytes: configuration.cacheBytes, recheck: configuration.cacheRecheck),
                            extraction: ExtractionBudget(configuration))
        // The methods each path answers, read off the same routes (405 and OPTIONS need them before routing).
        let probe = Router(context: BasicRequestContext.self)
        api.register(on: probe)
        let methods = RouteMethods(routes: probe.routes.map { ($0.path, $0.method) }, files: files.files.keys)

        let router = Router(context: BasicRequestContext.self, options: .autoGenerateHeadEndpoints)
        // Outermost first: metrics see the final status, errors become JSON, the host, origin and
        // method checks come before any file or route, the time budget covers the handler.
        router.add(middleware: MetricsMiddleware(metrics: metrics))
        router.add(middleware: JSONErrorMiddleware(bodyLimit: configuration.maxBodyBytes))
        router.add(middleware: RequestPolicyMiddleware(hosts: HostAllowList(configuration.answeredHosts),
                                                       cors: CORSPolicy(configuration.corsOrigins), methods: methods))
        router.add(middleware: StaticFilesMiddleware(files: files))
        router.add(middleware: RequestDeadlineMiddleware(timeout: configuration.requestTimeout))
        api.register(on: router)
        return router
    }

    /// The server; `onListening` gets the port it listens on (the one chosen when the configured port is 0).
    public static func makeApplication(store: any EventMapStore, configuration: ServerConfiguration,
                                       pipeline: Pipeline, logger: Logger? = nil,
                                       onListening: (@Sendable (Int) async -> Void)? = nil) throws -> some ApplicationProtocol {
        var log = logger ?? Logger(label: "sitrep")
        if logger == nil { log.logLevel = .notice }
        return Application(
            router: try makeRouter(store: store, configuration: configuration, pipeline: pipeline),
            server: .http1(configuration: configuration.http1),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "sitrep",
                                 availableConnectionsDelegate: MaximumAvailableConnections(ConnectionCap.effective(configuration.maxConnections))),
            onServerRunning: { channel in await onListening?(channel.localAddress?.port ?? 0) },
            logger: log)
    }

    /// Whether starting failed because another process listens on the address.
    public static func isAddressInUse(_ error: any Error) -> Bool {
        (error as? IOError)?.errnoCode == EADDRINUSE
    }

    /// Library folders the dashboard needs that are not installed (Debian: libjs-leaflet, libjs-chart.js).
    public static func missingLibraries(_ configuration: ServerConfiguration) -> [String] {
        configuration.vendorDirectories.values.filter { !FileManager.default.fileExists(atPath: $0) }.sorted()
    }
}

extension ServerConfiguration {
    /// The allow-list plus the address the server listens on when that is a particular one (a
    /// client reaching it by that address sends it as Host).
    var answeredHosts: [String] {
        let wildcard = ["0.0.0.0", "::", ""].contains(host)
        return allowedHosts + (wildcard || allowedHosts.contains(host) ? [] : [host])
    }
}
