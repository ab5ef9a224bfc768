import Foundation

/// One training row: its features and the sub-event types its label allows. A 2023-schema row
/// allows exactly one; an old-schema row whose event type has no single modern sub-type (old
/// "Violence against civilians", "Riots/Protests") allows every sub-type of that family and
/// teaches the model only the family.
public struct TypeExample: Sendable {
    public var buckets: [UInt32]
    public var allowed: [SubEventType]
    /// Where it came from (file name), for provenance and for keeping folds apart.
    public var origin: String
    /// The types the row's label is told apart from; nil: every type. A row of an export filtered
    /// by event type (all its rows explosions, say) tells which sub-type within that family, not
    /// how often the family happens where it was drawn from.
    public var contrast: [SubEventType]?

    public init(buckets: [UInt32], allowed: [SubEventType], origin: String, contrast: [SubEventType]? = nil) {
        self.buckets = buckets
        self.allowed = allowed
        self.origin = origin
        self.contrast = contrast
    }
}

/// Multinomial logistic regression by stochastic gradient descent, with class weights so that a
/// type with 50 rows is not drowned by one with 5,000, and partial labels for old-schema rows.
public struct TypeTrainer: Sendable {
    public var bits = 18
    public var epochs = 8
    public var learningRate: Float = 0.2
    /// L2 shrinkage per step, applied lazily to the buckets an example touches.
    public var l2: Float = 1e-6
    /// Class weight = (median class size / class size)^power, clipped: 0.5 balances without letting
    /// a handful of rows of a rare type dominate.
    public var classWeightPower: Float = 0.5
    /// Weight of old-schema rows that only name a family. 0 by default: on the acled-dev exports,
    /// 5-fold cross-validation gave sub-event weighted F1 0.843 without them and 0.825 at 0.3 (the
    /// 9,000 old Riots/Protests rows of Asia 2015 pull protests towards riots).
    public var partialWeight: Float = 0
    public var seed: UInt64 = 20240601

    public init() {}

    public static let classes = SubEventType.allCases

    /// Trains on the examples and returns the model with the given header (provenance etc.).
    public func train(_ examples: [TypeExample], header: [(key: String, value: String)] = []) -> TypeModel {
        let classes = TypeTrainer.classes
        let k = classes.count
        let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        var support = [Int](repeating: 0, count: k)
        for e in examples where e.allowed.count == 1 { support[index[e.allowed[0]]!] += 1 }
        let sized = support.filter { $0 > 0 }.sorted()
        let median = Float(sized.isEmpty ? 1 : sized[sized.count / 2])
        let classWeight = support.map { n -> Float in
            n == 0 ? 1 : min(10, max(0.1, powf(median / Float(n), classWeightPower)))
        }

        var w = [Float](repeating: 0, count: (1 << bits) * k)
        var bias = [Float](repeating: 0, count: k)
        var rng = SplitMix(seed: seed)
        var order = Array(examples.indices)
        let allowedIdx = examples.map { $0.allowed.compactMap { index[$0] } }
        let allClasses = Array(0..<k)
        let contrastIdx = examples.map { e in e.contrast.map { $0.compactMap { index[$0] } } }
        var p = [Float](repeating: 0, count: k)
        var q = [Float](repeating: 0, count: k)
        var step = 0
        let total = Float(max(1, epochs * examples.count))
        for _ in 0..<epochs {
            order.shuffle(using: &rng)
            for i in order {
                let e = examples[i]
                let allowed = allowedIdx[i]
                guard !allowed.isEmpty, !e.buckets.isEmpty, allowed.count == 1 || partialWeight > 0 else { continue }
                // Learning rate decays linearly to a tenth over training.
                let lr = learningRate * (1 - 0.9 * Float(step) / total)
                step += 1
                let norm = 1 / Float(e.buckets.count).squareRoot()
                // Scores, over the types the row is contrasted with (the others get no gradient).
                let contrast = contrastIdx[i] ?? allClasses
                for c in 0..<k { p[c] = bias[c] }
                w.withUnsafeBufferPointer { wp in
                    for b in e.buckets {
                        let base = Int(b) * k
                        for c in 0..<k { p[c] += wp[base + c] * norm }
                    }
                }
                var top = -Float.infinity
                for c in contrast { top = max(top, p[c]) }
                var sum: Float = 0
                for c in 0..<k { q[c] = 0 }
                for c in contrast { q[c] = expf(p[c] - top); sum += q[c] }
                for c in 0..<k { p[c] = q[c] / sum }
                // Target: the model's own distribution restricted to the allowed types (one-hot for
                // a single label) — the gradient of the log-likelihood of the allowed set.
                var mass: Float = 0
                for c in allowed { mass += p[c] }
                let weight: Float = allowed.count == 1 ? classWeight[allowed[0]] : partialWeight
                var g = p
                for c in allowed { g[c] -= mass > 0 ? p[c] / mass : 1 / Float(allowed.count) }
                for c in 0..<k { bias[c] -= lr * weight * g[c] * 0.1 }
                w.withUnsafeMutableBufferPointer { wp in
                    for b in e.buckets {
                        let base = Int(b) * k
                        for c in 0..<k {
                            wp[base + c] -= lr * (weight * g[c] * norm + l2 * wp[base + c])
                        }
                    }
                }
            }
        }
        return TypeModel(classes: classes, bits: bits, bias: bias, floatWeights: w, support: support, header: header)
    }

