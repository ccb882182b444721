import Foundation
import GRDB
import RevenueCore
import StoreSchema

private let serverSQL = ServerStatements(.sqlite)

extension SQLiteStore: APITokenStore, QueueStatsStore {
    public func saveAPIToken(_ token: APIToken) async throws {
        let values = try APITokenRecord.values(token)
        try await write { db in try db.run(serverSQL.insertAPIToken, values) }
    }

    public func apiToken(hash: String) async throws -> APIToken? {
        try await read { db in try db.fetch(APITokenRecord.self, serverSQL.apiTokenByHash, [.text(hash)]).first }
    }

    public func queueCounts(org: OrgID?) async throws -> [QueueCount] {
        try await read { db in
            if let org { return try db.fetch(QueueCountRecord.self, serverSQL.queueCountsOfOrg, [.raw(org)]) }
            return try db.fetch(QueueCountRecord.self, serverSQL.queueCounts, [])
        }
    }
}
