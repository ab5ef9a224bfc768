import Testing
@testable import SitrepCore

/// The one-sentence notes follow the roles the codebook gives each side (issue 13): every sub-event
/// type's template, with both actors and with Actor1 alone.
struct EventNotesTests {
    static let police = Actor(name: "Police Forces of Sudan (2019-)", inter: .stateForces, country: "Sudan")
    static let crowd = Actor(name: "Protesters (Sudan)", inter: .protesters, country: "Sudan")
    static let rebels = Actor(name: "RSF: Rapid Support Forces", inter: .politicalMilitia, country: "Sudan")
    static let civilians = Actor(name: "Civilians (Sudan)", inter: .civilians, country: "Sudan")

    static func note(_ type: SubEventType, _ a1: Actor?, _ a2: Actor?, fatalities: Int = 0,
                     precision: TimePrecision = .day) -> String {
        let place = EventLocation(mention: nil, location: "Omdurman", admin1: "Khartoum", admin2: "", country: "Sudan", iso: 729,
                                  latitude: 15.64, longitude: 32.48, geoPrecision: 1, evidence: Span(0, 0))
        let e = CodedEvent(eventID: "", articleID: "t", eventDate: CivilDate(year: 2022, month: 6, day: 30), timePrecision: precision,
                           subEventType: type, actor1: a1, assocActor1: [], actor2: a2, assocActor2: [], civilianTargeting: false,
                           location: place, source: nil, notes: "", fatalities: fatalities, fatalitiesLow: fatalities,
                           fatalitiesHigh: fatalities, claimedFatalities: nil, claimedBy: nil, confidence: 1, evidence: [],
                           droppedReason: nil, explanation: [], title: nil, url: nil, published: nil)
        return EventNotes.write(e)
    }

    @Test func excessiveForceNamesTheForceThatUsedItFirst() {
        #expect(Self.note(.excessiveForceAgainstProtesters, Self.crowd, Self.police, fatalities: 3)
            == "On 30 June 2022, Police Forces of Sudan (2019-) used lethal force against Protesters (Sudan) in Omdurman (Khartoum). 3 fatalities.")
        #expect(Self.note(.excessiveForceAgainstProtesters, Self.crowd, nil, fatalities: 1)
            == "On 30 June 2022, security forces used lethal force against Protesters (Sudan) in Omdurman (Khartoum). 1 fatality.")
    }

    @Test func aProtestMetByPoliceNamesTheCrowdFirst() {
        #expect(Self.note(.protestWithIntervention, Self.crowd, Self.police)
            == "On 30 June 2022, Protesters (Sudan) demonstrated and were confronted by Police Forces of Sudan (2019-) in Omdurman (Khartoum). 0 fatalities.")
    }

    @Test func aWeekPrecisionDateIsToldAsAWeek() {
        #expect(Self.note(.peacefulProtest, Self.crowd, nil, precision: .week).hasPrefix("Around 30 June 2022 (week of), Protesters (Sudan) demonstrated"))
    }

    @Test func anEventWithoutAnActorSaysSo() {
        #expect(Self.note(.remoteExplosiveLandmineIED, nil, nil).hasPrefix("On 30 June 2022, an unidentified actor detonated an explosive device"))
    }

    /// Every one of the 25 sub-event types has its own wording, with and without Actor2, and names
    /// both actors when there are two.
    @Test(arguments: SubEventType.allCases)
    func everySubEventTypeHasATemplateThatNamesItsActors(_ type: SubEventType) {
        let both = Self.note(type, Self.rebels, Self.civilians)
        let one = Self.note(type, Self.rebels, nil)
        #expect(EventNotes.templates[type] != nil, "no template for \(type.rawValue)")
        #expect(both.contains(Self.rebels.name))
        if type != .peacefulProtest && type != .headquartersOrBaseEstablished {
            #expect(both.contains(Self.civilians.name), "\(type.rawValue): \(both)")
        }
        #expect(!one.contains("{a") && !both.contains("{a"))
        #expect(both.hasSuffix("0 fatalities.") && one.hasSuffix("0 fatalities."))
    }
}
