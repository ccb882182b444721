import Foundation
import PostgresNIO
import RevenueCore
import StoreSchema

private let controlSQL = CampaignControlStatements(.postgres)

extension PostgresStore: CampaignControlStore {
    @discardableResult
    public func setCampaignStatus(
        _ id: CampaignID, org: OrgID, to status: CampaignStatus, cancellingQueued reason: String?, event: CoreMemoryEvent
    ) async throws -> Int {
        let eventValues = try CoreMemoryEventRecord.values(event)
        return try await transaction { db in
            guard try await db.run(controlSQL.setStatus, [.raw(status), .raw(org), .raw(id)]) == 1 else { throw StoreError.notFound("campaign") }
            var cancelled = 0
            if let reason { cancelled = try await db.run(controlSQL.cancelQueued, [.text(reason), .raw(org), .raw(id)]) }
            _ = try await db.rows(sql.insertCoreEvent, eventValues)
            return cancelled
        }
    }

    public func campaignCounts(_ id: CampaignID, org: OrgID) async throws -> CampaignCounts {
        try await connection { db in
            let args: [StoreValue] = [.raw(org), .raw(id)]
            return CampaignCounts(
                touches: try CampaignControlStatements.counts(try await db.rows(controlSQL.touchCounts, args)) { TouchStatus(rawValue: $0) },
                leads: try CampaignControlStatements.counts(try await db.rows(controlSQL.leadCounts, args)) { LeadState(rawValue: $0) },
                leadsByPlaybookHash: try CampaignControlStatements.counts(try await db.rows(controlSQL.leadsByHash, args)) { $0 })
        }
    }
}
