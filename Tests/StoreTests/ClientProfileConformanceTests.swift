import Foundation
import RevenueCore
import Testing

/// The client profile and status, the shared link-signing secret and the pause filter of the claim, on every store.
@Suite struct ClientProfileConformanceTests {
    @Test(arguments: StoreKind.testable)
    func profileAndStatusRoundTrip(kind: StoreKind) async throws {
        try await withStore(kind) { store async throws in
            try await tenantA.seed(store)
            var client = try #require(try await store.client(tenantA.client, org: tenantA.org))
            #expect(client.profile == ClientProfile() && client.status == .active)
            client.profile = ClientProfile(
                agentName: "Sofía", phone: "+13055550100", address: "100 Calle Ocho", website: "https://sonrisa.example",
                bookingLink: "https://sonrisa.example/citas", rescheduleLink: "https://sonrisa.example/cambiar", brandName: "Sonrisa",
                businessHours: SendWindow(days: [.mon, .tue], startMinute: 540, endMinute: 1080))
            client.limits.perChannelPerHour = [.voice: 60, .sms: 200]
            client.status = .paused
            try await store.saveClient(client, org: tenantA.org)
            #expect(try await store.client(tenantA.client, org: tenantA.org) == client)
        }
    }

    @Test(arguments: StoreKind.testable)
    func theFirstCandidateSecretWinsForEveryone(kind: StoreKind) async throws {
        try await withStore(kind) { store async throws in
            let first = try await store.sharedSecret(named: "link-signing-key", candidate: "alpha", at: t0)
            let second = try await store.sharedSecret(named: "link-signing-key", candidate: "beta", at: t0)
            #expect(first == "alpha" && second == "alpha")
            #expect(try await store.sharedSecret(named: "other", candidate: "gamma", at: t0) == "gamma")
        }
    }

    @Test(arguments: StoreKind.testable)
    func pausedCampaignsAndClientsAreNotClaimedButConfirmationsAre(kind: StoreKind) async throws {
        try await withStore(kind) { store async throws in
            try await tenantA.seed(store)
            let lead = tenantA.lead(1)
            try await store.upsertLead(lead, org: tenantA.org)
            var confirmation = tenantA.touch(lead.id, step: 0)
            confirmation.id = TouchID("confirm-1")
            confirmation.idempotencyKey = "confirm-1"
            try await store.enqueue([tenantA.touch(lead.id, step: 1), confirmation], org: tenantA.org)
            let lease = Lease(owner: "d", duration: .seconds(30))
            var campaign = try #require(try await store.campaign(tenantA.campaign, org: tenantA.org))
            campaign.status = .paused
            try await store.saveCampaign(campaign, org: tenantA.org)
            let claimed = try await store.claimDue(org: tenantA.org, now: t0.addingTimeInterval(3600), limit: 10, lease: lease)
            #expect(claimed.map(\.step) == [0], "only the compliance confirmation goes while paused")

            campaign.status = .active
            try await store.saveCampaign(campaign, org: tenantA.org)
            var client = try #require(try await store.client(tenantA.client, org: tenantA.org))
            client.status = .paused
            try await store.saveClient(client, org: tenantA.org)
            #expect(try await store.claimDue(org: tenantA.org, now: t0.addingTimeInterval(3600), limit: 10, lease: lease).isEmpty)

            client.status = .active
            try await store.saveClient(client, org: tenantA.org)
            #expect(try await store.claimDue(org: tenantA.org, now: t0.addingTimeInterval(3600), limit: 10, lease: lease).map(\.step) == [1])
        }
    }
}
