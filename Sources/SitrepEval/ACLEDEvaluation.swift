import Foundation
import SitrepCore

/// Codes each ACLED row's `notes` (publication date = the row's date) and compares the best event
/// Sitrep finds with the row, field by field.
public struct ACLEDEvaluation: Sendable {
    public struct Outcome: Sendable {
        public var row: ACLEDRow
        public var event: CodedEvent?
        public var recorded: Bool
    }

    public let pipeline: Pipeline

    public init(pipeline: Pipeline = Pipeline()) {
        self.pipeline = pipeline
    }

    /// Codes every row, on all cores, keeping row order.
    public func run(_ rows: [ACLEDRow]) -> [Outcome] {
        let results = ParallelMap.map(rows) { row -> Outcome in
            let article = Article(id: row.eventID, body: .text(row.notes), published: row.date, origin: row.eventID)
            let r = pipeline.run(article)
            if let best = r.recorded.first { return Outcome(row: row, event: best, recorded: true) }
            return Outcome(row: row, event: r.events.first, recorded: false)
        }
        return results
    }

    /// One TSV line a row, gold beside coded, for error analysis (`sitrep eval acled --dump-outcomes`).
    public static func outcomeTable(_ outcomes: [Outcome]) -> String {
        func clean(_ s: String?) -> String {
            (s ?? "").replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ")
        }
        var lines = [["event_id", "country", "gold_country", "admin1", "gold_admin1", "location", "gold_location",
                      "geo_precision", "gold_geo_precision", "km", "sub_event_type", "gold_sub_event_type",
                      "recorded", "dropped_reason", "place_explanation", "notes"].joined(separator: "\t")]
        for o in outcomes {
            let l = o.event?.location
            var km = ""
            if let l, let lat = o.row.latitude, let lon = o.row.longitude {
                km = String(format: "%.1f", Earth.distanceKm(l.latitude, l.longitude, lat, lon))
            }
            let cells: [String?] = [o.row.eventID, l?.country, o.row.country, l?.admin1, o.row.admin1, l?.location, o.row.location,
                                    l.map { String($0.geoPrecision) }, String(o.row.geoPrecision), km,
                                    o.event?.subEventType.rawValue, o.row.subEventType, o.recorded ? "1" : "0",
                                    o.event?.droppedReason, l?.explanation, o.row.notes]
            lines.append(cells.map(clean).joined(separator: "\t"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The figures `sitrep eval acled` prints, by name.
    public static func metrics(_ outcomes: [Outcome]) -> [(name: String, value: Double)] {
        let n = Double(max(outcomes.count, 1))
        func share(_ f: (Outcome) -> Bool) -> Double { Double(outcomes.filter(f).count) / n }
        let fold = NameComparison.fold, withoutPeriod = NameComparison.withoutPeriod
        var out: [(String, Double)] = []
        out.append(("rows", Double(outcomes.count)))
        out.append(("rows_with_recorded_event", share { $0.recorded }))
        out.append(("event_type_accuracy", share { $0.event?.eventType.rawValue == $0.row.eventType }))
        let f1 = SubEventF1(outcomes.map { ($0.row.subEventType, $0.event?.subEventType.rawValue) })
        out.append(("sub_event_type_micro_f1", f1.micro))
        out.append(("sub_event_type_macro_f1", f1.macro))
        out.append(("sub_event_type_weighted_f1", f1.weighted))
        out.append(("event_date_accuracy", share { $0.event?.eventDate != nil && $0.event?.eventDate == $0.row.date }))
        out.append(("country_accuracy", share { fold($0.event?.location?.country) == fold($0.row.country) }))
        out.append(("admin1_accuracy", share { fold($0.event?.location?.admin1) == fold($0.row.admin1) }))
        out.append(("location_accuracy", share { fold($0.event?.location?.location) == fold($0.row.location) }))
        for km in [25.0, 161.0] {
            out.append(("within_\(Int(km))km", share { o in
                guard let l = o.event?.location, let lat = o.row.latitude, let lon = o.row.longitude else { return false }
                return Earth.distanceKm(l.latitude, l.longitude, lat, lon) <= km
            }))
        }
        out.append(("actor1_accuracy", share { fold($0.event?.actor1?.name) == fold($0.row.actor1) }))
        out.append(("actor1_ignoring_period", share { withoutPeriod($0.event?.actor1?.name) == withoutPeriod($0.row.actor1) }))
        out.append(("actor2_accuracy", share { fold($0.event?.actor2?.name) == fold($0.row.actor2) }))
        out.append(("actor2_ignoring_period", share { withoutPeriod($0.event?.actor2?.name) == withoutPeriod($0.row.actor2) }))
        out.append(("inter1_accuracy", share { ($0.event?.actor1?.inter.label ?? "") == $0.row.inter1 }))
        out.append(("inter2_accuracy", share { ($0.event?.actor2?.inter.label ?? "") == $0.row.inter2 }))
        out.append(("interaction_accuracy", share { o in
            let gold = Inter.interaction(Inter(label: o.row.inter1), Inter(label: o.row.inter2))
            return (o.event?.interaction ?? "") == gold
        }))
        // Exports made before ACLED filled the column leave it blank on every row: nothing to score.
        if outcomes.contains(where: { !$0.row.civilianTargeting.isEmpty }) {
            out.append(("civilian_targeting_accuracy", share { ($0.event?.civilianTargeting ?? false) == !$0.row.civilianTargeting.isEmpty }))
        }
        out.append(("fatalities_exact", share { ($0.event?.fatalities ?? 0) == $0.row.fatalities }))
        let mae = outcomes.map { Double(abs(($0.event?.fatalities ?? 0) - $0.row.fatalities)) }.reduce(0, +) / n
        out.append(("fatalities_mae", mae))
        return out
    }
}

/// Micro, macro and support-weighted F1 over sub-event types; a row with no prediction counts
/// against recall only.
public struct SubEventF1: Sendable {
    public var micro = 0.0, macro = 0.0, weighted = 0.0
    public var perType: [(type: String, precision: Double, recall: Double, f1: Double, support: Int)] = []

    public init(_ pairs: [(gold: String, predicted: String?)]) {
        var tp: [String: Int] = [:], fp: [String: Int] = [:], fn: [String: Int] = [:], support: [String: Int] = [:]
        for (g, p) in pairs {
            support[g, default: 0] += 1
            if p == g { tp[g, default: 0] += 1; continue }
            fn[g, default: 0] += 1
            if let p { fp[p, default: 0] += 1 }
        }
        func f1(_ t: Int, _ f: Int, _ n: Int) -> (Double, Double, Double) {
            let p = t + f == 0 ? 0 : Double(t) / Double(t + f)
            let r = t + n == 0 ? 0 : Double(t) / Double(t + n)
            return (p, r, p + r == 0 ? 0 : 2 * p * r / (p + r))
        }
        let labels = Set(support.keys).union(fp.keys).sorted()
        var sumF = 0.0, sumW = 0.0, total = 0
        for l in labels {
            let (p, r, f) = f1(tp[l] ?? 0, fp[l] ?? 0, fn[l] ?? 0)
            let s = support[l] ?? 0
            perType.append((l, p, r, f, s))
            if s > 0 { sumF += f; sumW += f * Double(s); total += s }
        }
        let goldLabels = labels.filter { (support[$0] ?? 0) > 0 }.count
        macro = goldLabels == 0 ? 0 : sumF / Double(goldLabels)
        weighted = total == 0 ? 0 : sumW / Double(total)
        let (_, _, m) = f1(tp.values.reduce(0, +), fp.values.reduce(0, +), fn.values.reduce(0, +))
        micro = m
    }
}


/// How gold and coded names are compared: case, diacritics, hyphens and apostrophes aside.
public enum NameComparison {
    public static func fold(_ s: String?) -> String {
        TextFolding.fold(s ?? "").split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "'" }).joined(separator: " ")
    }

    /// An actor's name without its bracketed regime period ("(2000-)", "(2018-2022)"), which goes
    /// before folding turns its dash into a space. The period is a coder's best guess on pages.
    public static func withoutPeriod(_ s: String?) -> String {
        var t = s ?? ""
        if let r = t.range(of: #"\s*\(\d{4}-(\d{4})?\)"#, options: .regularExpression) { t.removeSubrange(r) }
        return fold(t)
    }
}
