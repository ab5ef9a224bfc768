import Foundation
import SitrepCore

/// Turns ACLED exports into training examples for the event-type model, and trains it with its
/// provenance recorded, so that no figure is ever reported on rows the model saw.
public enum ModelTraining {
    public struct FileSummary: Sendable {
        public var name: String
        public var rows: Int
        /// Rows with a sub-event type (or an old type that maps to one).
        public var subTyped: Int
        /// Rows that teach only the event family (old schema).
        public var familyOnly: Int
        /// The event type the export was filtered by, when nearly all its rows have it.
        public var selectedType: EventType?
    }

    /// An export whose rows nearly all have one event type (at least this share, of at least
    /// `selectedMinRows` rows) was drawn by that type, like a "remote violence in Myanmar" extract.
    public static let selectedShare = 0.95
    public static let selectedMinRows = 200

    /// The event type a file's examples were selected by, if any.
    public static func selectedType(_ examples: [TypeExample]) -> EventType? {
        guard examples.count >= selectedMinRows else { return nil }
        var counts: [EventType: Int] = [:]
        for e in examples {
            let types = Set(e.allowed.map(\.eventType))
            if types.count == 1 { counts[types.first!, default: 0] += 1 }
        }
        guard let (t, n) = counts.max(by: { $0.value < $1.value }), Double(n) >= selectedShare * Double(examples.count) else { return nil }
        return t
    }

    /// The rows of an export selected by event type are contrasted only with the other sub-types
    /// of that type: they teach which kind of explosion, not that the region's events are explosions.
    public static func contrastWithinSelection(_ examples: [TypeExample]) -> [TypeExample] {
        guard let t = selectedType(examples) else { return examples }
        let family = TrainingLabels.family(t)
        return examples.map { e in
            var e = e
            if e.allowed.allSatisfy({ $0.eventType == t }) { e.contrast = family }
            return e
        }
    }

    /// The rule-only pipeline the examples are built with: the model learns from what the rules
    /// say, never from another model's output.
    public static func rulesPipeline() -> Pipeline { Pipeline(typeModel: nil) }

    /// Examples from one file's rows: each row's notes analysed and coded by the rules (publication
    /// date = the row's date); features over the whole note, with the rules' type of its first
    /// recorded event.
    public static func makeExamples(_ rows: [ACLEDRow], origin: String, pipeline: Pipeline, bits: Int) -> [TypeExample] {
        let built = ParallelMap.map(rows) { row -> TypeExample? in
            guard let allowed = TrainingLabels.allowed(eventType: row.eventType, subEventType: row.subEventType),
                  !row.notes.isEmpty else { return nil }
            let r = pipeline.run(Article(id: row.eventID, body: .text(row.notes), published: row.date, origin: row.eventID))
            let rule = (r.recorded.first ?? r.events.first)?.subEventType
            let doc = r.doc
            let features = TypeFeatures.extract(doc, tokens: 0..<doc.tokens.count, rule: rule, bits: bits)
            return TypeExample(buckets: features, allowed: allowed, origin: origin)
        }
        return built.compactMap { $0 }
    }

    public static func summary(_ rows: [ACLEDRow], _ examples: [TypeExample], name: String) -> FileSummary {
        FileSummary(name: name, rows: rows.count, subTyped: examples.filter { $0.allowed.count == 1 }.count,
                    familyOnly: examples.filter { $0.allowed.count > 1 }.count, selectedType: selectedType(examples))
    }

    /// The header every trained model carries: what it was trained on, under which terms.
    public static func header(files: [FileSummary], trainer: TypeTrainer, extra: [(String, String)] = []) -> [(key: String, value: String)] {
        var h: [(key: String, value: String)] = [
            ("trainer", "multinomial logistic regression, SGD, \(trainer.epochs) epochs, class weights (median/n)^\(trainer.classWeightPower), partial labels for old-schema families at weight \(trainer.partialWeight), seed \(trainer.seed)"),
        ]
        for f in files {
            h.append(("data", "\(f.name) rows=\(f.rows) sub_typed=\(f.subTyped) family_only=\(f.familyOnly)"
                + (f.selectedType.map { " selected_by=\($0.rawValue) (contrasted within it)" } ?? "")))
        }
        h.append(("attribution", "Trained on data from ACLED, the Armed Conflict Location & Event Data Project (https://acleddata.com). Weights are derived from ACLED-coded rows; no ACLED rows or notes are stored in this file."))
        h.append(("license", "ACLED data are used under ACLED's terms of use: non-commercial use only, with attribution to ACLED. Models trained on ACLED data inherit these conditions."))
        h += extra.map { (key: $0.0, value: $0.1) }
        return h
    }

    /// Loads files and builds examples, file by file.
    public static func load(_ paths: [String], pipeline: Pipeline, bits: Int) throws -> (examples: [TypeExample], files: [FileSummary]) {
        var examples: [TypeExample] = []
        var files: [FileSummary] = []
        for p in paths {
            let url = URL(fileURLWithPath: p)
            let rows = try ACLEDRow.load(url)
            let ex = contrastWithinSelection(makeExamples(rows, origin: url.lastPathComponent, pipeline: pipeline, bits: bits))
            files.append(summary(rows, ex, name: url.lastPathComponent))
            examples += ex
        }
        return (examples, files)
    }
}
