import Foundation
import SitrepCore
import Testing
@testable import SitrepStore

/// The pure merge layer: near-duplicate texts, the matching rules, deterministic clustering and
/// the canonical event's figures.
struct MergeRulesTests {
    static func mention(_ id: String, article: String, date: CivilDate = CivilDate(year: 2016, month: 3, day: 8),
                        explicit: Bool = true, type: SubEventType = .airDroneStrike,
                        actor1: String? = "Military Forces of Syria (2000-)", actor2: String? = "Civilians (Syria)",
                        place: (String, String, Double, Double, Int) = ("Saraqib", "Idleb", 35.86, 36.8, 1), admin2: String = "",
                        toll: Int? = nil, published: CivilDate? = nil, source: String? = nil) -> Mention {
        Mention(id: id, articleID: article, ordinal: 0, published: published ?? date, source: source ?? article,
                       eventDate: date, timePrecision: .day, dateExplicit: explicit, subEventType: type,
                       actor1: actor(actor1), assocActor1: [], actor2: actor(actor2), assocActor2: [], civilianTargeting: true,
                       iso: 760, country: "Syria", admin1: place.1, admin2: admin2, location: place.0, latitude: place.2,
                       longitude: place.3, geoPrecision: place.4, fatalities: toll ?? 0, fatalitiesLow: toll ?? 0,
                       fatalitiesHigh: toll ?? 0, hasToll: toll != nil, claimedFatalities: nil, claimedBy: nil,
                       confidence: 0.5, notes: "")
    }

    /// An actor as the dictionary would give it: its category from the name's head, the state of
    /// "… Forces of X".
    static func actor(_ name: String?) -> Actor? {
        guard let name else { return nil }
        let heads: [(String, Inter)] = [("Civilians", .civilians), ("Military", .stateForces), ("Police", .stateForces),
                                        ("Rioters", .rioters), ("Protesters", .protesters), ("Unidentified", .politicalMilitia),
                                        ("United Nations", .externalForces)]
        let inter = heads.first { name.hasPrefix($0.0) }?.1 ?? .rebelGroup
        let state = name.range(of: "Forces of ").map { String(name[$0.upperBound...].prefix { $0 != "(" }).trimmingCharacters(in: .whitespaces) }
        return Actor(name: name, inter: inter, country: state)
    }

    @Test func aLightlyEditedCopyIsANearDuplicateAndAnIndependentReportIsNot() {
        let story = "Syrian government warplanes struck a crowded vegetable market in the town of Saraqib on Tuesday, killing 12 civilians, a monitoring group said. Rescue workers pulled survivors from the rubble for hours after the raid. The town has been held by rebel factions since 2012."
        let copy = story.replacingOccurrences(of: "a monitoring group said", with: "a monitoring group told reporters")
        let doubled = story + " " + story
        let other = "Air strikes by regime aircraft hit the rebel-held town of Saraqib in Idlib on 8 March 2016, killing at least 15 people, including four children, according to civil defence volunteers."
        let s = MinHashSignature(text: story)
        #expect(s.similarity(MinHashSignature(text: copy)) >= MinHashSignature.nearDuplicateThreshold)
        #expect(s.similarity(MinHashSignature(text: doubled)) >= 0.8)
        #expect(s.similarity(MinHashSignature(text: other)) < 0.2)
        #expect(MinHashSignature(data: s.data) == s)
    }

    @Test func aProvinceOnlyReportMatchesATownInsideThatProvince() throws {
        let town = Self.mention("m1", article: "a1")
        let province = Self.mention("m2", article: "a2", place: ("Idlib", "Idleb", 35.93, 36.63, 3))
        let e = try #require(EventMatcher.match(town, province))
        #expect(e.placeRule.contains("province"))
        let elsewhere = Self.mention("m3", article: "a3", place: ("Homs", "Homs", 34.73, 36.72, 3))
        #expect(EventMatcher.match(town, elsewhere) == nil)
    }

