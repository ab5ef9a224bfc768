import Foundation
import Testing
@testable import SitrepCore

/// Main-text extraction measured on real pages (../shared/data/html-dev), scored as the
/// article-extraction benchmark that published them scores: shingles of four word tokens,
/// precision and recall of the extracted body against the ground truth.
@Suite struct CleanHTMLBenchmarkTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let htmlDev = root.appendingPathComponent("../shared/data/html-dev").standardizedFileURL
    static let groundTruth = htmlDev.appendingPathComponent("ground-truth.json")

    struct Score {
        var precision: Double
        var recall: Double
        var f1: Double
    }

    /// `\w+` tokens, as the benchmark's tokenizer (letters, digits, underscore).
    static func tokens(_ s: String) -> [Substring] {
        s.split { !($0.isLetter || $0.isNumber || $0 == "_") }
    }

    static func shingles(_ s: String, n: Int = 4) -> [String: Int] {
        let t = tokens(s)
        var out: [String: Int] = [:]
        if t.isEmpty { return out }
        for i in 0..<max(1, t.count - n + 1) {
            out[t[i..<min(t.count, i + n)].joined(separator: " "), default: 0] += 1
        }
        return out
    }

    static func score(truth: String, extracted: String) -> Score {
        let a = shingles(truth), b = shingles(extracted)
        var tp = 0.0, fp = 0.0, fn = 0.0
        for key in Set(a.keys).union(b.keys) {
            let t = Double(a[key] ?? 0), p = Double(b[key] ?? 0)
            tp += min(t, p)
            fp += max(0, p - t)
            fn += max(0, t - p)
        }
        let precision = tp + fp == 0 ? 0 : tp / (tp + fp)
        let recall = tp + fn == 0 ? 0 : tp / (tp + fn)
        let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
        return Score(precision: precision, recall: recall, f1: f1)
    }

    @Test func scoringCountsSharedShingles() {
        let s = CleanHTMLBenchmarkTests.score(truth: "rebels took the town on monday after heavy fighting",
                                              extracted: "rebels took the town on monday")
        #expect(s.precision == 1)
        #expect(abs(s.recall - 0.5) < 1e-9) // 3 of the 6 shingles of the truth
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: groundTruth.path)))
    func extractsArticleBodiesOfRealPages() throws {
        let truth = try JSONSerialization.jsonObject(with: Data(contentsOf: CleanHTMLBenchmarkTests.groundTruth))
            as! [String: [String: Any]]
        var f1 = 0.0, precision = 0.0, recall = 0.0, pages = 0
        let dump = ProcessInfo.processInfo.environment["SITREP_HTML_DUMP"]
        var report: [String] = []
        let reader = DocumentReader()
        for key in truth.keys.sorted() {
            let path = CleanHTMLBenchmarkTests.htmlDev.appendingPathComponent("html/\(key).html.gz").path
            let items = reader.read(paths: [path])
            guard items.count == 1, case .success(let article) = items[0] else {
                Issue.record("cannot read \(key): \(items)")
                continue
            }
            let clean = Cleaner.clean(article)
            let expected = truth[key]?["articleBody"] as? String ?? ""
            let s = CleanHTMLBenchmarkTests.score(truth: expected, extracted: clean.text)
            f1 += s.f1; precision += s.precision; recall += s.recall; pages += 1
            report.append(String(format: "%@ P %.2f R %.2f F1 %.2f", String(key.prefix(10)), s.precision, s.recall, s.f1))
            if let dump {
                try? (clean.text + "\n\n=== TRUTH ===\n" + expected + "\n\n=== NOTES ===\n"
                      + clean.removed.joined(separator: "\n"))
                    .write(toFile: "\(dump)/\(key.prefix(10)).txt", atomically: true, encoding: .utf8)
            }
        }
        if let dump { try? report.joined(separator: "\n").write(toFile: "\(dump)/scores.txt", atomically: true, encoding: .utf8) }
        let n = Double(max(pages, 1))
        print(String(format: "html-dev: %d pages, mean precision %.3f recall %.3f F1 %.3f",
                     pages, precision / n, recall / n, f1 / n))
        #expect(pages == 97)
        #expect(f1 / n >= 0.85)
    }
}
