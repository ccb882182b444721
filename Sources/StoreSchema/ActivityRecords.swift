import Foundation
import RevenueCore

/// `touch_runs` (the outcome, duration and recording columns are written by `recordOutcome` only).
public enum TouchRunRecord: StoreRecord {
    /// The columns, in insert order.
    public enum Columns: String, CaseIterable {
        case id, orgID = "org_id", leadID = "lead_id", campaignID = "campaign_id", channel, step, status
        case scheduledAt = "scheduled_at", sentAt = "sent_at", payload, error, attempt, idempotencyKey = "idempotency_key"
        case playbookHash = "playbook_hash", leaseOwner = "lease_owner", leaseExpiresAt = "lease_expires_at"
        case providerMessageID = "provider_message_id", outcome, appointmentID = "appointment_id"
    }
    public static let table = "touch_runs"
    public static let jsonColumns: Set<String> = ["payload"]
    public static func decode(_ row: some StoreRow) throws -> TouchRun {
        TouchRun(
            id: try row.requiredID(TouchID.self, "id"), orgID: try row.requiredID(OrgID.self, "org_id"),
            leadID: try row.requiredID(LeadID.self, "lead_id"), campaignID: try row.requiredID(CampaignID.self, "campaign_id"),
            channel: try row.requiredEnum(Channel.self, "channel"), step: try row.requiredInt("step"),
            status: try row.requiredEnum(TouchStatus.self, "status"), scheduledAt: try row.requiredDate("scheduled_at"),
            sentAt: try row.date("sent_at"),
            payload: try StoreJSON.decode(TouchPayload.self, from: try row.requiredText("payload"), column: "payload"),
            error: try row.text("error"), attempt: try row.requiredInt("attempt"),
            idempotencyKey: try row.requiredText("idempotency_key"), playbookHash: try row.requiredText("playbook_hash"),
            leaseOwner: try row.text("lease_owner"), leaseExpiresAt: try row.date("lease_expires_at"),
            providerMessageID: try row.text("provider_message_id"), outcome: try row.optionalEnum(Outcome.self, "outcome"),
            appointmentID: try row.id(AppointmentID.self, "appointment_id")
        )
    }
    public static func values(_ t: TouchRun) throws -> [StoreValue] {
        [
            .raw(t.id), .raw(t.orgID), .raw(t.leadID), .raw(t.campaignID), .raw(t.channel), .int(t.step), .raw(t.status),
            .date(t.scheduledAt), .date(t.sentAt), .text(try StoreJSON.encode(t.payload)), .text(t.error), .int(t.attempt),
            .text(t.idempotencyKey), .text(t.playbookHash), .text(t.leaseOwner), .date(t.leaseExpiresAt), .text(t.providerMessageID),
            .raw(t.outcome), .raw(t.appointmentID),
        ]
    }
}

/// `appointments`.
public enum AppointmentRecord: StoreRecord {
    /// The columns, in insert order.
    public enum Columns: String, CaseIterable {
        case id, orgID = "org_id", leadID = "lead_id", campaignID = "campaign_id", channel, status, outcome
        case startsAt = "starts_at", timeZone = "time_zone"
    }
    public static let table = "appointments"
    public static func decode(_ row: some StoreRow) throws -> Appointment {
        Appointment(
            id: try row.requiredID(AppointmentID.self, "id"), orgID: try row.requiredID(OrgID.self, "org_id"),
            leadID: try row.requiredID(LeadID.self, "lead_id"), campaignID: try row.requiredID(CampaignID.self, "campaign_id"),
            channel: try row.optionalEnum(Channel.self, "channel"), status: try row.requiredEnum(AppointmentStatus.self, "status"),
            outcome: try row.optionalEnum(AppointmentOutcome.self, "outcome"), startsAt: try row.requiredDate("starts_at"),
            timeZone: try row.requiredText("time_zone")
        )
    }
    public static func values(_ a: Appointment) throws -> [StoreValue] {
        [.raw(a.id), .raw(a.orgID), .raw(a.leadID), .raw(a.campaignID), .raw(a.channel), .raw(a.status), .raw(a.outcome), .date(a.startsAt), .text(a.timeZone)]
    }
}

