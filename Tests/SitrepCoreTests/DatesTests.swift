import Testing
@testable import SitrepCore

private func doc(_ text: String, published: String? = nil, dateline: CivilDate? = nil) -> Doc {
    Doc(articleID: "t", origin: "test", title: nil, published: published.flatMap(CivilDate.init(iso:)), source: nil,
        url: nil, clean: CleanText(text: text, datelineDate: dateline))
}

private func dates(_ text: String, published: String? = nil) -> [(text: String, date: String?, precision: TimePrecision, kind: DateMention.Kind)] {
    let d = doc(text, published: published)
    return DateExtractor.extract(d).map { (d.text($0.span), $0.date?.description, $0.precision, $0.kind) }
}

@Suite struct DatesTests {
    // MARK: Absolute dates

    @Test func readsDayMonthAndMonthDayWithAndWithoutYear() {
        let found = dates("Fighting resumed on 9 May 2020 and again on Dec. 18, 2015, then on June 3.", published: "2020-06-10")
        #expect(found.map(\.date) == ["2020-05-09", "2015-12-18", "2020-06-03"])
        #expect(found.allSatisfy { $0.precision == .day && $0.kind == .absolute })
    }

    @Test func readsNumericDatesDayFirstUnlessImpossible() {
        let found = dates("The raid on 18/12/2015 followed one on 12/18/2015 and another on 2015-12-20.")
        #expect(found.map(\.date) == ["2015-12-18", "2015-12-18", "2015-12-20"])
        #expect(dates("Talks were held on 03/04/2021.").first?.date == "2021-04-03")
    }

    @Test func yearlessDateTakesTheYearNearestBeforePublication() {
        // Published in January: "28 December" is last December, not next.
        #expect(dates("Gunmen struck on 28 December.", published: "2016-01-04").first?.date == "2015-12-28")
        #expect(dates("Gunmen struck on 2 January.", published: "2016-01-04").first?.date == "2016-01-02")
    }

    @Test func yearlessDateMayFallAWeekAfterPublicationForAnnouncements() {
        let found = dates("Ministers will meet this Friday, December 18, in Vienna.", published: "2015-12-15")
        #expect(found.count == 1)
        #expect(found.first?.text == "this Friday, December 18")
        #expect(found.first?.date == "2015-12-18")
        // Three weeks ahead is too far: it must be last year's date.
        #expect(dates("Ministers met on January 20.", published: "2016-01-01").first?.date == "2015-01-20")
    }

    @Test func aclednoteParentheticalsSetThePrecision() {
        #expect(dates("Around 14 May 2022 (as reported), militants raided a camp.").first?.precision == .day)
        #expect(dates("Around 13 April 2022 (week of), a mob beat a man.").first?.precision == .week)
        let month = dates("Around 15 March 2022 (month of), soldiers looted shops.").first
        #expect(month?.date == "2022-03-15")
        #expect(month?.precision == .month)
    }

    @Test func absoluteDateWithYearResolvesWithoutPublicationDate() {
        let found = dates("On 9 May 2020 troops entered the town; on 10 May they left.")
        #expect(found.map(\.date) == ["2020-05-09", nil])
    }

    @Test func dayRangeGivesBothDays() {
        let found = dates("Clashes on 11-12 March left the market empty.", published: "2021-03-20")
        #expect(found.map(\.date) == ["2021-03-11", "2021-03-12"])
    }

