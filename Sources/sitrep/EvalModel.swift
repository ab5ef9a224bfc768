import ArgumentParser
import Foundation
import SitrepCore
import SitrepEval

/// `sitrep eval acled` with the event-type model: which model codes the rows, and the guarantee
/// that it never saw them — a bundled or given model is refused on files it was trained on,
/// `--holdout`/`--train-on` train one on other files, `--folds` on other rows.
extension Eval.ACLED {
    func evaluate(_ rows: [ACLEDRow], asOf: CivilDate?) throws -> [ACLEDEvaluation.Outcome] {
        let evaluated = Set(files.map { URL(fileURLWithPath: $0).lastPathComponent })
        let trainer = TypeTrainer()
        func code(_ rows: [ACLEDRow], _ m: TypeModel?) -> [ACLEDEvaluation.Outcome] {
            ACLEDEvaluation(pipeline: Pipeline(actorNamesAsOf: asOf, typeModel: m)).run(rows)
        }
        if let folds, folds > 1 {
            // Rows are dealt to folds in a fixed shuffled order; each fold is coded by a model that
            // never saw it.
            var rng = SplitMix(seed: 7)
            var fold = rows.indices.map { $0 % folds }
            fold.shuffle(using: &rng)
            let rules = ModelTraining.rulesPipeline()
            let labelled = rows.indices.filter {
                !rows[$0].notes.isEmpty && TrainingLabels.allowed(eventType: rows[$0].eventType, subEventType: rows[$0].subEventType) != nil
            }
            let examples = ModelTraining.makeExamples(labelled.map { rows[$0] }, origin: "folds", pipeline: rules, bits: trainer.bits)
            var byRow = [ACLEDEvaluation.Outcome?](repeating: nil, count: rows.count)
            for f in 0..<folds {
                let m = trainer.train(zip(labelled, examples).filter { fold[$0.0] != f }.map(\.1))
                let test = rows.indices.filter { fold[$0] == f }
                for (i, o) in zip(test, code(test.map { rows[$0] }, m)) { byRow[i] = o }
            }
            print("event-type model: \(folds)-fold cross-validation, every row coded by a model trained on the other folds")
            return byRow.map { $0! }
        }
        var trainFiles = trainOn
        if holdout {
            // Every other export beside the evaluated files.
            let dirs = Set(files.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path })
            for d in dirs.sorted() {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: d)) ?? []
                trainFiles += names.filter { $0.hasSuffix(".csv") && !evaluated.contains($0) }.sorted().map { d + "/" + $0 }
            }
        }
        if !trainFiles.isEmpty {
            let overlap = trainFiles.map { URL(fileURLWithPath: $0).lastPathComponent }.filter { evaluated.contains($0) }
            guard overlap.isEmpty else { throw ValidationError("--train-on includes evaluated file(s) \(overlap.joined(separator: ", "))") }
            let t0 = Date()
            let (examples, _) = try ModelTraining.load(trainFiles, pipeline: ModelTraining.rulesPipeline(), bits: trainer.bits)
            let m = trainer.train(examples)
            print("event-type model: trained on \(trainFiles.map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: ", ")) (\(examples.count) rows, \(String(format: "%.1f", Date().timeIntervalSince(t0))) s)")
            return code(rows, m)
        }
        let m: TypeModel?
        switch model {
        case "none"?: m = nil
        case let path?: m = try TypeModel.load(URL(fileURLWithPath: path))
        case nil: m = TypeModel.bundled
        }
        if let m {
            let overlap = m.trainingFiles.filter { evaluated.contains($0) }
            guard overlap.isEmpty else {
                throw ValidationError("the model was trained on \(overlap.joined(separator: ", ")): no figures on rows it saw. Use --leave-one-out, --holdout, --train-on, --folds or --model none.")
            }
        }
        print("event-type model: \(m == nil ? "none (rules only)" : model ?? "bundled (trained on \(m!.trainingFiles.joined(separator: ", ")))")")
        return code(rows, m)
    }
}
