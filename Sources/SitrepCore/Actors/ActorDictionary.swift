import Foundation

/// The organs of a state that ACLED names per regime period.
public enum StateOrgan: String, Sendable, Hashable {
    case military, police, government

    var prefix: String {
        switch self {
        case .military: "Military Forces of"
        case .police: "Police Forces of"
        case .government: "Government of"
        }
    }
}

/// Generic kinds of actor that a report describes without naming ("gunmen", "regime troops").
public enum ActorKind: String, Sendable, Hashable, CaseIterable {
    case military, police, government
    case unidentifiedArmedGroup = "uag"
    case gang, rebels
    case proGovernmentMilitia = "progov"
    case kurdish, communal, tribal, clan, ethnic, cult, militia
    case civilians, protesters, rioters
    /// Whoever carried out an attack that no one is named for.
    case perpetrator
    /// A place or thing named after an actor ("police station"): no actor.
    case none

    /// Kinds a demonym or "Country's" can qualify to pick another country's state.
    var isStateOrgan: Bool { self == .military || self == .police || self == .government }
}

/// What an actor entry names: a fixed ACLED name, or a state organ resolved by date.
enum ActorRef: Sendable, Hashable {
    case literal(name: String, inter: Inter)
    /// "{military:Iraq} Peshmerga": the organ of `country` in the period of the event date, plus a unit.
    case state(StateOrgan, country: String, unit: String?)

    /// The country of a template that stands for the event's own state: "{police:*} Prison Guards".
    static let eventState = "*"

    /// Parses the data-file form: a literal name, or `{organ:Country} unit`.
    init?(_ field: String, inter: Inter) {
        guard field.hasPrefix("{") else {
            self = .literal(name: field, inter: inter)
            return
        }
        guard let close = field.firstIndex(of: "}") else { return nil }
        let inside = field[field.index(after: field.startIndex)..<close]
        let parts = inside.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let organ = StateOrgan(rawValue: parts[0]) else { return nil }
        let unit = field[field.index(after: close)...].trimmingCharacters(in: .whitespaces)
        self = .state(organ, country: parts[1], unit: unit.isEmpty ? nil : unit)
    }
}

/// A named actor with the countries it acts in and the days its name is valid.
struct NamedActor: Sendable {
    var ref: ActorRef
    /// Home country first; empty for international actors.
    var countries: [String]
    var from: CivilDate?
    var until: CivilDate?
    /// How often ACLED's dev data used the name: breaks ties between actors sharing an alias.
    var weight: Int

    func isValid(on date: CivilDate?) -> Bool {
        guard let date else { return until == nil }
        if let from, date < from { return false }
        if let until, date >= until { return false }
        return true
    }
}

/// A period of a country's regime, as state actor names carry it: "(2013-)", "(1989-2019)".
struct RegimePeriod: Sendable {
    var from: CivilDate
    var label: String
}

/// A per-country name for a generic kind ("rebels" in Syria → Opposition Rebels (Syria)).
struct KindDefault: Sendable {
    var from: CivilDate?
    var until: CivilDate?
    var ref: ActorRef
}

/// ACLED's actor names: the named groups with their aliases and validity periods, the state
/// forces of every country per regime period, and the per-country template names
/// ("Civilians (Mali)", "Unidentified Armed Group (Mali)"). Built once from `Resources/actors/`.
public final class ActorDictionary: Sendable {
    public static let shared = ActorDictionary(directory: Lexicon.url("actors"))

    /// Regime periods that began after this day are unknown, so names read as ACLED wrote them
    /// on that day ("(2018-)" rather than "(2018-2022)"): for comparing with an older export.
    public let namesAsOf: CivilDate?

    /// Country (ACLED spelling) → the form used in state names ("the Philippines").
    let nameForm: [String: String]
    let demonyms: [String: [String]]
    /// Folded country names and alternative names → country.
    let countryNames: [String: String]
    let regimes: [String: [RegimePeriod]]
    let named: [NamedActor]
    /// Folded alias (token norms joined by spaces) → indexes into `named`.
    let aliasIndex: [String: [Int]]
    /// Aliases written all in capitals: only text written the same way matches them.
    let exactCaseAliases: Set<String>
    /// Folded generic phrase → kind, and whether it needs a country qualifier.
    let generic: [String: (kind: ActorKind, qualified: Bool)]
    let defaults: [String: [ActorKind: [KindDefault]]]
    let memberNouns: Set<String>
    /// "event country|forces' country|sub-event type" → unit ("Ukraine|Russia|Air/drone strike" → "Air Force").
    let units: [String: String]
    /// Event country → usual opponents (data: opponents.tsv).
    let opponents: [String: [(actor1: ActorRef, actor2: ActorRef, from: CivilDate?, until: CivilDate?)]]

