import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A plain TCP connection to the server under test, for what an HTTP client library will not
/// send: oversized or malformed heads, a request that stops half way, a connection that says
/// nothing. Blocking calls, run off the cooperative pool.
final class RawConnection: @unchecked Sendable {
    private let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let ok = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard ok == 0 else { close(fd); throw POSIXError(.ECONNREFUSED) }
    }

    deinit { close(fd) }

    /// Stops sending: the server sees the client's end of the connection.
    func finish() { shutdown(fd, Int32(SHUT_WR)) }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return }
            sent += n
        }
    }

    /// Everything the server sends until it closes the connection or `seconds` pass; `closed`
    /// tells which.
    func readUntilClosed(seconds: Double) async -> (text: String, closed: Bool) {
        await read(seconds: seconds) { _ in false }
    }

    /// One whole response (head and Content-Length body), or what arrived in `seconds`.
    func readResponse(seconds: Double) async -> String {
        await read(seconds: seconds) { RawResponse.isComplete($0) }.text
    }

    private func read(seconds: Double, until done: @escaping @Sendable ([UInt8]) -> Bool) async -> (text: String, closed: Bool) {
        await withCheckedContinuation { c in
            DispatchQueue.global().async { [self] in
                var received: [UInt8] = []
                let deadline = Date().addingTimeInterval(seconds)
                var closed = false
                var buffer = [UInt8](repeating: 0, count: 65536)
                while Date() < deadline, !done(received) {
                    var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                    let wait = Int32(max(1, deadline.timeIntervalSinceNow * 1000))
                    guard poll(&p, 1, wait) > 0 else { continue }
                    let n = recv(fd, &buffer, buffer.count, 0)
                    if n <= 0 { closed = true; break }
                    received += buffer[0..<n]
                }
                c.resume(returning: (String(decoding: received, as: UTF8.self), closed))
            }
        }
    }

}

/// A raw HTTP response: status code, headers (lower-cased names) and body.
struct RawResponse {
    var status = 0
    var headers: [String: String] = [:]
    var body = ""

    init(_ text: String) {
        guard let split = text.range(of: "\r\n\r\n") else { return }
        let lines = text[..<split.lowerBound].components(separatedBy: "\r\n")
        status = Int(lines.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        body = String(text[split.upperBound...])
    }

    static func isComplete(_ bytes: [UInt8]) -> Bool {
        let r = RawResponse(String(decoding: bytes, as: UTF8.self))
        guard r.status > 0, let length = r.headers["content-length"].flatMap(Int.init) else { return false }
        return r.body.utf8.count >= length
    }

    var errorMessage: String? {
        guard let o = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
              let e = o["error"] as? [String: Any], e["status"] as? Int == status else { return nil }
        return e["message"] as? String
    }
}
