import Foundation

/// Per-client throttles; `nil` means "no limit beyond the playbook's caps".
public struct ClientLimits: Sendable, Codable, Hashable {
    /// Touches on any channel per lead per local day.
    public var touchesPerLeadPerDay: Int?
    /// Touches the client may send in one hour across all its leads.
    public var touchesPerHour: Int?
    /// Voice calls the client may place per day across all its leads.
    public var callsPerDay: Int?

    public init(touchesPerLeadPerDay: Int? = nil, touchesPerHour: Int? = nil, callsPerDay: Int? = nil) {
        self.touchesPerLeadPerDay = touchesPerLeadPerDay
        self.touchesPerHour = touchesPerHour
        self.callsPerDay = callsPerDay
    }
}

/// A client business (dealer, clinic, lender, agency) inside an org, with its preferences.
public struct Client: Sendable, Codable, Hashable, Identifiable {
    public var id: ClientID
    public var orgID: OrgID
    public var name: String
    /// The client's IANA zone, used when a lead's zone is unknown.
    public var timeZone: String
    /// When the client allows touches (lead local time); `nil` = the playbook's window.
    public var schedule: SendWindow?
    /// Channels the client allows; a playbook step on another channel is skipped.
    public var allowedChannels: [Channel]
    /// Free-text tone guidance for copy (`"formal, usted"`).
    public var tone: String?
    public var limits: ClientLimits
    public var createdAt: Date

    public init(
        id: ClientID, orgID: OrgID, name: String, timeZone: String, schedule: SendWindow? = nil,
        allowedChannels: [Channel] = Channel.allCases, tone: String? = nil, limits: ClientLimits = .init(), createdAt: Date
    ) {
        self.id = id
        self.orgID = orgID
        self.name = name
        self.timeZone = timeZone
        self.schedule = schedule
        self.allowedChannels = allowedChannels
        self.tone = tone
        self.limits = limits
        self.createdAt = createdAt
    }
}
