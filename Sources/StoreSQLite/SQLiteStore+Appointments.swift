import Foundation
import GRDB
import RevenueCore
import StoreSchema

extension SQLiteStore {
    public func createAppointment(
        _ appointment: Appointment, notifications: [AppointmentNotification], reminders: [TouchRun], org: OrgID
    ) async throws {
        let plan = try AppointmentPlan(appointment, notifications: notifications, reminders: reminders, org: org)
        try await write { [sql] db in
            try db.run(sql.insertAppointment, plan.appointment)
            _ = try Self.insertTouches(plan.reminders, sql: sql, db: db)
            for values in plan.notifications { try db.run(sql.insertNotification, values) }
        }
    }

    public func appointment(_ id: AppointmentID, org: OrgID) async throws -> Appointment? {
        try await read { [sql] db in try db.fetch(AppointmentRecord.self, sql.appointment, [.raw(org), .raw(id)]).first }
    }

    public func appointments(org: OrgID, from: Date, to: Date) async throws -> [Appointment] {
        try await read { [sql] db in try db.fetch(AppointmentRecord.self, sql.appointmentsBetween, [.raw(org), .date(from), .date(to)]) }
    }

    public func appointmentNotifications(appointment: AppointmentID, org: OrgID) async throws -> [AppointmentNotification] {
        try await read { [sql] db in
            try db.fetch(AppointmentNotificationRecord.self, sql.notifications, [.raw(org), .raw(appointment)])
        }
    }

    public func setAppointmentOutcome(
        _ id: AppointmentID, org: OrgID, status: AppointmentStatus, outcome: AppointmentOutcome?,
        followUps: [TouchRun], leadState: LeadStateChange?, at: Date
    ) async throws {
        let rows = try QueuePlan.rows(followUps, org: org)
        try await write { [sql] db in
            if try db.run(sql.setAppointmentOutcome, [.raw(status), .raw(outcome), .raw(org), .raw(id)]) == 0 {
                throw StoreError.notFound("appointment")
            }
            if AppointmentPlan.cancelsReminders(status) {
                try db.run(sql.cancelReminders, [.text("appointment \(status.rawValue)"), .raw(org), .raw(org), .raw(id)])
            }
            _ = try Self.insertTouches(rows, sql: sql, db: db)
            if let leadState { _ = try Self.applyLeadState(leadState, org: org, at: at, sql: sql, db: db) }
        }
    }

    @discardableResult
    public func appendMessage(_ message: Message, org: OrgID) async throws -> Bool {
        let plan = try MessagePlan(message, org: org)
        return try await write { [sql] db in
            if let providerID = message.providerMessageID,
               try !db.rows(sql.messageExists, [.raw(org), .text(providerID)]).isEmpty {
                return false
            }
            try db.run(sql.upsertConversation, plan.conversation)
            try db.run(sql.insertMessage, plan.message)
            return true
        }
    }

    public func conversations(lead: LeadID, org: OrgID) async throws -> [Conversation] {
        try await read { [sql] db in try db.fetch(ConversationRecord.self, sql.conversations, [.raw(org), .raw(lead)]) }
    }

    public func messages(conversation: String, org: OrgID) async throws -> [Message] {
        try await read { [sql] db in try db.fetch(MessageRecord.self, sql.messages, [.raw(org), .text(conversation)]) }
    }

    @discardableResult
    public func recordDirectorEvent(_ event: DirectorEvent, org: OrgID) async throws -> Int64 {
        try TenantCheck.require([event.orgID], equal: org, "director event")
        let values = try DirectorEventRecord.values(event)
        return try await write { [sql] db in try db.rows(sql.insertDirectorEvent, values)[0].int("id") ?? 0 }
    }

    public func directorEvents(org: OrgID, limit: Int) async throws -> [DirectorEvent] {
        try await read { [sql] db in try db.fetch(DirectorEventRecord.self, sql.directorEvents, [.raw(org), .int(limit)]) }
    }

    @discardableResult
    public func recordCoreEvent(_ event: CoreMemoryEvent) async throws -> Int64 {
        let values = try CoreMemoryEventRecord.values(event)
        return try await write { [sql] db in try db.rows(sql.insertCoreEvent, values)[0].int("id") ?? 0 }
    }

    public func coreEvents(org: OrgID, engine: String?, limit: Int) async throws -> [CoreMemoryEvent] {
        try await read { [sql] db in
            if let engine {
                return try db.fetch(CoreMemoryEventRecord.self, sql.coreEventsOfEngine, [.raw(org), .text(engine), .int(limit)])
            }
            return try db.fetch(CoreMemoryEventRecord.self, sql.coreEvents, [.raw(org), .int(limit)])
        }
    }

    public func voiceCalls(org: OrgID, campaign: CampaignID?, limit: Int) async throws -> [VoiceCall] {
        let query = sql.voiceCalls(campaign: campaign != nil)
        let arguments: [StoreValue] = [.raw(org)] + (campaign.map { [.raw($0)] } ?? []) + [.int(limit)]
        return try await read { db in try db.rows(query, arguments).map(VoiceCallRecord.decode) }
    }
}
