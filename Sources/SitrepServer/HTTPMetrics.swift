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

    /// The label of a request: the route template the router matched ("/api/events/{id}"), "static"
    /// for the dashboard's files, else "unmatched" — never the raw path, so a client asking for
    /// thousands of made-up paths adds no series.
    static func route(endpoint: String?) -> String {
        guard let endpoint, endpoint != "NotFound" else { return "unmatched" }
        return endpoint
    }

    /// Methods as labels: the standard ones by name, anything a client made up as "other".
    static func method(_ m: HTTPRequest.Method) -> String {
        known.contains(m) ? m.rawValue : "other"
    }

    static let staticRoute = "static"

    static let known: Set<HTTPRequest.Method> = [.get, .head, .post, .put, .delete, .patch, .options, .trace, .connect]
}

struct MetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: HTTPMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let d = ContinuousClock.now - start
        let seconds = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        metrics.record(method: HTTPMetrics.method(request.method), route: HTTPMetrics.route(endpoint: context.endpointPath),
                       status: response.status.code, seconds: seconds)
        return response
    }
}
