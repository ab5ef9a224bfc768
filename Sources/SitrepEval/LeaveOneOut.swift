import Foundation

/// `sitrep eval acled --leave-one-out`: every export with sub-event types is coded by a model
/// trained on all the other exports; old-schema exports (no sub-event type, so no figure to compare)
/// only ever train.
public enum LeaveOneOut {
    public struct Fold: Sendable, Equatable {
        /// The file coded and scored.
        public var test: String
        /// The files the model coding it is trained on, in the order given.
        public var train: [String]
    }

    /// One fold per file with sub-event types; each trains on every other file, old-schema ones
    /// included. A file is known by its name: the same name given twice is one file, and never
    /// trains the fold that tests it.
    public static func folds(_ files: [(path: String, subTyped: Bool)]) -> [Fold] {
        var seen = Set<String>()
        let unique = files.filter { seen.insert(name($0.path)).inserted }
        return unique.filter(\.subTyped).map { t in
            Fold(test: t.path, train: unique.filter { name($0.path) != name(t.path) }.map(\.path))
        }
    }

    /// Whether a file's rows have ACLED's sub-event types (the 2023 schema).
    public static func hasSubEventTypes(_ rows: [ACLEDRow]) -> Bool {
        rows.contains { !$0.subEventType.isEmpty }
    }

    static func name(_ path: String) -> String { URL(fileURLWithPath: path).lastPathComponent }

    /// For every figure, the mean over the files and the worst file (lowest; highest for error
    /// figures, `*_mae`). Figures a file lacks are left out of that figure's mean. `rows` is summed.
    public static func summary(_ perFile: [(file: String, metrics: [(name: String, value: Double)])])
        -> [(name: String, mean: Double, worst: Double, worstFile: String)] {
        var names: [String] = []
        for f in perFile { for m in f.metrics where !names.contains(m.name) { names.append(m.name) } }
        return names.map { n in
            let values = perFile.compactMap { f in f.metrics.first { $0.name == n }.map { (file: f.file, value: $0.value) } }
            if n == "rows" {
                let total = values.map(\.value).reduce(0, +)
                return (n, total, values.map(\.value).min() ?? 0, values.min { $0.value < $1.value }?.file ?? "")
            }
            let mean = values.map(\.value).reduce(0, +) / Double(max(values.count, 1))
            let higherIsWorse = n.hasSuffix("_mae")
            let worst = higherIsWorse ? values.max { $0.value < $1.value } : values.min { $0.value < $1.value }
            return (n, mean, worst?.value ?? 0, worst?.file ?? "")
        }
    }
}
