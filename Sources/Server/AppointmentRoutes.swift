import Foundation
import Hummingbird
import RevenueCore

extension APIRoutes {
    /// `POST /api/appointments` body.
    struct BookingRequest: Decodable {
        var leadId: String
        var startsAt: Date
        /// IANA zone (`America/Chicago`).
        var zone: String
        /// Defaults to the lead's campaign.
        var campaignId: String?
        var channel: Channel?
    }

    /// `POST /api/appointments/{id}/outcome` body.
    struct OutcomeRequest: Decodable {
        var outcome: AppointmentOutcome
    }

    /// An appointment as the API answers it.
    struct AppointmentBody: Encodable {
        var appointment: Appointment
        var reminders: Int
        var followUps: Int
        var leadState: LeadState?
    }

    func book(_ request: Request) async throws -> Response {
        let org = try await org(of: request)
        let body = try await APIJSON.decode(BookingRequest.self, from: request, limit: configuration.maxBodyBytes)
        guard TimeZone(identifier: body.zone) != nil else { throw APIError.badRequest("zone is not an IANA time zone") }
        let store = services.store
        guard let lead = try await store.lead(LeadID(body.leadId), org: org) else { throw APIError.notFound("lead") }
        guard let campaign = body.campaignId.map(CampaignID.init(rawValue:)) ?? lead.campaignID else {
            throw APIError.badRequest("campaign_id is required: the lead has no campaign")
        }
        guard try await store.campaign(campaign, org: org) != nil else { throw APIError.notFound("campaign") }
        let now = services.now()
        let appointment = Appointment(
            id: AppointmentID("apt_" + UUID().uuidString.lowercased()), orgID: org, leadID: lead.id, campaignID: campaign,
            channel: body.channel, startsAt: body.startsAt, timeZone: body.zone)
        let plan = try await services.appointments.planBooking(appointment, lead: lead, now: now)
        try await store.createAppointment(appointment, notifications: plan.notifications, reminders: plan.reminders, org: org)
        var written = plan.leadState?.to
        if var change = plan.leadState, change.to != lead.state {
            change.expected = lead.state
            do {
                try await store.updateLeadState(change, org: org, at: now)
            } catch let lost as StoreError where lost.isConflict {
                // Moved meanwhile (an opt-out on another daemon): the booking stands, the newer state wins.
                written = try await store.lead(lead.id, org: org)?.state
            }
        }
        return try APIJSON.response(
            AppointmentBody(appointment: appointment, reminders: plan.reminders.count, followUps: 0, leadState: written),
            status: .created)
    }

    func outcome(_ request: Request, appointment id: String) async throws -> Response {
        let org = try await org(of: request)
        let body = try await APIJSON.decode(OutcomeRequest.self, from: request, limit: configuration.maxBodyBytes)
        let store = services.store
        guard var appointment = try await store.appointment(AppointmentID(id), org: org) else { throw APIError.notFound("appointment") }
        let now = services.now()
        // The lead's change is a compare-and-set: when another daemon moved the lead meanwhile, read and plan again.
        var attempt = 0
        var plan: OutcomePlan
        while true {
            guard let lead = try await store.lead(appointment.leadID, org: org) else { throw APIError.notFound("lead") }
            plan = try await services.appointments.planOutcome(body.outcome, appointment: appointment, lead: lead, now: now)
            let change = plan.leadState.flatMap { $0.to == lead.state ? nil : $0 }
            do {
                try await store.setAppointmentOutcome(
                    appointment.id, org: org, status: plan.status, outcome: body.outcome, followUps: plan.followUps, leadState: change, at: now)
                break
            } catch let lost as StoreError where lost.isConflict && attempt < 2 {
                attempt += 1
            }
        }
        appointment.status = plan.status
        appointment.outcome = body.outcome
        return try APIJSON.response(
            AppointmentBody(appointment: appointment, reminders: 0, followUps: plan.followUps.count, leadState: plan.leadState?.to))
    }
}
