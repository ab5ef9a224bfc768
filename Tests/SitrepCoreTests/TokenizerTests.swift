import Testing
@testable import SitrepCore

@Suite struct TokenizerTests {
    @Test func keepsHyphenatedAndApostrophisedNamesAsOneWord() {
        let t = Tokenizer.tokenize("Regime forces entered Marj al-Sultan and Ma'rib.")
        #expect(t.map(\.text) == ["Regime", "forces", "entered", "Marj", "al-Sultan", "and", "Ma'rib", "."])
    }

    @Test func splitsPossessive() {
        let t = Tokenizer.tokenize("Russia's warplanes")
        #expect(t.map(\.text) == ["Russia", "'s", "warplanes"])
    }

    @Test func keepsNumbersWithSeparators() {
        let t = Tokenizer.tokenize("About 300,000 died by 18/12/2015.")
        #expect(t.map(\.text) == ["About", "300,000", "died", "by", "18/12/2015", "."])
    }

    @Test func splitsSentencesButNotAbbreviations() {
        let (_, s) = Tokenizer.analyse("Mr. Kerry met U.S. officials on Dec. 15. Putin agreed.")
        #expect(s.count == 2)
    }

    @Test func offsetsPointIntoUTF8() {
        let text = "Ḥamā was shelled."
        let t = Tokenizer.tokenize(text)
        let d = Doc(articleID: "x", origin: "t", title: nil, published: nil, source: nil, url: nil, clean: CleanText(text: text))
        #expect(d.text(t[0].span) == "Ḥamā")
        #expect(t[0].norm == "hama")
        #expect(d.codePointOffset(t[1].span.start) == 5)
    }
}
