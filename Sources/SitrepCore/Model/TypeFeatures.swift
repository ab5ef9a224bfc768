/// The features the event-type model reads from a stretch of an analysed document.
///
/// Names and numbers are abstracted so the model learns "STATE_FORCES shelled PLACE" rather than
/// the town names and tolls of its training rows: an actor mention becomes its inter category, a
/// place becomes PLACE, a date DATE, a number its order of magnitude. On that abstracted text the
/// model sees word unigrams and bigrams and each word's character 4-grams (which catch
/// "airstrike"/"air-strikes" and inflections without a stemmer), plus the trigger lexicon's
/// concepts, who is named in what role, whether someone was killed, and what the codebook rules
/// decided. Every feature is a string hashed into a fixed number of buckets, so the model needs no
/// vocabulary file and unseen words cost nothing.
public enum TypeFeatures {
    /// Bumped when the features change: a model trained on other features must not be used.
    public static let version = 1

    /// Hashed feature buckets (deduplicated) for the sentences covering `range` of tokens.
    /// `rule` is the sub-event type the codebook rules gave, if any.
    public static func extract(_ doc: Doc, tokens range: Range<Int>, rule: SubEventType?, bits: Int) -> [UInt32] {
        var out = FeatureSink(bits: bits)
        guard !range.isEmpty else { return out.buckets }
        let span = Span(doc.tokens[range.lowerBound].span.start, doc.tokens[range.upperBound - 1].span.end)
        let actors = doc.actors(in: span), places = doc.places(in: span), dates = doc.dates(in: span)
        var ai = actors.startIndex, pi = places.startIndex, di = dates.startIndex
        var prev = "<s>"
        var i = range.lowerBound
        while i < range.upperBound {
            let tok = doc.tokens[i]
            let start = tok.span.start
            while ai < actors.endIndex, actors[ai].span.end <= start { ai += 1 }
            while pi < places.endIndex, places[pi].span.end <= start { pi += 1 }
            while di < dates.endIndex, dates[di].span.end <= start { di += 1 }
            // The abstract word for a mention covers all of its tokens.
            var word: String
            var end = tok.span.end
            if ai < actors.endIndex, actors[ai].span.start <= start {
                let inter = actors[ai].actor.inter
                word = "@" + interName(inter)
                end = actors[ai].span.end
                out.add("actor:" + interName(inter))
            } else if pi < places.endIndex, places[pi].span.start <= start {
                word = "@PLACE"
                end = places[pi].span.end
            } else if di < dates.endIndex, dates[di].span.start <= start {
                word = "@DATE"
                end = dates[di].span.end
            } else if tok.kind == .number {
                word = magnitude(tok.norm)
            } else if tok.kind == .punctuation {
                // Sentence punctuation carries nothing about the event type; brackets and dashes split phrases.
                prev = "<p>"
                i += 1
                continue
            } else {
                word = tok.norm
                charGrams(word, into: &out)
            }
            out.add("w:", word)
            out.add("b:", prev, " ", word)
            prev = word
            // Skip the rest of a multi-token mention.
            i += 1
            while i < range.upperBound, doc.tokens[i].span.start < end { i += 1 }
        }
        out.add("b:", prev, " </s>")
        for t in TriggerLexicon.shared.find(doc, in: range) where t.weight >= 0.5 {
            out.add("lex:" + t.concept.rawValue)
        }
        for c in doc.casualties(in: span) {
            out.add("toll:\(c.outcome)")
            if c.civilianVictims { out.add("toll:civilians") }
        }
        out.add("rule:" + (rule?.rawValue ?? "none"))
        out.add("rule-type:" + (rule?.eventType.rawValue ?? "none"))
        out.add("bias")
        return out.buckets
    }

    /// The token range of the given sentences.
    public static func tokens(of sentences: [Int], in doc: Doc) -> [Range<Int>] {
        sentences.sorted().compactMap { s in s < doc.sentences.count ? doc.sentences[s].tokens : nil }
    }

    /// Features of several token ranges (the sentences of one event), merged.
    public static func extract(_ doc: Doc, ranges: [Range<Int>], rule: SubEventType?, bits: Int) -> [UInt32] {
        if ranges.count == 1 { return extract(doc, tokens: ranges[0], rule: rule, bits: bits) }
        var all = FeatureSink(bits: bits)
        for r in ranges {
            for b in extract(doc, tokens: r, rule: rule, bits: bits) { all.add(bucket: b) }
        }
        return all.buckets
    }

