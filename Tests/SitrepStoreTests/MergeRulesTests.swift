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
                        place: (String, String, Double, Double, Int) = ("Saraqib", "Idleb", 35.86, 36.8, 1),
                        toll: Int? = nil, published: CivilDate? = nil, source: String? = nil) -> Mention {
        func actor(_ name: String?) -> Actor? {
            name.map { Actor(name: $0, inter: $0.hasPrefix("Civilians") ? .civilians : $0.hasPrefix("Military") ? .stateForces : .rebelGroup) }
        }
        return Mention(id: id, articleID: article, ordinal: 0, published: published ?? date, source: source ?? article,
                       eventDate: date, timePrecision: .day, dateExplicit: explicit, subEventType: type,
                       actor1: actor(actor1), assocActor1: [], actor2: actor(actor2), assocActor2: [], civilianTargeting: true,
                       iso: 760, country: "Syria", admin1: place.1, admin2: "", location: place.0, latitude: place.2,
                       longitude: place.3, geoPrecision: place.4, fatalities: toll ?? 0, fatalitiesLow: toll ?? 0,
                       fatalitiesHigh: toll ?? 0, hasToll: toll != nil, claimedFatalities: nil, claimedBy: nil,
                       confidence: 0.5, notes: "")
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

    @Test func aDayApartMatchesOnlyWhenOneReportGaveARelativeDay() {
        let a = Self.mention("m1", article: "a1")
        let explicitNextDay = Self.mention("m2", article: "a2", date: CivilDate(year: 2016, month: 3, day: 9))
        let relativeNextDay = Self.mention("m3", article: "a3", date: CivilDate(year: 2016, month: 3, day: 9), explicit: false)
        #expect(EventMatcher.match(a, explicitNextDay) == nil)
        #expect(EventMatcher.match(a, relativeNextDay)?.dayDelta == 1)
        let twoDays = Self.mention("m4", article: "a4", date: CivilDate(year: 2016, month: 3, day: 10), explicit: false)
        #expect(EventMatcher.match(a, twoDays) == nil)
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