    /// Figures on held-out examples: weighted/macro F1 of the sub-event type (rows with a single
    /// label) and event type accuracy (all rows).
    public struct Figures: Sendable {
        public var rows = 0
        public var eventTypeAccuracy = 0.0
        public var weightedF1 = 0.0
        public var macroF1 = 0.0
    }

    /// k-fold cross-validation over rows (folds drawn at random, seeded).
    public func crossValidate(_ examples: [TypeExample], folds: Int) -> Figures {
        var rng = SplitMix(seed: seed ^ 0xF01D)
        var fold = examples.indices.map { _ in 0 }
        var order = Array(examples.indices)
        order.shuffle(using: &rng)
        for (n, i) in order.enumerated() { fold[i] = n % folds }
        let foldOf = fold
        let foldModels = ParallelMap.map(Array(0..<folds)) { f -> [(Int, SubEventType)] in
            let train = examples.indices.filter { foldOf[$0] != f }.map { examples[$0] }
            let model = self.train(train)
            return examples.indices.filter { foldOf[$0] == f }.map { i in (i, model.rank(examples[i].buckets)[0].type) }
        }
        return TypeTrainer.score(examples, predictions: Dictionary(uniqueKeysWithValues: foldModels.flatMap { $0 }))
    }

    public static func score(_ examples: [TypeExample], predictions: [Int: SubEventType]) -> Figures {
        var fig = Figures()
        var typeHits = 0
        var tp: [SubEventType: Int] = [:], fp: [SubEventType: Int] = [:], fn: [SubEventType: Int] = [:], sup: [SubEventType: Int] = [:]
        for (i, e) in examples.enumerated() {
            guard let p = predictions[i], let gold = e.allowed.first else { continue }
            fig.rows += 1
            if e.allowed.contains(where: { $0.eventType == p.eventType }) { typeHits += 1 }
            guard e.allowed.count == 1 else { continue }
            sup[gold, default: 0] += 1
            if p == gold { tp[gold, default: 0] += 1 } else { fn[gold, default: 0] += 1; fp[p, default: 0] += 1 }
        }
        var wsum = 0.0, msum = 0.0, n = 0
        for (t, s) in sup {
            let a = Double(tp[t] ?? 0), b = Double(fp[t] ?? 0), c = Double(fn[t] ?? 0)
            let f = a == 0 ? 0 : 2 * a / (2 * a + b + c)
            wsum += f * Double(s); msum += f; n += s
        }
        fig.eventTypeAccuracy = fig.rows == 0 ? 0 : Double(typeHits) / Double(fig.rows)
        fig.weightedF1 = n == 0 ? 0 : wsum / Double(n)
        fig.macroF1 = sup.isEmpty ? 0 : msum / Double(sup.count)
        return fig
    }
}

/// A small seeded generator, so training is reproducible run to run.
public struct SplitMix: RandomNumberGenerator, Sendable {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