    static func interName(_ i: Inter) -> String {
        switch i {
        case .stateForces: "STATE_FORCES"
        case .rebelGroup: "REBELS"
        case .politicalMilitia: "POLITICAL_MILITIA"
        case .identityMilitia: "IDENTITY_MILITIA"
        case .rioters: "RIOTERS"
        case .protesters: "PROTESTERS"
        case .civilians: "CIVILIANS"
        case .externalForces: "EXTERNAL_FORCES"
        }
    }

    /// "7" → #1, "42" → #2, "1,200" → #4: the size of a figure, not the figure.
    static func magnitude(_ s: String) -> String {
        let digits = s.unicodeScalars.filter { $0.properties.numericType != nil }.count
        return "#" + String(min(max(digits, 1), 5))
    }

    /// Character 4-grams of a word with its boundaries marked: "^air", "airs", …, "ike$".
    static func charGrams(_ word: String, into out: inout FeatureSink) {
        var word = word
        word.withUTF8 { u in
            guard u.count >= 4 else { return }
            // The word between "^" and "$", read in place rather than copied into a padded array.
            let n = u.count + 2
            func byte(_ k: Int) -> UInt8 { k == 0 ? UInt8(ascii: "^") : k == n - 1 ? UInt8(ascii: "$") : u[k - 1] }
            for k in 0...(n - 4) {
                var h = FeatureHash(salt: 0x9E37_79B9)
                for j in k..<(k + 4) { h.mix(byte(j)) }
                out.insert(h.value)
            }
        }
    }
}

/// Collects hashed feature buckets without duplicates.
struct FeatureSink {
    let mask: UInt64
    var buckets: [UInt32] = []
    /// Open addressing over the buckets seen (`empty` marks a free slot): cheaper than `Set`,
    /// whose seeded hashing dominated feature extraction.
    private var table = [UInt32](repeating: FeatureSink.empty, count: 512)
    private static let empty = UInt32.max

    init(bits: Int) {
        precondition(bits < 32, "bucket numbers must leave UInt32.max free")
        mask = (UInt64(1) << UInt64(bits)) - 1
        buckets.reserveCapacity(256)
    }

    /// The feature named by the parts written one after another (hashed as their concatenation,
    /// without building it).
    mutating func add(_ a: String, _ b: String = "", _ c: String = "", _ d: String = "") {
        var h = FeatureHash()
        h.mix(a)
        h.mix(b)
        h.mix(c)
        h.mix(d)
        insert(h.value)
    }

    mutating func insert(_ h: UInt64) {
        add(bucket: UInt32(truncatingIfNeeded: (h ^ (h >> 29)) & mask))
    }

    mutating func add(bucket b: UInt32) {
        if firstSeen(b) { buckets.append(b) }
    }

    /// Records `b`; false when it was seen already.
    private mutating func firstSeen(_ b: UInt32) -> Bool {
        if buckets.count * 2 >= table.count { grow() }
        let m = table.count - 1
        var i = FeatureSink.slot(b, mask: m)
        while true {
            let v = table[i]
            if v == b { return false }
            if v == FeatureSink.empty {
                table[i] = b
                return true
            }
            i = (i + 1) & m
        }
    }

    private static func slot(_ b: UInt32, mask: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(b) &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    }

    private mutating func grow() {
        table = [UInt32](repeating: FeatureSink.empty, count: table.count * 2)
        let m = table.count - 1
        for b in buckets {
            var i = FeatureSink.slot(b, mask: m)
            while table[i] != FeatureSink.empty { i = (i + 1) & m }
            table[i] = b
        }
    }
}

/// FNV-1a, 64 bits: stable across runs and platforms, unlike Swift's seeded `Hasher`.
struct FeatureHash {
    var value: UInt64 = 0xcbf2_9ce4_8422_2325

    init(salt: UInt64 = 0) { value ^= salt }

    mutating func mix(_ b: UInt8) {
        value ^= UInt64(b)
        value = value &* 0x0000_0100_0000_01B3
    }

    mutating func mix(_ s: String) {
        for b in s.utf8 { mix(b) }
    }
}
