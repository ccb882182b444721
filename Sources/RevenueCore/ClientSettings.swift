/// What a client business tells its leads about itself: the `{{client.*}}`, `{{agent.name}}`,
/// `{{campaign.offer}}` and link template variables.
public struct ClientProfile: Sendable, Codable, Hashable {
    public var name: String
    public var phone: String
    public var address: String
    /// The name the voice agent or sender uses.
    public var agentName: String
    /// The campaign's offer, in one line.
    public var offer: String
    /// The booking page; the lead's id is appended as `?lead=<id>`.
    public var bookingLink: String
    /// The page that moves an existing appointment; the lead's id is appended.
    public var rescheduleLink: String
    /// One-click unsubscribe; the lead's id is appended.
    public var unsubscribeLink: String

    public init(
        name: String, phone: String = "", address: String = "", agentName: String = "", offer: String = "",
        bookingLink: String = "", rescheduleLink: String = "", unsubscribeLink: String = ""
    ) {
        self.name = name
        self.phone = phone
        self.address = address
        self.agentName = agentName
        self.offer = offer
        self.bookingLink = bookingLink
        self.rescheduleLink = rescheduleLink
        self.unsubscribeLink = unsubscribeLink
    }
}

/// A client's rules for the engine: allowed channels, per-channel hourly throttles, default zone, profile.
public struct ClientSettings: Sendable, Codable, Hashable {
    public var clientID: ClientID
    /// Channels the client allows; a touch on any other channel falls back or is skipped.
    public var allowedChannels: [Channel]
    /// Touches per hour per channel across all the client's leads; a channel absent here is unthrottled.
    public var throttlesPerHour: [Channel: Int]
    /// IANA zone used when a lead's zone is unknown.
    public var defaultTimeZone: String
    /// When the client allows touches (lead local time), narrowing the playbook's window; nil = the playbook's.
    public var sendWindow: SendWindow?
    /// Touches per lead per local day the client allows, narrowing the playbook's cap; nil = the playbook's.
    public var touchesPerLeadPerDay: Int?
    public var profile: ClientProfile

    public init(
        clientID: ClientID, allowedChannels: [Channel] = Channel.allCases, throttlesPerHour: [Channel: Int] = [:],
        defaultTimeZone: String = "America/New_York", sendWindow: SendWindow? = nil, touchesPerLeadPerDay: Int? = nil,
        profile: ClientProfile
    ) {
        self.clientID = clientID
        self.allowedChannels = allowedChannels
        self.throttlesPerHour = throttlesPerHour
        self.defaultTimeZone = defaultTimeZone
        self.sendWindow = sendWindow
        self.touchesPerLeadPerDay = touchesPerLeadPerDay
        self.profile = profile
    }

    /// Whether the client lets the engine use `channel`.
    public func allows(_ channel: Channel) -> Bool { allowedChannels.contains(channel) }
}