    @Test func aDayApartMatchesWhenOneReportGaveARelativeDayOrBothNameOnePlace() {
        let a = Self.mention("m1", article: "a1")
        let relativeNextDay = Self.mention("m3", article: "a3", date: CivilDate(year: 2016, month: 3, day: 9), explicit: false,
                                           place: ("Idlib", "Idleb", 35.93, 36.63, 3))
        #expect(EventMatcher.match(a, relativeNextDay)?.dayDelta == 1)
        let twoDays = Self.mention("m4", article: "a4", date: CivilDate(year: 2016, month: 3, day: 10), explicit: false)
        #expect(EventMatcher.match(a, twoDays) == nil)
    }

    /// A day's difference in reporting: a wire dated by another time zone, or the night of an
    /// attack dated by its morning, names the day after at the same town.
    @Test func namedDaysADayApartMatchAtOneTownButNotAcrossTheProvince() throws {
        let a = Self.mention("m1", article: "a1")
        let nextDaySameTown = Self.mention("m2", article: "a2", date: CivilDate(year: 2016, month: 3, day: 9))
        let e = try #require(EventMatcher.match(a, nextDaySameTown))
        #expect(e.dayDelta == 1 && e.dayTolerance == 1)
        let nextDayProvince = Self.mention("m3", article: "a3", date: CivilDate(year: 2016, month: 3, day: 9),
                                           place: ("Idlib", "Idleb", 35.93, 36.63, 3))
        guard case .apart(let why) = EventMatcher.judge(a, nextDayProvince) else { Issue.record("matched"); return }
        #expect(why.contains("one place"))
        // The same day at the same town scores higher, so clustering takes it first.
        let sameDay = Self.mention("m4", article: "a4")
        #expect(try #require(EventMatcher.match(a, sameDay)).score > e.score)
    }

    @Test func differentTollsDoNotKeepTwoReportsApart() {
        let low = Self.mention("m1", article: "a1", toll: 13), high = Self.mention("m2", article: "a2", toll: 21)
        #expect(EventMatcher.match(low, high) != nil)
    }

    /// One outlet names the village, another only its district, coded at the district seat 45 km away.
    @Test func aVillageMatchesTheDistrictItLiesInButNotAnotherDistrict() throws {
        let village = Self.mention("m1", article: "a1", place: ("Kafr Tal", "Idleb", 35.62, 36.52, 1), admin2: "Jisr al-Shughur")
        let district = Self.mention("m2", article: "a2", place: ("Jisr al-Shughur", "Idleb", 35.81, 36.12, 2), admin2: "Jisr al-Shughur")
        let e = try #require(EventMatcher.match(village, district))
        #expect(e.placeRule.contains("district"))
        let otherDistrict = Self.mention("m3", article: "a3", place: ("Harem", "Idleb", 36.21, 36.52, 2), admin2: "Harem")
        #expect(EventMatcher.match(village, otherDistrict) == nil)
        // Two villages of one district, both named, are two places.
        let otherVillage = Self.mention("m4", article: "a4", place: ("Bsanqul", "Idleb", 35.86, 36.1, 1), admin2: "Jisr al-Shughur")
        #expect(EventMatcher.match(village, otherVillage) == nil)
    }

    /// One outlet names the air force, another says "unidentified aircraft": the unnamed side may be
    /// any armed actor, but never stands for the civilians it hit.
    @Test func anUnnamedPerpetratorMatchesANamedOneOfAnyArmedCategory() throws {
        let named = Self.mention("m1", article: "a1", actor1: "Military Forces of Syria (2000-)", actor2: "Civilians (Syria)")
        let unnamed = Self.mention("m2", article: "a2", actor1: "Unidentified Armed Group (Syria)", actor2: "Civilians (Syria)")
        #expect(try #require(EventMatcher.match(named, unnamed)).actorRule.contains("named and unnamed"))
        let battle = Self.mention("m3", article: "a3", type: .airDroneStrike, actor1: "Islamic State (Syria)", actor2: "Military Forces of Syria (2000-)")
        #expect(EventMatcher.match(unnamed, battle) == nil)
        // Nothing else pins the event down: the other side unknown, or a month's report.
        let noTarget = Self.mention("m4", article: "a4", actor1: "Military Forces of Syria (2000-)", actor2: nil)
        #expect(EventMatcher.match(noTarget, unnamed) == nil)
        var monthly = named
        (monthly.id, monthly.articleID, monthly.timePrecision) = ("m5", "a5", .month)
        #expect(EventMatcher.match(monthly, unnamed) == nil)
    }

