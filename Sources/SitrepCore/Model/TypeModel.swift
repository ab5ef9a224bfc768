import Foundation

/// A trained linear model over `TypeFeatures`: multinomial logistic regression, one weight per
/// hashed feature bucket and sub-event type, quantised to 8 bits per weight with one scale per type.
///
/// File format (version 1): UTF-8 header lines `key: value` — format, features, classes, bias,
/// scale, provenance (files and row counts trained on), attribution and licence, cross-validated
/// figures — ended by a line `---`; then for every bucket with a non-zero weight, its index
/// (UInt32, little-endian) and one Int8 per class. Buckets left out are zero, which keeps the file
/// small.
public struct TypeModel: Sendable {
    public static let formatVersion = 1

    public var classes: [SubEventType]
    public var bits: Int
    public var bias: [Float]
    public var scale: [Float]
    /// bucket * classes.count + class → quantised weight.
    var weights: [Int8]
    /// Training rows per class: where the model saw few, the codebook's rules decide (TypeDecision).
    public var support: [Int]
    /// Header lines kept as read (provenance, attribution, figures), in order.
    public var header: [(key: String, value: String)]

    public init(classes: [SubEventType], bits: Int, bias: [Float], scale: [Float], weights: [Int8],
                support: [Int], header: [(key: String, value: String)]) {
        self.classes = classes
        self.bits = bits
        self.bias = bias
        self.scale = scale
        self.weights = weights
        self.support = support
        self.header = header
    }

    /// Quantises float weights (bucket-major) to one Int8 per weight, scaled per class.
    public init(classes: [SubEventType], bits: Int, bias: [Float], floatWeights w: [Float], support: [Int],
                header: [(key: String, value: String)]) {
        let k = classes.count
        var scale = [Float](repeating: 0, count: k)
        for (i, x) in w.enumerated() { scale[i % k] = max(scale[i % k], abs(x)) }
        scale = scale.map { $0 > 0 ? $0 / 127 : 1 }
        var q = [Int8](repeating: 0, count: w.count)
        for (i, x) in w.enumerated() { q[i] = Int8(max(-127, min(127, (x / scale[i % k]).rounded()))) }
        self.init(classes: classes, bits: bits, bias: bias, scale: scale, weights: q, support: support, header: header)
    }

    public func value(_ key: String) -> String? { header.first { $0.key == key }?.value }

    /// The ACLED files the model was trained on (file names, without directories).
    public var trainingFiles: [String] {
        header.filter { $0.key == "data" }.compactMap { $0.value.split(separator: " ").first.map(String.init) }
    }

    // MARK: Scoring

    /// Probability of each class (in `classes` order) for a feature set.
    public func probabilities(_ buckets: [UInt32]) -> [Float] {
        let k = classes.count
        var acc = [Int32](repeating: 0, count: k)
        weights.withUnsafeBufferPointer { w in
            acc.withUnsafeMutableBufferPointer { a in
                for b in buckets {
                    let base = Int(b) * k
                    for c in 0..<k { a[c] &+= Int32(w[base + c]) }
                }
            }
        }
        // Features are scaled by 1/sqrt(count), as in training, so long texts are not overconfident.
        let norm = buckets.isEmpty ? 0 : 1 / Float(buckets.count).squareRoot()
        var scores = [Float](repeating: 0, count: k)
        var top: Float = -.infinity
        for c in 0..<k {
            scores[c] = bias[c] + Float(acc[c]) * scale[c] * norm
            top = max(top, scores[c])
        }
        var sum: Float = 0
        for c in 0..<k { scores[c] = expf(scores[c] - top); sum += scores[c] }
        for c in 0..<k { scores[c] /= sum }
        return scores
    }

    /// Classes ranked by probability, most likely first.
    public func rank(_ buckets: [UInt32]) -> [(type: SubEventType, p: Float)] {
        zip(classes, probabilities(buckets)).map { (type: $0.0, p: $0.1) }.sorted { $0.p > $1.p }
    }

    public func support(of t: SubEventType) -> Int {
        classes.firstIndex(of: t).map { support[$0] } ?? 0
    }

    // MARK: File

