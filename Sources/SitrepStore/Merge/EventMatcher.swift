import Foundation
import SitrepCore

/// Why two mentions were judged to report one event: the rule and the scores behind it, kept as
/// the merge trail (`sitrep events show ID --trail`).
public struct MatchEvidence: Sendable, Hashable, Codable {
    /// "same event", or "same story" for two copies of one wire story.
    public var rule: String
    /// 0–1, the mean of the date, place and actor scores; ranks competing merges.
    public var score: Double
    public var dayDelta: Int
    public var dayTolerance: Int
    public var placeKm: Double
    public var placeRule: String
    public var actorRule: String
    /// Estimated Jaccard similarity of the two articles' texts.
    public var textSimilarity: Double

    public var summary: String {
        let km = placeKm < 10 ? String(format: "%.1f", placeKm) : String(format: "%.0f", placeKm)
        return "\(rule), score \(String(format: "%.2f", score)): date \(dayDelta == 0 ? "same day" : "\(dayDelta) day(s) apart (tolerance \(dayTolerance))"); "
            + "place \(placeRule) (\(km) km); actors \(actorRule); text similarity \(String(format: "%.2f", textSimilarity))"
    }
}

/// The rules by which mentions from different articles are one event (issue 6, point 3): same event
/// type, same country, dates within the reports' precision, places within a distance that grows
/// with geo_precision, and actors that agree (the same, or one side unknown or generic).
///
/// Outlets report one event differently, and none of these differences keeps two reports apart
/// (issue 13, point 9): different tolls; a day's difference at one place; a village and its
/// district; one outlet naming the perpetrator, another not; police and soldiers of one state; in a
/// riot or protest, whoever each outlet saw facing the crowd.
///
/// `match` is symmetric and looks at the two mentions only, so the clusters built from it depend on
/// the set of articles and not on the order they arrived in.
public enum EventMatcher {
    /// Largest distance between the two places for each geo_precision (the coarser of the pair):
    /// a town's spellings and its outskirts; "near" a town; a province coded to its capital.
    static let maxKm: [Int: Double] = [1: 10, 2: 30, 3: 120]

    public static func match(_ a: Mention, _ b: Mention, textSimilarity: Double = 0) -> MatchEvidence? {
        if case .match(let evidence) = judge(a, b, textSimilarity: textSimilarity) { return evidence }
        return nil
    }

    /// The verdict on two mentions: the evidence of a match, or the first rule that keeps them apart
    /// (for `sitrep eval dups`, which says why two reports of one event did not merge).
    public enum Verdict: Sendable, Hashable {
        case match(MatchEvidence)
        case apart(String)
    }

    public static func judge(_ a: Mention, _ b: Mention, textSimilarity: Double = 0) -> Verdict {
        // Events of one article are the article's own distinctions: never merged here.
        guard a.articleID != b.articleID else { return .apart("same article") }
        guard a.eventType == b.eventType else { return .apart("event type: \(a.eventType.rawValue) vs \(b.eventType.rawValue)") }
        guard a.country == b.country else { return .apart("country: \(a.country) vs \(b.country)") }
        let sameStory = textSimilarity >= MinHashSignature.nearDuplicateThreshold

        let delta = abs(a.eventDate.dayNumber - b.eventDate.dayNumber)
        // A day's difference in reporting: two outlets that each name the day may still be a day
        // apart (a time zone, a night dated by its evening or its morning, a report filed the day
        // after). Two named days a day apart are one event only at one place (`reportingDay`).
        let reportingDay = delta == 1 && a.dayTolerance == 0 && b.dayTolerance == 0
        let tolerance = reportingDay ? 1 : max(a.dayTolerance, b.dayTolerance)
        guard delta <= tolerance else {
            return .apart("date: \(a.eventDate) vs \(b.eventDate), \(delta) day(s) apart, tolerance \(tolerance)")
        }
        let dateScore = 1 - Double(delta) / Double(tolerance + 1)

        guard let (km, placeRule, placeScore) = place(a, b, sameStory: sameStory),
              !reportingDay || placeRule == samePlace || km <= maxKm[1]! else {
            let km = Earth.distanceKm(a.latitude, a.longitude, b.latitude, b.longitude)
            return .apart("place: \(a.location), \(a.admin1) p\(a.geoPrecision) vs \(b.location), \(b.admin1) p\(b.geoPrecision), \(Int(km.rounded())) km"
                          + (reportingDay ? " (days a day apart need one place)" : ""))
        }

        let actorRule: String
        let actorScore: Double
        if let (rule, score) = actors(a, b) {
            (actorRule, actorScore) = (rule, score)
        } else if sameStory {
            // Two copies of one story: the same event even when a light edit changed who is named.
            (actorRule, actorScore) = ("differ, same story", 0.5)
        } else {
            func names(_ m: Mention) -> String { "\(m.actor1?.name ?? "-") / \(m.actor2?.name ?? "-")" }
            return .apart("actors: \(names(a)) vs \(names(b))")
        }
        let score = (dateScore + placeScore + actorScore) / 3
        return .match(MatchEvidence(rule: sameStory ? "same story" : "same event", score: score, dayDelta: delta,
                                    dayTolerance: tolerance, placeKm: km, placeRule: placeRule, actorRule: actorRule,
                                    textSimilarity: textSimilarity))
    }

