/// The one folding of place names used both to build the gazetteer's name index and to
/// look names up, so that the spellings reports use for the same place meet on one key:
/// Douma/Duma, Deir ez-Zor/Dayr az Zawr/Deir Ezzor, Kharkiv/Kharkov, Marib/Ma'rib,
/// Al-Hasakeh/Al Hasakah, Hamouriyah/Hammuriyah.
///
/// A key is the concatenation of the keys of the name's words (so "Lashkar Gah" and
/// "Lashkargah" meet), and a word's key depends on that word alone, which lets the
/// resolver fold each token once and build the key of any run of tokens by appending.
public enum PlaceKey {
    /// Key of a whole name as written in any source ("Dayr az Zawr", "Ḩarastā").
    public static func key(_ name: String) -> String {
        var out: [UInt8] = []
        appendKey(of: TextFolding.fold(name), to: &out)
        if out.isEmpty { return "" }
        return String(decoding: out, as: UTF8.self)
    }

    /// Key bytes of one already-folded token (`Token.norm`); empty for a bare article ("al").
    public static func tokenKey(_ norm: String) -> [UInt8] {
        var out: [UInt8] = []
        appendKey(of: norm, to: &out)
        return out
    }

    /// Appends the keys of the words in `folded` (lower-cased, diacritics off).
    static func appendKey(of folded: String, to out: inout [UInt8]) {
        var word: [UInt8] = []
        word.reserveCapacity(24)
        var words: [[UInt8]] = []
        for u in folded.unicodeScalars {
            let v = u.value
            if v < 128 {
                // ASCII fast path: letters and digits build words; apostrophes and dots vanish.
                if (v >= 97 && v <= 122) || (v >= 48 && v <= 57) {
                    word.append(UInt8(v))
                } else if v >= 65 && v <= 90 {
                    word.append(UInt8(v + 32))
                } else if v == 39 || v == 46 {
                    continue
                } else if !word.isEmpty {
                    words.append(word)
                    word.removeAll(keepingCapacity: true)
                }
            } else if let b = asciiLetter(u) {
                word.append(contentsOf: b)
            } else if u.properties.isAlphabetic {
                // Letters of other scripts stay as they are: such names simply never meet Latin ones.
                word.append(contentsOf: Array(String(u).utf8))
            } else if u == "'" || u == "." || u == "\u{2019}" || u == "\u{02BF}" || u == "\u{02BE}" {
                // Apostrophes (ayn, hamza) and abbreviation dots vanish inside a word: Ma'rib = Marib.
                continue
            } else if !word.isEmpty {
                words.append(word)
                word.removeAll(keepingCapacity: true)
            }
        }
        if !word.isEmpty { words.append(word) }
        // A name made only of articles keeps them, so it still has a key.
        let allArticles = words.allSatisfy { articles.contains($0) }
        for w in words {
            if !allArticles, articles.contains(w) { continue }
            out.append(contentsOf: foldWord(w))
        }
    }

    /// Arabic article forms written as separate words (al-, el-, ad-, ash-…), transliterated in
    /// many ways; "ez-Zor" and "az Zawr" must both fold to the bare noun.
    static let articles: Set<[UInt8]> = Set(["al", "el", "ad", "ar", "as", "ash", "az", "at", "an", "ath", "adh",
                                              "ed", "er", "es", "ez", "ul", "il"].map { Array($0.utf8) })

    /// Letters that decomposition leaves alone: ı ł ø đ ß æ œ þ ħ.
    @inline(__always)
    static func asciiLetter(_ u: Unicode.Scalar) -> [UInt8]? {
        let v = u.value
        if v >= 97 && v <= 122 { return [UInt8(v)] }
        if v >= 65 && v <= 90 { return [UInt8(v + 32)] }
        if v >= 48 && v <= 57 { return [UInt8(v)] }
        switch u {
        case "ı", "İ": return [0x69]
        case "ł", "Ł": return [0x6C]
        case "ø", "Ø": return [0x6F]
        case "đ", "Đ", "ð", "Ð": return [0x64]
        case "ß": return [0x73, 0x73]
        case "æ", "Æ": return [0x61, 0x65]
        case "œ", "Œ": return [0x6F, 0x65]
        case "þ", "Þ": return [0x74, 0x68]
        case "ħ", "Ħ": return [0x68]
        default: return nil
        }
    }

