import Foundation
import Testing
@testable import SitrepCore

/// No input may crash or hang the pipeline: odd text, odd markup, odd sizes.
@Suite struct PipelineRobustnessTests {
    /// A small deterministic generator, so a failure can be replayed.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        mutating func pick<T>(_ xs: [T]) -> T { xs[Int(next() % UInt64(xs.count))] }
    }

    static let vocabulary = [
        "On", "Monday", "18", "March", "2022", ",", ".", "gunmen", "killed", "at", "least", "dozens", "of", "civilians",
        "in", "Douma", "(", "Rural", "Damascus", ")", "near", "the", "army", "shelled", "protesters", "\"", "said",
        "more", "than", "150", "regime", "troops", "Islam", "Army", "air", "strike", "—", "–", "between", "and", "to",
        "Ḥamā", "Ma'rib", "’s", "...", "\n", "\n\n", "http://x.y/z", "#", "@", "100,000", "3/4/2021", "Kyiv", "Taliban",
        "will", "not", "if", "denied", "since", "2011", "ceasefire", "agreed", "Moscow", "New", "York", "Friday",
    ]

    @Test func randomReportsAreCodedWithoutCrashing() {
        var g = Generator(state: 42)
        for _ in 0..<300 {
            let n = Int(g.next() % 400)
            let words = (0..<n).map { _ in g.pick(Self.vocabulary) }
            let text = words.joined(separator: g.next() % 5 == 0 ? "" : " ")
            let r = TestPipeline.code(text, published: g.next() % 3 == 0 ? nil : CivilDate(year: 2022, month: 3, day: 20))
            for e in r.events {
                for ev in e.evidence { #expect(ev.span.end <= r.doc.text.utf8.count) }
            }
        }
    }

    @Test func unusualShapesAreCodedWithoutCrashing() {
        let long = String(repeating: "a", count: 200_000)
        let shapes: [Article.Body] = [
            .text(""), .text(" \n\n \t"), .text("."), .text(long), .text(String(repeating: "killed ", count: 5000)),
            .text(String(repeating: "On Monday gunmen attacked Douma. ", count: 2000)),
            .text("\u{0}\u{1}\u{2} \u{FEFF}\u{200B} 🙂🙂 \u{202E}reversed"),
            .html(String(repeating: "<div>", count: 5000) + "Rebels shelled Aleppo on Monday." + String(repeating: "</div>", count: 10)),
            .html("<html><script>var a = '<p>killed</p>';</script><p>Police arrested 3 people in Kano on Monday.</p>"),
            .html("<p>unterminated <b>tags <i>everywhere"),
        ]
        for body in shapes {
            let r = TestPipeline.shared.run(Article(body: body, published: CivilDate(year: 2022, month: 3, day: 20), origin: "shape"))
            #expect(r.doc.text.utf8.count >= 0)
        }
    }
}

