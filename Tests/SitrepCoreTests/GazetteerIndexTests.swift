import Foundation
import Testing
@testable import SitrepCore

/// The gazetteer index built from committed sources into a cache (issue 16): built once per set
/// of sources, rebuilt when they change, safe when two builders start at once.
@Suite struct GazetteerIndexTests {
    static let fixture = TestPaths.packageRoot.appendingPathComponent("Tests/SitrepCoreTests/Fixtures/gazetteer")

    /// A fresh cache folder for one test.
    func emptyCache() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-cache-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A copy of the fixture sources that a test may change.
    func copyOfFixture() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-sources-test-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Self.fixture, to: dir)
        return dir
    }

    @Test func theIndexIsBuiltOnceAndThenFoundInTheCache() throws {
        let cache = try emptyCache()
        defer { try? FileManager.default.removeItem(at: cache) }
        var builds = 0
        let first = try GazetteerIndexCache.index(for: Self.fixture, cache: cache, building: { _ in builds += 1 })
        let second = try GazetteerIndexCache.index(for: Self.fixture, cache: cache, building: { _ in builds += 1 })
        #expect(builds == 1)
        #expect(first == second)
        #expect(first.path.hasPrefix(cache.path))
    }

    @Test func aChangedSourceGetsAnIndexOfItsOwn() throws {
        let cache = try emptyCache()
        let sources = try copyOfFixture()
        defer {
            try? FileManager.default.removeItem(at: cache)
            try? FileManager.default.removeItem(at: sources)
        }
        let before = GazetteerIndexCache.key(for: sources)
        try FileManager.default.copyItem(at: sources.appendingPathComponent("places/ZZ.tsv.gz"), to: sources.appendingPathComponent("places/ZY.tsv.gz"))
        #expect(GazetteerIndexCache.key(for: sources) != before)
        #expect(GazetteerIndexCache.existingIndex(for: sources, cache: cache) == nil)
    }

    @Test func twoBuildersAtOnceLeaveOneWholeIndexAndNoTemporaryFiles() async throws {
        let cache = try emptyCache()
        defer { try? FileManager.default.removeItem(at: cache) }
        let fixture = Self.fixture
        async let a = Task.detached { try GazetteerIndexCache.index(for: fixture, cache: cache) }.value
        async let b = Task.detached { try GazetteerIndexCache.index(for: fixture, cache: cache) }.value
        let (x, y) = try await (a, b)
        #expect(x == y)
        let left = try FileManager.default.contentsOfDirectory(atPath: cache.appendingPathComponent("gazetteer").path)
        #expect(!left.contains { $0.hasSuffix(".tmp") })
        let g = try Gazetteer(index: x, countries: fixture.appendingPathComponent("countries.tsv"))
        #expect(g.count == 3)
    }

    @Test func placesKeepTheirSourceUnitAndSeat() throws {
        let cache = try emptyCache()
        defer { try? FileManager.default.removeItem(at: cache) }
        let g = try Gazetteer(index: try GazetteerIndexCache.index(for: Self.fixture, cache: cache),
                              countries: Self.fixture.appendingPathComponent("countries.tsv"))
        let village = try #require(g.lookup("Novognatovka").first)
        #expect(village.name == "Novohnativka")
        #expect(village.source == "katottg")
        #expect(village.placedAtSeat)
        #expect(village.seat == "Olhynka")
        #expect(village.admin3 == "Olhynska")
        let township = try #require(g.lookup("Pale Township").first)
        #expect(township.kind == .admin3 && township.country == "Myanmar")
    }

    @Test func sourceLinesSurviveWritingAndReading() throws {
        let line = PlaceSourceFormat.Line(id: -42, kind: .populated, country: "UA", name: "Mykhailivka", admin1: "Sumy",
                                          admin2: "Romenskyi", admin3: "Andriiashivska", seat: "Andriiashivka",
                                          latitude: 50.7000049, longitude: 33.5, population: 0, source: "katottg",
                                          placedAtSeat: true, names: ["Mykhailivka", "Mikhaylovka"])
        let read = try #require(PlaceSourceFormat.parse(Substring(PlaceSourceFormat.text(line))))
        #expect(read.names == line.names)
        #expect(read.placedAtSeat && read.seat == "Andriiashivka" && read.admin3 == "Andriiashivska")
        #expect(abs(read.latitude - 50.7) < 0.00001)
    }
}
