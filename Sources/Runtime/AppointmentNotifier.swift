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
    let logger: Logger

    public init(store: any Store, directory: CampaignDirectory, logger: Logger) {
        self.logger = logger
        self.store = store
        self.directory = directory
        events = EventRecorder(store: store, logger: logger)
    }

    /// What booking `appointment` causes: its reminders (steps 200/201/202 from the pinned
    /// playbook), their notification rows and the lead's new state. Writes nothing.
    public func planBooking(_ appointment: Appointment, lead: Lead, now: Date) async throws -> BookingChanges {
        let org = appointment.orgID
        let (history, context) = try await pinned(appointment, lead: lead)
        var booked = lead
        if let to = try? LeadStateMachine.transition(from: lead.state, on: .booked) { booked.state = to }
        let plan = context.orchestrator.plan(lead: booked, history: history, appointments: [appointment], now: now)
        let reminders = plan.touches.filter { $0.appointmentID == appointment.id }
        let notifications = reminders.map {
            AppointmentNotification(id: "\(appointment.id.rawValue)-\($0.step)", orgID: org, appointmentID: appointment.id, step: $0.step,
                                    remindAt: $0.scheduledAt, touchID: $0.id)
        }
        let change = booked.state == lead.state ? nil : LeadStateChange(leadID: lead.id, to: booked.state, reason: "appointment booked", expected: lead.state)
        return BookingChanges(notifications: notifications, reminders: reminders, leadState: change)
    }

    /// Stores the appointment with its reminders and moves the lead to appointment_scheduled.
    public func book(_ appointment: Appointment, now: Date) async throws {
        let org = appointment.orgID
        guard let lead = try await store.lead(appointment.leadID, org: org) else { throw RuntimeError("lead_missing", "lead not found") }
        let changes = try await planBooking(appointment, lead: lead, now: now)
        try await store.createAppointment(appointment, notifications: changes.notifications, reminders: changes.reminders, org: org)
        if let change = changes.leadState {
            do {
                try await store.updateLeadState(change, org: org, at: now)
            } catch let lost as StoreError where lost.isConflict {
                // The lead moved meanwhile (an opt-out on another daemon): the booking stands, the state it had wins.
                logger.debug("lead state moved before the booking's change", metadata: ["lead.id": "\(lead.id.rawValue)"])
            }
        }
        await events.record(engine: "appointments", org: org, campaign: appointment.campaignID, lead: lead.id, appointment: appointment.id,
                            "appointment booked; \(changes.reminders.count) reminders queued", at: now)
    }

    /// The lead's touch history and the playbook version it is pinned to in the appointment's campaign.
    private func pinned(_ appointment: Appointment, lead: Lead) async throws -> ([TouchRun], CampaignContext) {
        let history = try await store.touches(lead: lead.id, org: appointment.orgID)
        let hash = history.last(where: { $0.campaignID == appointment.campaignID })?.playbookHash
        return (history, try await directory.context(org: appointment.orgID, campaign: appointment.campaignID, playbookHash: hash))
    }

    /// What `outcome` causes: the appointment's status, follow-ups (210/220) and the lead's new
    /// state. Writes nothing.
    public func planOutcome(_ outcome: AppointmentOutcome, appointment: Appointment, lead: Lead, now: Date) async throws -> OutcomeChanges {
        var appointment = appointment
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
        let (history, context) = try await pinned(appointment, lead: lead)
        var after = lead
        if let to = try? LeadStateMachine.transition(from: lead.state, on: trigger) { after.state = to }
        let plan = context.orchestrator.plan(lead: after, history: history, appointments: [appointment], now: now)
        let followUps = plan.touches.filter { $0.appointmentID == appointment.id && $0.payload.kind == .followUp }
        let change = after.state == lead.state ? nil : LeadStateChange(leadID: lead.id, to: after.state, reason: "appointment \(outcome.rawValue)", expected: lead.state)
        return OutcomeChanges(status: appointment.status, followUps: followUps, leadState: change)
    }

    /// Records the appointment's outcome with its follow-up touches and the lead's state change.
    /// The lead's state change is a compare-and-set: when the lead moved meanwhile, it is read and planned again.
    public func setOutcome(_ id: AppointmentID, org: OrgID, outcome: AppointmentOutcome, now: Date) async throws {
        guard let appointment = try await store.appointment(id, org: org) else { throw RuntimeError("appointment_missing", "appointment not found") }
        var attempt = 0
        var lead: Lead
        var changes: OutcomeChanges
        while true {
            guard let read = try await store.lead(appointment.leadID, org: org) else { throw RuntimeError("lead_missing", "lead not found") }
            lead = read
            changes = try await planOutcome(outcome, appointment: appointment, lead: lead, now: now)
            do {
                try await store.setAppointmentOutcome(
                    id, org: org, status: changes.status, outcome: outcome, followUps: changes.followUps, leadState: changes.leadState, at: now)
                break
            } catch let lost as StoreError where lost.isConflict && attempt < 2 {
                attempt += 1
            }
        }
        await events.record(engine: "appointments", org: org, campaign: appointment.campaignID, lead: lead.id, appointment: id,
                            "appointment \(outcome.rawValue); \(changes.followUps.count) follow-ups queued", at: now)
    }
}

/// What booking an appointment writes: reminder touches, their notification rows, the lead's state.
public struct BookingChanges: Sendable, Hashable {
    public var notifications: [AppointmentNotification]
    public var reminders: [TouchRun]
    public var leadState: LeadStateChange?
}

/// What an appointment outcome writes: the status, follow-up touches, the lead's state.
public struct OutcomeChanges: Sendable, Hashable {
    public var status: AppointmentStatus
    public var followUps: [TouchRun]
    public var leadState: LeadStateChange?
}
