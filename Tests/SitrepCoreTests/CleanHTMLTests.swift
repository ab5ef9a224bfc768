import Foundation
import Testing
@testable import SitrepCore

@Suite struct CleanHTMLTests {
    func clean(_ html: String, title: String? = nil, published: CivilDate? = nil) -> CleanText {
        Cleaner.clean(Article(title: title, body: .html(html), published: published))
    }

    /// The story's paragraphs, without the headline that opens the text.
    func paragraphs(_ c: CleanText) -> [String] {
        c.blocks.filter { $0.kind != .headline }.map { b in
            String(decoding: c.text.utf8[c.text.utf8.index(c.text.utf8.startIndex, offsetBy: b.span.start)..<c.text.utf8.index(c.text.utf8.startIndex, offsetBy: b.span.end)], as: UTF8.self)
        }
    }

    @Test func extractsTheStoryFromANewsPageFixture() throws {
        let html = try String(contentsOfFile: IngestFixtures.path("news-page.html"), encoding: .utf8)
        let c = clean(html)
        let p = paragraphs(c)
        #expect(p.first == "Government artillery pounded the market of a rebel-held town in southern Idlib on Monday, killing nine civilians, including two children, and wounding at least 20 others, rescue workers said.")
        // A subheading is no sentence of the story: the page's, not the report's.
        #expect(!p.contains("Offensive widens") && c.furniture.contains { $0.text == "Offensive widens" })
        #expect(p.last == "There was no immediate comment from Damascus, which says it is fighting terrorists and denies targeting civilians.")
        #expect(p.count == 5)
        // Page furniture: menu, cookie notice, share bar, byline, ads, related list, newsletter, footer.
        for junk in ["Middle East", "cookies", "Share on", "By Leila", "Advertisement", "Aid convoy", "Subscribe",
                     "All rights reserved", "Privacy", "Reporting by", "dataLayer", "display: flex"] {
            #expect(!c.text.contains(junk), "kept \(junk)")
        }
        #expect(c.title == "Shelling kills nine in Idlib market town")
        #expect(c.datelinePlace == "MAARET AL-NUMAN")
        #expect(c.source == "Reuters")
        // The dateline's "May 13" takes its year from the page's publication date.
        #expect(c.datelineDate == CivilDate(year: 2019, month: 5, day: 13))
        #expect(p[2].contains("“every day this week”"))
    }

    @Test func pagePublicationDateIsThePagesDate() {
        let html = """
        <html><head><meta property="article:published_time" content="2020-08-02T10:00:00Z"></head>
        <body><article><p>Gunmen killed three farmers in a village near Lake Chad on Saturday, a local leader said, adding that cattle were taken.</p></article></body></html>
        """
        let c = clean(html)
        #expect(c.pageDate == CivilDate(year: 2020, month: 8, day: 2))
        #expect(c.datelineDate == nil)
        #expect(c.removed.contains { $0.contains("from the page metadata") })
    }

    @Test func readsPublicationDatesFromJSONLDAndTimeElements() {
        let ld = """
        <html><head><script type="application/ld+json">{"@type":"NewsArticle","datePublished": "2018-03-09T07:12:00+01:00"}</script></head>
        <body><p>Fighting flared again in the south of the country, residents said, as talks stalled in the capital.</p></body></html>
        """
        #expect(clean(ld).pageDate == CivilDate(year: 2018, month: 3, day: 9))
        let time = """
        <html><body><time datetime="2017-11-21">21 Nov</time><p>Fighting flared again in the south of the country, residents said, as talks stalled.</p></body></html>
        """
        #expect(clean(time).pageDate == CivilDate(year: 2017, month: 11, day: 21))
    }

    @Test func titleFallsBackToTheTitleElementWithoutTheSiteName() {
        let html = """
        <html><head><title>Blast hits fuel depot in Aden | Gulf Daily</title></head>
        <body><p>An explosion tore through a fuel depot in the port city of Aden on Sunday, sending smoke over the harbour.</p></body></html>
        """
        let c = clean(html)
        #expect(c.title == "Blast hits fuel depot in Aden")
        #expect(clean(html, title: "Given title").title == nil)
    }

    @Test func decodesNamedAndNumericEntities() {
        let html = "<p>Troops entered Ma&#8217;arrat al-Nu&#x2019;man &amp; Kafr Nabl &ndash; &quot;slowly&quot;&nbsp;&hellip; caf&eacute; &#150; &copy</p>"
        #expect(clean(html).text == "Troops entered Ma’arrat al-Nu’man & Kafr Nabl – \"slowly\" … café – ©")
    }

    @Test func skipsScriptsStylesCommentsAndHiddenElements() {
        let html = """
        <body><script>var x = "<p>not text</p>";</script><style>p { color: red }</style>
        <!-- <p>commented out</p> -->
        <div style="display: none"><p>Hidden teaser that should never be read by anyone at all.</p></div>
        <p>Security forces arrested 12 people in a dawn raid on a suburb of the capital, the interior ministry said.</p>
        <noscript>Please enable JavaScript</noscript></body>
        """
        #expect(clean(html).text == "Security forces arrested 12 people in a dawn raid on a suburb of the capital, the interior ministry said.")
    }

    @Test func keepsParagraphsSplitByLineBreaks() {
        let html = """
        <html><body><div class="content">Rebels shelled a government-held district on Monday, killing two people, state media said.<br><br>
        The army responded with air strikes on rebel positions in the hills to the north, a monitor said.</div></body></html>
        """
        #expect(paragraphs(clean(html)).count == 2)
    }

    @Test func survivesBrokenMarkup() {
        let html = """
        <html><body><div><p>Unclosed paragraph about clashes in the north, which killed four fighters, a monitor said.
        <p>Second paragraph, also unclosed, about the wounded taken to a hospital, medics said.<span><b>
        <li>stray item</div></div></div></table></body>
        <p attr="unterminated>Text after a broken attribute, in the wrong place, entirely.
        """
        let c = clean(html)
        #expect(c.text.contains("Unclosed paragraph about clashes in the north"))
        #expect(c.text.contains("Second paragraph, also unclosed"))
    }

    @Test func textFieldsHoldingMarkupAreReadAsHTML() {
        let c = Cleaner.clean(Article(body: .text("<p>Police dispersed a sit-in outside parliament, arresting 15 people, witnesses said.</p><p>Organisers vowed to return.</p><div></div><br>")))
        #expect(paragraphs(c) == ["Police dispersed a sit-in outside parliament, arresting 15 people, witnesses said.", "Organisers vowed to return."])
    }

    @Test func neverCrashesOnRandomMarkup() {
        var rng = SystemRandomNumberGenerator()
        let pieces = ["<p>", "</p>", "<div class=\"a\">", "</div>", "<a href='x'>", "</a>", "<br>", "<script>", "</script>",
                      "<!--", "-->", "&amp;", "&#", "&#x1F600;", "<", ">", "\"", "'", "text ", "Rebels, ", "<li>", "<table><tr><td>",
                      "</td>", "<svg>", "<title>", "</title>", "<meta property=\"og:title\" content=\"x", "\u{00A0}", "é", "\0"]
        for _ in 0..<300 {
            let n = Int.random(in: 0..<200, using: &rng)
            let html = (0..<n).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let text = clean(html).text
            // Markup never leaks into the text: every "<" + letter is read as a tag.
            #expect(!text.contains("<p>") && !text.contains("<script>") && !text.contains("</div>"))
        }
        for length in [1, 10, 100, 1000] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            _ = clean(String(decoding: bytes, as: UTF8.self))
        }
    }
}
