import Testing
@testable import SitrepCore

private func doc(_ text: String, published: String? = nil, dateline: CivilDate? = nil) -> Doc {
    Doc(articleID: "t", origin: "test", title: nil, published: published.flatMap(CivilDate.init(iso:)), source: nil,
        url: nil, clean: CleanText(text: text, datelineDate: dateline))
}

/// The event date EventDating picks for the sentence holding `trigger`.
private func eventDate(_ text: String, trigger: String, published: String? = nil, dateline: CivilDate? = nil) -> DateMention? {
    let d = doc(text, published: published, dateline: dateline)
    let dates = DateExtractor.extract(d)
    guard let r = text.range(of: trigger) else { return nil }
    let start = text.utf8.distance(from: text.utf8.startIndex, to: r.lowerBound)
    let anchor = Span(start, start + trigger.utf8.count)
    guard let s = d.sentenceIndex(of: anchor) else { return nil }
    return EventDating.date(for: d.sentences[s].span, anchor: anchor, in: d, dates: dates)
}

@Suite struct DatesEventDatingTests {
    @Test func takesTheDateInTheSameSentence() {
        let text = "Rebels said on Tuesday that on Sunday about 70 people had been killed in air strikes on Douma."
        let d = eventDate(text, trigger: "killed", published: "2015-12-15")
        #expect(d?.date?.description == "2015-12-13")
    }

    @Test func seedReportSundayIsTheSundayBeforePublication() {
        // The brief's seed case: published Tuesday 2015-12-15.
        let text = "On Sunday, about 70 people, including women and children, had been killed in air and missile attacks."
        let d = eventDate(text, trigger: "killed", published: "2015-12-15")
        #expect(d?.date?.description == "2015-12-13")
        #expect(d?.kind == .weekday)
    }

    @Test func prefersTheDateIntroducedByOn() {
        // "Tuesday" is nearer to the trigger word but is when it was said.
        let text = "On 3 May 2021 gunmen killed four herders, police said Tuesday."
        #expect(eventDate(text, trigger: "killed", published: "2021-05-04")?.date?.description == "2021-05-03")
    }

    @Test func fallsBackToAnEarlierSentenceOfTheParagraph() {
        let text = "On 3 May 2021 gunmen raided Tora. They killed four herders.\nIn other news, talks went on."
        #expect(eventDate(text, trigger: "killed", published: "2021-05-10")?.date?.description == "2021-05-03")
    }

    @Test func doesNotReachIntoAnotherParagraph() {
        let text = "On 3 May 2021 gunmen raided Tora.\nThey killed four herders."
        #expect(eventDate(text, trigger: "killed", published: "2021-05-10") == nil)
    }

    @Test func usesTheDatelineDateWhenTheTextHasNone() {
        let dateline = CivilDate(year: 2021, month: 5, day: 9)
        let d = eventDate("Gunmen killed four herders near Tora.", trigger: "killed", published: "2021-05-10", dateline: dateline)
        #expect(d?.date == dateline)
        #expect(d?.span == Span(0, 0))
    }

    @Test func doesNotFallBackToPublication() {
        #expect(eventDate("Gunmen killed four herders near Tora.", trigger: "killed", published: "2021-05-10") == nil)
    }

    @Test func skipsDatesTiedToSomethingElse() {
        let text = "Despite a ceasefire agreed on 5 March 2021, shelling killed two children in Idlib."
        #expect(eventDate(text, trigger: "killed", published: "2021-03-20") == nil)
        let since = "Since 5 March 2021, shelling has killed two children on Friday."
        #expect(eventDate(since, trigger: "killed", published: "2021-03-20")?.date?.description == "2021-03-19")
    }

    @Test func skipsDatesAfterPublication() {
        let text = "Ministers will meet in Vienna this Friday, December 18, after the bombing."
        #expect(eventDate(text, trigger: "bombing", published: "2015-12-15") == nil)
    }
}
