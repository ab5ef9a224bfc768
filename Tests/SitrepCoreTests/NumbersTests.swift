import Testing
@testable import SitrepCore

/// Parses the quantity at the start of `text`; returns the count and the words it used.
private func parse(_ text: String) -> (count: Count, used: String)? {
    let tokens = Tokenizer.tokenize(text)
    guard let (c, end) = NumberParser.parse(tokens, at: 0) else { return nil }
    return (c, tokens[0..<end].map(\.text).joined(separator: " "))
}

@Suite struct NumbersTests {
    @Test func readsDigitsWithSeparatorsAndScales() {
        #expect(parse("70 people")?.count == Count(value: 70))
        #expect(parse("300,000 people")?.count == Count(value: 300_000))
        #expect(parse("1.5 million refugees")?.count == Count(value: 1_500_000))
        #expect(parse("3 thousand troops")?.count == Count(value: 3000))
    }

    @Test func readsNumberWords() {
        #expect(parse("seventy people")?.count.value == 70)
        #expect(parse("twenty-five soldiers")?.count.value == 25)
        #expect(parse("twenty five soldiers")?.count.value == 25)
        #expect(parse("one hundred and fifty fighters")?.count.value == 150)
        #expect(parse("a hundred fighters")?.count.value == 100)
        #expect(parse("two thousand three hundred fighters")?.count.value == 2300)
        #expect(parse("two dozen villagers")?.count.value == 24)
    }

    @Test func unrelatedNumberWordsStaySeparate() {
        #expect(parse("five six villagers")?.used == "five")
    }

    @Test func boundsAndEstimatesRecordTheFigureGiven() {
        #expect(parse("more than 150 regime troops")?.count == Count(value: 150))
        #expect(parse("over 20 soldiers")?.count == Count(value: 20))
        #expect(parse("at least 37 people")?.count == Count(value: 37))
        #expect(parse("about 70 people")?.count == Count(value: 70))
        #expect(parse("nearly 70 people")?.count == Count(value: 70))
        #expect(parse("some 70 people")?.count == Count(value: 70))
        #expect(parse("up to 70 people")?.count == Count(value: 70))
        #expect(parse("fewer than 10 people")?.count.value == 9)
        #expect(parse("more than 150 regime troops")?.used == "more than 150")
    }

    @Test func rangesRecordTheLowerEnd() {
        let expected = Count(value: 20, low: 20, high: 30)
        #expect(parse("20 to 30 civilians")?.count == expected)
        #expect(parse("20-30 civilians")?.count == expected)
        #expect(parse("between 20 and 30 civilians")?.count == expected)
        #expect(parse("two or three civilians")?.count == Count(value: 2, low: 2, high: 3))
    }

    @Test func vagueWordsFollowTheCodebookConventions() {
        let cases: [(String, Int)] = [("dozens of people", 12), ("scores of people", 20), ("hundreds of people", 100),
                                      ("tens of people", 10), ("several people", 3), ("some people", 3),
                                      ("a few people", 3), ("few people", 3), ("many people", 10),
                                      ("a number of people", 10), ("an unknown number of people", 3)]
        for (text, value) in cases {
            let c = parse(text)?.count
            #expect(c?.value == value, "\(text)")
            #expect(c?.isVague == true, "\(text)")
        }
        #expect(parse("dozens of people")?.used == "dozens of")
    }

    @Test func fixedPhrasesAreExact() {
        #expect(parse("half a dozen guards")?.count == Count(value: 6))
        #expect(parse("a dozen guards")?.count == Count(value: 12))
        #expect(parse("a couple of guards")?.count == Count(value: 2))
    }

    @Test func articleIsOneOnlyBeforeAPerson() {
        #expect(parse("a soldier was killed")?.count == Count(value: 1))
        #expect(parse("an unarmed young man")?.count == Count(value: 1))
        #expect(parse("a 25-year-old farmer")?.count == Count(value: 1))
        #expect(parse("a car bomb exploded") == nil)
    }

    @Test func datesTimesYearsAndOrdinalsAreNotCounts() {
        #expect(parse("18/12/2015 was quiet") == nil)
        #expect(parse("8:30 in the morning") == nil)
        #expect(parse("18th of the month") == nil)
        #expect(parse("2015 was a bad year") == nil)
        #expect(parse("2.5 kilometres away") == nil)
        #expect(parse("14 March 2022") == nil)
        #expect(parse("25-year-old man") == nil)
        #expect(parse("2000 people")?.count.value == 2000)
    }
}