    public func write(to url: URL) throws {
        var text = "SITREP EVENT TYPE MODEL\n"
        var lines: [(String, String)] = [
            ("format", String(TypeModel.formatVersion)),
            ("features", "\(TypeFeatures.version)"),
            ("hash_bits", String(bits)),
            ("classes", classes.map(\.rawValue).joined(separator: "|")),
            ("support", support.map(String.init).joined(separator: " ")),
            ("bias", bias.map { String($0) }.joined(separator: " ")),
            ("scale", scale.map { String($0) }.joined(separator: " ")),
        ]
        let fixed = Set(lines.map(\.0))
        lines += header.filter { !fixed.contains($0.key) }
        for (key, value) in lines { text += "\(key): \(value.replacingOccurrences(of: "\n", with: " "))\n" }
        text += "---\n"
        var data = Data(text.utf8)
        let k = classes.count
        let buckets = 1 << bits
        for b in 0..<buckets {
            let row = weights[(b * k)..<(b * k + k)]
            guard row.contains(where: { $0 != 0 }) else { continue }
            var le = UInt32(b).littleEndian
            withUnsafeBytes(of: &le) { data.append(contentsOf: $0) }
            data.append(contentsOf: row.map { UInt8(bitPattern: $0) })
        }
        try data.write(to: url)
    }

    public struct FormatError: Error, CustomStringConvertible {
        public var description: String
    }

    public static func load(_ url: URL) throws -> TypeModel {
        let data = try Data(contentsOf: url)
        return try parse(data, origin: url.lastPathComponent)
    }

    public static func parse(_ data: Data, origin: String) throws -> TypeModel {
        let bytes = [UInt8](data)
        // The header ends at the first "\n---\n".
        let marker: [UInt8] = Array("\n---\n".utf8)
        var end = -1
        var i = 0
        while i + marker.count <= bytes.count {
            if bytes[i] == marker[0], Array(bytes[i..<(i + marker.count)]) == marker { end = i; break }
            i += 1
        }
        guard end > 0 else { throw FormatError(description: "\(origin): no model header") }
        let lines = String(decoding: bytes[0..<end], as: UTF8.self).split(separator: "\n").map(String.init)
        guard lines.first == "SITREP EVENT TYPE MODEL" else { throw FormatError(description: "\(origin): not a Sitrep event type model") }
        var header: [(key: String, value: String)] = []
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            header.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        func get(_ k: String) -> String? { header.first { $0.key == k }?.value }
        guard get("format") == String(formatVersion) else {
            throw FormatError(description: "\(origin): model format \(get("format") ?? "?"), this Sitrep reads \(formatVersion)")
        }
        guard get("features") == String(TypeFeatures.version) else {
            throw FormatError(description: "\(origin): trained on feature set \(get("features") ?? "?"), this Sitrep extracts \(TypeFeatures.version); retrain it")
        }
        guard let bits = get("hash_bits").flatMap(Int.init), (8...24).contains(bits) else {
            throw FormatError(description: "\(origin): bad hash_bits")
        }
        let classes = (get("classes") ?? "").split(separator: "|").compactMap { SubEventType(rawValue: String($0)) }
        let k = classes.count
        let floats = { (key: String) in (get(key) ?? "").split(separator: " ").compactMap { Float(String($0)) } }
        let bias = floats("bias"), scale = floats("scale")
        let support = (get("support") ?? "").split(separator: " ").compactMap { Int(String($0)) }
        guard k > 1, bias.count == k, scale.count == k, support.count == k else {
            throw FormatError(description: "\(origin): classes, bias, scale and support disagree")
        }
        var weights = [Int8](repeating: 0, count: (1 << bits) * k)
        var p = end + marker.count
        let record = 4 + k
        guard (bytes.count - p) % record == 0 else { throw FormatError(description: "\(origin): truncated weights") }
        weights.withUnsafeMutableBufferPointer { w in
            while p + record <= bytes.count {
                let b = Int(UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16 | UInt32(bytes[p + 3]) << 24)
                if b < (1 << bits) {
                    for c in 0..<k { w[b * k + c] = Int8(bitPattern: bytes[p + 4 + c]) }
                }
                p += record
            }
        }
        let fixed: Set<String> = ["format", "features", "hash_bits", "classes", "support", "bias", "scale"]
        return TypeModel(classes: classes, bits: bits, bias: bias, scale: scale, weights: weights, support: support,
                         header: header.filter { !fixed.contains($0.key) })
    }

    /// The model shipped in Resources/model/ (nil if it is missing or unreadable); `SITREP_MODEL`
    /// names another file, and `SITREP_MODEL=none` turns the model off.
    public static let bundled: TypeModel? = {
        let env = ProcessInfo.processInfo.environment["SITREP_MODEL"] ?? ""
        if env == "none" { return nil }
        let url = env.isEmpty ? Lexicon.url("model/event-types.model") : URL(fileURLWithPath: env)
        return try? load(url)
    }()
}
