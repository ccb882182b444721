import Foundation
import GRDB
import RevenueCore
import StoreSchema

private let tokenSQL = ServerStatements(.sqlite)

/// Listing and revoking API tokens (`revasi token list|revoke`).
extension SQLiteStore {
    public func apiTokens(org: OrgID) async throws -> [APIToken] {
        try await read { db in try db.fetch(APITokenRecord.self, tokenSQL.apiTokensOfOrg, [.raw(org)]) }
    }

    public func revokeAPIToken(_ id: String, org: OrgID) async throws -> Bool {
        try await write { db in try db.run(tokenSQL.deleteAPIToken, [.text(id), .raw(org)]) } > 0
    }
}
