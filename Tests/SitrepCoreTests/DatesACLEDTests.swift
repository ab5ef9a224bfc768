import Foundation
import Testing
@testable import SitrepCore
import SitrepEval

/// ../shared/data/acled-dev, found from this file: the package root is three levels up.
private let acledDev = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("../shared/data/acled-dev").standardized
private let global = acledDev.appendingPathComponent("acled-2022h1-global.csv").path
private let kenya = acledDev.appendingPathComponent("acled-kenya-2004-2019.csv").path

/// Measures event dating on ACLED's own notes: each note is a document published on its event date,
/// and the date EventDating picks for its first sentence should be that date.
@Suite struct DatesACLEDTests {
    @Test(.enabled(if: FileManager.default.fileExists(atPath: global)))
    func firstSentenceDateMatchesTheEventDate() throws {
        let rows = try ACLEDRow.load(URL(fileURLWithPath: global))
        var right = 0, samePrecision = 0
        var misses: [String] = []
        for r in rows {
            let d = Doc(articleID: r.eventID, origin: "acled", title: nil, published: r.date, source: nil, url: nil,
                        clean: CleanText(text: r.notes))
            guard let first = d.sentences.first else { continue }
            let m = EventDating.date(for: first.span, anchor: nil, in: d, dates: DateExtractor.extract(d))
            if m?.date == r.date {
                right += 1
                if m?.precision.rawValue == r.timePrecision { samePrecision += 1 }
            } else if misses.count < 10 {
                misses.append("\(r.date?.description ?? "-") ≠ \(m?.date?.description ?? "nil"): \(r.notes.prefix(100))")
            }
        }
        let accuracy = Double(right) / Double(rows.count)
        let precision = Double(samePrecision) / Double(max(right, 1))
        print("ACLED 2022H1 event dates: \(right)/\(rows.count) = \(accuracy); time precision agrees on \(precision)")
        misses.forEach { print("  miss: \($0)") }
        #expect(accuracy >= 0.99)
        #expect(precision >= 0.93)
    }

    /// The Kenya file's older notes read like news ("On 16 October in Siaya", "15-16 January:");
    /// its dates are written dd-mm-yy. Measured over the notes where a date is found at all.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: kenya)))
    func newsLikeNotesDateCorrectlyWhenADateIsFound() throws {
        let table = CSVTable(text: try String(contentsOfFile: kenya, encoding: .utf8))
        guard let dateCol = table.column("event_date"), let notesCol = table.column("notes") else {
            Issue.record("columns missing")
            return
        }
        var found = 0, right = 0
        for row in table.rows {
            let parts = row[dateCol].split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3 else { continue }
            let date = CivilDate(year: 2000 + parts[2], month: parts[1], day: parts[0])
            let d = Doc(articleID: "k", origin: "acled", title: nil, published: date, source: nil, url: nil,
                        clean: CleanText(text: row[notesCol]))
            guard let first = d.sentences.first,
                  let m = EventDating.date(for: first.span, anchor: nil, in: d, dates: DateExtractor.extract(d)) else { continue }
            found += 1
            if m.date == date { right += 1 }
        }
        let accuracy = Double(right) / Double(max(found, 1))
        print("ACLED Kenya event dates where found: \(right)/\(found) = \(accuracy) (of \(table.rows.count) notes)")
        #expect(accuracy >= 0.85)
    }
}
