import Foundation
import SitrepCore

/// The event-type model's part of `sitrep bench`: how long the model file takes to load, and how
/// many sentences one core classifies per second (features and scoring, on sentences already
/// analysed — tokens, actors, places — by the pipeline, whose cost the documents/s figure covers).
enum ModelBench {
    struct Figures {
        var loadMilliseconds: Double
        var sentences: Int
        var sentencesPerSecond: Double
    }

    static func run(_ articles: [Article], pipeline: Pipeline, passes: Int) -> Figures? {
        let url = ProcessInfo.processInfo.environment["SITREP_MODEL"].flatMap { $0.isEmpty || $0 == "none" ? nil : URL(fileURLWithPath: $0) }
            ?? Lexicon.url("model/event-types.model")
        let t0 = Date()
        guard let model = try? TypeModel.load(url) else { return nil }
        let load = Date().timeIntervalSince(t0) * 1000
        let docs = ParallelMap.map(articles) { pipeline.analyse($0) }
        let sentences = docs.reduce(0) { $0 + $1.sentences.count }
        var best = Double.infinity
        var sink: Float = 0
        for _ in 0..<max(1, passes) {
            let start = Date()
            // One thread: the figure is per core.
            for doc in docs {
                for s in doc.sentences {
                    let f = TypeFeatures.extract(doc, tokens: s.tokens, rule: nil, bits: model.bits)
                    sink += model.probabilities(f)[0]
                }
            }
            best = min(best, Date().timeIntervalSince(start))
        }
        // Keep the optimiser from dropping the work.
        if sink.isNaN { print("") }
        return Figures(loadMilliseconds: load, sentences: sentences, sentencesPerSecond: Double(sentences) / best)
    }
}