/// `appointment_notifications`.
public enum AppointmentNotificationRecord: StoreRecord {
    /// The columns, in insert order.
    public enum Columns: String, CaseIterable {
        case id, orgID = "org_id", appointmentID = "appointment_id", step, remindAt = "remind_at", touchID = "touch_id"
    }
    public static let table = "appointment_notifications"
    public static func decode(_ row: some StoreRow) throws -> AppointmentNotification {
        AppointmentNotification(
            id: try row.requiredText("id"), orgID: try row.requiredID(OrgID.self, "org_id"),
            appointmentID: try row.requiredID(AppointmentID.self, "appointment_id"), step: try row.requiredInt("step"),
            remindAt: try row.requiredDate("remind_at"), touchID: try row.id(TouchID.self, "touch_id")
        )
    }
    public static func values(_ n: AppointmentNotification) throws -> [StoreValue] {
        [.text(n.id), .raw(n.orgID), .raw(n.appointmentID), .int(n.step), .date(n.remindAt), .raw(n.touchID)]
    }
}

/// `conversations`.
public enum ConversationRecord: StoreRecord {
    /// The columns, in insert order.
    public enum Columns: String, CaseIterable {
        case id, orgID = "org_id", leadID = "lead_id", channel, startedAt = "started_at", lastMessageAt = "last_message_at"
    }
    public static let table = "conversations"
    public static func decode(_ row: some StoreRow) throws -> Conversation {
        Conversation(
            id: try row.requiredText("id"), orgID: try row.requiredID(OrgID.self, "org_id"),
            leadID: try row.requiredID(LeadID.self, "lead_id"), channel: try row.requiredEnum(Channel.self, "channel"),
            startedAt: try row.requiredDate("started_at"), lastMessageAt: try row.requiredDate("last_message_at")
        )
    }
    public static func values(_ c: Conversation) throws -> [StoreValue] {
        [.text(c.id), .raw(c.orgID), .raw(c.leadID), .raw(c.channel), .date(c.startedAt), .date(c.lastMessageAt)]
    }
}

/// `messages`.
public enum MessageRecord: StoreRecord {
    /// The columns, in insert order.
    public enum Columns: String, CaseIterable {
        case id, orgID = "org_id", conversationID = "conversation_id", leadID = "lead_id", channel, direction, body
        case providerMessageID = "provider_message_id", touchID = "touch_id", at
    }
    public static let table = "messages"
    public static func decode(_ row: some StoreRow) throws -> Message {
        Message(
            id: try row.requiredText("id"), orgID: try row.requiredID(OrgID.self, "org_id"),
            leadID: try row.requiredID(LeadID.self, "lead_id"), channel: try row.requiredEnum(Channel.self, "channel"),
            direction: try row.requiredEnum(MessageDirection.self, "direction"), body: try row.requiredText("body"),
            providerMessageID: try row.text("provider_message_id"), touchID: try row.id(TouchID.self, "touch_id"),
            at: try row.requiredDate("at")
        )
    }
    public static func values(_ m: Message) throws -> [StoreValue] {
        [
            .text(m.id), .raw(m.orgID), .text(m.conversationID), .raw(m.leadID), .raw(m.channel), .raw(m.direction), .text(m.body),
            .text(m.providerMessageID), .raw(m.touchID), .date(m.at),
        ]
    }
}

/// `director_events` (`id` is assigned by the database).
public enum DirectorEventRecord: StoreRecord {
    /// The columns, in insert order.
    public enum Columns: String, CaseIterable {
        case orgID = "org_id", campaignID = "campaign_id", kind, summary, detail, at
    }
    public static let table = "director_events"
    public static let jsonColumns: Set<String> = ["detail"]
    public static func decode(_ row: some StoreRow) throws -> DirectorEvent {
        DirectorEvent(
            id: try row.int("id"), orgID: try row.requiredID(OrgID.self, "org_id"), campaignID: try row.id(CampaignID.self, "campaign_id"),
            kind: try row.requiredText("kind"), summary: try row.requiredText("summary"), detailJSON: try row.text("detail"),
            at: try row.requiredDate("at")
        )
    }
    public static func values(_ e: DirectorEvent) throws -> [StoreValue] {
        [.raw(e.orgID), .raw(e.campaignID), .text(e.kind), .text(e.summary), .text(e.detailJSON), .date(e.at)]
    }
}

