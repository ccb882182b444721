import Foundation
import PostgresNIO
import RevenueCore
import StoreSchema

extension PostgresStore {
    @discardableResult
    public func enqueue(_ touches: [TouchRun], org: OrgID) async throws -> EnqueueResult {
        let rows = try QueuePlan.rows(touches, org: org)
        return try await transaction { db in try await Self.insertTouches(rows, sql: sql, db: db) }
    }

    /// Inserts touches inside the caller's transaction, ignoring existing idempotency keys
    /// (set-based, see `insertTouchBatches`; `sql` is kept for the callers' shape).
    static func insertTouches(_ rows: [(TouchID, [StoreValue])], sql: Statements, db: PGSession) async throws -> EnqueueResult {
        try await insertTouchBatches(rows, db: db)
    }

    public func claimDue(org: OrgID, now: Date, limit: Int, lease: Lease) async throws -> [TouchRun] {
        let arguments: [StoreValue] = [.text(lease.owner), .date(lease.expiry(from: now)), .raw(org), .date(now), .int(limit)]
        // One statement: its own transaction; SKIP LOCKED keeps concurrent claimers apart.
        let claimed = try await connection { db in try await db.fetch(TouchRunRecord.self, sql.claimDue, arguments) }
        return QueuePlan.inClaimOrder(claimed)
    }

    /// Set-based: one UPDATE joins the batch (as arrays) to the leased rows.
    @discardableResult
    public func complete(_ completions: [TouchCompletion], org: OrgID, owner: String) async throws -> [TouchID] {
        try QueuePlan.checkCompletable(completions)
        guard !completions.isEmpty else { return [] }
        var binds = PostgresBindings(capacity: 7)
        binds.append(completions.map(\.touchID.rawValue))
        binds.append(completions.map(\.status.rawValue))
        binds.append(completions.map { $0.providerMessageID ?? "" })
        binds.append(completions.map(\.sentAt))
        binds.append(completions.map { $0.error ?? "" })
        binds.append(org.rawValue)
        binds.append(owner)
        let query = PostgresQuery(unsafeSQL: Self.completeBatch, binds: binds)
        let written = try await connection { db in try await db.rows(query).map { try $0.requiredText("id") } }
        let done = Set(written)
        return completions.map(\.touchID).filter { !done.contains($0.rawValue) }
    }

    static let completeBatch = """
        UPDATE touch_runs AS t
        SET status = d.status, provider_message_id = COALESCE(NULLIF(d.provider_message_id, ''), t.provider_message_id),
            sent_at = d.sent_at, error = NULLIF(d.error, ''), lease_owner = NULL, lease_expires_at = NULL
        FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[]) AS d(id, status, provider_message_id, sent_at, error)
        WHERE t.org_id = $6 AND t.id = d.id AND t.status = 'sending' AND t.lease_owner = $7
        RETURNING t.id
        """

    public func completeSent(_ completion: TouchCompletion, message: Message?, org: OrgID, owner: String) async throws -> Bool {
        try QueuePlan.checkCompletable([completion])
        let plan = try message.map { try MessagePlan($0, org: org) }
        let c = completion
        return try await transaction { db in
            let arguments = c.arguments(org: org, owner: owner)
            guard try await db.run(sql.completeTouch, arguments) == 1 else { return false }
            guard let message, let plan else { return true }
            if let providerID = message.providerMessageID, try await !db.rows(sql.messageExists, [.raw(org), .text(providerID)]).isEmpty { return true }
            try await db.run(sql.upsertConversation, plan.conversation)
            try await db.run(sql.insertMessage, plan.message)
            return true
        }
    }

    @discardableResult
    public func fail(_ touch: TouchID, org: OrgID, owner: String, error: String, retry: RetryPolicy, now: Date) async throws -> TouchStatus {
        try await transaction { db in
            guard let row = try await db.rows(sql.leasedTouchForUpdate, [.raw(org), .raw(touch), .text(owner)]).first else {
                throw StoreError.leaseLost(touch)
            }
            let attempt = try row.requiredInt("attempt")
            if let retryAt = QueuePlan.retryAt(afterAttempt: attempt, retry: retry, now: now) {
                try await db.run(sql.retryTouch, [.date(retryAt), .text(error), .raw(org), .raw(touch)])
                return .queued
            }
            try await db.run(sql.failTouch, [.text(error), .raw(org), .raw(touch)])
            return .failed
        }
    }

