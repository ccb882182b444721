import Engine
import Foundation
import RevenueCore
import Testing

@Suite("Lead state machine")
struct LeadStateMachineTests {
    @Test func happyPath() throws {
        var s = LeadState.new
        for (trigger, expected) in [(LeadTrigger.enrichmentDone, LeadState.enriched), (.touchQueued, .attempting), (.engaged, .engaged),
                                    (.booked, .appointmentScheduled), (.appointmentShow, .appointmentCompleted)] {
            s = try LeadStateMachine.transition(from: s, on: trigger)
            #expect(s == expected)
        }
    }

    @Test func illegalTransitionsAreTypedErrors() {
        #expect(throws: LeadStateError.illegalTransition(from: .new, trigger: .appointmentShow)) {
            try LeadStateMachine.transition(from: .new, on: .appointmentShow)
        }
        #expect(throws: LeadStateError.illegalTransition(from: .unqualified, trigger: .touchQueued)) {
            try LeadStateMachine.transition(from: .unqualified, on: .touchQueued)
        }
    }

    @Test func doNotContactIsTerminalExceptRecordedReOptIn() throws {
        for trigger in LeadTrigger.allCases where trigger != .reOptIn && trigger != .optOut {
            #expect(throws: LeadStateError.self) { try LeadStateMachine.transition(from: .doNotContact, on: trigger) }
        }
        #expect(throws: LeadStateError.reOptInWithoutRecord) { try LeadStateMachine.transition(from: .doNotContact, on: .reOptIn) }
        let consent = ConsentRecord(at: Fixture.start, source: "START", channel: .sms)
        #expect(try LeadStateMachine.transition(from: .doNotContact, on: .reOptIn, consent: consent) == .new)
        for state in LeadState.allCases { #expect(try LeadStateMachine.transition(from: state, on: .optOut) == .doNotContact) }
    }

    @Test func appointmentOutcomesDriveTransitions() throws {
        #expect(try LeadStateMachine.transition(from: .appointmentScheduled, on: .appointmentNoShow) == .engaged)
        #expect(try LeadStateMachine.transition(from: .appointmentScheduled, on: .appointmentRescheduled) == .appointmentScheduled)
        #expect(try LeadStateMachine.transition(from: .appointmentScheduled, on: .appointmentCancelled) == .engaged)
        #expect(try LeadStateMachine.transition(from: .appointmentScheduled, on: .disqualified) == .unqualified)
    }

    @Test func stateDecidesWhichTouchesAreAllowed() {
        #expect(LeadState.attempting.permits(.cadence))
        #expect(!LeadState.attempting.permits(.reminder))
        #expect(LeadState.appointmentScheduled.permits(.reminder))
        #expect(!LeadState.appointmentScheduled.permits(.cadence))
        #expect(!LeadState.doNotContact.permits(.reminder))
    }
}