    @Test func policeAndSoldiersOfOneStateAreOneSideButTwoStatesAreNot() throws {
        let police = Self.mention("m1", article: "a1", type: .armedClash, actor1: "Islamic State (Syria)", actor2: "Police Forces of Syria (2000-)")
        let army = Self.mention("m2", article: "a2", type: .armedClash, actor1: "Military Forces of Syria (2000-)", actor2: "Islamic State (Syria)")
        #expect(try #require(EventMatcher.match(police, army)).actorRule.contains("one state's forces"))
        let foreign = Self.mention("m3", article: "a3", type: .armedClash, actor1: "Islamic State (Syria)", actor2: "Military Forces of Turkey (2016-)")
        #expect(EventMatcher.match(police, foreign) == nil)
    }

    /// The crowd is the riot: one outlet says it fought the police, another the peacekeepers it
    /// stormed; a battle's sides are not so loose.
    @Test func theCrowdNamesARiotWhateverForceEachOutletSawFacingIt() throws {
        let police = Self.mention("m1", article: "a1", type: .violentDemonstration, actor1: "Rioters (Syria)", actor2: "Police Forces of Syria (2000-)")
        let peacekeepers = Self.mention("m2", article: "a2", type: .mobViolence, actor1: "Rioters (Syria)",
                                        actor2: "United Nations Disengagement Observer Force")
        #expect(try #require(EventMatcher.match(police, peacekeepers)).actorRule.contains("crowd"))
        let clashA = Self.mention("m3", article: "a3", type: .armedClash, actor1: "Free Syrian Army", actor2: "Police Forces of Syria (2000-)")
        let clashB = Self.mention("m4", article: "a4", type: .armedClash, actor1: "Free Syrian Army", actor2: "Islamic State (Syria)")
        #expect(EventMatcher.match(clashA, clashB) == nil)
    }

    @Test func differentNamedActorsDoNotMatchButAnUnknownSideDoes() {
        let a = Self.mention("m1", article: "a1", type: .armedClash, actor1: "Free Syrian Army", actor2: "Islamic State (Syria)")
        let b = Self.mention("m2", article: "a2", type: .armedClash, actor1: "Military Forces of Syria (2000-)", actor2: "Jabhat al Nusra")
        let c = Self.mention("m3", article: "a3", type: .armedClash, actor1: "Islamic State (Syria)", actor2: nil)
        #expect(EventMatcher.match(a, b) == nil)
        #expect(EventMatcher.match(a, c)?.actorRule.contains("swapped") == true)
    }

    @Test func mentionsOfOneArticleNeverMatch() {
        let a = Self.mention("m1", article: "a1"), b = Self.mention("m2", article: "a1")
        #expect(EventMatcher.match(a, b) == nil)
    }

