import Foundation
import RevenueCore

/// A fixed instant on a whole second (both stores keep at least millisecond precision).
let t0 = Date(timeIntervalSince1970: 1_790_000_000)

/// Ids of one seeded org: its client and campaign are prefixed with the org so ids stay unique.
struct Tenant: Sendable {
    let org: OrgID
    var client: ClientID { ClientID("\(org)-client") }
    var campaign: CampaignID { CampaignID("\(org)-campaign") }
    var campaignName: String { "Spring \(org)" }

    init(_ org: OrgID) { self.org = org }

    /// Creates the org, a client and an active campaign.
    func seed(_ store: any Store) async throws {
        try await store.saveOrg(Org(id: org, name: "Org \(org)", createdAt: t0))
        try await store.saveClient(
            Client(id: client, orgID: org, name: "Dealer", timeZone: "America/New_York", allowedChannels: [.voice, .sms],
                   tone: "formal", limits: ClientLimits(touchesPerLeadPerDay: 3), createdAt: t0),
            org: org)
        try await store.saveCampaign(
            Campaign(id: campaign, orgID: org, clientID: client, name: campaignName, playbookID: "auto-es", niche: "auto",
                     offer: "0 down", geography: "FL", monthlyAppointmentTarget: 15, status: .active, createdAt: t0),
            org: org)
    }

    /// A lead with a phone and e-mail derived from `n`.
    func lead(_ n: Int, phone: String? = nil, email: String? = nil, name: String? = nil) -> Lead {
        Lead(
            id: LeadID("\(org)-lead-\(n)"), orgID: org, name: name, companyName: "Company \(n)",
            phone: phone ?? String(format: "+1305555%04d", n), phoneLineType: .mobile,
            email: email ?? "lead\(n)@example.com", state: .new, createdAt: t0.addingTimeInterval(Double(n)), campaignID: campaign)
    }

    /// A queued touch for `lead` at step `step`, due at `due`.
    func touch(_ lead: LeadID, step: Int, due: Date = t0, channel: Channel = .sms, attempt: Int = 0, campaign: CampaignID? = nil) -> TouchRun {
        let campaign = campaign ?? self.campaign
        let key = IdempotencyKey.make(lead: lead, campaign: campaign, playbookHash: "abc123", step: step, attempt: attempt)
        return TouchRun(
            id: TouchID("t-\(key)"), orgID: org, leadID: lead, campaignID: campaign, channel: channel, step: step,
            scheduledAt: due,
            payload: TouchPayload(message: "Hola", template: "intro", reason: "cadence step \(step)", kind: .cadence, language: .es),
            attempt: attempt, idempotencyKey: key, playbookHash: "abc123")
    }
}

let tenantA = Tenant("org-a")
let tenantB = Tenant("org-b")