    /// A dictionary naming actors as ACLED did on `namesAsOf` (nil: as of today's data).
    public convenience init(namesAsOf: CivilDate?) {
        self.init(directory: Lexicon.url("actors"), namesAsOf: namesAsOf)
    }

    init(directory: URL, namesAsOf: CivilDate? = nil) {
        self.namesAsOf = namesAsOf
        func table(_ file: String) -> [[String]] {
            Lexicon.lines(at: directory.appendingPathComponent(file)).map {
                $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            }
        }
        func col(_ row: [String], _ i: Int) -> String { i < row.count ? row[i] : "" }
        func list(_ s: String) -> [String] { s.split(separator: "|").map(String.init).filter { !$0.isEmpty } }

        var nameForm: [String: String] = [:], demonyms: [String: [String]] = [:], countryNames: [String: String] = [:]
        for row in table("countries.tsv") {
            let c = col(row, 0)
            guard !c.isEmpty else { continue }
            nameForm[c] = col(row, 1).isEmpty ? c : col(row, 1)
            demonyms[c] = list(col(row, 2))
            for n in [c] + list(col(row, 3)) where countryNames[ActorDictionary.key(n)] == nil {
                countryNames[ActorDictionary.key(n)] = c
            }
        }

        var starts: [String: [(CivilDate, String?)]] = [:]
        for row in table("regimes.tsv") {
            guard let d = CivilDate(iso: col(row, 1)), namesAsOf.map({ d <= $0 }) ?? true else { continue }
            starts[col(row, 0), default: []].append((d, col(row, 2).isEmpty ? nil : col(row, 2)))
        }
        var regimes: [String: [RegimePeriod]] = [:]
        for (c, list) in starts {
            let sorted = list.sorted { $0.0 < $1.0 }
            regimes[c] = sorted.enumerated().map { i, p in
                // ACLED renames a period when it closes: "(2014-)" becomes "(2014-2021)".
                let label = p.1 ?? (i + 1 < sorted.count ? "\(p.0.year)-\(sorted[i + 1].0.year)" : "\(p.0.year)-")
                return RegimePeriod(from: p.0, label: label)
            }
        }

        var generic: [String: (kind: ActorKind, qualified: Bool)] = [:]
        for row in table("generic.tsv") {
            guard let kind = ActorKind(rawValue: col(row, 1)) else { continue }
            let k = ActorDictionary.key(col(row, 0))
            let qualified = col(row, 2) == "q"
            // The same phrase may be listed bare and qualified ("authorities"): keep the bare reading.
            if let old = generic[k], !old.qualified, qualified { continue }
            generic[k] = (kind, qualified)
        }

        var named: [NamedActor] = []
        var aliases: [(String, Int)] = []
        var exact = Set<String>()
        var byName: [String: Int] = [:]
        func addAlias(_ a: String, _ idx: Int) {
            let k = ActorDictionary.key(a)
            // A single letter ("A" of "SLM/A") is never a name.
            guard k.count >= 2 else { return }
            aliases.append((k, idx))
            if ActorDictionary.isAllCaps(a) { exact.insert(k) }
        }
        // "Militia (Pro-Government)" must not turn every "militia" into that actor.
        func addDerived(_ a: String, _ idx: Int) {
            if generic[ActorDictionary.key(a)] == nil { addAlias(a, idx) }
        }
        // Shipped names first, then names a user imported from their own exports (`sitrep actors
        // import`): actors/imported.tsv in the data directory and the files listed in SITREP_ACTORS.
        var harvestedRows = table("harvested.tsv")
        var importedRows = table("imported.tsv")
        for path in ActorDictionary.extraFiles {
            importedRows += Lexicon.lines(at: URL(fileURLWithPath: path)).map {
                $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            }
        }
        var rowOf: [String: Int] = [:]
        for (k, row) in harvestedRows.enumerated() { rowOf[col(row, 0)] = k }
        for row in importedRows {
            let name = col(row, 0)
            if let k = rowOf[name] {
                // An imported line updates the shipped one of the same name.
                harvestedRows[k] = row
            } else {
                rowOf[name] = harvestedRows.count
                harvestedRows.append(row)
            }
        }
        for row in harvestedRows {
            let name = col(row, 0)
            guard !name.isEmpty, let i = Int(col(row, 1)), let inter = Inter(rawValue: i) else { continue }
            let idx = named.count
            named.append(NamedActor(ref: .literal(name: name, inter: inter), countries: list(col(row, 2)),
                                    from: nil, until: nil, weight: Int(col(row, 5)) ?? 1))
            byName[name] = idx
            for a in ActorDictionary.derivedAliases(of: name) { addDerived(a, idx) }
        }
        for row in table("curated.tsv") {
            guard let i = Int(col(row, 1)), let inter = Inter(rawValue: i), let ref = ActorRef(col(row, 0), inter: inter) else { continue }
            let entry = NamedActor(ref: ref, countries: list(col(row, 2)), from: CivilDate(iso: col(row, 3)),
                                   until: CivilDate(iso: col(row, 4)), weight: 1000)
            let idx: Int
            if case .literal(let name, _) = ref, let existing = byName[name] {
                // A curated line refines the harvested actor of the same name.
                idx = existing
                var merged = entry
                if merged.countries.isEmpty { merged.countries = named[existing].countries }
                named[existing] = merged
            } else {
                idx = named.count
                named.append(entry)
                if case .literal(let name, _) = ref { byName[name] = idx }
            }
            if case .literal(let name, _) = ref { for a in ActorDictionary.derivedAliases(of: name) { addDerived(a, idx) } }
            for a in list(col(row, 5)) { addAlias(a, idx) }
        }
        var aliasIndex: [String: [Int]] = [:]
        for (k, i) in aliases where !(aliasIndex[k]?.contains(i) ?? false) { aliasIndex[k, default: []].append(i) }

        var defaults: [String: [ActorKind: [KindDefault]]] = [:]
        for row in table("country-defaults.tsv") {
            guard let kind = ActorKind(rawValue: col(row, 1)), let i = Int(col(row, 5)), let inter = Inter(rawValue: i),
                  let ref = ActorRef(col(row, 4), inter: inter) else { continue }
            defaults[col(row, 0), default: [:]][kind, default: []].append(
                KindDefault(from: CivilDate(iso: col(row, 2)), until: CivilDate(iso: col(row, 3)), ref: ref))
        }

        self.nameForm = nameForm
        self.demonyms = demonyms
        self.countryNames = countryNames
        self.regimes = regimes
        self.named = named
        self.aliasIndex = aliasIndex
        self.exactCaseAliases = exact
        self.generic = generic
        self.defaults = defaults
        var units: [String: String] = [:]
        for row in table("units.tsv") where row.count >= 4 { units["\(row[0])|\(row[1])|\(row[2])"] = row[3] }
        self.units = units
        var opponents: [String: [(actor1: ActorRef, actor2: ActorRef, from: CivilDate?, until: CivilDate?)]] = [:]
        for row in table("opponents.tsv") {
            guard row.count >= 4, let i = Int(row[3]), let inter = Inter(rawValue: i),
                  let a1 = ActorRef(row[1], inter: .stateForces), let a2 = ActorRef(row[2], inter: inter) else { continue }
            opponents[row[0], default: []].append((a1, a2, CivilDate(iso: col(row, 4)), CivilDate(iso: col(row, 5))))
        }
        self.opponents = opponents
        self.memberNouns = Set(Lexicon.lines(at: directory.appendingPathComponent("member-nouns.txt")).map { $0.lowercased() })
    }

