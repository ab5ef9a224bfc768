import Foundation
import Testing
@testable import SitrepCore

/// No number in a text or a field can trap the process, and no misread number becomes a toll.
@Suite struct InputTrapsTests {
    static let published = CivilDate(year: 2021, month: 5, day: 4)

    @Test func aNineteenDigitNumberIsJustANumber() {
        let r = TestPipeline.code("Invoice 9999999999999999999 was paid.", published: Self.published)
        #expect(r.recorded.isEmpty)
        let huge = TestPipeline.code("On 3 May 2021 gunmen killed 99999999999999999999999999 people in Kidal.", published: Self.published)
        #expect(huge.recorded.allSatisfy { $0.fatalities <= FatalityRules.plausibleMaximum })
    }

    @Test func dayNumbersStopReadingAfterThreeDigits() {
        let doc = Doc(articleID: "t", origin: "test", title: nil, published: nil, source: nil, url: nil,
                      clean: CleanText(text: "99999999999999999999th 123 7th 31"))
        let scan = DateScan(tokens: doc.tokens, reference: Self.published)
        #expect(doc.tokens.map { scan.dayNumber($0) } == [nil, nil, 7, 31])
    }

    @Test func aJSONNumberOutsideTheIntegerRangeIsReadAsText() {
        let line = #"{"text":-9223372036854775809,"published":"2021-05-04"}"#
        let items = DocumentReader(format: .jsonl).read(data: Data(line.utf8), origin: "numbers.jsonl")
        guard case .success(let a)? = items.first else {
            Issue.record("the line was not read")
            return
        }
        _ = TestPipeline.shared.run(a)
        for number in ["1e400", "-1e400", "18446744073709551616", "0.1e-400", "123456789012345678901234567890"] {
            let items = DocumentReader(format: .jsonl).read(data: Data(#"{"text":\#(number)}"#.utf8), origin: "n.jsonl")
            if case .success(let a)? = items.first { _ = TestPipeline.shared.run(a) }
        }
    }

    @Test func aTollBeyondAnyEventIsNoToll() {
        let r = TestPipeline.code("On 3 May 2021, gunmen killed 999,999,999 million people in Kidal, Mali.", published: Self.published)
        #expect(!r.events.isEmpty)
        for e in r.events {
            #expect(e.fatalities == 0)
            #expect(e.fatalitiesHigh <= FatalityRules.plausibleMaximum)
        }
    }

    @Test func aPlausibleTollStands() {
        let r = TestPipeline.code("On 3 May 2021, gunmen killed 150 people in Kidal, Mali.", published: Self.published)
        #expect(r.recorded.first?.fatalities == 150)
    }

    @Test func aRangeRunningPastTheBoundIsCutAtIt() {
        let r = TestPipeline.code("On 3 May 2021, gunmen killed between 5,000 and 900,000 people in Kidal, Mali.", published: Self.published)
        #expect(r.recorded.first?.fatalities == 5_000)
        #expect(r.recorded.first?.fatalitiesHigh == FatalityRules.plausibleMaximum)
    }

    @Test func manyLargeGroupsDoNotAddUpToAnOverflow() {
        let sentence = "On 3 May 2021, gunmen killed 9,000 soldiers of unit %d in Kidal, Mali. "
        let text = (0..<40).map { String(format: sentence, $0) }.joined()
        let r = TestPipeline.code(text, published: Self.published)
        #expect(r.events.allSatisfy { $0.fatalities <= FatalityRules.plausibleMaximum })
    }
}
