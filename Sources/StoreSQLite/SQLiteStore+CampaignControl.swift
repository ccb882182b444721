import Foundation
import GRDB
import RevenueCore
import StoreSchema

private let controlSQL = CampaignControlStatements(.sqlite)

extension SQLiteStore: CampaignControlStore {
    @discardableResult
    public func setCampaignStatus(
        _ id: CampaignID, org: OrgID, to status: CampaignStatus, cancellingQueued reason: String?, event: CoreMemoryEvent
    ) async throws -> Int {
        let eventValues = try CoreMemoryEventRecord.values(event)
        return try await write { [sql] db in
            guard try db.run(controlSQL.setStatus, [.raw(status), .raw(org), .raw(id)]) == 1 else { throw StoreError.notFound("campaign") }
            let cancelled = try reason.map { try db.run(controlSQL.cancelQueued, [.text($0), .raw(org), .raw(id)]) } ?? 0
            _ = try db.rows(sql.insertCoreEvent, eventValues)
            return cancelled
        }
    }

    public func campaignCounts(_ id: CampaignID, org: OrgID) async throws -> CampaignCounts {
        try await read { db in
            let args: [StoreValue] = [.raw(org), .raw(id)]
            return CampaignCounts(
                touches: try CampaignControlStatements.counts(try db.rows(controlSQL.touchCounts, args)) { TouchStatus(rawValue: $0) },
                leads: try CampaignControlStatements.counts(try db.rows(controlSQL.leadCounts, args)) { LeadState(rawValue: $0) },
                leadsByPlaybookHash: try CampaignControlStatements.counts(try db.rows(controlSQL.leadsByHash, args)) { $0 })
        }
    }
}
