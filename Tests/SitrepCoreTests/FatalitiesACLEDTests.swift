import Foundation
import Testing
@testable import SitrepCore
import SitrepEval

/// ../shared/data/acled-dev, found from this file: the package root is three levels up.
private let acledDev = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("../shared/data/acled-dev").standardized
private let global = acledDev.appendingPathComponent("acled-2022h1-global.csv").path
private let kenya = acledDev.appendingPathComponent("acled-kenya-2004-2019.csv").path

/// Runs every casualty mention of each ACLED note through FatalityRules and compares with the
/// fatalities ACLED coded. Notes also tell of deaths that are background to the event (a protest
/// over a killing) and of tolls split across several events; the coder handles those, so the exact
/// match here is a floor for the extraction and the rules, not the pipeline's figure.
private func measure(_ path: String, label: String) throws -> Double {
    let rows = try ACLEDRow.load(URL(fileURLWithPath: path))
    var exact = 0
    var confusion: [String: Int] = [:]
    var worst: [(Int, String)] = []
    for r in rows {
        let d = Doc(articleID: r.eventID, origin: "acled", title: nil, published: r.date, source: nil, url: nil,
                    clean: CleanText(text: r.notes))
        let f = FatalityRules.figure(for: CasualtyExtractor.extract(d), in: d)
        if f.fatalities == r.fatalities {
            exact += 1
        } else {
            confusion["\(r.fatalities)→\(f.fatalities)", default: 0] += 1
            worst.append((abs(f.fatalities - r.fatalities), "\(r.fatalities)→\(f.fatalities) [\(f.explanation)] \(r.notes.prefix(120))"))
        }
    }
    let accuracy = Double(exact) / Double(rows.count)
    print("\(label) fatalities exact: \(exact)/\(rows.count) = \(accuracy)")
    print("  commonest misses (ACLED→Sitrep): " + confusion.sorted { $0.value > $1.value }.prefix(12)
        .map { "\($0.key) ×\($0.value)" }.joined(separator: ", "))
    for (_, line) in worst.sorted(by: { $0.0 > $1.0 }).prefix(8) { print("  biggest: \(line)") }
    return accuracy
}

@Suite struct FatalitiesACLEDTests {
    @Test(.enabled(if: FileManager.default.fileExists(atPath: global)))
    func recentNotesFatalitiesMatchACLED() throws {
        #expect(try measure(global, label: "ACLED 2022H1") >= 0.95)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: kenya)))
    func newsLikeNotesFatalitiesMatchACLED() throws {
        #expect(try measure(kenya, label: "ACLED Kenya 2004–2019") >= 0.82)
    }
}
