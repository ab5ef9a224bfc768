import ArgumentParser
import Foundation
import SitrepCore
import SitrepEval

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train the event-type model on ACLED exports (2023 or older schemas).",
        discussion: """
            Each row's notes are analysed and coded by the rules; the model learns the row's sub-event type \
            from the abstracted text and the rules' answer. Old-schema rows whose type names only a family \
            (Riots/Protests, Violence against civilians, Remote violence, Strategic development) teach only \
            the family. Prints cross-validated figures and the training time. The default model is made with:
              sitrep train --acled ../shared/data/acled-dev/acled-2022-06-argentina.csv \
            ../shared/data/acled-dev/acled-afghanistan-2020-03.csv ../shared/data/acled-dev/acled-africa-2016-oldschema.csv \
            ../shared/data/acled-dev/acled-asia-2015-oldschema.csv ../shared/data/acled-dev/acled-benin-2009-2022.csv \
            ../shared/data/acled-dev/acled-kenya-2004-2019.csv ../shared/data/acled-dev/acled-myanmar-2021-remote-violence.csv \
            --out Sources/SitrepCore/Resources/model/event-types.model
            """
    )

    @Option(name: .customLong("acled"), parsing: .upToNextOption, help: "ACLED export(s) to train on.")
    var files: [String]

    @Option(help: "Where to write the model.")
    var out: String

    @Option(help: "Cross-validation folds over the training rows (0: none).")
    var folds: Int = 5

    @Option(help: "Passes over the training rows.")
    var epochs: Int = 8

    @Option(help: "Feature hash buckets, as a power of two.")
    var bits: Int = 18

    @Option(help: "Weight of old-schema rows that name only a family (0: leave them out).")
    var partialWeight: Float = TypeTrainer().partialWeight

    @Option(help: "Class weight exponent: (median class size / class size)^p.")
    var classWeightPower: Float = TypeTrainer().classWeightPower

    func run() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one --acled FILE") }
        var trainer = TypeTrainer()
        trainer.epochs = epochs
        trainer.bits = bits
        trainer.partialWeight = partialWeight
        trainer.classWeightPower = classWeightPower
        let t0 = Date()
        let (examples, summaries) = try ModelTraining.load(files, pipeline: ModelTraining.rulesPipeline(), bits: bits)
        let featureSeconds = Date().timeIntervalSince(t0)
        for s in summaries {
            print("\(s.name): \(s.rows) rows, \(s.subTyped) with a sub-event type, \(s.familyOnly) family only, \(s.rows - s.subTyped - s.familyOnly) left out"
                  + (s.selectedType.map { "; drawn by event type (\($0.rawValue)): contrasted within it" } ?? ""))
        }
        print(String(format: "features: %.2f s (rules and analysis of every note)", featureSeconds))
        var extra: [(String, String)] = []
        if folds > 1 {
            let t1 = Date()
            let cv = trainer.crossValidate(examples, folds: folds)
            let line = String(format: "%d-fold cross-validation on %d rows: sub-event weighted F1 %.4f, macro F1 %.4f, event type accuracy %.4f",
                              folds, cv.rows, cv.weightedF1, cv.macroF1, cv.eventTypeAccuracy)
            print(line + String(format: " (%.2f s)", Date().timeIntervalSince(t1)))
            extra.append(("cross_validation", line + " (model alone, rows of the training files; rows mixed across files)"))
        }
        let t2 = Date()
        let model = trainer.train(examples, header: ModelTraining.header(files: summaries, trainer: trainer, extra: extra))
        let trainSeconds = Date().timeIntervalSince(t2)
        try model.write(to: URL(fileURLWithPath: out))
        let size = (try? FileManager.default.attributesOfItem(atPath: out)[.size] as? Int) ?? 0
        print(String(format: "training: %.2f s on %d rows; model written to %@ (%.2f MB)", trainSeconds, examples.count, out, Double(size) / 1_048_576))
    }
}
