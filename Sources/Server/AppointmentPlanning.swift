import Foundation
import RevenueCore

/// What booking an appointment writes besides the appointment: reminders (steps 200/201/202) and the lead's state.
public struct BookingPlan: Sendable, Hashable {
    public var notifications: [AppointmentNotification]
    public var reminders: [TouchRun]
    public var leadState: LeadStateChange?
    public init(notifications: [AppointmentNotification] = [], reminders: [TouchRun] = [], leadState: LeadStateChange?) {
        self.notifications = notifications
        self.reminders = reminders
        self.leadState = leadState
    }
}

/// What an appointment outcome writes: follow-ups (210/220), the appointment's status and the lead's state.
public struct OutcomePlan: Sendable, Hashable {
    public var status: AppointmentStatus
    public var followUps: [TouchRun]
    public var leadState: LeadStateChange?
    public init(status: AppointmentStatus, followUps: [TouchRun] = [], leadState: LeadStateChange?) {
        self.status = status
        self.followUps = followUps
        self.leadState = leadState
    }
}

/// The hook the runtime fills with the engine's appointment planner (playbook-driven reminders and
/// follow-ups). The server only stores what it returns, in one transaction.
public protocol AppointmentPlanning: Sendable {
    /// Reminders and the lead's state change for a new appointment.
    func planBooking(_ appointment: Appointment, lead: Lead, now: Date) async throws -> BookingPlan
    /// Follow-ups, status and the lead's state change for `outcome`.
    func planOutcome(_ outcome: AppointmentOutcome, appointment: Appointment, lead: Lead, now: Date) async throws -> OutcomePlan
}

/// Stores appointments and moves lead states as the state machine does, but plans no reminder or
/// follow-up touches: what the server uses until the runtime passes the engine-backed planner.
public struct NoAppointmentPlanning: AppointmentPlanning {
    public init() {}

    public func planBooking(_ appointment: Appointment, lead: Lead, now: Date) async throws -> BookingPlan {
        BookingPlan(leadState: LeadStateChange(leadID: lead.id, to: .appointmentScheduled, reason: "appointment booked"))
    }

    public func planOutcome(_ outcome: AppointmentOutcome, appointment: Appointment, lead: Lead, now: Date) async throws -> OutcomePlan {
        OutcomePlan(status: Self.status(for: outcome), leadState: Self.leadState(for: outcome, lead: lead.id))
    }

    /// The appointment status an outcome leaves (the engine's `AppointmentPlanner.status(for:)`).
    public static func status(for outcome: AppointmentOutcome) -> AppointmentStatus {
        switch outcome {
        case .show, .unqualified: .completed
        case .noShow: .noShow
        case .rescheduled: .rescheduled
        case .cancelled: .cancelled
        }
    }

    /// The lead state an outcome moves to (the engine's lead state machine from `appointment_scheduled`).
    public static func leadState(for outcome: AppointmentOutcome, lead: LeadID) -> LeadStateChange {
        let reason = "appointment outcome \(outcome.rawValue)"
        switch outcome {
        case .show: return LeadStateChange(leadID: lead, to: .appointmentCompleted, reason: reason)
        case .noShow, .cancelled: return LeadStateChange(leadID: lead, to: .engaged, reason: reason)
        case .rescheduled: return LeadStateChange(leadID: lead, to: .appointmentScheduled, reason: reason)
        case .unqualified: return LeadStateChange(leadID: lead, to: .unqualified, reason: reason)
        }
    }
}
