import Foundation

/// Reads Sitrep's data files (lexicons, aliases, gazetteer) from the package resources.
public enum Lexicon {
    /// Directory holding the bundled data files; `SITREP_DATA` overrides it.
    public static let directory: URL = {
        if let env = ProcessInfo.processInfo.environment["SITREP_DATA"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        // Bundle layouts differ between platforms: look for the folder that holds lexicon/.
        let bundle = Bundle.module
        let candidates = [bundle.resourceURL, bundle.bundleURL, bundle.resourceURL?.appendingPathComponent("Resources"),
                          bundle.bundleURL.appendingPathComponent("Resources")].compactMap { $0 }
        return candidates.first {
            FileManager.default.fileExists(atPath: $0.appendingPathComponent("lexicon").path)
        } ?? bundle.bundleURL.appendingPathComponent("Resources")
    }()

    public static func url(_ relativePath: String) -> URL {
        directory.appendingPathComponent(relativePath)
    }

    /// The non-empty, non-comment lines of `lexicon/NAME.txt`, trimmed.
    public static func lines(_ name: String) -> [String] {
        lines(at: url("lexicon/\(name).txt"))
    }

    public static func lines(at url: URL) -> [String] {
        guard let data = try? Data(contentsOf: url) else { return [] }
        return String(decoding: data, as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: true)
            .compactMap { line -> String? in
                let t = line.trimmingCharacters(in: .whitespaces)
                return t.isEmpty || t.hasPrefix("#") ? nil : t
            }
    }

    /// Tab-separated rows of a data file, comment lines skipped.
    public static func table(_ relativePath: String) -> [[String]] {
        lines(at: url(relativePath)).map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }
}
