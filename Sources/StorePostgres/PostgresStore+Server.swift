import Foundation
import PostgresNIO
import RevenueCore
import StoreSchema

private let serverSQL = ServerStatements(.postgres)

extension PostgresStore: APITokenStore, QueueStatsStore {
    public func saveAPIToken(_ token: APIToken) async throws {
        let values = try APITokenRecord.values(token)
        try await transaction { db in try await db.run(serverSQL.insertAPIToken, values) }
    }

    public func apiToken(hash: String) async throws -> APIToken? {
        try await connection { db in try await db.fetch(APITokenRecord.self, serverSQL.apiTokenByHash, [.text(hash)]).first }
    }

    public func queueCounts(org: OrgID?) async throws -> [QueueCount] {
        try await connection { db in
            if let org { return try await db.fetch(QueueCountRecord.self, serverSQL.queueCountsOfOrg, [.raw(org)]) }
            return try await db.fetch(QueueCountRecord.self, serverSQL.queueCounts, [])
        }
    }
}
