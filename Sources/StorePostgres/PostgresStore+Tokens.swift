import Foundation
import PostgresNIO
import RevenueCore
import StoreSchema

private let tokenSQL = ServerStatements(.postgres)

/// Listing and revoking API tokens (`revasi token list|revoke`).
extension PostgresStore {
    public func apiTokens(org: OrgID) async throws -> [APIToken] {
        try await connection { db in try await db.fetch(APITokenRecord.self, tokenSQL.apiTokensOfOrg, [.raw(org)]) }
    }

    public func revokeAPIToken(_ id: String, org: OrgID) async throws -> Bool {
        try await transaction { db in try await db.run(tokenSQL.deleteAPIToken, [.text(id), .raw(org)]) } > 0
    }
}