    /// Extra files of imported actors, from the `SITREP_ACTORS` variable (paths separated by ":").
    public static var extraFiles: [String] {
        (ProcessInfo.processInfo.environment["SITREP_ACTORS"] ?? "").split(separator: ":").map(String.init).filter { !$0.isEmpty }
    }

    /// Where `sitrep actors import` writes by default: the first SITREP_ACTORS file, else
    /// actors/imported.tsv in the data directory.
    public static var defaultImportFile: URL {
        extraFiles.first.map { URL(fileURLWithPath: $0) } ?? Lexicon.url("actors/imported.tsv")
    }

    /// The shipped named actors, in the harvested form, by name.
    public static func shippedEntries(directory: URL = Lexicon.url("actors")) -> [String: ActorDictionaryBuilder.HarvestedActor] {
        var out: [String: ActorDictionaryBuilder.HarvestedActor] = [:]
        for e in ActorDictionaryBuilder.parse(Lexicon.lines(at: directory.appendingPathComponent("harvested.tsv")).joined(separator: "\n")) {
            out[e.name] = e
        }
        // Hand-curated names are known too, without years (0): only their inter code and countries compare.
        for line in Lexicon.lines(at: directory.appendingPathComponent("curated.tsv")) {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 2, !f[0].hasPrefix("{"), out[f[0]] == nil, let i = Int(f[1]), let inter = Inter(rawValue: i) else { continue }
            let countries = f.count > 2 ? f[2].split(separator: "|").map(String.init) : []
            out[f[0]] = ActorDictionaryBuilder.HarvestedActor(name: f[0], inter: inter, countries: countries, firstYear: 0, lastYear: 0, count: 0)
        }
        return out
    }

