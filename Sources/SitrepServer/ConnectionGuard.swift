import Foundation
import HTTPTypes
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Per-connection protection below the router, on the connection's event loop:
///
/// - a request's body must arrive whole within `readTimeout` of its head, else the connection is
///   closed (Hummingbird's idle timeout only counts gaps between parts, so a body sent a byte at a
///   time would hold it for ever);
/// - a request the HTTP parser refuses (headers too large, bad request line, bad header) gets a JSON
///   error with its status (431 for oversized headers, 400 otherwise) instead of Hummingbird's empty
///   400, then the connection closes.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let readTimeout: TimeAmount
    private var bodyDeadline: Scheduled<Void>?
    /// Request heads read minus responses finished: an error answer is written only when no
    /// response is owed, so it never interleaves with one.
    private var owed = 0
    private var readingBody = false

    init(readTimeout: TimeAmount) {
        self.readTimeout = readTimeout
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            owed += 1
            readingBody = true
            let channel = context.channel
            bodyDeadline?.cancel()
            bodyDeadline = context.eventLoop.scheduleTask(in: readTimeout) { channel.close(promise: nil) }
        case .end:
            readingBody = false
            bodyDeadline?.cancel()
            bodyDeadline = nil
        case .body:
            break
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { owed -= 1 }
        context.write(data, promise: promise)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        bodyDeadline?.cancel()
    }

    func channelInactive(context: ChannelHandlerContext) {
        bodyDeadline?.cancel()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard owed == 0, !readingBody, let refusal = Self.refusal(error) else {
            context.fireErrorCaught(error)
            return
        }
        let body = ByteBuffer(string: refusal.json)
        let head = HTTPResponse(status: refusal.status, headerFields: [
            .contentType: "application/json; charset=utf-8", .contentLength: String(body.readableBytes), .connection: "close",
        ])
        owed = 1
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(body)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in context.close(promise: nil) }
    }

    /// What a client is told about a request the parser could not read.
    static func refusal(_ error: any Error) -> APIError? {
        guard let e = error as? HTTPParserError else { return nil }
        switch e {
        case .headerOverflow:
            return APIError(.init(code: 431, reasonPhrase: "Request Header Fields Too Large"),
                            "request headers are too large")
        case .invalidVersion:
            return APIError(.init(code: 505, reasonPhrase: "HTTP Version Not Supported"), "only HTTP/1.0 and HTTP/1.1 are served")
        case .invalidMethod:
            return APIError(.badRequest, "malformed request line: unknown method")
        case .invalidURL:
            return APIError(.badRequest, "malformed request line: bad target")
        case .invalidHeaderToken, .invalidCharactersUsed, .lfExpected:
            return APIError(.badRequest, "malformed header")
        case .invalidContentLength, .unexpectedContentLength, .invalidChunkSize:
            return APIError(.badRequest, "malformed body framing (Content-Length or chunked encoding)")
        default:
            return APIError(.badRequest, "malformed request")
        }
    }
}

/// How many connections the server keeps open: the configured cap, lowered so that the process's
/// descriptor limit keeps room for the database, the listener and logs.
enum ConnectionCap {
    static let reservedDescriptors = 128

    static func effective(_ configured: Int) -> Int {
        var limit = rlimit()
        // RLIM_INFINITY is all ones: far above any cap.
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < rlim_t(Int32.max) else { return configured }
        let available = Int(clamping: limit.rlim_cur) - reservedDescriptors
        return max(1, min(configured, available))
    }
}

extension ServerConfiguration {
    /// Hummingbird's HTTP/1 channel with the idle timeout, header limits and `ConnectionGuard`.
    var http1: HTTP1Channel.Configuration {
        return HTTP1Channel.Configuration(
            additionalChannelHandlers: [ConnectionGuard(readTimeout: TimeAmount(readTimeout))],
            idleTimeout: TimeAmount(idleTimeout),
            httpDecoderConfiguration: .init(maxHeaderFieldSize: maxHeaderBytes, maxHeaderListSize: maxHeaderBytes, maxHeaderFieldCount: 200))
    }
}
