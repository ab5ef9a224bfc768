import Foundation
import Hummingbird
import Logging
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
        let router = Router(context: BasicRequestContext.self)
        // Outermost first: metrics see the final status, errors become JSON, then files, then routes.
        router.add(middleware: MetricsMiddleware(metrics: metrics))
        router.add(middleware: JSONErrorMiddleware(bodyLimit: configuration.maxBodyBytes))
        router.add(middleware: StaticFilesMiddleware(files: files))
        SitrepAPI(store: store, configuration: configuration, pipeline: pipeline, metrics: metrics,
                  openAPI: ByteBuffer(bytes: openAPI), cache: ResponseCache(maxBytes: configuration.cacheBytes, recheck: configuration.cacheRecheck)).register(on: router)
        return router
    }

    public static func makeApplication(store: any EventMapStore, configuration: ServerConfiguration,
                                       pipeline: Pipeline, logger: Logger? = nil) throws -> some ApplicationProtocol {
        var log = logger ?? Logger(label: "sitrep")
        if logger == nil { log.logLevel = .notice }
        return Application(
            router: try makeRouter(store: store, configuration: configuration, pipeline: pipeline),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "sitrep"),
            logger: log)
    }

    /// Library folders the dashboard needs that are not installed (Debian: libjs-leaflet, libjs-chart.js).
    public static func missingLibraries(_ configuration: ServerConfiguration) -> [String] {
        configuration.vendorDirectories.values.filter { !FileManager.default.fileExists(atPath: $0) }.sorted()
    }
}
