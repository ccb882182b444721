import Engine
import Foundation
import RevenueCore
import Testing

@Suite("Touch orchestrator")
struct OrchestratorTests {
    let book = Fixture.playbook(channels: [.voice, .whatsapp, .email], fallbacks: [.email, .sms],
                                window: SendWindow(days: [.mon, .tue, .wed, .thu, .fri], startMinute: 9 * 60, endMinute: 19 * 60))
    var orchestrator: Orchestrator { Orchestrator(playbook: book, client: Fixture.client, campaignID: "c1") }

    @Test func firstPlanQueuesTheEntryStepInsideTheWindowAndIsIdempotent() {
        let lead = Fixture.lead()
        let plan = orchestrator.plan(lead: lead, history: [], appointments: [], now: Fixture.start)
        #expect(plan.touches.count == 1)
        let touch = plan.touches[0]
        #expect(touch.step == 1 && touch.channel == .voice && touch.status == .queued)
        #expect(Fixture.seconds(touch.scheduledAt) == Fixture.utc(2026, 12, 1, 9, zone: "America/Chicago"))
        #expect(plan.deferrals.map(\.reason) == [.window])
        #expect(plan.stateChanges.map(\.to) == [.attempting])
        #expect(touch.payload.message == "Hola Ana s1" && touch.payload.language == .es && touch.payload.kind == .cadence)
        // Replanning the same state yields nothing new.
        let again = orchestrator.plan(lead: lead, history: plan.touches, appointments: [], now: Fixture.start.addingTimeInterval(60))
        #expect(again.touches.isEmpty && again.cancellations.isEmpty)
    }

    @Test func outcomeMovesToTheNextStepAfterItsWait() {
        var lead = Fixture.lead()
        let first = orchestrator.plan(lead: lead, history: [], appointments: [], now: Fixture.start)
        lead.state = .attempting
        let sentAt = first.touches[0].scheduledAt
        let applied = orchestrator.apply(outcome: .noAnswer, to: first.touches[0], lead: lead, history: first.touches, appointments: [], now: sentAt)
        #expect(applied.touch.status == .sent && applied.touch.outcome == .noAnswer)
        #expect(applied.plan.touches.map(\.step) == [2])
        #expect(applied.plan.touches[0].scheduledAt == sentAt.addingTimeInterval(3600))
        // Applying twice does not queue a second step 2.
        let history = [applied.touch] + applied.plan.touches
        #expect(orchestrator.plan(lead: applied.lead, history: history, appointments: [], now: sentAt).touches.isEmpty)
    }

    @Test func failedCallFallsBackToEmailThenSMSWhenNoEmail() {
        var lead = Fixture.lead()
        lead.state = .attempting
        let call = orchestrator.plan(lead: Fixture.lead(), history: [], appointments: [], now: Fixture.start).touches[0]
        let applied = orchestrator.apply(outcome: .failed, to: call, lead: lead, history: [call], appointments: [], now: call.scheduledAt)
        #expect(applied.plan.touches.map(\.channel) == [.email])
        #expect(applied.plan.touches[0].step == 1 && applied.plan.touches[0].attempt == 1 && applied.plan.touches[0].payload.kind == .fallback)
        var noEmail = Fixture.lead(email: nil)
        noEmail.state = .attempting
        let fallback = orchestrator.apply(outcome: .failed, to: call, lead: noEmail, history: [call], appointments: [], now: call.scheduledAt)
        #expect(fallback.plan.touches.map(\.channel) == [.sms])
        var landline = Fixture.lead(email: nil, landline: true)
        landline.state = .attempting
        // Landline, no e-mail: step 2 (WhatsApp, fallback SMS) and step 3 (e-mail) cannot reach the lead.
        let none = orchestrator.apply(outcome: .failed, to: call, lead: landline, history: [call], appointments: [], now: call.scheduledAt).plan
        #expect(none.touches.isEmpty)
        #expect(none.deferrals.map(\.reason) == [.unreachable, .unreachable])
    }

    @Test func replyExitsAndOptOutCancelsEverythingQueued() {
        var lead = Fixture.lead()
        lead.state = .attempting
        let call = orchestrator.plan(lead: Fixture.lead(), history: [], appointments: [], now: Fixture.start).touches[0]
        let replied = orchestrator.apply(outcome: .replied, to: call, lead: lead, history: [call], appointments: [], now: call.scheduledAt)
        #expect(replied.plan.touches.isEmpty)
        #expect(replied.lead.state == .engaged)
        lead.state = .doNotContact
        let cancelled = orchestrator.plan(lead: lead, history: [call], appointments: [], now: Fixture.start)
        #expect(cancelled.cancellations == [call.id] && cancelled.touches.isEmpty)
    }

