import Foundation
import Testing
@testable import SitrepCore

/// Rebuilds the committed gazetteer from ../shared/data when asked to (SITREP_BUILD_GAZETTEER=1):
/// the build is a developer step, not part of the test run.
@Suite struct GazetteerBuildTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let shared = root.deletingLastPathComponent().appendingPathComponent("shared/data")

    @Test(.enabled(if: ProcessInfo.processInfo.environment["SITREP_BUILD_GAZETTEER"] == "1"
                   && FileManager.default.fileExists(atPath: shared.appendingPathComponent("gazetteer").path)))
    func buildsTheBundledGazetteer() throws {
        let out = Self.root.appendingPathComponent("Sources/SitrepCore/Resources/gazetteer")
        let report = try GazetteerBuilder.build(sharedData: Self.shared, out: out)
        print(report)
        #expect(report.populated > 200_000)
        #expect(report.bytes < 25_000_000)
    }
}
