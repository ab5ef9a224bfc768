import Foundation
import Testing
@testable import SitrepCore

/// What one document may cost: longer texts are cut at a boundary with a warning, and time is
/// bounded between stages.
@Suite struct DocumentLimitsTests {
    static let report = "Gunmen attacked a checkpoint near Kidal on Tuesday, killing two soldiers, the army said. "

    @Test func aLongTextIsCutAtTheLastParagraphBreakBeforeTheLimit() throws {
        let text = "First paragraph.\nSecond paragraph here.\nThird one runs past the limit."
        let (cut, boundary) = try #require(TextCut.cut(text, limit: 45))
        #expect(cut == "First paragraph.\nSecond paragraph here.")
        #expect(boundary == .paragraph)
        #expect(TextCut.cut(text, limit: 1_000) == nil)
    }

    @Test func withoutParagraphsTheCutFallsAtASentenceThenAWordThenACharacter() throws {
        let sentences = String(repeating: Self.report, count: 10)
        let (s, sb) = try #require(TextCut.cut(sentences, limit: 300))
        #expect(sb == .sentence && s.hasSuffix("said.") && s.utf8.count <= 300)
        let words = String(repeating: "word ", count: 100)
        let (w, wb) = try #require(TextCut.cut(words, limit: 52))
        #expect(wb == .word && w.hasSuffix("word") && w.utf8.count <= 52)
        let accents = String(repeating: "é", count: 100)  // two bytes each
        let (c, cb) = try #require(TextCut.cut(accents, limit: 51))
        #expect(cb == .character && c == String(repeating: "é", count: 25))
    }

    @Test func markupIsCutBeforeATag() throws {
        let html = "<html><body>" + String(repeating: "<p>Gunmen attacked.</p>", count: 50)
        let (cut, boundary) = try #require(TextCut.cutMarkup(html, limit: 200))
        #expect(boundary == .tag && cut.hasSuffix("</p>") && cut.utf8.count <= 200)
    }

    @Test func aDocumentOverTheLimitIsCodedUpToItWithAWarningNamingIt() {
        var pipeline = Pipeline()
        pipeline.limits = DocumentLimits(maxTextBytes: 4_096)
        let text = String(repeating: Self.report, count: 200)
        let r = pipeline.run(Article(body: .text(text), published: CivilDate(year: 2021, month: 5, day: 5), origin: "long.txt"))
        #expect(r.doc.text.utf8.count <= 4_096)
        #expect(r.doc.text.utf8.count > 3_000)
        #expect(r.warnings.count == 1)
        #expect(r.warnings.first?.hasPrefix("long.txt: cut from 17.8 KB to 4.") == true)
        #expect(r.warnings.first?.contains("KB at a sentence boundary: longer than the 4.1 KB a document may hold") == true)
        #expect(!r.recorded.isEmpty)
    }

    @Test func aDocumentWithinTheLimitIsNotTouched() {
        let r = TestPipeline.code(Self.report, published: CivilDate(year: 2021, month: 5, day: 5))
        #expect(r.warnings.isEmpty)
    }

    @Test func aDocumentOverItsTimeBudgetFailsWithAReasonNamingIt() {
        var pipeline = Pipeline()
        pipeline.limits = DocumentLimits(maxSeconds: 1e-9)
        let error = #expect(throws: DocumentError.self) {
            try pipeline.runWithinLimits(Article(body: .text(Self.report), origin: "slow.txt"))
        }
        #expect(error?.description == "slow.txt: over the time budget of 1e-09 s per document (stopped after cleaning)")
        pipeline.limits = DocumentLimits(maxSeconds: 1e300)
        #expect(throws: Never.self) { try pipeline.runWithinLimits(Article(body: .text(Self.report), origin: "ok.txt")) }
    }
}
