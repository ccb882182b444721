import Foundation
import RevenueCore

/// Reminder and follow-up timing for appointments: reminders at exactly their offsets before the
/// start (24 h / 1 h / 10 m by default), none already past, none after the start.
public enum AppointmentPlanner {
    /// One reminder to queue: its step and instant (UTC seconds).
    public struct Reminder: Sendable, Hashable {
        public var step: StepID
        public var at: Int
    }

    /// The reminders to queue for an appointment starting at `start`, booked at `now`.
    public static func reminders(startsAt start: Int, now: Int, plan: CadencePlan) -> [Reminder] {
        plan.reminders.compactMap { r in
            let at = start - r.beforeSeconds
            return at >= now && at < start ? Reminder(step: r.step, at: at) : nil
        }
    }

    /// The follow-up step for an appointment outcome, and when it is due (`end` + the step's wait).
    public static func followUp(for outcome: AppointmentOutcome, endedAt end: Int, plan: CadencePlan, zone: ZoneRules) -> (step: StepID, at: Int)? {
        guard let step = plan.playbook.followUp(for: outcome) else { return nil }
        return (step.id, ComplianceScheduler.earliest(after: step.wait, from: end, zone: zone))
    }

    /// The lead trigger an appointment outcome fires.
    public static func trigger(for outcome: AppointmentOutcome) -> LeadTrigger {
        switch outcome {
        case .show: .appointmentShow
        case .noShow: .appointmentNoShow
        case .rescheduled: .appointmentRescheduled
        case .cancelled: .appointmentCancelled
        case .unqualified: .disqualified
        }
    }

    /// The appointment status an outcome leaves.
    public static func status(for outcome: AppointmentOutcome) -> AppointmentStatus {
        switch outcome {
        case .show, .unqualified: .completed
        case .noShow: .noShow
        case .rescheduled: .rescheduled
        case .cancelled: .cancelled
        }
    }
}
