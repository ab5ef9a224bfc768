import Foundation
import Testing
@testable import SitrepCore
@testable import SitrepEval

/// The acled-dev protocol: the readout/report rule (`eval/ACLED-PARTS.md`) on rows written for
/// this test, and which files train which in `eval acled --leave-one-out`, on tiny files written here.
struct ACLEDProtocolTests {
    static func row(country: String, year: String = "", date: String = "") -> ACLEDRow {
        ACLEDRow(record: ["country": country, "year": year, "event_date": date, "notes": "Written for this test."])
    }

    @Test func partIsTheHashOfTheCountryYear() {
        for (c, y) in [("Kenya", 2010), ("Benin", 2019), ("Testland", 1999), ("Argentina", 2022)] {
            let expected: ACLEDPart = NewsSplit.fnv1a64("acled-part:\(c):\(y)") % 100 < 32 ? .report : .readout
            #expect(ACLEDPart.of(country: c, year: y) == expected)
            #expect(ACLEDPart.of(Self.row(country: c, year: String(y))) == expected)
        }
        // The sides eval/ACLED-PARTS.md lists for its one-country-year files.
        #expect(ACLEDPart.of(country: "Argentina", year: 2022) == .readout)
        #expect(ACLEDPart.of(country: "Afghanistan", year: 2020) == .readout)
        #expect(ACLEDPart.of(country: "Myanmar", year: 2021) == .readout)
    }

    @Test func wholeCountryYearsGoToOneSide() {
        // Spacing aside, the same country-year always lands on one side; the date's year stands in
        // for a missing year column; "2016.0" reads as 2016.
        let a = Self.row(country: "Kenya", year: "2016", date: "2016-03-01")
        let b = Self.row(country: " Kenya ", year: "", date: "2016-11-30")
        let c = Self.row(country: "Kenya", year: "2016.0", date: "30-11-16")
        #expect(b.year == nil && c.year == 2016)
        #expect(ACLEDPart.of(a) == ACLEDPart.of(b))
        #expect(ACLEDPart.of(a) == ACLEDPart.of(c))
        #expect(ACLEDPart.of(a) == ACLEDPart.of(country: "Kenya", year: 2016))
    }

    @Test func partsSplitRowsAndAllKeepsThem() {
        var rows: [ACLEDRow] = []
        for c in ["Alpha", "Beta", "Gamma", "Delta", "Epsilon"] {
            for y in 2000...2019 { rows.append(Self.row(country: c, year: String(y))) }
        }
        let report = rows.filter { ACLEDPart.report.includes($0) }
        let readout = rows.filter { ACLEDPart.readout.includes($0) }
        #expect(report.count + readout.count == rows.count)
        #expect(rows.allSatisfy { ACLEDPart.all.includes($0) })
        // About a third of 100 country-years: the rule is a share, not a quota.
        #expect(report.count > 15 && report.count < 50)
        #expect(Set(report.map { "\($0.country):\($0.year!)" }).isDisjoint(with: Set(readout.map { "\($0.country):\($0.year!)" })))
    }

    static let newSchema = """
    event_id_cnty,event_date,year,event_type,sub_event_type,actor1,inter1,country,notes,fatalities
    T1,2020-01-02,2020,Battles,Armed clash,Military Forces of Testland,1,Testland,Soldiers and rebels fought near the river.,0
    """
    static let oldSchema = """
    EVENT_ID_CNTY,EVENT_DATE,YEAR,EVENT_TYPE,ACTOR1,INTER1,COUNTRY,NOTES,FATALITIES
    T2,02-January-2015,2015,Battle-No change of territory,Rebels,2,Testland,Rebels attacked an army post.,1
    """

    @Test func leaveOneOutTrainsEachFileOnAllOthersAndOldSchemaOnlyTrains() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("loo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let names = ["a.csv": Self.newSchema, "old.csv": Self.oldSchema, "b.csv": Self.newSchema, "c.csv": Self.newSchema]
        var specs: [(path: String, subTyped: Bool)] = []
        for n in ["a.csv", "old.csv", "b.csv", "c.csv"] {
            let url = dir.appendingPathComponent(n)
            try names[n]!.write(to: url, atomically: true, encoding: .utf8)
            specs.append((url.path, LeaveOneOut.hasSubEventTypes(try ACLEDRow.load(url))))
        }
        #expect(specs.map(\.subTyped) == [true, false, true, true])
        // The same file given twice (another path, same name) is one file.
        specs.append((dir.appendingPathComponent("sub/../a.csv").path, true))
        let p = { (n: String) in dir.appendingPathComponent(n).path }
        let folds = LeaveOneOut.folds(specs)
        #expect(folds == [
            LeaveOneOut.Fold(test: p("a.csv"), train: [p("old.csv"), p("b.csv"), p("c.csv")]),
            LeaveOneOut.Fold(test: p("b.csv"), train: [p("a.csv"), p("old.csv"), p("c.csv")]),
            LeaveOneOut.Fold(test: p("c.csv"), train: [p("a.csv"), p("old.csv"), p("b.csv")]),
        ])
        for f in folds {
            #expect(!f.train.map { URL(fileURLWithPath: $0).lastPathComponent }.contains(URL(fileURLWithPath: f.test).lastPathComponent))
        }
    }

    @Test func summaryGivesTheMeanAndTheWorstFile() {
        let s = LeaveOneOut.summary([
            ("a.csv", [("rows", 10), ("event_type_accuracy", 0.9), ("fatalities_mae", 0.2)]),
            ("b.csv", [("rows", 30), ("event_type_accuracy", 0.7), ("fatalities_mae", 0.1)]),
            ("c.csv", [("rows", 20), ("event_type_accuracy", 0.8), ("civilian_targeting_accuracy", 0.5), ("fatalities_mae", 0.6)]),
        ])
        func get(_ n: String) -> (name: String, mean: Double, worst: Double, worstFile: String) { s.first { $0.name == n }! }
        #expect(get("rows").mean == 60)
        #expect(abs(get("event_type_accuracy").mean - 0.8) < 1e-9)
        #expect(get("event_type_accuracy").worstFile == "b.csv")
        #expect(get("fatalities_mae").worstFile == "c.csv" && get("fatalities_mae").worst == 0.6)
        #expect(get("civilian_targeting_accuracy").mean == 0.5)
    }
}

/// Every date format the acled-dev exports use reads as the same day.
struct ACLEDRowDateTests {
    @Test func readsEveryExportsDateFormat() {
        let d = CivilDate(year: 2020, month: 3, day: 21)
        for s in ["2020-03-21", "2020-03-21T00:00:00Z", "21-March-2020", "21 March 2020", "21-03-20"] {
            #expect(ACLEDRow.parseDate(s) == d, "\(s)")
        }
        #expect(ACLEDRow.parseDate("31-12-19") == CivilDate(year: 2019, month: 12, day: 31))
        #expect(ACLEDRow.parseDate("12-31-19") == nil)
        #expect(ACLEDRow.parseDate("") == nil)
    }
}