    /// Transliteration variants of one word, applied in a fixed order.
    static func foldWord(_ input: [UInt8]) -> [UInt8] {
        // Doubled letters are written or not at will (Kismaayo/Kismayo, Raqqa/Raqa): collapse
        // them before and after the digraph rules so both spellings take the same path.
        var w = collapse(input)
        // Article fused with a doubled sun letter: Ezzor, Arraqqa, Assuwayda → Zor, Raqqa, Suwayda.
        if input.count >= 5, input[0] == 0x61 || input[0] == 0x65, input[1] == input[2], sunLetters.contains(input[1]) {
            w = collapse(Array(input.dropFirst(2)))
        }
        // Burmese aspirates written with a leading h: Hpakant/Pakant, Hteik/Teik.
        if w.count >= 3, w[0] == 0x68, w[1] == 0x70 || w[1] == 0x74 || w[1] == 0x6B {
            w.removeFirst()
        }
        var out: [UInt8] = []
        out.reserveCapacity(w.count)
        let n = w.count
        var i = 0
        while i < n {
            let c = w[i]
            let next: UInt8 = i + 1 < n ? w[i + 1] : 0
            let c2 = next == 0x79 ? 0x69 : next   // y reads as i below
            let cur = c == 0x79 ? 0x69 : c
            switch (cur, c2) {
            case (0x6B, 0x68), (0x71, _):              // kh, q → k
                out.append(0x6B); i += (cur == 0x71 ? 1 : 2); continue
            case (0x67, 0x68), (0x64, 0x68), (0x74, 0x68): // gh → g, dh → d, th → t
                out.append(cur); i += 2; continue
            case (0x70, 0x68):                          // ph → f
                out.append(0x66); i += 2; continue
            case (0x64, 0x6A):                          // dj → j (Djibouti/Jibuti)
                out.append(0x6A); i += 2; continue
            case (0x6F, 0x75), (0x6F, 0x6F):            // ou, oo → u (Douma/Duma)
                out.append(0x75); i += 2; continue
            case (0x65, 0x65), (0x69, 0x65):            // ee, ie → i (Kiev/Kyiv)
                out.append(0x69); i += 2; continue
            case (0x61, 0x69), (0x65, 0x69):            // ai, ay, ei, ey → e (Dayr/Deir, Shaykh/Sheikh)
                out.append(0x65); i += 2; continue
            case (0x61, 0x77), (0x61, 0x75), (0x6F, 0x77): // aw, au, ow → o (Zawr/Zor)
                out.append(0x6F); i += 2; continue
            default:
                out.append(cur); i += 1
            }
        }
        // Feminine endings: -ah, -eh → -a (Hasakah/Hasakeh/Hasaka, Hamah/Hama).
        if out.count >= 3, out[out.count - 1] == 0x68, out[out.count - 2] == 0x61 || out[out.count - 2] == 0x65 {
            out.removeLast()
            out[out.count - 1] = 0x61
        }
        // Russian -ov against Ukrainian -iv (Kharkov/Kharkiv).
        if out.count >= 5, out[out.count - 1] == 0x76, out[out.count - 2] == 0x6F {
            out[out.count - 2] = 0x69
        }
        return collapse(out)
    }

    /// The consonants of a key, doubled ones collapsed: the part of an Arabic or Kurdish name that
    /// English transliterations agree on when they disagree on vowels (Fleifel/Fulayfil,
    /// Ftireh/Fatirah, Termala/Tarmala, Kozliyeh/Kuzliyah). Too loose to look names up on its
    /// own; the resolver uses it only inside a province the report names.
    public static func skeleton(_ key: [UInt8]) -> [UInt8] {
        var key = key
        // A final h after a vowel is the feminine ending in any spelling (Kozliyeh/Kuzliyah).
        if key.count >= 3, key.last == 0x68, vowels.contains(key[key.count - 2]) { key.removeLast() }
        var out: [UInt8] = []
        out.reserveCapacity(key.count)
        for b in key where !vowels.contains(b) && out.last != b { out.append(b) }
        return out
    }

    /// With w, which English spellings of Arabic write for a long u or leave out (Oweid/Uwayd).
    static let vowels: Set<UInt8> = Set("aeiouyw".utf8)

    static func collapse(_ w: [UInt8]) -> [UInt8] {
        var collapsed: [UInt8] = []
        collapsed.reserveCapacity(w.count)
        for b in w where collapsed.last != b { collapsed.append(b) }
        return collapsed
    }

    static let sunLetters: Set<UInt8> = Set("tdrzsn".utf8)
}
