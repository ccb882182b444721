import Foundation
import Hummingbird
import HummingbirdTesting
import RevenueCore
import Server
import Testing

/// `revasi token revoke`: a revoked token is refused by the running server at once, over real loopback HTTP.
@Suite struct TokenRevocationTests {
    @Test func revokedTokenGets401AtOnceAndOtherTokensKeepWorking() async throws {
        let fixture = try await Fixture.make()
        let app = Application(router: fixture.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            try await client.execute(uri: "/api/leads", method: .get, headers: .bearer(fixture.tokenA)) { response in
                #expect(response.status == .ok)
            }
            let tokenA = try #require(try await fixture.store.apiTokens(org: Fixture.orgA).first)
            // Org B cannot revoke org A's token: it keeps working.
            #expect(try await fixture.store.revokeAPIToken(tokenA.id, org: Fixture.orgB) == false)
            try await client.execute(uri: "/api/leads", method: .get, headers: .bearer(fixture.tokenA)) { response in
                #expect(response.status == .ok)
            }
            // Revoked while the server runs: the very next request is refused, with the documented JSON error.
            #expect(try await fixture.store.revokeAPIToken(tokenA.id, org: Fixture.orgA))
            try await client.execute(uri: "/api/leads", method: .get, headers: .bearer(fixture.tokenA)) { response in
                #expect(response.status == .unauthorized)
                let error = try json(response.body)["error"] as? [String: Any]
                #expect(error?["code"] as? String == "unauthorized")
                #expect(!response.body.text.contains(fixture.tokenA))
            }
            try await client.execute(uri: "/api/leads", method: .get, headers: .bearer(fixture.tokenB)) { response in
                #expect(response.status == .ok)
                #expect(response.body.text.contains("org-b-lead"))
            }
        }
    }
}
