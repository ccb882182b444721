import Foundation
import Hummingbird
import RevenueCore

extension APIRoutes {
    /// `POST /api/appointments` body.
    struct BookingRequest: APIRequestBody {
        var leadId: String
        var startsAt: Date
        /// IANA zone (`America/Chicago`).
        var zone: String
        /// Defaults to the lead's campaign.
        var campaignId: String?
        var channel: Channel?
        /// The lead's live appointment this one replaces: it is marked `rescheduled` once this one is booked.
        var reschedules: String?

        static let fields = ["lead_id", "starts_at", "zone", "campaign_id", "channel", "reschedules"]
        static func hint(for field: String) -> String? {
            field == "channel" ? "use one of \(Channel.allCases.map(\.rawValue).joined(separator: ", "))" : nil
        }
    }

    /// `POST /api/appointments/{id}/outcome` body.
    struct OutcomeRequest: APIRequestBody {
        var outcome: AppointmentOutcome

        static let fields = ["outcome"]
        static func hint(for field: String) -> String? {
            "use one of \(AppointmentOutcome.allCases.map(\.rawValue).joined(separator: ", "))"
        }
    }

    /// An appointment as the API answers it.
    struct AppointmentBody: Encodable {
        var appointment: Appointment
        var reminders: Int
        var followUps: Int
        var leadState: LeadState?
        /// Accepted but worth a look (a zone whose offset differs from the lead's); empty when none.
        var warnings: [String] = []
        /// The appointment this booking replaced (`reschedules`), when there was one.
        var rescheduled: String?
    }

    func book(_ request: Request) async throws -> Response {
        try APIQuery.check(request, accepts: [])
        let org = try await org(of: request)
        let body = try await APIJSON.decode(BookingRequest.self, from: request, limit: configuration.maxBodyBytes)
        guard let zone = AppointmentRules.zone(body.zone) else {
            throw APIError.badRequest("zone: not an IANA time zone; use a name like America/Chicago")
        }
        let now = services.now()
        if let refusal = AppointmentRules.startRefusal(body.startsAt, now: now) { throw APIError.badRequest(refusal) }
        let store = services.store
        guard let lead = try await store.lead(LeadID(body.leadId), org: org) else { throw APIError.notFound("lead") }
        guard let campaign = body.campaignId.map(CampaignID.init(rawValue:)) ?? lead.campaignID else {
            throw APIError.badRequest("campaign_id is required: the lead has no campaign")
        }
        guard try await store.campaign(campaign, org: org) != nil else { throw APIError.notFound("campaign") }
        let live = try await store.appointments(org: org, from: .distantPast, to: .distantFuture)
            .filter { $0.leadID == lead.id && $0.status == .scheduled }
        var replaced: Appointment?
        if let old = body.reschedules {
            guard let match = live.first(where: { $0.id.rawValue == old }) else {
                throw APIError.conflict("reschedules: not a scheduled appointment of this lead")
            }
            replaced = match
        } else if let existing = live.first {
            throw APIError.conflict(
                "the lead already has a scheduled appointment (\(existing.id.rawValue)); send \"reschedules\": \"\(existing.id.rawValue)\" to replace it, or set its outcome first")
        }
        let warnings = AppointmentRules.zoneWarnings(zone, leadZone: lead.timeZone, at: body.startsAt)
        let appointment = Appointment(
            id: AppointmentID("apt_" + UUID().uuidString.lowercased()), orgID: org, leadID: lead.id, campaignID: campaign,
            channel: body.channel, startsAt: body.startsAt, timeZone: body.zone)
        let plan = try await services.appointments.planBooking(appointment, lead: lead, now: now)
        try await store.createAppointment(appointment, notifications: plan.notifications, reminders: plan.reminders, org: org)
        if let replaced {
            // The old one no longer stands: its queued reminders are cancelled; the lead stays scheduled (the new booking).
            try await store.setAppointmentOutcome(
                replaced.id, org: org, status: .rescheduled, outcome: .rescheduled, followUps: [], leadState: nil, at: now)
        }
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
            AppointmentBody(
                appointment: appointment, reminders: plan.reminders.count, followUps: 0, leadState: written, warnings: warnings,
                rescheduled: replaced?.id.rawValue),
            status: .created)
    }

    func outcome(_ request: Request, appointment id: String) async throws -> Response {
        try APIQuery.check(request, accepts: [])
        let org = try await org(of: request)
        let body = try await APIJSON.decode(OutcomeRequest.self, from: request, limit: configuration.maxBodyBytes)
        let store = services.store
        guard var appointment = try await store.appointment(AppointmentID(id), org: org) else { throw APIError.notFound("appointment") }
        let now = services.now()
        if let refusal = AppointmentRules.outcomeRefusal(body.outcome, appointment: appointment, now: now) {
            throw appointment.status == .scheduled ? APIError.badRequest(refusal) : APIError.conflict(refusal)
        }
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
