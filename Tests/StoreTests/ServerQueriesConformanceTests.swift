import Foundation
import RevenueCore
import Testing

/// API tokens and queue counts (the HTTP server's queries), on every store.
@Suite struct ServerQueriesConformanceTests {
    @Test(arguments: StoreKind.testable)
    func tokensResolveByHashToTheirOrgOnly(kind: StoreKind) async throws {
        try await withStore(kind) { store async throws in
            let tokens = try #require(store as? any APITokenStore)
            try await tenantA.seed(store)
            try await tenantB.seed(store)
            let a = APIToken(id: "tok_a", orgID: tenantA.org, tokenHash: String(repeating: "a", count: 64), label: "cockpit", createdAt: t0)
            let b = APIToken(id: "tok_b", orgID: tenantB.org, tokenHash: String(repeating: "b", count: 64), createdAt: t0)
            try await tokens.saveAPIToken(a)
            try await tokens.saveAPIToken(b)
            #expect(try await tokens.apiToken(hash: a.tokenHash) == a)
            #expect(try await tokens.apiToken(hash: b.tokenHash)?.orgID == tenantB.org)
            #expect(try await tokens.apiToken(hash: String(repeating: "c", count: 64)) == nil)
            await #expect(throws: StoreError.self) { try await tokens.saveAPIToken(APIToken(id: "tok_c", orgID: tenantA.org, tokenHash: a.tokenHash, createdAt: t0)) }
        }
    }

    @Test(arguments: StoreKind.testable)
    func queueCountsGroupByChannelAndStatusPerOrg(kind: StoreKind) async throws {
        try await withStore(kind) { store async throws in
            let stats = try #require(store as? any QueueStatsStore)
            try await tenantA.seed(store)
            try await tenantB.seed(store)
            let lead = tenantA.lead(1)
            try await store.upsertLead(lead, org: tenantA.org)
            let leadB = tenantB.lead(1)
            try await store.upsertLead(leadB, org: tenantB.org)
            try await store.enqueue([
                tenantA.touch(lead.id, step: 1), tenantA.touch(lead.id, step: 2), tenantA.touch(lead.id, step: 3, channel: .email),
            ], org: tenantA.org)
            try await store.enqueue([tenantB.touch(leadB.id, step: 1)], org: tenantB.org)
            #expect(try await stats.queueCounts(org: tenantA.org) == [
                QueueCount(channel: .email, status: .queued, count: 1), QueueCount(channel: .sms, status: .queued, count: 2),
            ])
            #expect(try await stats.queueCounts(org: nil).map(\.count).reduce(0, +) == 4)
        }
    }
}
