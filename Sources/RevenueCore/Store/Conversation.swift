import Foundation

/// Which way a message went.
public enum MessageDirection: String, CaseIterable, Codable, Sendable, Hashable {
    case inbound, outbound
}

/// The thread of messages with one lead on one channel.
public struct Conversation: Sendable, Codable, Hashable, Identifiable {
    public var id: String
    public var orgID: OrgID
    public var leadID: LeadID
    public var channel: Channel
    public var startedAt: Date
    public var lastMessageAt: Date

    public init(id: String, orgID: OrgID, leadID: LeadID, channel: Channel, startedAt: Date, lastMessageAt: Date) {
        self.id = id
        self.orgID = orgID
        self.leadID = leadID
        self.channel = channel
        self.startedAt = startedAt
        self.lastMessageAt = lastMessageAt
    }

    /// The deterministic id of the (lead, channel) thread.
    public static func id(lead: LeadID, channel: Channel) -> String { "\(lead.rawValue)/\(channel.rawValue)" }
}

/// One inbound or outbound text (SMS, WhatsApp, e-mail body, call transcript line). Never logged.
public struct Message: Sendable, Codable, Hashable, Identifiable {
    public var id: String
    public var orgID: OrgID
    public var leadID: LeadID
    public var channel: Channel
    public var direction: MessageDirection
    public var body: String
    /// The provider's id; a redelivered webhook with the same id is stored once.
    public var providerMessageID: String?
    /// The touch that sent it (outbound) or that it answers (inbound), when known.
    public var touchID: TouchID?
    public var at: Date

    public init(
        id: String, orgID: OrgID, leadID: LeadID, channel: Channel, direction: MessageDirection, body: String,
        providerMessageID: String? = nil, touchID: TouchID? = nil, at: Date
    ) {
        self.id = id
        self.orgID = orgID
        self.leadID = leadID
        self.channel = channel
        self.direction = direction
        self.body = body
        self.providerMessageID = providerMessageID
        self.touchID = touchID
        self.at = at
    }

    /// The conversation this message belongs to.
    public var conversationID: String { Conversation.id(lead: leadID, channel: channel) }
}
