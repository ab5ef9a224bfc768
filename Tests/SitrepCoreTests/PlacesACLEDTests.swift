import Foundation
import Testing
@testable import SitrepCore

/// Measures place resolution against ACLED's own coding of its dev exports: each row's `notes`
/// is resolved and its first sentence located, then compared with the row's country, admin1,
/// coordinates and location name. The rows stay in ../shared; only the figures are printed.
@Suite struct PlacesACLEDTests {
    static let acledDir: URL = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.deletingLastPathComponent().appendingPathComponent("shared/data/acled-dev")
    }()
    static let global = acledDir.appendingPathComponent("acled-2022h1-global.csv")

    struct Figures: CustomStringConvertible {
        var rows = 0, country = 0, admin1 = 0, within25 = 0, location = 0, located = 0
        func share(_ n: Int) -> Double { rows == 0 ? 0 : Double(n) / Double(rows) }
        var description: String {
            String(format: "rows %d  country %.3f  admin1 %.3f  within 25 km %.3f  exact location %.3f  located %.3f",
                   rows, share(country), share(admin1), share(within25), share(location), share(located))
        }
    }

    /// Case, diacritics, hyphens and apostrophes folded, as the evaluation compares names.
    static func fold(_ s: String) -> String {
        TextFolding.fold(s).split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "'" }).joined(separator: " ")
    }

    static func measure(_ url: URL, country only: String? = nil, stride step: Int = 1) throws -> Figures {
        let table = CSVTable(text: try String(contentsOf: url, encoding: .utf8))
        let resolver = PlaceResolver()
        var f = Figures()
        let col = { (n: String) in table.column(n) }
        guard let notes = col("notes"), let country = col("country"), let admin1 = col("admin1"),
              let location = col("location"), let lat = col("latitude"), let lon = col("longitude") else { return f }
        for (i, row) in table.rows.enumerated() where i % step == 0 && row.count > max(notes, country, admin1, location, lat, lon) {
            if let only, row[country] != only { continue }
            f.rows += 1
            var doc = Doc(articleID: "\(i)", origin: url.lastPathComponent, title: nil, published: nil, source: nil, url: nil,
                          clean: CleanText(text: row[notes]))
            let (places, focus) = resolver.resolve(doc)
            doc.places = places
            doc.focusCountry = focus
            guard let first = doc.sentences.first,
                  let l = resolver.locate(doc, places: places, clause: first.span, anchor: nil) else { continue }
            f.located += 1
            if fold(l.country) == fold(row[country]) { f.country += 1 }
            if fold(l.admin1) == fold(row[admin1]) { f.admin1 += 1 }
            if fold(l.location) == fold(row[location]) { f.location += 1 }
            if let a = Double(row[lat]), let b = Double(row[lon]), Earth.distanceKm(l.latitude, l.longitude, a, b) <= 25 {
                f.within25 += 1
            }
        }
        return f
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: global.path)))
    func locatesACLEDEventsFromTheirNotes() throws {
        let all = try Self.measure(Self.global)
        print("ACLED 2022 H1 global:", all)
        #expect(all.rows > 8000)
        #expect(all.share(all.country) >= 0.965)
        #expect(all.share(all.admin1) >= 0.935)
        #expect(all.share(all.within25) >= 0.78)
        #expect(all.share(all.location) >= 0.55)
        let syria = try Self.measure(Self.global, country: "Syria")
        print("ACLED 2022 H1 Syria:", syria)
        #expect(syria.share(syria.country) >= 0.97)
        #expect(syria.share(syria.admin1) >= 0.93)
        #expect(syria.share(syria.within25) >= 0.50)
    }

    /// The other exports, for a look: older notes read like news, not like ACLED's template.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: global.path)))
    func reportsTheOtherExports() throws {
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: Self.acledDir.path)) ?? [])
            .filter { $0.hasSuffix(".csv") && !$0.contains("2022h1") }.sorted()
        for name in files {
            // Every 4th row keeps this look under a few seconds in a debug build.
            let f = try Self.measure(Self.acledDir.appendingPathComponent(name), stride: 4)
            print("\(name):", f)
        }
        #expect(files.count >= 5)
    }
}