/// `core_memory_events` (`id` is assigned by the database).
public enum CoreMemoryEventRecord: StoreRecord {
    /// The columns, in insert order.
    public enum Columns: String, CaseIterable {
        case engine, orgID = "org_id", campaignID = "campaign_id", leadID = "lead_id", appointmentID = "appointment_id"
        case errorCode = "error_code", message, at
    }
    public static let table = "core_memory_events"
    public static func decode(_ row: some StoreRow) throws -> CoreMemoryEvent {
        CoreMemoryEvent(
            id: try row.int("id"), engine: try row.requiredText("engine"), orgID: try row.id(OrgID.self, "org_id"),
            campaignID: try row.id(CampaignID.self, "campaign_id"), leadID: try row.id(LeadID.self, "lead_id"),
            appointmentID: try row.id(AppointmentID.self, "appointment_id"), errorCode: try row.text("error_code"),
            message: try row.requiredText("message"), at: try row.requiredDate("at")
        )
    }
    public static func values(_ e: CoreMemoryEvent) throws -> [StoreValue] {
        [.text(e.engine), .raw(e.orgID), .raw(e.campaignID), .raw(e.leadID), .raw(e.appointmentID), .text(e.errorCode), .text(e.message), .date(e.at)]
    }
}

/// `lead_state_events` (`id` is assigned by the database).
public enum LeadStateEventRecord: StoreRecord {
    /// The columns, in insert order.
    public enum Columns: String, CaseIterable {
        case orgID = "org_id", leadID = "lead_id", from = "from_state", to = "to_state", reason, at
    }
    public static let table = "lead_state_events"
    public static func decode(_ row: some StoreRow) throws -> LeadStateEvent {
        LeadStateEvent(
            orgID: try row.requiredID(OrgID.self, "org_id"), leadID: try row.requiredID(LeadID.self, "lead_id"),
            from: try row.requiredEnum(LeadState.self, "from_state"), to: try row.requiredEnum(LeadState.self, "to_state"),
            reason: try row.requiredText("reason"), at: try row.requiredDate("at")
        )
    }
    public static func values(_ e: LeadStateEvent) throws -> [StoreValue] {
        [.raw(e.orgID), .raw(e.leadID), .raw(e.from), .raw(e.to), .text(e.reason), .date(e.at)]
    }
}

/// The `lead_enriched` view (read only).
public enum LeadEnrichedRecord {
    /// Decodes one view row.
    public static func decode(_ row: some StoreRow) throws -> LeadEnriched {
        LeadEnriched(
            id: try row.requiredID(LeadID.self, "id"), fullName: try row.text("full_name"), email: try row.text("email"),
            phone: try row.text("phone"), state: try row.requiredEnum(LeadState.self, "state"),
            lastTouchAt: try row.date("last_touch_at"), campaignID: try row.id(CampaignID.self, "campaign_id"),
            campaignName: try row.text("campaign_name"), channelLast: try row.optionalEnum(Channel.self, "channel_last")
        )
    }
}

/// The `voice_insights_calls_v1` view (read only).
public enum VoiceCallRecord {
    /// Decodes one view row.
    public static func decode(_ row: some StoreRow) throws -> VoiceCall {
        VoiceCall(
            touchID: try row.requiredID(TouchID.self, "id"), leadID: try row.requiredID(LeadID.self, "lead_id"),
            campaignID: try row.requiredID(CampaignID.self, "campaign_id"), status: try row.requiredEnum(TouchStatus.self, "status"),
            durationSeconds: try row.int("duration_seconds").map { Int($0) }, outcome: try row.optionalEnum(Outcome.self, "outcome"),
            recordingURL: try row.text("recording_url"), startedAt: try row.requiredDate("started_at")
        )
    }
}
