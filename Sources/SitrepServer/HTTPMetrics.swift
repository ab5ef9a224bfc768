import Foundation
import Hummingbird
import Prometheus

/// Prometheus metrics for `/metrics`: requests by route and status, and latency by route. The
/// registry is the server's own (not the process-wide MetricsSystem), so tests can build many apps.
final class HTTPMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()

    func record(method: String, route: String, status: Int, seconds: Double) {
        registry.makeCounter(name: "sitrep_http_requests_total",
                             labels: [("method", method), ("route", route), ("status", String(status))]).increment()
        registry.makeDurationHistogram(name: "sitrep_http_request_duration_seconds", labels: [("route", route)],
                                       buckets: Self.buckets).recordNanoseconds(Int64(seconds * 1e9))
    }

    static let buckets: [Duration] = [.microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5),
                                      .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
                                      .milliseconds(250), .milliseconds(1000), .seconds(5)]

    /// The route a path belongs to, so labels stay few (ids are not labels).
    static func route(_ path: String) -> String {
        if path.hasPrefix("/api/events/") { return "/api/events/{id}" }
        if path.hasPrefix("/api/articles/") { return "/api/articles/{id}" }
        if path.hasPrefix("/api/") || path == "/healthz" || path == "/metrics" || path == "/openapi.json" { return path }
        return "static"
    }
}

struct MetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: HTTPMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let d = ContinuousClock.now - start
        let seconds = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        metrics.record(method: request.method.rawValue, route: HTTPMetrics.route(request.uri.path),
                       status: response.status.code, seconds: seconds)
        return response
    }
}