    @Test func ambiguousMonthWordsNeedACapitalAndANumberOrCue() {
        #expect(dates("Officials said the army may march on the town.", published: "2021-06-01").isEmpty)
        #expect(dates("May God protect them, the imam said.", published: "2021-06-01").isEmpty)
        #expect(dates("The strike began in May and ended on 3 March.", published: "2021-06-01").map(\.date)
                == ["2021-05-15", "2021-03-03"])
    }

    // MARK: Weekdays

    @Test func weekdayIsTheMostRecentOneOnOrBeforePublication() {
        // 2015-12-15 is a Tuesday.
        #expect(dates("On Sunday, jets struck the market.", published: "2015-12-15").first?.date == "2015-12-13")
        #expect(dates("Activists said Tuesday that the siege held.", published: "2015-12-15").first?.date == "2015-12-15")
        #expect(dates("Rebels advanced on Wednesday.", published: "2015-12-15").first?.date == "2015-12-09")
        #expect(dates("On Sunday, jets struck.").first?.date == nil)
        #expect(dates("On Sunday, jets struck.").first?.kind == .weekday)
    }

    @Test func nextAndThisWeekdayLookForward() {
        #expect(dates("Talks resume next Friday.", published: "2015-12-15").first?.date == "2015-12-18")
        #expect(dates("Talks resume this Friday.", published: "2015-12-15").first?.date == "2015-12-18")
        #expect(dates("Talks resume next Tuesday.", published: "2015-12-15").first?.date == "2015-12-22")
        #expect(dates("They met last Tuesday.", published: "2015-12-15").first?.date == "2015-12-08")
    }

    // MARK: Relative expressions

    @Test func dayWordsResolveAgainstPublication() {
        let found = dates("A bomb exploded yesterday; another went off the day before yesterday and a third overnight. "
                          + "Police cordoned the area this morning.", published: "2020-03-10")
        #expect(found.map(\.date) == ["2020-03-09", "2020-03-08", "2020-03-09", "2020-03-10"])
        #expect(found.allSatisfy { $0.precision == .day && $0.kind == .relative })
    }

    @Test func relativeExpressionsWithoutPublicationHaveNoDate() {
        let found = dates("A bomb exploded yesterday and troops withdrew last week.")
        #expect(found.count == 2)
        #expect(found.allSatisfy { $0.date == nil })
    }

    @Test func lastWeekIsTheThursdayOfThePreviousMondayToSundayWeek() {
        // 2020-03-11 is a Wednesday; the week before runs 2–8 March.
        let lastWeek = dates("Shelling killed two farmers last week.", published: "2020-03-11").first
        #expect(lastWeek?.date == "2020-03-05")
        #expect(lastWeek?.precision == .week)
        #expect(dates("Raids continued this week.", published: "2020-03-11").first?.precision == .week)
        #expect(dates("Raids began earlier this week.", published: "2020-03-11").first?.date == "2020-03-09")
    }

    @Test func monthExpressionsGoToMidMonthOrItsEnds() {
        let p = "2020-03-20"
        #expect(dates("Fighting flared earlier this month.", published: p).first?.date == "2020-03-15")
        #expect(dates("Fighting flared last month.", published: p).first?.date == "2020-02-15")
        #expect(dates("Fighting flared in January.", published: p).first?.date == "2020-01-15")
        #expect(dates("Fighting flared in mid-March.", published: p).first?.date == "2020-03-15")
        #expect(dates("Fighting flared at the end of February.", published: p).first?.date == "2020-02-29")
        #expect(dates("Fighting flared at the beginning of February.", published: p).first?.date == "2020-02-01")
        #expect(dates("Fighting flared in November.", published: p).first?.date == "2019-11-15")
        #expect(dates("Fighting flared last month.", published: p).first?.precision == .month)
    }

    @Test func countsBackDaysAndWeeks() {
        #expect(dates("The convoy vanished three days ago.", published: "2020-03-20").first?.date == "2020-03-17")
        let weeks = dates("The convoy vanished two weeks ago.", published: "2020-03-20").first
        #expect(weeks?.date == "2020-03-06")
        #expect(weeks?.precision == .week)
    }

    @Test func followingDayCountsFromThePreviousDate() {
        let found = dates("Rebels seized the bridge on 4 June 2019. The following day, troops retook it.")
        #expect(found.map(\.date) == ["2019-06-04", "2019-06-05"])
    }

    @Test func yearsAndSeasonsAloneAreNotRecorded() {
        #expect(dates("The war began in 2011 and worsened last summer.", published: "2015-12-15").isEmpty)
    }
}
