import Foundation
import RevenueCore
import Testing

/// Pause, resume and archive on every store: the claim honours them, nothing queued is lost, archive cancels.
@Suite struct CampaignControlConformanceTests {
    static let lease = Lease(owner: "dispatcher-1", duration: .seconds(60))

    static func event(_ message: String) -> CoreMemoryEvent {
        CoreMemoryEvent(engine: "operator", orgID: tenantA.org, campaignID: tenantA.campaign, message: message, at: t0)
    }

    @Test(arguments: StoreKind.testable)
    func pauseStopsClaimingResumeRestoresArchiveCancels(kind: StoreKind) async throws {
        try await withStore(kind) { store async throws in
            let controls = try #require(store as? any CampaignControlStore)
            try await tenantA.seed(store)
            try await tenantB.seed(store)
            let leads = [tenantA.lead(1), tenantA.lead(2)]
            for lead in leads { try await store.upsertLead(lead, org: tenantA.org) }
            let leadB = tenantB.lead(1)
            try await store.upsertLead(leadB, org: tenantB.org)
            try await store.enqueue(leads.flatMap { lead in (1...2).map { tenantA.touch(lead.id, step: $0, due: t0.addingTimeInterval(Double($0))) } }, org: tenantA.org)
            try await store.enqueue([tenantB.touch(leadB.id, step: 1)], org: tenantB.org)
            let later = t0.addingTimeInterval(3600)

            // Paused: nothing of the campaign is claimed, and its touches stay queued.
            try await controls.setCampaignStatus(tenantA.campaign, org: tenantA.org, to: .paused, cancellingQueued: nil, event: Self.event("paused"))
            #expect(try await store.claimDue(org: tenantA.org, now: later, limit: 10, lease: Self.lease).isEmpty)
            #expect(try await store.campaign(tenantA.campaign, org: tenantA.org)?.status == .paused)
            #expect(try await controls.campaignCounts(tenantA.campaign, org: tenantA.org).touches == [.queued: 4])
            #expect(try await store.claimDue(org: tenantB.org, now: later, limit: 10, lease: Self.lease).count == 1, "another org is not paused")

            // Resumed: every queued touch is claimable again.
            try await controls.setCampaignStatus(tenantA.campaign, org: tenantA.org, to: .active, cancellingQueued: nil, event: Self.event("resumed"))
            let claimed = try await store.claimDue(org: tenantA.org, now: later, limit: 1, lease: Self.lease)
            #expect(claimed.count == 1)

            // A client-wide pause stops the campaign the same way.
            var client = try #require(try await store.client(tenantA.client, org: tenantA.org))
            client.status = .paused
            try await store.saveClient(client, org: tenantA.org)
            #expect(try await store.claimDue(org: tenantA.org, now: later, limit: 10, lease: Self.lease).isEmpty)
            client.status = .active
            try await store.saveClient(client, org: tenantA.org)

            // Archived: the queued touches are cancelled with the reason, the one being sent is left to finish.
            let cancelled = try await controls.setCampaignStatus(
                tenantA.campaign, org: tenantA.org, to: .archived, cancellingQueued: "campaign archived", event: Self.event("archived"))
            #expect(cancelled == 3)
            let counts = try await controls.campaignCounts(tenantA.campaign, org: tenantA.org)
            #expect(counts.touches == [.cancelled: 3, .sending: 1])
            #expect(counts.leads == [.new: 2])
            #expect(counts.leadsByPlaybookHash == ["abc123": 2])
            let touches = try await store.touches(lead: leads[1].id, org: tenantA.org)
            #expect(touches.allSatisfy { $0.status == .cancelled && $0.error == "campaign archived" })
            #expect(try await store.claimDue(org: tenantA.org, now: later.addingTimeInterval(3600), limit: 10, lease: Self.lease).isEmpty)
            #expect(try await controls.campaignCounts(tenantB.campaign, org: tenantB.org).touches == [.sending: 1])

            let events = try await store.coreEvents(org: tenantA.org, engine: "operator", limit: 10)
            #expect(events.map(\.message) == ["archived", "resumed", "paused"])
            #expect(events.allSatisfy { $0.campaignID == tenantA.campaign })
        }
    }

    @Test(arguments: StoreKind.testable)
    func anUnknownOrForeignCampaignIsNotFoundAndWritesNothing(kind: StoreKind) async throws {
        try await withStore(kind) { store async throws in
            let controls = try #require(store as? any CampaignControlStore)
            try await tenantA.seed(store)
            try await tenantB.seed(store)
            await #expect(throws: StoreError.self) {
                try await controls.setCampaignStatus(tenantB.campaign, org: tenantA.org, to: .paused, cancellingQueued: nil, event: Self.event("x"))
            }
            #expect(try await store.campaign(tenantB.campaign, org: tenantB.org)?.status == .active)
            #expect(try await store.coreEvents(org: tenantA.org, engine: "operator", limit: 10).isEmpty)
        }
    }
}
