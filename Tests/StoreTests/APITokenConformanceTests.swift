import Foundation
import RevenueCore
import Testing

/// Listing and revoking API tokens (`revasi token list|revoke`), on every store.
@Suite struct APITokenConformanceTests {
    @Test(arguments: StoreKind.testable)
    func listRevokeAndRevokedHashNoLongerResolves(kind: StoreKind) async throws {
        try await withStore(kind) { store async throws in
            let tokens = try #require(store as? any APITokenStore)
            try await tenantA.seed(store)
            try await tenantB.seed(store)
            let older = APIToken(id: "tok_old", orgID: tenantA.org, tokenHash: String(repeating: "1", count: 64), label: "cockpit", createdAt: t0)
            let newer = APIToken(id: "tok_new", orgID: tenantA.org, tokenHash: String(repeating: "2", count: 64), createdAt: t0.addingTimeInterval(60))
            let other = APIToken(id: "tok_other", orgID: tenantB.org, tokenHash: String(repeating: "3", count: 64), createdAt: t0)
            for t in [newer, other, older] { try await tokens.saveAPIToken(t) }

            #expect(try await tokens.apiTokens(org: tenantA.org) == [older, newer])
            #expect(try await tokens.apiTokens(org: tenantB.org) == [other])
            #expect(try await tokens.apiTokens(org: OrgID("nobody")).isEmpty)

            #expect(try await tokens.revokeAPIToken("tok_old", org: tenantA.org))
            #expect(try await tokens.apiToken(hash: older.tokenHash) == nil)
            #expect(try await tokens.apiTokens(org: tenantA.org) == [newer])
            #expect(try await tokens.apiToken(hash: newer.tokenHash) == newer)
            // Revoking twice, or an id that never existed, reports nothing revoked.
            #expect(try await tokens.revokeAPIToken("tok_old", org: tenantA.org) == false)
            #expect(try await tokens.revokeAPIToken("tok_missing", org: tenantA.org) == false)
        }
    }

    @Test(arguments: StoreKind.testable)
    func anotherOrgsTokenCannotBeRevoked(kind: StoreKind) async throws {
        try await withStore(kind) { store async throws in
            let tokens = try #require(store as? any APITokenStore)
            try await tenantA.seed(store)
            try await tenantB.seed(store)
            let b = APIToken(id: "tok_b", orgID: tenantB.org, tokenHash: String(repeating: "b", count: 64), createdAt: t0)
            try await tokens.saveAPIToken(b)
            #expect(try await tokens.revokeAPIToken("tok_b", org: tenantA.org) == false)
            #expect(try await tokens.apiToken(hash: b.tokenHash) == b)
            #expect(try await tokens.apiTokens(org: tenantB.org) == [b])
        }
    }
}
