import Foundation
import RevenueCore

/// Booking, rescheduling and outcomes as values: each returns the appointment(s) to store and the
/// lead's state change; `Orchestrator.plan` then queues or cancels the reminders and follow-ups.
public enum Appointments {
    /// What a booking or outcome changed.
    public struct Change: Sendable, Hashable {
        /// The appointment as it now stands (the old one, for a reschedule).
        public var appointment: Appointment
        /// The new appointment of a reschedule.
        public var replacement: Appointment?
        public var stateChange: StateChange?
    }

    /// Books an appointment starting at `startsAt` in the lead's zone; the lead moves to `appointment_scheduled`.
    public static func book(
        id: AppointmentID, lead: Lead, campaign: CampaignID, startsAt: Date, channel: Channel?, now: Date, defaultTimeZone: String
    ) throws(LeadStateError) -> Change {
        let to = try LeadStateMachine.transition(from: lead.state, on: .booked)
        let appointment = Appointment(id: id, orgID: lead.orgID, leadID: lead.id, campaignID: campaign, channel: channel,
                                      startsAt: startsAt, timeZone: lead.timeZone ?? defaultTimeZone)
        return Change(appointment: appointment, replacement: nil,
                      stateChange: to == lead.state ? nil : StateChange(leadID: lead.id, from: lead.state, to: to, at: now, trigger: .booked))
    }

    /// Records an appointment outcome. `rescheduled` needs the new start and id: the old appointment
    /// is closed (its reminders get cancelled) and a new one replaces it (with its own reminders).
    public static func record(
        _ outcome: AppointmentOutcome, of appointment: Appointment, lead: Lead, now: Date, newStart: Date? = nil, newID: AppointmentID? = nil
    ) throws(LeadStateError) -> Change {
        let trigger = AppointmentPlanner.trigger(for: outcome)
        let to = try LeadStateMachine.transition(from: lead.state, on: trigger)
        var closed = appointment
        closed.status = AppointmentPlanner.status(for: outcome)
        closed.outcome = outcome
        var replacement: Appointment?
        if outcome == .rescheduled, let newStart, let newID {
            replacement = Appointment(id: newID, orgID: appointment.orgID, leadID: appointment.leadID, campaignID: appointment.campaignID,
                                      channel: appointment.channel, startsAt: newStart, timeZone: appointment.timeZone)
        }
        return Change(appointment: closed, replacement: replacement,
                      stateChange: to == lead.state ? nil : StateChange(leadID: lead.id, from: lead.state, to: to, at: now, trigger: trigger))
    }
}
