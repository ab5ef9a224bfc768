import Foundation
import Hummingbird
import NIOHTTP1
import SitrepCore
import SitrepStore

/// An error the API reports to the client: a status and a message, always as JSON
/// (`{"error":{"status":400,"message":"…"}}`).
public struct APIError: Error, Sendable, CustomStringConvertible {
    public var status: HTTPResponse.Status
    public var message: String
    /// Headers the answer needs (`Allow` on 405, `Retry-After` on 503).
    public var headers: HTTPFields

    public init(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.message = message
        self.headers = headers
    }

    public var description: String { "\(status.code) \(message)" }

    static func badRequest(_ m: String) -> APIError { APIError(.badRequest, m) }

    var json: String {
        var w = JSONWriter()
        w.beginObject()
        w.key("error")
        w.beginObject()
        w.field("status", status.code)
        w.field("message", message)
        w.endObject()
        w.endObject()
        return w.out
    }

    /// Every error the stack can throw, as what the client is told: framework errors keep their
    /// status, store errors about the request are 400, anything else is a 500 without internals.
    static func from(_ error: any Error, bodyLimit: Int) -> APIError {
        switch error {
        case let e as APIError: return e
        case let e as HTTPError:
            let m = e.body ?? (e.status == .notFound ? "no such resource" : e.status.reasonPhrase)
            return APIError(e.status, m, headers: e.headers)
        case let e as HTTPParserError:
            // The client broke off or sent what the parser refuses mid-request.
            return ConnectionGuard.refusal(e) ?? APIError(.badRequest, "malformed request")
        case let e as StoreError:
            if case .badCursor = e { return APIError(.badRequest, e.description) }
            return APIError(.notFound, e.description)
        case let e as any HTTPResponseError:
            if e.status == .contentTooLarge { return APIError(.contentTooLarge, "request body is larger than \(bodyLimit) bytes") }
            return APIError(e.status, e.status.reasonPhrase)
        default:
            return APIError(.internalServerError, "internal error: \(type(of: error))")
        }
    }
}

/// Turns every thrown error into the JSON error body, so no route answers with HTML or plain text.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let bodyLimit: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let e = APIError.from(error, bodyLimit: bodyLimit)
            if e.status == .internalServerError { context.logger.error("\(request.method) \(request.uri.path): \(error)") }
            var response = Response.json(e.json, status: e.status)
            response.headers.append(contentsOf: e.headers)
            return response
        }
    }
}

extension Response {
    static func json(_ body: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    static func text(_ body: String, contentType: String, status: HTTPResponse.Status = .ok, filename: String? = nil) -> Response {
        var headers: HTTPFields = [.contentType: contentType]
        if let filename { headers[.contentDisposition] = "attachment; filename=\"\(filename)\"" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
