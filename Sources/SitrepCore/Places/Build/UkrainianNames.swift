import Foundation

/// Latin spellings of Ukrainian place names: the national transliteration ACLED uses
/// ("Krasnohorivka", "Bakhmutskyi") and the Russian-style forms English reports still write
/// ("Krasnogorovka", "Kharkov", "Nikolaev", "Aleksandrovka"). Tables and rules are data:
/// `gazetteer/transliteration-uk.tsv`, `transliteration-ru.tsv`, `ukrainian-russian-forms.tsv`.
struct UkrainianNames {
    /// Cyrillic letter → its Latin form at the start of a word and elsewhere.
    struct Transliteration {
        var letters: [Character: (initial: String, other: String)] = [:]

        init(_ file: String) {
            for row in Lexicon.table(file) where row.count >= 1 {
                guard let c = row[0].first, row[0].count == 1 else { continue }
                letters[c] = (row.count > 1 ? row[1] : "", row.count > 2 ? row[2] : "")
            }
        }

        func latin(_ s: String) -> String {
            var out = ""
            var wordStart = true
            for ch in s {
                let lower = Character(ch.lowercased())
                guard let t = letters[lower] else {
                    out.append(ch)
                    wordStart = ch == " " || ch == "-"
                    continue
                }
                let latin = wordStart ? t.initial : t.other
                // A capital stays a capital: "Щ" → "Shch".
                out += ch != lower ? latin.prefix(1).uppercased() + latin.dropFirst() : latin
                if !latin.isEmpty || !(lower == "'" || lower == "’" || lower == "ʼ") { wordStart = false }
            }
            return out
        }
    }

    struct Rule {
        enum Where: String { case start, end, any }
        var ukrainian: String
        var russian: String
        var at: Where
    }

    let national: Transliteration
    let russianStyle: Transliteration
    let rules: [Rule]

    init() {
        national = Transliteration("gazetteer/transliteration-uk.tsv")
        russianStyle = Transliteration("gazetteer/transliteration-ru.tsv")
        rules = Lexicon.table("gazetteer/ukrainian-russian-forms.tsv").compactMap { row in
            guard row.count >= 3, let w = Rule.Where(rawValue: row[2]) else { return nil }
            return Rule(ukrainian: row[0], russian: row[1], at: w)
        }
    }

    /// "Красногорівка" → "Krasnohorivka".
    func nationalForm(_ cyrillic: String) -> String { national.latin(cyrillic.trimmingCharacters(in: .whitespaces)) }

    /// "Красногорівка" → "Krasnogorovka"; "Миколаїв" → "Nikolaev".
    func russianForm(_ cyrillic: String) -> String {
        russianStyle.latin(russianCyrillic(cyrillic.trimmingCharacters(in: .whitespaces)))
    }

    /// The name's Russian form in Cyrillic, word by word, keeping the capitals of the original.
    func russianCyrillic(_ name: String) -> String {
        var words: [String] = []
        var separators: [Character] = []
        var current = ""
        for ch in name {
            if ch == " " || ch == "-" {
                words.append(current)
                separators.append(ch)
                current = ""
            } else {
                current.append(ch)
            }
        }
        words.append(current)
        var out = ""
        for (i, w) in words.enumerated() {
            var lower = w.lowercased()
            if let r = rules.first(where: { $0.at == .start && lower.hasPrefix($0.ukrainian) }) {
                lower = r.russian + lower.dropFirst(r.ukrainian.count)
            }
            if let r = rules.first(where: { $0.at == .end && lower.hasSuffix($0.ukrainian) && lower.count > $0.ukrainian.count + 1 }) {
                lower = lower.dropLast(r.ukrainian.count) + r.russian
            }
            for r in rules where r.at == .any { lower = lower.replacingOccurrences(of: r.ukrainian, with: r.russian) }
            out += w.first?.isUppercase == true ? lower.prefix(1).uppercased() + lower.dropFirst() : lower
            if i < separators.count { out.append(separators[i]) }
        }
        return out
    }

    /// Both spellings, national first, without repeats.
    func forms(_ cyrillic: String) -> [String] {
        let a = nationalForm(cyrillic), b = russianForm(cyrillic)
        return a == b ? [a] : [a, b]
    }
}