    // MARK: - Names of state organs and templates

    /// The regime period label for a country on a date ("2000-"), nil if the country has none on file.
    public func periodLabel(country: String, date: CivilDate?) -> String? {
        guard let periods = regimes[country], let last = periods.last else { return nil }
        guard let date else { return last.label }
        // Before the first period on file the right label is unknown: better none than a wrong one.
        return periods.last(where: { $0.from <= date })?.label
    }

    func stateName(_ organ: StateOrgan, country: String, date: CivilDate?, unit: String? = nil) -> String {
        var name = "\(organ.prefix) \(nameForm[country] ?? country)"
        if let label = periodLabel(country: country, date: date) { name += " (\(label))" }
        if let unit { name += " \(unit)" }
        return name
    }

    /// Codebook (Inter 8): state forces acting outside their own country are External/Other forces.
    func stateInter(home: String, eventCountry: String?) -> Inter {
        guard let eventCountry, eventCountry != home else { return .stateForces }
        return .externalForces
    }

    /// "Military Forces of Syria (2000-)"; External/Other forces when `eventCountry` is another country.
    public func stateForces(country: String, date: CivilDate?, eventCountry: String? = nil) -> Actor {
        Actor(name: stateName(.military, country: country, date: date), inter: stateInter(home: country, eventCountry: eventCountry ?? country), country: country)
    }

    public func police(country: String, date: CivilDate?, eventCountry: String? = nil) -> Actor {
        Actor(name: stateName(.police, country: country, date: date), inter: stateInter(home: country, eventCountry: eventCountry ?? country), country: country)
    }

    public func government(country: String, date: CivilDate?, eventCountry: String? = nil) -> Actor {
        Actor(name: stateName(.government, country: country, date: date), inter: stateInter(home: country, eventCountry: eventCountry ?? country), country: country)
    }

    public func civilians(country: String) -> Actor { Actor(name: "Civilians (\(country))", inter: .civilians, country: country) }
    public func protesters(country: String) -> Actor { Actor(name: "Protesters (\(country))", inter: .protesters, country: country) }
    public func rioters(country: String) -> Actor { Actor(name: "Rioters (\(country))", inter: .rioters, country: country) }
    public func unidentifiedArmedGroup(country: String) -> Actor {
        Actor(name: "Unidentified Armed Group (\(country))", inter: .politicalMilitia, country: country)
    }

    /// The actor a generic kind stands for in a country on a date; nil when the kind has no
    /// sensible reading there (e.g. "Kurdish fighters" outside Syria, Iraq and Turkey).
    public func actor(kind: ActorKind, country: String, date: CivilDate?, eventCountry: String? = nil) -> Actor? {
        let event = eventCountry ?? country
        if let list = defaults[country]?[kind],
           let d = list.first(where: { ($0.from.map { f in date.map { $0 >= f } ?? true } ?? true)
                                      && ($0.until.map { u in date.map { $0 < u } ?? false } ?? true) }) {
            return resolve(d.ref, countries: [country], eventCountry: event, date: date)
        }
        switch kind {
        case .military: return stateForces(country: country, date: date, eventCountry: event)
        case .police: return police(country: country, date: date, eventCountry: event)
        case .government: return government(country: country, date: date, eventCountry: event)
        case .civilians: return civilians(country: country)
        case .protesters: return protesters(country: country)
        case .rioters: return rioters(country: country)
        case .unidentifiedArmedGroup, .rebels, .militia, .cult, .perpetrator: return unidentifiedArmedGroup(country: country)
        case .gang: return Actor(name: "Unidentified Gang (\(country))", inter: .politicalMilitia, country: country)
        case .proGovernmentMilitia: return Actor(name: "Militia (Pro-Government)", inter: .politicalMilitia, country: country)
        case .communal: return Actor(name: "Unidentified Communal Militia (\(country))", inter: .identityMilitia, country: country)
        case .tribal: return Actor(name: "Unidentified Tribal Militia (\(country))", inter: .identityMilitia, country: country)
        case .clan: return Actor(name: "Unidentified Clan Militia (\(country))", inter: .identityMilitia, country: country)
        case .ethnic: return Actor(name: "Unidentified Ethnic Militia (\(country))", inter: .identityMilitia, country: country)
        case .kurdish, .none: return nil
        }
    }