    @Test func remindersAtExactOffsetsDroppingPastOnesAndFollowUps() {
        var lead = Fixture.lead()
        lead.state = .appointmentScheduled
        let startsAt = Date(timeIntervalSince1970: Double(Fixture.utc(2026, 12, 3, 11, zone: "America/Chicago")))
        let appt = Appointment(id: "A1", orgID: "org", leadID: lead.id, campaignID: "c1", startsAt: startsAt, timeZone: "America/Chicago")
        let early = orchestrator.plan(lead: lead, history: [], appointments: [appt], now: Fixture.start)
        #expect(early.touches.map(\.step) == [200, 201, 202])
        #expect(early.touches.map { startsAt.timeIntervalSince($0.scheduledAt) } == [86_400, 3600, 600])
        #expect(early.touches[0].payload.message == "Cita jueves 3 de diciembre a las 11:00")
        // Booked 30 minutes before: only the 10-minute reminder.
        let late = orchestrator.plan(lead: lead, history: [], appointments: [appt], now: startsAt.addingTimeInterval(-1800))
        #expect(late.touches.map(\.step) == [202])
        // Rescheduled: queued reminders cancelled, follow-up 220 planned.
        var moved = appt
        moved.status = .rescheduled
        moved.outcome = .rescheduled
        let replan = orchestrator.plan(lead: lead, history: early.touches, appointments: [moved], now: Fixture.start.addingTimeInterval(3600))
        #expect(Set(replan.cancellations) == Set(early.touches.map(\.id)))
        #expect(replan.touches.map(\.step) == [220])
        // No-show → 210.
        var noShow = appt
        noShow.status = .noShow
        noShow.outcome = .noShow
        lead.state = .engaged
        #expect(orchestrator.plan(lead: lead, history: early.touches, appointments: [noShow], now: startsAt.addingTimeInterval(3600)).touches.map(\.step).contains(210))
    }

    @Test func clientDisallowedChannelIsSkipped() {
        var client = Fixture.client
        client.allowedChannels = [.email, .sms]
        let o = Orchestrator(playbook: book, client: client, campaignID: "c1")
        let plan = o.plan(lead: Fixture.lead(), history: [], appointments: [], now: Fixture.start)
        #expect(plan.touches.map(\.channel) == [.email])
        #expect(plan.touches[0].payload.kind == .fallback)
    }
}

@Suite("Appointments and throttle priority")
struct AppointmentsTests {
    @Test func bookRescheduleAndOutcomesMoveTheLead() throws {
        var lead = Fixture.lead()
        lead.state = .engaged
        let start = Date(timeIntervalSince1970: Double(Fixture.utc(2026, 12, 4, 11, zone: "America/Chicago")))
        let booked = try Appointments.book(id: "A1", lead: lead, campaign: "c", startsAt: start, channel: .voice, now: Fixture.start, defaultTimeZone: "America/New_York")
        #expect(booked.appointment.status == .scheduled && booked.appointment.timeZone == "America/Chicago")
        #expect(booked.stateChange?.to == .appointmentScheduled)
        lead.state = .appointmentScheduled
        let moved = try Appointments.record(.rescheduled, of: booked.appointment, lead: lead, now: Fixture.start, newStart: start.addingTimeInterval(86_400), newID: "A2")
        #expect(moved.appointment.status == .rescheduled && moved.replacement?.startsAt == start.addingTimeInterval(86_400))
        #expect(moved.stateChange == nil)
        // The orchestrator then cancels A1's reminders, queues A2's and follow-up 220.
        let o = Orchestrator(playbook: Fixture.playbook(channels: [.voice]), client: Fixture.client, campaignID: "c")
        let first = o.plan(lead: lead, history: [], appointments: [booked.appointment], now: Fixture.start)
        let replan = o.plan(lead: lead, history: first.touches, appointments: [moved.appointment, moved.replacement!], now: Fixture.start)
        #expect(first.touches.map(\.step) == [200, 201, 202])
        #expect(Set(replan.cancellations) == Set(first.touches.map(\.id)))
        #expect(replan.touches.map(\.step).sorted() == [200, 201, 202, 220])
        let noShow = try Appointments.record(.noShow, of: moved.replacement!, lead: lead, now: start)
        #expect(noShow.stateChange?.to == .engaged && noShow.appointment.status == .noShow)
        #expect(throws: LeadStateError.self) { try Appointments.record(.show, of: booked.appointment, lead: Fixture.lead(), now: start) }
    }

    @Test func throttleAdmitsRemindersThenEngagedThenByScore() {
        let candidates: [(String, TouchKind, LeadState, Int)] = [
            ("cold-high", .cadence, .attempting, 90), ("reminder", .reminder, .appointmentScheduled, 10),
            ("engaged", .cadence, .engaged, 20), ("cold-low", .cadence, .attempting, 30),
        ]
        let (admitted, deferred) = TouchPriority.admit(candidates, capacity: 3) { TouchPriority.key(kind: $0.1, state: $0.2, score: $0.3, dueAt: 0) }
        #expect(admitted.map(\.0) == ["reminder", "engaged", "cold-high"])
        #expect(deferred.map(\.0) == ["cold-low"])
    }
}