    @Test func clustersDoNotDependOnTheOrderOfMentions() {
        let ms = [
            Self.mention("m1", article: "a1", toll: 12), Self.mention("m2", article: "a2", toll: 15),
            Self.mention("m3", article: "a3", date: CivilDate(year: 2016, month: 3, day: 9), explicit: false, toll: 15),
            Self.mention("m4", article: "a4", place: ("Idlib", "Idleb", 35.93, 36.63, 3), toll: 10),
            Self.mention("m5", article: "a1", type: .airDroneStrike, place: ("Ariha", "Idleb", 35.81, 36.61, 1)),
        ]
        let reference = EventClustering.cluster(ms) { _, _ in 0 }
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let shuffled = EventClustering.cluster(ms.shuffled(using: &rng)) { _, _ in 0 }
            #expect(shuffled == reference)
        }
        // m5 is a second strike reported by a1: it may not join a1's first strike.
        for c in reference {
            #expect(Set(c.members.map(\.articleID)).count == c.members.count)
        }
    }

    @Test func theCanonicalTollIsTheLowestReportedWithTheRangeAndSilentReportsDoNotCountAsZero() {
        let cluster = Cluster(members: [
            Self.mention("m1", article: "a1", toll: 12, source: "Wire"), Self.mention("m2", article: "a2", toll: 18, source: "Observatory"),
            Self.mention("m3", article: "a3", toll: nil, source: "Radio"),
        ], links: [])
        let e = CanonicalBuilder.build(cluster)
        #expect(e.fatalities == 12)
        #expect(e.fatalitiesLow == 12)
        #expect(e.fatalitiesHigh == 18)
        #expect(e.sources == ["Observatory", "Radio", "Wire"])
        #expect(e.articleCount == 3)
    }

    @Test func theCanonicalPlaceAndDateAreTheMostPrecise() {
        let cluster = Cluster(members: [
            Self.mention("m1", article: "a1", place: ("Idlib", "Idleb", 35.93, 36.63, 3)),
            Self.mention("m2", article: "a2"),
        ], links: [])
        let e = CanonicalBuilder.build(cluster)
        #expect(e.location == "Saraqib")
        #expect(e.geoPrecision == 1)
    }

    @Test func theCanonicalIdComesFromTheEarliestReport() {
        let early = Self.mention("mZ", article: "a1", published: CivilDate(year: 2016, month: 3, day: 8))
        let late = Self.mention("mA", article: "a2", published: CivilDate(year: 2016, month: 3, day: 9))
        let c = Cluster(members: [late, early].sorted { $0.id < $1.id }, links: [])
        #expect(c.anchor.id == "mZ")
        #expect(CanonicalBuilder.build(c).id == CanonicalBuilder.id(anchor: early))
    }

    @Test func trendfinderBandsFollowACLEDsThresholds() {
        #expect(TrendBand.band(current: 13, baseline: 10) == .largeIncrease)
        #expect(TrendBand.band(current: 12, baseline: 10) == .moderateIncrease)
        #expect(TrendBand.band(current: 10, baseline: 10) == .limitedChange)
        #expect(TrendBand.band(current: 8, baseline: 10) == .limitedChange)
        #expect(TrendBand.band(current: 7, baseline: 10) == .largeDecrease)
        #expect(TrendBand.band(current: 2, baseline: 0) == .largeIncrease)
    }

    @Test func weeklyStatsCompareAWeekWithTheMeanOfTheFourBefore() {
        let monday = CivilDate(year: 2024, month: 1, day: 29)
        #expect(WeeklyStats.weekStart(monday.adding(days: 3)) == monday)
        var rows: [(String, String, CivilDate, Int)] = []
        for w in 1...4 { rows.append(("Syria", "Battles", monday.adding(days: -7 * w + 2), 1)) }  // 1 a week
        for d in 0..<3 { rows.append(("Syria", "Battles", monday.adding(days: d), 5)) }  // 3 this week
        let stats = WeeklyStats.compute(rows, lastWeek: monday, weeks: 1)
        #expect(stats.count == 1)
        #expect(stats.first?.events == 3)
        #expect(stats.first?.fatalities == 15)
        #expect(stats.first?.baselineEvents == 1)
        #expect(stats.first?.band == .largeIncrease)
    }

    @Test func withdrawingAnArticleForgetsItsCachedMentionsOnly() {
        let cache = MentionCache(capacity: 10)
        cache.insert(Self.mention("a1", article: "A"))
        cache.insert(Self.mention("a2", article: "A"))
        cache.insert(Self.mention("b1", article: "B"))
        cache.removeAll(ofArticle: "A")
        #expect(cache["a1"] == nil && cache["a2"] == nil)
        #expect(cache["b1"]?.articleID == "B")
        // Past its capacity the cache starts afresh, and its index with it.
        let small = MentionCache(capacity: 2)
        for id in ["c1", "c2", "c3"] { small.insert(Self.mention(id, article: "C")) }
        #expect(small["c1"] == nil && small["c3"] != nil)
        small.removeAll(ofArticle: "C")
        #expect(small["c3"] == nil)
    }
}
