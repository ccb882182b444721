import Foundation
import RevenueCore

/// The rows `createAppointment` writes, checked for the org before anything is written.
public struct AppointmentPlan: Sendable {
    public let appointment: [StoreValue]
    public let reminders: [(TouchID, [StoreValue])]
    public let notifications: [[StoreValue]]

    public init(_ appointment: Appointment, notifications: [AppointmentNotification], reminders: [TouchRun], org: OrgID) throws {
        try TenantCheck.require([appointment.orgID] + notifications.map(\.orgID), equal: org, "appointment")
        self.appointment = try AppointmentRecord.values(appointment)
        self.reminders = try QueuePlan.rows(reminders, org: org)
        self.notifications = try notifications.map(AppointmentNotificationRecord.values)
    }

    /// Whether queued reminders stop when an appointment reaches `status`.
    public static func cancelsReminders(_ status: AppointmentStatus) -> Bool { status != .scheduled }
}

/// The rows `appendMessage` writes: the message and its (lead, channel) conversation.
public struct MessagePlan: Sendable {
    public let conversation: [StoreValue]
    public let message: [StoreValue]

    public init(_ message: Message, org: OrgID) throws {
        try TenantCheck.require([message.orgID], equal: org, "message")
        let conversation = Conversation(
            id: message.conversationID, orgID: org, leadID: message.leadID, channel: message.channel,
            startedAt: message.at, lastMessageAt: message.at)
        self.conversation = try ConversationRecord.values(conversation)
        self.message = try MessageRecord.values(message)
    }
}

extension TouchCompletion {
    /// The arguments of `Statements.completeTouch` for this completion.
    public func arguments(org: OrgID, owner: String) -> [StoreValue] {
        [.raw(status), .text(providerMessageID), .date(sentAt), .text(error), .raw(org), .raw(touchID), .text(owner)]
    }
}

/// The row a compare-and-set transition writes beside the state (`Store.transitionLead`).
public enum TransitionPlan {
    /// `fields` as a `leads` upsert row carrying the new state and activity time; nil when there are none.
    public static func fieldValues(_ fields: Lead?, change: LeadStateChange, org: OrgID, at: Date) throws -> [StoreValue]? {
        guard var lead = fields else { return nil }
        try TenantCheck.require([lead.orgID], equal: org, "lead")
        guard lead.id == change.leadID else { throw StoreError(code: "invalid_transition", message: "fields name another lead than the change") }
        lead.state = change.to
        lead.lastActivityAt = at
        return try LeadRecord.values(lead)
    }
}
