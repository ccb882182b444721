import Foundation
import RevenueCore
import Runtime
import Testing

/// What a running daemon sees when a strategist publishes a version or changes a client's rules.
@Suite struct CampaignDirectoryTests {
    @Test func newestVersionIsLookedUpEachTimeAndClientRulesRefresh() async throws {
        let h = try await RuntimeHarness(leads: 0)
        defer { h.cleanup() }
        let org = RuntimeHarness.org, campaign = RuntimeHarness.campaign
        let fresh = CampaignDirectory(store: h.store, refreshSeconds: 0)
        let cached = CampaignDirectory(store: h.store, refreshSeconds: 3600)
        let v1 = try await fresh.context(org: org, campaign: campaign, playbookHash: nil).orchestrator.playbook.contentHash
        _ = try await cached.context(org: org, campaign: campaign, playbookHash: nil)

        let v2 = PlaybookMigrationTests.secondVersion()
        try await PlaybookMigrationTests.store(v2, version: 2, in: h)
        #expect(try await fresh.context(org: org, campaign: campaign, playbookHash: nil).orchestrator.playbook.contentHash == v2.contentHash)
        #expect(try await cached.context(org: org, campaign: campaign, playbookHash: nil).orchestrator.playbook.contentHash == v2.contentHash,
                "a new version is used at once, whatever the refresh interval")
        #expect(try await cached.context(org: org, campaign: campaign, playbookHash: v1).orchestrator.playbook.contentHash == v1)

        var client = try #require(try await h.store.client(ClientID("client-rt"), org: org))
        client.limits.touchesPerHour = 7
        try await h.store.saveClient(client, org: org)
        #expect(try await fresh.context(org: org, campaign: campaign, playbookHash: v1).client.limits.touchesPerHour == 7)
        #expect(try await cached.context(org: org, campaign: campaign, playbookHash: v1).client.limits.touchesPerHour == nil,
                "until the refresh interval passes")
    }
}
