import Foundation
import Testing
@testable import SitrepCore

/// Every stage is linear in the document whatever its layout: the structures the stages walk
/// (sentences, admin chains, open elements) stay bounded, and long paragraphs are joined in place.
/// (The timing itself is measured by Tests/campaign/scaling.py, outside `swift test`.)
@Suite struct LinearTimeTests {
    static let report = DocumentLimitsTests.report

    @Test func noSentenceIsLongerThanTheCap() {
        let text = String(repeating: "two soldiers were killed and ", count: 2_000)
        let doc = Doc(articleID: "t", origin: "test", title: nil, published: nil, source: nil, url: nil, clean: CleanText(text: text))
        #expect(doc.sentences.count >= 2_000 * 5 / Tokenizer.maxSentenceTokens)
        #expect(doc.sentences.allSatisfy { $0.tokens.count <= Tokenizer.maxSentenceTokens })
        let news = Doc(articleID: "t", origin: "test", title: nil, published: nil, source: nil, url: nil,
                       clean: CleanText(text: String(repeating: Self.report, count: 20)))
        #expect(news.sentences.count == 20)
    }

    @Test func aRunOfNamesAfterCommasIsNoLongerAdminChainThanTheCap() {
        let text = "Fighting was reported in " + String(repeating: "Kidal, Gao, Mopti, ", count: 30) + "officials said."
        let doc = Doc(articleID: "t", origin: "test", title: nil, published: nil, source: nil, url: nil, clean: CleanText(text: text))
        var reading = Reading(doc: doc, gazetteer: .shared, lexicon: .shared)
        reading.spot()
        reading.readContext()
        #expect(reading.found.count > Reading.maxContextNames)
        #expect(reading.found.allSatisfy { $0.context.count <= Reading.maxContextNames })
    }

    @Test func aRunOfNamesLongerThanAChainIsAListWithoutReadingItToTheEnd() {
        // Deciding that a long run is a list stops after the names a chain can hold, so a page that
        // is one long list is not read once from each of its names.
        let list = "Fighting was reported in " + String(repeating: "Kidal, Gao, Mopti, ", count: 30) + "officials said."
        var reading = Reading(doc: Doc(articleID: "t", origin: "test", title: nil, published: nil, source: nil, url: nil,
                                       clean: CleanText(text: list)), gazetteer: .shared, lexicon: .shared)
        reading.spot()
        let comma = reading.found[0].tokens.upperBound
        #expect(reading.isListOfPeers(from: 0, comma: comma))
        let chain = "Russian forces shelled Severodonetsk, Luhansk, Ukraine on Monday."
        var chained = Reading(doc: Doc(articleID: "t", origin: "test", title: nil, published: nil, source: nil, url: nil,
                                       clean: CleanText(text: chain)), gazetteer: .shared, lexicon: .shared)
        chained.spot()
        #expect(!chained.isListOfPeers(from: 0, comma: chained.found[0].tokens.upperBound))
    }

    @Test func wrappedLinesJoinIntoOneParagraphOfTheSameText() {
        let lines = (0..<3_000).map { "line \($0) of a wrapped report that goes on" }
        let joined = TextLayout.joinWrappedLines(lines)
        #expect(joined == [lines.joined(separator: " ")])
    }
}

/// Markup nested deeper than any page keeps its text, and the parser's open elements stay bounded.
@Suite struct DeepMarkupTests {
    @Test func textUnderTenThousandOpenElementsIsRead() {
        let story = String(repeating: LinearTimeTests.report, count: 5)
        let html = "<html><body>" + String(repeating: "<span>", count: 10_000) + "<p>" + story + "</p>"
        let page = HTMLExtractor.extract(html)
        #expect(page.paragraphs.joined().contains(LinearTimeTests.report.trimmingCharacters(in: .whitespaces)))
    }

    @Test func openElementsStopAtTheMaximumDepth() {
        var html = "<html><body>" + String(repeating: "<b>x", count: 5_000) + String(repeating: "<p>y", count: 100)
        let depth = html.withUTF8 { buf in
            var parser = HTMLParser(buf)
            parser.run()
            return parser.stack.count
        }
        #expect(depth <= HTMLParser.maxDepth)
        #expect(depth > 100)
    }
}
