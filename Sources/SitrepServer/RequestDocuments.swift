import Foundation
import SitrepCore

/// A POST body as the document reader's input, by its Content-Type: under a JSON type, one
/// document object, a non-empty array of them, or JSON lines; under text/plain or text/html, the
/// bytes are one document whatever they hold. A JSON document is what openapi.json's `Document`
/// says: an object with a string `text` or `html`, and strings for the other fields it names; any
/// other JSON is a 400 naming the item or line. Documents that fit and still cannot be read (an
/// empty text, a published value that is no date) go to the response's `errors`.
enum RequestDocuments {
    static func format(contentType: String?) throws -> InputFormat {
        let type = (contentType ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        switch type {
        case "application/json", "application/x-ndjson", "application/jsonl", "application/jsonlines": return .jsonl
        case "text/plain": return .text
        case "text/html": return .html
        default:
            throw APIError(.unsupportedMediaType, "Content-Type must be application/json, application/x-ndjson (JSON lines), text/plain or text/html"
                           + (type.isEmpty ? "" : ", got '\(type)'"))
        }
    }

    static func parse(_ data: Data, contentType: String?) throws -> (data: Data, format: InputFormat) {
        let format = try format(contentType: contentType)
        guard format == .jsonl else { return (data, format) }
        guard !data.isEmpty else { throw APIError.badRequest("empty request body") }
        // One JSON value (an object, or an array of objects) spread over any number of lines…
        if let whole = try? JSONSerialization.jsonObject(with: data) {
            let objects: [Any]
            if let o = whole as? [String: Any] { objects = [o] } else if let a = whole as? [Any], !a.isEmpty { objects = a } else {
                throw APIError.badRequest("malformed JSON: expected a document object or a non-empty array of them")
            }
            var lines = Data()
            for (i, o) in objects.enumerated() {
                try check(o, at: objects.count == 1 && whole is [String: Any] ? "the document" : "item \(i + 1)")
                lines += try JSONSerialization.data(withJSONObject: o)
                lines += Data("\n".utf8)
            }
            return (lines, .jsonl)
        }
        // …or JSON lines, each of which must be a document.
        var lineNumber = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            let trimmed = line.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
            guard !trimmed.isEmpty else { continue }
            let object: Any
            do {
                object = try JSONSerialization.jsonObject(with: Data(trimmed))
            } catch {
                throw APIError.badRequest("malformed JSON on line \(lineNumber): " + Self.reason(error))
            }
            try check(object, at: "line \(lineNumber)")
        }
        return (data, .jsonl)
    }

    /// The fields of a document object; each, when present, is a string.
    static let fields = ["id", "text", "html", "title", "published", "source", "url"]

    static func check(_ value: Any, at place: String) throws {
        guard let o = value as? [String: Any] else { throw APIError.badRequest("malformed JSON: \(place) is not an object") }
        for name in fields where o[name] != nil && !(o[name] is String) {
            throw APIError.badRequest("\(place): \(name) must be a string")
        }
        guard o["text"] is String || o["html"] is String else {
            throw APIError.badRequest("\(place): a document needs a text or html field")
        }
    }

    static func reason(_ error: any Error) -> String {
        let ns = error as NSError
        return (ns.userInfo[NSDebugDescriptionErrorKey] as? String) ?? ns.localizedDescription
    }
}
