import Foundation
import RevenueCore
import Runtime
import Server

/// The server's appointment hook backed by the runtime's engine planning: booking through the API
/// queues reminders 200/201/202, an outcome queues follow-ups 210/220 (the executable is the one
/// place that knows both the Server and the Runtime).
struct EngineAppointmentPlanning: AppointmentPlanning {
    let notifier: AppointmentNotifier

    func planBooking(_ appointment: Appointment, lead: Lead, now: Date) async throws -> BookingPlan {
        let changes = try await notifier.planBooking(appointment, lead: lead, now: now)
        return BookingPlan(notifications: changes.notifications, reminders: changes.reminders, leadState: changes.leadState)
    }

    func planOutcome(_ outcome: AppointmentOutcome, appointment: Appointment, lead: Lead, now: Date) async throws -> OutcomePlan {
        let changes = try await notifier.planOutcome(outcome, appointment: appointment, lead: lead, now: now)
        return OutcomePlan(status: changes.status, followUps: changes.followUps, leadState: changes.leadState)
    }
}