    func resolve(_ ref: ActorRef, countries: [String], eventCountry: String?, date: CivilDate?) -> Actor {
        switch ref {
        case .literal(let name, let inter):
            let home = countries.first
            // A foreign state's forces or a de facto authority acting abroad are External/Other forces.
            if inter == .stateForces, let eventCountry, !countries.isEmpty, !countries.contains(eventCountry) {
                return Actor(name: name, inter: .externalForces, country: home)
            }
            // Coalitions, missions and contractors (Operation Restoring Hope, MINUSMA, Wagner) belong to no
            // state: the countries on file are where they act, so no home country may make them State forces.
            if inter == .externalForces { return Actor(name: name, inter: inter, country: nil) }
            return Actor(name: name, inter: inter, country: home)
        case .state(let organ, let country, let unit):
            // "{police:*} Prison Guards": the unit of whichever state the event happens in.
            let state = country == ActorRef.eventState ? (eventCountry ?? country) : country
            return Actor(name: stateName(organ, country: state, date: date, unit: unit),
                         inter: stateInter(home: state, eventCountry: eventCountry), country: state)
        }
    }

    /// The unit ACLED names for a state's plain forces in a kind of event ("Military Forces of Russia
    /// (2000-)" conducting air strikes in Ukraine → "... Air Force"); the actor unchanged otherwise.
    public func withUnit(_ actor: Actor, eventCountry: String?, subEventType: SubEventType, date: CivilDate?) -> Actor {
        guard let home = actor.country, let eventCountry,
              let unit = units["\(eventCountry)|\(home)|\(subEventType.rawValue)"],
              actor.name == stateName(.military, country: home, date: date) else { return actor }
        var a = actor
        a.name += " " + unit
        return a
    }

    /// The usual opponent of `actor` in `country` on `date`, if the data names one.
    public func usualOpponent(of actor: Actor, country: String?, date: CivilDate?) -> Actor? {
        guard let country, let list = opponents[country] else { return nil }
        for o in list {
            if let f = o.from, let d = date, d < f { continue }
            if let u = o.until, let d = date, d >= u { continue }
            let name: String
            switch o.actor1 {
            case .literal(let n, _): name = n
            case .state(let organ, let c, let unit): name = stateName(organ, country: c, date: date, unit: unit)
            }
            guard name == actor.name else { continue }
            return resolve(o.actor2, countries: [country], eventCountry: country, date: date)
        }
        return nil
    }

    // MARK: - Lookup

    /// Actors a folded name or alias stands for in a country on a date, best first: named actors
    /// acting in `country` and valid on `date` before the others, then generic descriptions.
    public func lookup(_ folded: String, country: String?, date: CivilDate?) -> [Actor] {
        let k = ActorDictionary.key(folded)
        var out: [Actor] = []
        for i in rankedNamed(aliasIndex[k] ?? [], country: country, date: date, requireCountry: false) {
            let a = resolve(named[i].ref, countries: named[i].countries, eventCountry: country, date: date)
            if !out.contains(a) { out.append(a) }
        }
        if let g = generic[k], !g.qualified, let country, let a = actor(kind: g.kind, country: country, date: date),
           !out.contains(a) {
            out.append(a)
        }
        return out
    }

