import Foundation
@testable import SitrepCore

/// Paths to the repo and to the shared data beside it (CI lays `../shared` next to the checkout).
enum TestPaths {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    static func sharedFile(_ relative: String) -> URL { shared.appendingPathComponent(relative) }
    static func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: sharedFile(relative).path) }
    static func example(_ name: String) -> URL { packageRoot.appendingPathComponent("examples").appendingPathComponent(name) }
}

enum TestPipeline {
    static let shared = Pipeline()

    static func code(_ text: String, published: CivilDate?, source: String? = nil) -> Pipeline.Result {
        shared.run(Article(body: .text(text), published: published, source: source, origin: "test"))
    }
}

extension PlaceResolver {
    /// A document of one text with its places resolved, as the pipeline leaves it before coding.
    func resolvedDoc(_ text: String) -> Doc {
        var d = Doc(articleID: "t", origin: "test", title: nil, published: nil, source: nil, url: nil,
                    clean: CleanText(text: text))
        let (places, focus) = resolve(d)
        d.places = places
        d.focusCountry = focus
        return d
    }
}
