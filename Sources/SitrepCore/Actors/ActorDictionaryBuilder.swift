import Foundation

/// Harvests ACLED actor names from exports into `Resources/actors/harvested.tsv`, so the
/// dictionary can follow ACLED's renamings as new exports arrive. Keeps only the names, their
/// inter codes, countries, years and counts: facts about the names, never the rows.
public enum ActorDictionaryBuilder {
    public struct HarvestedActor: Sendable, Hashable {
        public var name: String
        /// The inter code of the latest year the name was seen in.
        public var inter: Inter
        /// Countries the name was seen in, most frequent first.
        public var countries: [String]
        public var firstYear: Int
        public var lastYear: Int
        public var count: Int
    }

    /// Template names that ActorDictionary builds per country and date itself.
    static let templatePrefixes = ["Protesters", "Rioters", "Civilians", "Military Forces of", "Police Forces of",
                                   "Government of", "Former ", "Unidentified "]

    /// Named actors of the `actor1`/`actor2` columns of ACLED CSV exports (2023 or pre-2019 schema).
    public static func harvest(_ tables: [CSVTable]) -> [HarvestedActor] {
        struct Acc {
            var countries: [String: Int] = [:]
            var first = Int.max, last = Int.min, lastInter = 0, count = 0
        }
        var acc: [String: Acc] = [:]
        for table in tables {
            for r in table.records {
                let year = self.year(r)
                let country = r["country"] ?? ""
                for (a, i) in [("actor1", "inter1"), ("actor2", "inter2")] {
                    let name = (r[a] ?? "").trimmingCharacters(in: .whitespaces)
                    // Inter codes are numbers before ACLED's 2023 column change ("2", "2.0") and labels after ("Rebel group").
                    let inter = (r[i] ?? "").trimmingCharacters(in: .whitespaces)
                    guard !name.isEmpty, name != "NA", !templatePrefixes.contains(where: { name.hasPrefix($0) }),
                          let code = Double(inter).map({ Int($0) }) ?? Inter(label: inter)?.rawValue,
                          Inter(rawValue: code) != nil else { continue }
                    var e = acc[name] ?? Acc()
                    e.countries[country, default: 0] += 1
                    e.count += 1
                    e.first = min(e.first, year)
                    if year >= e.last { e.last = year; e.lastInter = code }
                    acc[name] = e
                }
            }
        }
        return acc.keys.sorted().compactMap { name in
            let e = acc[name]!
            guard let inter = Inter(rawValue: e.lastInter) else { return nil }
            let countries = e.countries.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(6).map(\.key)
            return HarvestedActor(name: name, inter: inter, countries: Array(countries), firstYear: e.first,
                                  lastYear: e.last, count: e.count)
        }
    }

    /// The year of a record: the `year` column, else the year in `event_date` ("2022-02-23", "01-January-2015").
    static func year(_ r: [String: String]) -> Int {
        if let y = Double(r["year"] ?? "") { return Int(y) }
        let d = r["event_date"] ?? ""
        if let y = Int(d.prefix(4)) { return y }
        if let last = d.split(separator: "-").last, let y = Int(last) { return y < 100 ? 2000 + y : y }
        return 0
    }

    /// Reads lines in the `harvested.tsv` format (comment lines skipped).
    public static func parse(_ text: String) -> [HarvestedActor] {
        text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) }
            guard f.count >= 2, !f[0].isEmpty, let code = Int(f[1]), let inter = Inter(rawValue: code) else { return nil }
            func int(_ i: Int, _ d: Int) -> Int { i < f.count ? Int(f[i]) ?? d : d }
            let countries = f.count > 2 ? f[2].split(separator: "|").map(String.init) : []
            return HarvestedActor(name: f[0], inter: inter, countries: countries, firstYear: int(3, 0), lastYear: int(4, 0), count: int(5, 1))
        }
    }

    /// What `sitrep actors import` did.
    public struct ImportSummary: Sendable {
        /// Named actors in the exports (template names such as "Civilians (Mali)" left out).
        public var seen = 0
        /// Names the dictionary did not know before.
        public var added: [String] = []
        /// Names already imported or shipped whose inter code, countries or years the exports extend.
        public var updated: [String] = []
        public var unchanged = 0
    }

    /// Merges the named actors of user exports into the entries of an import file: new names are
    /// added; known ones get the latest inter code, any new countries and a wider span of years.
    /// `known` gives the dictionary's shipped entries by name, so that names it already has in the
    /// same form count as unchanged and are not written again.
    public static func merge(_ found: [HarvestedActor], into existing: [HarvestedActor],
                             known: [String: HarvestedActor]) -> (entries: [HarvestedActor], summary: ImportSummary) {
        var byName: [String: HarvestedActor] = [:]
        for e in existing { byName[e.name] = e }
        var summary = ImportSummary()
        summary.seen = found.count
        for f in found {
            guard let old = byName[f.name] ?? known[f.name] else {
                byName[f.name] = f
                summary.added.append(f.name)
                continue
            }
            var e = old
            // The export's latest year decides the inter code (Taliban: rebels, then the state).
            if f.lastYear >= old.lastYear { e.inter = f.inter }
            e.firstYear = old.firstYear == 0 ? f.firstYear : min(old.firstYear, f.firstYear)
            e.lastYear = max(old.lastYear, f.lastYear)
            e.countries = old.countries + f.countries.filter { !old.countries.contains($0) }
            // Re-importing the same export must not inflate the count.
            e.count = max(old.count, f.count)
            // Hand-curated entries carry no years (0): only their inter code and countries compare.
            let datesMoved = old.firstYear != 0 && (e.firstYear != old.firstYear || e.lastYear != old.lastYear)
            let changed = e.inter != old.inter || e.countries != old.countries || datesMoved
            if changed {
                byName[f.name] = e
                summary.updated.append(f.name)
            } else {
                if byName[f.name] == nil, known[f.name] != nil { /* shipped as is: nothing to write */ } else { byName[f.name] = e }
                summary.unchanged += 1
            }
        }
        return (byName.values.sorted { $0.name < $1.name }, summary)
    }

    /// The data-file form of `harvested.tsv`, header comments included.
    public static func tsv(_ actors: [HarvestedActor], sources: String) -> String {
        var out = """
        # Named actors as ACLED writes them, harvested from the actor1/actor2 columns of \(sources).
        # Only the names, their inter codes, the countries and years they were seen in and how often are kept:
        # facts, not rows. Template names resolved per country (Protesters/Rioters/Civilians (X),
        # Unidentified ... (X), state forces and governments) are left out: ActorDictionary builds those.
        # Format: name TAB inter (1-8, the latest seen) TAB countries seen (|, most frequent first) TAB first year
        # TAB last year TAB times seen

        """
        for a in actors {
            out += "\(a.name)\t\(a.inter.rawValue)\t\(a.countries.joined(separator: "|"))\t\(a.firstYear)\t\(a.lastYear)\t\(a.count)\n"
        }
        return out
    }
}
