import Foundation
import Testing
@testable import SitrepCore
@testable import SitrepEval

/// `sitrep eval news`: the frozen part's rule, the figures per part and the false-event rate per
/// non-event category, on a tiny set written for this test.
struct NewsEvaluationTests {
    static let jsonl = """
    {"id": "nd-0506", "published": "2021-03-10", "text": "Jets bombed a village on Tuesday.", "sub_event_type": "Air/drone strike", "event_type": "Explosions/Remote violence", "country": "Syria", "why": "t"}
    {"id": "nd-0508", "published": "2021-03-10", "text": "Soldiers and rebels fought on Tuesday.", "sub_event_type": "Armed clash", "event_type": "Battles", "country": "Mali", "why": "t"}
    {"id": "nd-0509", "published": "2021-03-10", "text": "The striker's attack won the match.", "sub_event_type": null, "event_type": null, "country": "Kenya", "why": "t", "non_event_category": "sport"}

    {"id": "nd-0510", "published": "2021-03-10", "text": "The home side battled to a draw.", "sub_event_type": null, "event_type": null, "country": "Kenya", "why": "t", "non_event_category": "sport"}
    {"id": "nd-0511", "published": "2021-03-10", "text": "An earthquake struck on Tuesday.", "sub_event_type": null, "event_type": null, "country": "Peru", "why": "t", "non_event_category": "disaster"}
    {"id": "nd-0512", "published": "2021-03-10", "text": "Gunmen shot dead two farmers on Tuesday.", "sub_event_type": "Attack", "event_type": "Violence against civilians", "country": "Mali", "why": "t"}
    """

    static func load() throws -> [NewsEvaluation.Snippet] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("news-eval-\(UUID().uuidString).jsonl")
        try jsonl.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        return try NewsEvaluation.load(url)
    }

    @Test func frozenPartIsFixedByTheIdAloneAndStartsAt508() {
        // nd-0506 and nd-0507 hash below 6 but were written before the rule: never frozen.
        #expect(NewsEvaluation.Part.of(id: "nd-0001") == .dev)
        #expect(NewsEvaluation.Part.of(id: "nd-0506") == .dev)
        #expect(NewsEvaluation.Part.of(id: "nd-0507") == .dev)
        #expect(NewsEvaluation.Part.of(id: "nd-0508") == .frozen)
        #expect(NewsEvaluation.Part.of(id: "nd-0509") == .frozen)
        #expect(NewsEvaluation.Part.of(id: "nd-0510") == .dev)
        #expect(NewsEvaluation.Part.of(id: "nd-0511") == .dev)
        #expect(NewsEvaluation.Part.of(id: "nd-0512") == .frozen)
        #expect(NewsEvaluation.Part.of(id: "line-7") == .dev)
        #expect(NewsSplit.fnv1a64("news-frozen:nd-0508") % 10 == 1)
    }

    @Test func loadsCategoriesAndSkipsBlankLines() throws {
        let s = try Self.load()
        #expect(s.count == 6)
        #expect(s.map(\.nonEventCategory) == [nil, nil, "sport", "sport", "disaster", nil])
        #expect(s[1].subEventType == "Armed clash")
        #expect(s[0].published == CivilDate(year: 2021, month: 3, day: 10))
    }

    @Test func figuresPerPartAndFalseEventRatePerCategory() throws {
        let s = try Self.load()
        let predictions: [SubEventType?] = [.airDroneStrike, nil, .attack, nil, .shellingArtilleryMissileAttack, .attack]
        let (all, dev, frozen) = NewsEvaluation.scoreParts(s, predictions: predictions)
        #expect((all.snippets, dev.snippets, frozen.snippets) == (6, 3, 3))
        #expect((all.events, dev.events, frozen.events) == (3, 1, 2))
        // Frozen: Armed clash missed, Attack right; one sport non-event coded as an event.
        #expect(frozen.missedEventRate == 0.5)
        #expect(frozen.falseEventRate == 1)
        #expect(frozen.f1.perType.first { $0.type == "Armed clash" }?.recall == 0)
        #expect(frozen.f1.perType.first { $0.type == "Attack" }?.recall == 1)
        #expect(frozen.categories.map(\.category) == ["sport"])
        // Dev: the air strike right; the disaster coded as shelling, the sport story left alone.
        #expect(dev.f1.weighted == 1)
        #expect(dev.falseEventRate == 0.5)
        #expect(dev.categories.map { "\($0.category) \($0.falseEvents)/\($0.snippets)" } == ["disaster 1/1", "sport 0/1"])
        // Whole set: sport 1 of 2, disaster 1 of 1; the figures floors can name.
        #expect(all.categories.map(\.rate) == [1, 0.5])
        let m = Dictionary(uniqueKeysWithValues: all.metrics.map { ($0.name, $0.value) })
        #expect(m["false_event_rate_sport"] == 0.5)
        #expect(m["false_event_rate"] == 2.0 / 3.0)
        #expect(m["min_type_recall"] == 0)
        #expect(m["missed_event_rate"] == 1.0 / 3.0)
        // Only the dev part's errors are for reading: the disaster and the missed clash are in different parts.
        #expect(dev.errors.map(\.id) == ["nd-0511"])
        #expect(Set(frozen.errors.map(\.id)) == ["nd-0508", "nd-0509"])
    }

    @Test func runCodesEverySnippetOnce() throws {
        let s = try Self.load()
        let (all, dev, frozen) = NewsEvaluation.runParts(s, pipeline: Pipeline(typeModel: nil))
        #expect(all.snippets == dev.snippets + frozen.snippets)
        #expect(all.categories.reduce(0) { $0 + $1.snippets } == 3)
    }
}
