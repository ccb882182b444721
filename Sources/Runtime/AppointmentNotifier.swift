import Engine
import Foundation
import Logging
import RevenueCore

/// Books appointments and records their outcomes with the touches they cause: reminders (steps
/// 200/201/202) when booked, follow-ups (210/220) when the outcome is known. What the API calls.
public struct AppointmentNotifier: Sendable {
    let store: any Store
    let directory: CampaignDirectory
    let events: EventRecorder

    public init(store: any Store, directory: CampaignDirectory, logger: Logger) {
        self.store = store
        self.directory = directory
        events = EventRecorder(store: store, logger: logger)
    }

    /// Stores the appointment with its reminders and moves the lead to appointment_scheduled.
    public func book(_ appointment: Appointment, now: Date) async throws {
        let org = appointment.orgID
        guard let lead = try await store.lead(appointment.leadID, org: org) else { throw RuntimeError("lead_missing", "lead not found") }
        let history = try await store.touches(lead: lead.id, org: org)
        let hash = history.last(where: { $0.campaignID == appointment.campaignID })?.playbookHash
        let context = try await directory.context(org: org, campaign: appointment.campaignID, playbookHash: hash)
        var booked = lead
        if let to = try? LeadStateMachine.transition(from: lead.state, on: .booked) { booked.state = to }
        let plan = context.orchestrator.plan(lead: booked, history: history, appointments: [appointment], now: now)
        let reminders = plan.touches.filter { $0.appointmentID == appointment.id }
        let notifications = reminders.map {
            AppointmentNotification(id: "\(appointment.id.rawValue)-\($0.step)", orgID: org, appointmentID: appointment.id, step: $0.step,
                                    remindAt: $0.scheduledAt, touchID: $0.id)
        }
        try await store.createAppointment(appointment, notifications: notifications, reminders: reminders, org: org)
        if booked.state != lead.state {
            try await store.updateLeadState(LeadStateChange(leadID: lead.id, to: booked.state, reason: "appointment booked"), org: org, at: now)
        }
        await events.record(engine: "appointments", org: org, campaign: appointment.campaignID, lead: lead.id, appointment: appointment.id,
                            "appointment booked; \(reminders.count) reminders queued", at: now)
    }

    /// Records the appointment's outcome with its follow-up touches and the lead's state change.
    public func setOutcome(_ id: AppointmentID, org: OrgID, outcome: AppointmentOutcome, now: Date) async throws {
        guard var appointment = try await store.appointment(id, org: org) else { throw RuntimeError("appointment_missing", "appointment not found") }
        guard let lead = try await store.lead(appointment.leadID, org: org) else { throw RuntimeError("lead_missing", "lead not found") }
        appointment.outcome = outcome
        appointment.status = switch outcome {
        case .show: .completed
        case .noShow: .noShow
        case .rescheduled: .rescheduled
        case .unqualified, .cancelled: .cancelled
        }
        let trigger: LeadTrigger = switch outcome {
        case .show: .appointmentShow
        case .noShow: .appointmentNoShow
        case .rescheduled: .appointmentRescheduled
        case .cancelled: .appointmentCancelled
        case .unqualified: .disqualified
        }
        let history = try await store.touches(lead: lead.id, org: org)
        let hash = history.last(where: { $0.campaignID == appointment.campaignID })?.playbookHash
        let context = try await directory.context(org: org, campaign: appointment.campaignID, playbookHash: hash)
        var after = lead
        if let to = try? LeadStateMachine.transition(from: lead.state, on: trigger) { after.state = to }
        let plan = context.orchestrator.plan(lead: after, history: history, appointments: [appointment], now: now)
        let followUps = plan.touches.filter { $0.appointmentID == id && $0.payload.kind == .followUp }
        try await store.setAppointmentOutcome(
            id, org: org, status: appointment.status, outcome: outcome, followUps: followUps,
            leadState: after.state == lead.state ? nil : LeadStateChange(leadID: lead.id, to: after.state, reason: "appointment \(outcome.rawValue)"),
            at: now)
        await events.record(engine: "appointments", org: org, campaign: appointment.campaignID, lead: lead.id, appointment: id,
                            "appointment \(outcome.rawValue); \(followUps.count) follow-ups queued", at: now)
    }
}