    public func reschedule(_ touch: TouchID, org: OrgID, owner: String, to at: Date, reason: String) async throws {
        try await transaction { db in
            if try await db.run(sql.rescheduleTouch, [.date(at), .text(reason), .raw(org), .raw(touch), .text(owner)]) == 0 {
                throw StoreError.leaseLost(touch)
            }
        }
    }

    public func moveQueued(_ touch: TouchID, org: OrgID, to at: Date) async throws -> Bool {
        try await transaction { db in try await db.run(sql.moveQueuedTouch, [.date(at), .raw(org), .raw(touch)]) > 0 }
    }

    @discardableResult
    public func repin(_ touches: [TouchRun], from: [TouchID: String], org: OrgID) async throws -> [TouchID] {
        try TenantCheck.require(touches.map(\.orgID), equal: org, "touch")
        let rows = try touches.map { try QueuePlan.repinArguments($0, from: from, org: org) }
        return try await transaction { db in
            var missed: [TouchID] = []
            for (touch, arguments) in zip(touches, rows) where try await db.run(sql.repinTouch, arguments) == 0 { missed.append(touch.id) }
            return missed
        }
    }

    public func sentTimes(org: OrgID, client: ClientID, channel: RevenueCore.Channel?, since: Date) async throws -> [Date] {
        var arguments: [StoreValue] = [.raw(org), .raw(client), .date(since)]
        if let channel { arguments.append(.raw(channel)) }
        let query = channel == nil ? sql.clientSentTimes : sql.clientSentTimesOnChannel
        return try await connection { [arguments] db in try await db.rows(query, arguments).map { try $0.requiredDate("sent_at") } }
    }

    @discardableResult
    public func expireLeases(org: OrgID, now: Date) async throws -> [TouchID] {
        try await transaction { db in
            try await db.rows(sql.expireLeases, [.raw(org), .date(now)]).map { try $0.requiredID(TouchID.self, "id") }.sorted()
        }
    }

    @discardableResult
    public func cancelQueued(lead: LeadID, org: OrgID, reason: String) async throws -> Int {
        try await transaction { db in try await db.run(sql.cancelQueued, [.text(reason), .raw(org), .raw(lead)]) }
    }

    public func touch(_ id: TouchID, org: OrgID) async throws -> TouchRun? {
        try await connection { db in try await db.fetch(TouchRunRecord.self, sql.touch, [.raw(org), .raw(id)]).first }
    }

    public func touch(providerMessageID: String, org: OrgID) async throws -> TouchRun? {
        try await connection { db in try await db.fetch(TouchRunRecord.self, sql.touchByProviderID, [.raw(org), .text(providerMessageID)]).first }
    }

    public func openTouches(campaign: CampaignID, org: OrgID) async throws -> [TouchRun] {
        try await connection { db in try await db.fetch(TouchRunRecord.self, sql.openTouchesOfCampaign, [.raw(org), .raw(campaign)]) }
    }

    public func touches(lead: LeadID, org: OrgID) async throws -> [TouchRun] {
        try await connection { db in try await db.fetch(TouchRunRecord.self, sql.touchesOfLead, [.raw(org), .raw(lead)]) }
    }

    @discardableResult
    public func recordOutcome(
        touch: TouchID, org: OrgID, outcome: TouchOutcomeReport, next: [TouchRun], leadState: LeadStateChange?
    ) async throws -> EnqueueResult {
        let update = QueuePlan.outcomeArguments(touch: touch, org: org, outcome: outcome)
        let rows = try QueuePlan.rows(next, org: org)
        return try await transaction { db in
            if try await db.run(sql.recordOutcome, update) == 0 {
                // Settled by another delivery of the callback (another daemon) meanwhile, or never there.
                throw try await db.rows(sql.touch, [.raw(org), .raw(touch)]).isEmpty ? StoreError.notFound("touch") : StoreError.conflict("touch outcome")
            }
            let result = try await Self.insertTouches(rows, sql: sql, db: db)
            if let leadState { _ = try await Self.applyLeadState(leadState, org: org, at: outcome.at, sql: sql, db: db) }
            return result
        }
    }
}