    static let samePlace = "same place"

    static func place(_ a: Mention, _ b: Mention, sameStory: Bool) -> (Double, String, Double)? {
        let km = Earth.distanceKm(a.latitude, a.longitude, b.latitude, b.longitude)
        if a.location == b.location, a.admin1 == b.admin1 { return (km, samePlace, 1) }
        let coarse = max(a.geoPrecision, b.geoPrecision)
        let limit = maxKm[coarse] ?? maxKm[3]!
        // A report that names only the province agrees with any place inside it.
        if coarse == 3, !a.admin1.isEmpty, a.admin1 == b.admin1 {
            return (km, "inside the province reported (precision 3)", 0.6)
        }
        if km <= limit { return (km, "within \(Int(limit)) km at precision \(coarse)", 1 - 0.5 * km / limit) }
        // A village and its district: one outlet names the village, another only the district
        // (admin2) it lies in, coded at the district's seat, which may be far from the village.
        if coarse >= 2, inDistrict(a, of: b) || inDistrict(b, of: a) {
            return (km, "inside the district reported (precision \(coarse))", 0.7)
        }
        if sameStory, !a.admin1.isEmpty, a.admin1 == b.admin1 { return (km, "same province, same story", 0.5) }
        return nil
    }

    /// `a`, a precise place, lies in the district `b` names: `b`'s place is `a`'s admin2, or both
    /// are coded to the same admin2 of one province.
    static func inDistrict(_ a: Mention, of b: Mention) -> Bool {
        guard b.geoPrecision >= 2, !a.admin2.isEmpty, a.admin1 == b.admin1 else { return false }
        let district = TextFolding.fold(a.admin2)
        return TextFolding.fold(b.location) == district || TextFolding.fold(b.admin2) == district
    }

    /// Actors agree side by side in either order (each side the same actor, one side unknown, a
    /// generic or unnamed name for a named one, one state's forces under two names), or the two
    /// reports tell of one crowd.
    static func actors(_ a: Mention, _ b: Mention) -> (String, Double)? {
        // An unnamed side stands for a named one only in an event pinned down otherwise: both
        // reports give the day, and the other side is the same actor (the victims, the force
        // attacked). In a war's busiest towns, "unidentified gunmen" at month precision would
        // stand for anyone.
        let pinned = a.timePrecision == .day && b.timePrecision == .day
        func pair(_ p: (Actor?, Actor?), _ q: (Actor?, Actor?)) -> (String, Double)? {
            guard let s1 = side(p.0, q.0), let s2 = side(p.1, q.1) else { return nil }
            for (x, y) in [(s1, s2), (s2, s1)] where x.0 == unnamedRule {
                guard pinned, y.0 == sameRule || y.0 == stateRule else { return nil }
            }
            return ("actor1 \(s1.0), actor2 \(s2.0)", (s1.1 + s2.1) / 2)
        }
        let straight = pair((a.actor1, a.actor2), (b.actor1, b.actor2))
        let swapped = pair((a.actor1, a.actor2), (b.actor2, b.actor1)).map { ("swapped: " + $0.0, $0.1) }
        switch (straight, swapped) {
        case let (s?, w?): return w.1 > s.1 ? w : s
        case let (s?, nil): return s
        case let (nil, w?): return w
        default: return sameCrowd(a, b)
        }
    }

