import Foundation
import GRDB
import RevenueCore
import StoreSchema

extension SQLiteStore {
    @discardableResult
    public func enqueue(_ touches: [TouchRun], org: OrgID) async throws -> EnqueueResult {
        let rows = try QueuePlan.rows(touches, org: org)
        return try await write { [sql] db in try Self.insertTouches(rows, sql: sql, db: db) }
    }

    /// Inserts touches inside the caller's transaction, ignoring existing idempotency keys.
    static func insertTouches(_ rows: [(TouchID, [StoreValue])], sql: Statements, db: Database) throws -> EnqueueResult {
        var inserted: [TouchID] = []
        for (id, values) in rows where try db.run(sql.enqueueTouch, values) == 1 {
            inserted.append(id)
        }
        return EnqueueResult(inserted: inserted, duplicates: rows.count - inserted.count)
    }

    public func claimDue(org: OrgID, now: Date, limit: Int, lease: Lease) async throws -> [TouchRun] {
        let arguments: [StoreValue] = [.text(lease.owner), .date(lease.expiry(from: now)), .raw(org), .date(now), .int(limit)]
        let claimed = try await write { [sql] db in try db.fetch(TouchRunRecord.self, sql.claimDue, arguments) }
        return QueuePlan.inClaimOrder(claimed)
    }

    @discardableResult
    public func complete(_ completions: [TouchCompletion], org: OrgID, owner: String) async throws -> [TouchID] {
        try QueuePlan.checkCompletable(completions)
        return try await write { [sql] db in
            var lost: [TouchID] = []
            for c in completions {
                let arguments = c.arguments(org: org, owner: owner)
                if try db.run(sql.completeTouch, arguments) == 0 { lost.append(c.touchID) }
            }
            return lost
        }
    }

    public func completeSent(_ completion: TouchCompletion, message: Message?, org: OrgID, owner: String) async throws -> Bool {
        try QueuePlan.checkCompletable([completion])
        let plan = try message.map { try MessagePlan($0, org: org) }
        let c = completion
        return try await write { [sql] db in
            let arguments = c.arguments(org: org, owner: owner)
            guard try db.run(sql.completeTouch, arguments) == 1 else { return false }
            guard let message, let plan else { return true }
            if let providerID = message.providerMessageID, try !db.rows(sql.messageExists, [.raw(org), .text(providerID)]).isEmpty { return true }
            try db.run(sql.upsertConversation, plan.conversation)
            try db.run(sql.insertMessage, plan.message)
            return true
        }
    }

    @discardableResult
    public func fail(_ touch: TouchID, org: OrgID, owner: String, error: String, retry: RetryPolicy, now: Date) async throws -> TouchStatus {
        try await write { [sql] db in
            guard let row = try db.rows(sql.leasedTouchForUpdate, [.raw(org), .raw(touch), .text(owner)]).first else {
                throw StoreError.leaseLost(touch)
            }
            let attempt = try row.requiredInt("attempt")
            if let retryAt = QueuePlan.retryAt(afterAttempt: attempt, retry: retry, now: now) {
                try db.run(sql.retryTouch, [.date(retryAt), .text(error), .raw(org), .raw(touch)])
                return .queued
            }
            try db.run(sql.failTouch, [.text(error), .raw(org), .raw(touch)])
            return .failed
        }
    }

    public func reschedule(_ touch: TouchID, org: OrgID, owner: String, to at: Date, reason: String) async throws {
        try await write { [sql] db in
            if try db.run(sql.rescheduleTouch, [.date(at), .text(reason), .raw(org), .raw(touch), .text(owner)]) == 0 {
                throw StoreError.leaseLost(touch)
            }
        }
    }

    public func moveQueued(_ touch: TouchID, org: OrgID, to at: Date) async throws -> Bool {
        try await write { [sql] db in try db.run(sql.moveQueuedTouch, [.date(at), .raw(org), .raw(touch)]) > 0 }
    }

    @discardableResult
    public func repin(_ touches: [TouchRun], from: [TouchID: String], org: OrgID) async throws -> [TouchID] {
        try TenantCheck.require(touches.map(\.orgID), equal: org, "touch")
        let rows = try touches.map { try QueuePlan.repinArguments($0, from: from, org: org) }
        return try await write { [sql] db in
            var missed: [TouchID] = []
            for (touch, arguments) in zip(touches, rows) where try db.run(sql.repinTouch, arguments) == 0 { missed.append(touch.id) }
            return missed
        }
    }

    public func sentTimes(org: OrgID, client: ClientID, channel: Channel?, since: Date) async throws -> [Date] {
        var arguments: [StoreValue] = [.raw(org), .raw(client), .date(since)]
        if let channel { arguments.append(.raw(channel)) }
        let query = channel == nil ? sql.clientSentTimes : sql.clientSentTimesOnChannel
        return try await read { [arguments] db in try db.rows(query, arguments).map { try $0.requiredDate("sent_at") } }
    }

    @discardableResult
    public func expireLeases(org: OrgID, now: Date) async throws -> [TouchID] {
        try await write { [sql] db in
            try db.rows(sql.expireLeases, [.raw(org), .date(now)]).map { try $0.requiredID(TouchID.self, "id") }.sorted()
        }
    }

    @discardableResult
    public func cancelQueued(lead: LeadID, org: OrgID, reason: String) async throws -> Int {
        try await write { [sql] db in try db.run(sql.cancelQueued, [.text(reason), .raw(org), .raw(lead)]) }
    }

    public func touch(_ id: TouchID, org: OrgID) async throws -> TouchRun? {
        try await read { [sql] db in try db.fetch(TouchRunRecord.self, sql.touch, [.raw(org), .raw(id)]).first }
    }

    public func touch(providerMessageID: String, org: OrgID) async throws -> TouchRun? {
        try await read { [sql] db in try db.fetch(TouchRunRecord.self, sql.touchByProviderID, [.raw(org), .text(providerMessageID)]).first }
    }

    public func openTouches(campaign: CampaignID, org: OrgID) async throws -> [TouchRun] {
        try await read { [sql] db in try db.fetch(TouchRunRecord.self, sql.openTouchesOfCampaign, [.raw(org), .raw(campaign)]) }
    }

    public func touches(lead: LeadID, org: OrgID) async throws -> [TouchRun] {
        try await read { [sql] db in try db.fetch(TouchRunRecord.self, sql.touchesOfLead, [.raw(org), .raw(lead)]) }
    }

    @discardableResult
    public func recordOutcome(
        touch: TouchID, org: OrgID, outcome: TouchOutcomeReport, next: [TouchRun], leadState: LeadStateChange?
    ) async throws -> EnqueueResult {
        let update = QueuePlan.outcomeArguments(touch: touch, org: org, outcome: outcome)
        let rows = try QueuePlan.rows(next, org: org)
        return try await write { [sql] db in
            if try db.run(sql.recordOutcome, update) == 0 {
                // Settled by another delivery of the callback (another daemon) meanwhile, or never there.
                throw try db.rows(sql.touch, [.raw(org), .raw(touch)]).isEmpty ? StoreError.notFound("touch") : StoreError.conflict("touch outcome")
            }
            let result = try Self.insertTouches(rows, sql: sql, db: db)
            if let leadState { _ = try Self.applyLeadState(leadState, org: org, at: outcome.at, sql: sql, db: db) }
            return result
        }
    }
}