    /// Named entries for an alias, best first. Entries not valid on the date are dropped when a
    /// valid one exists (Nusra Front in 2015 vs HTS in 2018). With `requireCountry`, entries
    /// tied to other countries are dropped (a lower-case "peacekeepers" in Mali is not MONUSCO).
    func rankedNamed(_ candidates: [Int], country: String?, date: CivilDate?, requireCountry: Bool) -> [Int] {
        guard !candidates.isEmpty else { return [] }
        func countryScore(_ e: NamedActor) -> Int {
            guard let country else { return 1 }
            if e.countries.first == country { return 3 }
            if e.countries.contains(country) { return 2 }
            return e.countries.isEmpty ? 1 : 0
        }
        var pool = candidates
        if requireCountry, country != nil { pool = pool.filter { countryScore(named[$0]) > 0 } }
        // A unit of "the event's state" names no one where the country is unknown.
        if country == nil {
            pool = pool.filter { if case .state(_, ActorRef.eventState, _) = named[$0].ref { return false } else { return true } }
        }
        let valid = pool.filter { named[$0].isValid(on: date) }
        if !valid.isEmpty {
            pool = valid
        } else if date != nil {
            // No entry covers the date: keep the ones whose period is nearest to it.
            pool = pool.filter { named[$0].from == nil || named[$0].from! <= date! } + pool.filter { named[$0].from.map { $0 > date! } ?? false }
        }
        return pool.sorted { a, b in
            let (ea, eb) = (named[a], named[b])
            let (ca, cb) = (countryScore(ea), countryScore(eb))
            if ca != cb { return ca > cb }
            return ea.weight > eb.weight
        }
    }

    // MARK: - Keys and aliases

    /// Token norms joined by single spaces: the key both data and text are matched on.
    static func key(_ s: String) -> String {
        Tokenizer.tokenize(s).map(\.norm).joined(separator: " ")
    }

    static func isAllCaps(_ s: String) -> Bool {
        var letters = 0
        for u in s.unicodeScalars where u.properties.isAlphabetic {
            if u.properties.isLowercase { return false }
            letters += 1
        }
        return letters > 0
    }

    /// Aliases that follow from ACLED's own naming: "TTP: Tehreek-i-Taliban Pakistan" gives "TTP" and
    /// "Tehreek-i-Taliban Pakistan"; "Fulani Ethnic Militia (Nigeria)" gives "Fulani Ethnic Militia"
    /// and "Fulani militia"; "People's Defense Force - Kalay" gives "Kalay PDF".
    static func derivedAliases(of name: String) -> [String] {
        var out = [name]
        var rest = name
        if let colon = name.range(of: ": ") {
            let abbr = String(name[..<colon.lowerBound])
            // "PKK-YJA STAR" or "KIO/KIA": each part is a name too.
            out.append(abbr)
            if abbr.contains("/") { out += abbr.split(separator: "/").map(String.init).filter { $0.count >= 2 } }
            rest = String(name[colon.upperBound...])
            out.append(rest)
        }
        if rest.hasSuffix(")"), let open = rest.lastIndex(of: "(") {
            let base = rest[..<open].trimmingCharacters(in: .whitespaces)
            let inside = rest[rest.index(after: open)..<rest.index(before: rest.endIndex)]
            // "Mayi Mayi Militia (Biloze Bishambuke)" → "Mayi Mayi Biloze Bishambuke", as reports name factions.
            for suffix in [" Militia Group", " Militia"] where base.hasSuffix(suffix) && !inside.contains(where: \.isNumber) {
                let people = base.dropLast(suffix.count)
                if !people.isEmpty, !people.hasSuffix("Ethnic"), !people.hasSuffix("Communal"), !people.hasSuffix("Clan"),
                   !people.hasSuffix("Tribal"), inside.first?.isUppercase == true {
                    out.append("\(people) \(inside)")
                }
                break
            }
            if !base.isEmpty { out.append(base); rest = base }
        }
        for kind in [" Ethnic Militia", " Clan Militia", " Tribal Militia", " Communal Militia", " Sub-Clan Militia"]
        where rest.hasSuffix(kind) {
            let people = String(rest.dropLast(kind.count))
            out += ["\(people) militia", "\(people) militias", "\(people) militiamen", "\(rest)men", "\(rest)s"]
            // "Pokot pastoral militia": herders' militias are named for their people.
            if kind == " Ethnic Militia" { out += ["\(people) pastoral militia", "\(people) pastoralist militia"] }
        }
        if let dash = rest.range(of: "People's Defense Force - ") {
            let place = rest[dash.upperBound...]
            out += ["\(place) PDF", "\(place) People's Defense Force", "PDF \(place)"]
        }
        return out
    }
}