    /// One side of each report: the same actor, or names outlets give one actor.
    static func side(_ x: Actor?, _ y: Actor?) -> (String, Double)? {
        switch (x, y) {
        case (nil, nil): return ("both unknown", 0.8)
        case (nil, _), (_, nil): return ("one unknown", 0.7)
        case let (x?, y?):
            if identity(x) == identity(y) { return (sameRule, 1) }
            // One state's forces: outlets call the same men police, soldiers, security forces or
            // "the government", and the coder names the organ each report names.
            if sameState(x, y) { return (stateRule, 0.8) }
            if x.inter == y.inter, isGeneric(x) || isGeneric(y) { return ("generic", 0.6) }
            // An unnamed perpetrator: one outlet names who struck, another only "gunmen" or "an
            // unidentified group" — whoever is unnamed may be any armed actor (see `actors`).
            if isUnnamedArmed(x) && isArmed(y) || isUnnamedArmed(y) && isArmed(x) { return (unnamedRule, 0.5) }
            return nil
        }
    }

    static let sameRule = "same", stateRule = "one state's forces", unnamedRule = "named and unnamed"

    /// The crowd names a crowd event: in a riot or a protest the crowd is the event, while outlets
    /// name whoever faced it (police, soldiers, peacekeepers, the residents it attacked) as each saw
    /// it, or no one. The same crowd at the same place and time is one event whatever the other side.
    static func sameCrowd(_ a: Mention, _ b: Mention) -> (String, Double)? {
        guard a.eventType == .riots || a.eventType == .protests, let x = crowd(a), let y = crowd(b),
              let s = side(x, y) else { return nil }
        return ("crowd \(s.0), the other side differs", min(s.1, 0.6))
    }

    static func crowd(_ m: Mention) -> Actor? {
        [m.actor1, m.actor2].compactMap { $0 }.first { $0.inter == .rioters || $0.inter == .protesters }
    }

    static func sameState(_ x: Actor, _ y: Actor) -> Bool {
        let state: Set<Inter> = [.stateForces, .externalForces]
        return state.contains(x.inter) && x.inter == y.inter && x.country != nil && x.country == y.country
    }

    static func isUnnamedArmed(_ a: Actor) -> Bool { a.name.hasPrefix("Unidentified") && isArmed(a) }

    static func isArmed(_ a: Actor) -> Bool {
        [.stateForces, .rebelGroup, .politicalMilitia, .identityMilitia, .externalForces].contains(a.inter)
    }

    /// An actor's name without ACLED's regime period: "(2000-)" and "(2000-2024)" are one force.
    static func identity(_ a: Actor) -> String {
        guard a.name.hasSuffix(")"), let open = a.name.lastIndex(of: "(") else { return a.name }
        let inside = a.name[a.name.index(after: open)..<a.name.index(before: a.name.endIndex)]
        guard inside.first?.isNumber == true, inside.allSatisfy({ $0.isNumber || $0 == "-" }) else { return a.name }
        var head = a.name[..<open]
        while head.last == " " { head = head.dropLast() }
        return String(head)
    }

    /// Names that describe a category rather than identify a group: unidentified armed men, and
    /// civilians, whom reports place by the dateline's country as often as by the event's.
    static func isGeneric(_ a: Actor) -> Bool {
        a.inter == .civilians || a.name.hasPrefix("Unidentified") || a.name.hasPrefix("Militia (Pro-Government)")
    }
}
