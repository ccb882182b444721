import Foundation
import GRDB
import RevenueCore
import StoreSchema

extension SQLiteStore {
    public func upsertLead(_ lead: Lead, org: OrgID) async throws {
        try TenantCheck.require([lead.orgID], equal: org, "lead")
        let values = try LeadRecord.values(lead)
        try await write { [sql] db in
            if try db.run(sql.upsertLead, values) == 0 { throw StoreError.tenantMismatch("lead") }
        }
    }

    public func lead(_ id: LeadID, org: OrgID) async throws -> Lead? {
        try await read { [sql] db in try db.fetch(LeadRecord.self, sql.lead, [.raw(org), .raw(id)]).first }
    }

    public func lead(address: String, org: OrgID) async throws -> Lead? {
        let arguments: [StoreValue] = [.raw(org), .text(address), .raw(org), .text(address.lowercased())]
        return try await read { [sql] db in try db.fetch(LeadRecord.self, sql.leadByAddress, arguments).first }
    }

    public func leads(org: OrgID, state: LeadState?, campaign: CampaignID?, limit: Int) async throws -> [Lead] {
        let query = sql.leads(state: state != nil, campaign: campaign != nil)
        var arguments: [StoreValue] = [.raw(org)]
        if let state { arguments.append(.raw(state)) }
        if let campaign { arguments.append(.raw(campaign)) }
        arguments.append(.int(limit))
        return try await read { [arguments] db in try db.fetch(LeadRecord.self, query, arguments) }
    }

    @discardableResult
    public func updateLeadState(_ change: LeadStateChange, org: OrgID, at: Date) async throws -> LeadStateEvent {
        try await write { [sql] db in try Self.applyLeadState(change, org: org, at: at, sql: sql, db: db) }
    }

    @discardableResult
    public func transitionLead(_ change: LeadStateChange, fields: Lead?, enqueue touches: [TouchRun], org: OrgID, at: Date) async throws -> EnqueueResult {
        let values = try TransitionPlan.fieldValues(fields, change: change, org: org, at: at)
        let rows = try QueuePlan.rows(touches, org: org)
        return try await write { [sql] db in
            _ = try Self.applyLeadState(change, org: org, at: at, sql: sql, db: db)
            if let values { try db.run(sql.upsertLead, values) }
            return try Self.insertTouches(rows, sql: sql, db: db)
        }
    }

    public func markLandline(_ lead: LeadID, org: OrgID) async throws {
        try await write { [sql] db in _ = try db.run(sql.markLandline, [.raw(org), .raw(lead)]) }
    }

    /// Moves a lead and records the event, inside the caller's transaction.
    static func applyLeadState(_ change: LeadStateChange, org: OrgID, at: Date, sql: Statements, db: Database) throws -> LeadStateEvent {
        guard let row = try db.rows(sql.leadStateForUpdate, [.raw(org), .raw(change.leadID)]).first else {
            throw StoreError.notFound("lead")
        }
        let from = try row.requiredEnum(LeadState.self, "state")
        if let expected = change.expected, from != expected { throw StoreError.conflict("lead state") }
        try db.run(sql.setLeadState, [.raw(change.to), .date(at), .raw(org), .raw(change.leadID)])
        let event = LeadStateEvent(orgID: org, leadID: change.leadID, from: from, to: change.to, reason: change.reason, at: at)
        try db.run(sql.insertLeadStateEvent, try LeadStateEventRecord.values(event))
        return event
    }

    public func leadStateEvents(lead: LeadID, org: OrgID) async throws -> [LeadStateEvent] {
        try await read { [sql] db in try db.fetch(LeadStateEventRecord.self, sql.leadStateEvents, [.raw(org), .raw(lead)]) }
    }

    public func importLeads(_ batch: [Lead], org: OrgID, campaign: CampaignID?) async throws -> ImportSummary {
        let rows = try ImportPlan.rows(batch, org: org, campaign: campaign)
        return try await write { [sql] db in
            var inserted: [LeadID] = []
            for (id, values) in rows where try db.run(sql.importLead, values) == 1 {
                inserted.append(id)
            }
            return ImportSummary(inserted: inserted, duplicates: rows.count - inserted.count)
        }
    }

    public func enrichedLeads(org: OrgID, state: LeadState?, limit: Int) async throws -> [LeadEnriched] {
        let query = sql.enrichedLeads(state: state != nil)
        var arguments: [StoreValue] = [.raw(org)]
        if let state { arguments.append(.raw(state)) }
        arguments.append(.int(limit))
        return try await read { [arguments] db in try db.rows(query, arguments).map(LeadEnrichedRecord.decode) }
    }
}
