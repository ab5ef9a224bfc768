import Foundation
import Testing
@testable import SitrepCore

@Suite struct CleanTextTests {
    func clean(_ text: String, title: String? = nil, published: CivilDate? = nil, source: String? = nil) -> CleanText {
        Cleaner.clean(Article(title: title, body: .text(text), published: published, source: source))
    }

    /// The story's paragraphs, without the headline that opens the text.
    func paragraphs(_ c: CleanText) -> [String] {
        c.blocks.filter { $0.kind != .headline }.map { b in
            String(decoding: c.text.utf8[c.text.utf8.index(c.text.utf8.startIndex, offsetBy: b.span.start)..<c.text.utf8.index(c.text.utf8.startIndex, offsetBy: b.span.end)], as: UTF8.self)
        }
    }

    // MARK: layout

    @Test func normalisesLineEndingsAndSpaces() {
        let c = clean("Troops  advanced\ton the town\u{00A0}at dawn.\r\nResidents fled   north.\rAid workers\u{200B} stayed.")
        #expect(paragraphs(c) == ["Troops advanced on the town at dawn.", "Residents fled north.", "Aid workers stayed."])
    }

    @Test func keepsEachLineAsAParagraphAndDropsBlankLines() {
        let c = clean("A checkpoint was attacked near Mosul on Monday.\n\n\nTwo policemen were wounded, a police source said.\n   \n")
        #expect(paragraphs(c) == ["A checkpoint was attacked near Mosul on Monday.",
                                  "Two policemen were wounded, a police source said."])
    }

    @Test func joinsHardWrappedLinesIntoParagraphs() {
        let wrapped = """
        Government forces shelled the eastern districts of the city for a
        third day on Wednesday, killing at least six civilians and wounding
        dozens more, according to local medics and a monitoring group.

        The army said it was targeting positions held by insurgents who had
        refused to leave under the terms of a local truce agreed last month.
        """
        let c = clean(wrapped)
        #expect(paragraphs(c).count == 2)
        #expect(paragraphs(c)[0].hasPrefix("Government forces shelled the eastern districts of the city for a third day"))
        #expect(paragraphs(c)[1].hasSuffix("agreed last month."))
    }

    @Test func decodesEntitiesLeftInScrapedText() {
        let c = clean("Clashes in Dar&#39;a &amp; Quneitra left 12 dead &mdash; a monitor said. AT&T was not named.")
        #expect(c.text == "Clashes in Dar'a & Quneitra left 12 dead — a monitor said. AT&T was not named.")
    }

    // MARK: repetition

    @Test func keepsTheFirstOfRepeatedParagraphs() {
        let text = """
        Insurgents overran an army post near Tal Afar on Friday, a security official said.
        Four soldiers were killed and three were captured in the assault, he said.
        The army sent reinforcements from Mosul, according to the official.
        Four soldiers were killed and three were captured in the assault, he said.
        The army sent reinforcements from Mosul, according to the official.
        """
        let c = clean(text)
        #expect(paragraphs(c) == ["Insurgents overran an army post near Tal Afar on Friday, a security official said.",
                                  "Four soldiers were killed and three were captured in the assault, he said.",
                                  "The army sent reinforcements from Mosul, according to the official."])
        #expect(c.removed.contains("dropped 2 repeated paragraphs"))
    }

    @Test func dropsARepeatedRunEvenWhenItIsWrappedDifferently() {
        // The second copy of the lead joins two paragraphs into one and changes the punctuation.
        let text = """
        Militants attacked a convoy of fuel trucks on the highway south of Kandahar on Sunday.
        Police said eight drivers were killed and the trucks were set on fire.
        A Taliban spokesman claimed responsibility in a message to reporters.
        Militants attacked a convoy of fuel trucks on the highway south of Kandahar on Sunday. Police said eight drivers were killed and the trucks were set on fire!
        """
        let c = clean(text)
        #expect(paragraphs(c).count == 3)
        #expect(c.removed.contains("dropped 1 repeated paragraph"))
    }

    @Test func keepsAParagraphThatAddsNewsToARepeatedSentence() {
        let text = """
        Militants attacked a convoy of fuel trucks on the highway south of Kandahar on Sunday.
        Militants attacked a convoy of fuel trucks on the highway south of Kandahar on Sunday. A second convoy was hit near Spin Boldak hours later, killing three guards.
        """
        #expect(paragraphs(clean(text)).count == 2)
    }

    @Test func dropsEveryCopyOfShortRepeatedLines() {
        let text = """
        Protesters blocked the main road into the port city on Thursday, witnesses said.
        Advertisement
        Riot police fired tear gas to disperse the crowd, which had gathered since dawn.
        Advertisement
        At least 40 people were detained, a rights lawyer said.
        """
        let c = clean(text)
        #expect(!c.text.contains("Advertisement"))
        #expect(paragraphs(c).count == 3)
        #expect(c.removed.contains { $0.contains("short repeated line") || $0.contains("advertising") })
    }

    // MARK: boilerplate

    @Test func dropsCommentFormShareAndSubscribeWidgets() {
        let text = """
        A drone strike hit a vehicle carrying suspected militants in Marib province on Tuesday, tribal sources said.
        Three men in the car were killed, the sources said, without naming them.
        Share this article
        Facebook Twitter WhatsApp Email
        Subscribe to our newsletter
        Comments About This Article
        Please fill the fields below.
        Name
        Email
        """
        let c = clean(text)
        #expect(paragraphs(c) == ["A drone strike hit a vehicle carrying suspected militants in Marib province on Tuesday, tribal sources said.",
                                  "Three men in the car were killed, the sources said, without naming them."])
        #expect(c.removed.contains { $0.hasPrefix("dropped comment form") })
        #expect(c.removed.contains { $0.hasPrefix("dropped share widget") })
    }

    @Test func neverDropsANewsParagraphThatMentionsShareOrTwitter() {
        let text = """
        Protest organisers said they would share the names of the detained with rights groups.
        Follow us on Twitter, the group wrote in a statement urging supporters to keep marching on Friday in the capital and other cities, after police detained 40 people in a sweep.
        Shares of the state oil company fell after the attack on the pipeline near Basra.
        """
        #expect(paragraphs(clean(text)).count == 3)
    }

    @Test func aCommentHeaderEarlyInTheTextDoesNotCutTheStory() {
        let text = """
        Comments
        Officials in Juba declined to comment on the reports of fighting near Yei.
        Residents said government soldiers had burned at least 20 homes in two villages.
        """
        #expect(paragraphs(clean(text)).count == 2)
    }

    @Test func dropsRelatedLinksCookieNoticesAndRightsLines() {
        let text = """
        Gunmen on motorbikes attacked a market in northern Burkina Faso on Saturday, killing 14 traders, a local official said.
        Related: Army says it repelled attack on base near Djibo
        Read more: Sahel violence displaces a million
        We use cookies to improve your experience. By continuing to use this site you agree to our cookie policy.
        © 2021 Sahel Press. All rights reserved.
        """
        let c = clean(text)
        #expect(paragraphs(c).count == 1)
        #expect(c.removed.contains("dropped related-article links (2 paragraphs)"))
        #expect(c.removed.contains("dropped cookie notice"))
        #expect(c.removed.contains("dropped rights notice"))
    }

    @Test func dropsBylinesAndKeepsThemInTheNotes() {
        let text = """
        By Amina Yusuf and Peter Okello
        Security forces killed five suspected militants in a raid on a hideout in Garissa county, police said on Monday.
        Reporting by Amina Yusuf; Editing by Peter Okello
        """
        let c = clean(text)
        #expect(paragraphs(c) == ["Security forces killed five suspected militants in a raid on a hideout in Garissa county, police said on Monday."])
        #expect(c.removed.contains("dropped byline: By Amina Yusuf and Peter Okello"))
        #expect(c.removed.contains { $0.hasPrefix("dropped byline: Reporting by") })
    }

    @Test func aSentenceStartingWithByIsNotAByline() {
        let text = """
        By Tuesday evening, rebels had taken control of the border crossing.
        Hundreds of families crossed into Turkey overnight.
        """
        #expect(paragraphs(clean(text)).count == 2)
    }

    // MARK: headline and metadata

    @Test func takesTheFirstShortLineOfAPlainTextFileAsItsHeadline() {
        let c = clean("Bomb kills four at Kabul wedding hall\nA bomb exploded at a wedding hall in western Kabul on Saturday, killing four guests, police said.")
        #expect(c.title == "Bomb kills four at Kabul wedding hall")
        #expect(c.blocks.first?.kind == .headline)
        #expect(paragraphs(c).first?.hasPrefix("A bomb exploded") == true)
    }

    @Test func anInputTitleIsNotReplaced() {
        let c = clean("Bomb kills four at Kabul wedding hall\nA bomb exploded at a wedding hall in western Kabul on Saturday.",
                      title: "Kabul blast")
        #expect(c.title == nil)
        // The input's title heads the text; the page's own headline under it stands with it.
        #expect(c.text.hasPrefix("Kabul blast\nBomb kills four"))
        #expect(c.blocks.map(\.kind) == [.headline, .standfirst, .body])
    }

    @Test func dropsTheHeadlineRepeatedAsTheFirstLine() {
        let c = clean("Bomb kills four at Kabul wedding hall.\nA bomb exploded at a wedding hall in western Kabul on Saturday.",
                      title: "Bomb kills four at Kabul wedding hall")
        #expect(c.text == "Bomb kills four at Kabul wedding hall\nA bomb exploded at a wedding hall in western Kabul on Saturday.")
        #expect(c.blocks.map(\.kind) == [.headline, .body])
    }

    @Test func sourceFromTheTagElseFromTheArticle() {
        #expect(clean("(Syria Direct)- Shelling hit Daraa al-Balad on Monday.", source: "feed").source == "Syria Direct")
        #expect(clean("Shelling hit Daraa al-Balad on Monday.", source: "feed").source == "feed")
        #expect(clean("Shelling hit Daraa al-Balad on Monday.").source == nil)
    }

    // MARK: fixtures

    @Test func cleansTheRepeatedReportFixture() throws {
        let text = try String(contentsOfFile: IngestFixtures.path("repeated-report.txt"), encoding: .utf8)
        let c = clean(text, published: CivilDate(year: 2015, month: 10, day: 4))
        #expect(c.title == "Rebels shoot down army helicopter over Hama countryside")
        #expect(c.datelinePlace == "HAMA")
        #expect(c.source == "SNN")
        #expect(c.datelineDate == CivilDate(year: 2015, month: 10, day: 3))
        #expect(paragraphs(c).count == 4)
        #expect(paragraphs(c).first?.hasPrefix("Rebel fighters shot down a government helicopter") == true)
        #expect(!c.text.contains("comment") && !c.text.contains("Share"))
        #expect(c.removed.contains("dropped 3 repeated paragraphs"))
    }

    static let seed = IngestFixtures.shared.appendingPathComponent("seed/ghouta-report.txt")

    @Test(.enabled(if: FileManager.default.fileExists(atPath: seed.path)))
    func cleansTheSeedReportToItsTwelveParagraphs() throws {
        let text = try TextDecoding.decode(Data(contentsOf: CleanTextTests.seed), origin: "seed")
        let c = clean(text)
        let p = paragraphs(c)
        #expect(p.count == 12)
        #expect(Set(p).count == 12)
        #expect(c.text.hasPrefix("Syrian Islamist factions have recaptured"))
        #expect(c.source == "Zaman Al Wasl")
        #expect(c.datelinePlace == nil)
        #expect(!c.text.contains("Comments About This Article"))
        #expect(!c.text.contains("Please fill the fields below"))
        #expect(c.removed.contains { $0.hasPrefix("dropped comment form") })
        #expect(c.removed.contains("dropped 11 repeated paragraphs"))
    }
}
