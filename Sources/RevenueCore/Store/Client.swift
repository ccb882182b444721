import Foundation

/// Whether a client's campaigns may send: `paused` stops every one of them at once (the client-wide kill switch).
public enum ClientStatus: String, CaseIterable, Codable, Sendable, Hashable {
    case active, paused
}

/// Per-client throttles; `nil` means "no limit beyond the playbook's caps".
public struct ClientLimits: Sendable, Codable, Hashable {
    /// Touches on any channel per lead per local day.
    public var touchesPerLeadPerDay: Int?
    /// Touches the client may send in one hour across all its leads.
    public var touchesPerHour: Int?
    /// Voice calls the client may place per day across all its leads.
    public var callsPerDay: Int?
    /// Touches per hour on one channel across all its leads; a channel absent here is unthrottled.
    public var perChannelPerHour: [Channel: Int]

    public init(touchesPerLeadPerDay: Int? = nil, touchesPerHour: Int? = nil, callsPerDay: Int? = nil, perChannelPerHour: [Channel: Int] = [:]) {
        self.touchesPerLeadPerDay = touchesPerLeadPerDay
        self.touchesPerHour = touchesPerHour
        self.callsPerDay = callsPerDay
        self.perChannelPerHour = perChannelPerHour
    }

    enum CodingKeys: String, CodingKey { case touchesPerLeadPerDay, touchesPerHour, callsPerDay, perChannelPerHour }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        touchesPerLeadPerDay = try c.decodeIfPresent(Int.self, forKey: .touchesPerLeadPerDay)
        touchesPerHour = try c.decodeIfPresent(Int.self, forKey: .touchesPerHour)
        callsPerDay = try c.decodeIfPresent(Int.self, forKey: .callsPerDay)
        perChannelPerHour = try c.decodeIfPresent([Channel: Int].self, forKey: .perChannelPerHour) ?? [:]
    }
}

/// What a client business tells its leads about itself: the `{{client.*}}`, `{{agent.name}}` and link
/// template variables, where a transfer rings, and the senders it uses. Empty text means "not set".
public struct ClientProfile: Sendable, Codable, Hashable {
    /// The name the voice agent or sender uses (`Sofía`); the client's name when unset.
    public var agentName: String?
    /// The business's phone, E.164: `{{client.phone}}` and where a call transfer rings.
    public var phone: String?
    /// The street address leads visit: `{{client.address}}`.
    public var address: String?
    /// The business's website.
    public var website: String?
    /// The booking page; the lead's id is appended as `?lead=<id>`. Nil: this daemon's own page, when it has one.
    public var bookingLink: String?
    /// The page that moves an existing appointment; the lead's id is appended.
    public var rescheduleLink: String?
    /// The name HELP and STOP answers sign with (carriers ask for the brand); the client's name when unset.
    public var brandName: String?
    /// When the business answers its phone (local time, the client's zone): transfers ring only then.
    /// (Per-client senders live in the channels file's routes, beside the provider account they belong to.)
    public var businessHours: SendWindow?

    public init(
        agentName: String? = nil, phone: String? = nil, address: String? = nil, website: String? = nil, bookingLink: String? = nil,
        rescheduleLink: String? = nil, brandName: String? = nil, businessHours: SendWindow? = nil
    ) {
        self.agentName = agentName
        self.phone = phone
        self.address = address
        self.website = website
        self.bookingLink = bookingLink
        self.rescheduleLink = rescheduleLink
        self.brandName = brandName
        self.businessHours = businessHours
    }

    enum CodingKeys: String, CodingKey {
        case agentName, phone, address, website, bookingLink, rescheduleLink, brandName, businessHours
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        agentName = try c.decodeIfPresent(String.self, forKey: .agentName)
        phone = try c.decodeIfPresent(String.self, forKey: .phone)
        address = try c.decodeIfPresent(String.self, forKey: .address)
        website = try c.decodeIfPresent(String.self, forKey: .website)
        bookingLink = try c.decodeIfPresent(String.self, forKey: .bookingLink)
        rescheduleLink = try c.decodeIfPresent(String.self, forKey: .rescheduleLink)
        brandName = try c.decodeIfPresent(String.self, forKey: .brandName)
        businessHours = try c.decodeIfPresent(SendWindow.self, forKey: .businessHours)
    }
}

/// A client business (dealer, clinic, lender, agency) inside an org: its rules, its profile and whether it sends.
/// The one client model: the store keeps it, the engine plans with it, `dry-run --client` and the API read it.
public struct Client: Sendable, Codable, Hashable, Identifiable {
    public var id: ClientID
    public var orgID: OrgID
    /// The display name: `{{client.name}}`.
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
    public var profile: ClientProfile
    public var status: ClientStatus
    public var createdAt: Date

    public init(
        id: ClientID, orgID: OrgID, name: String, timeZone: String = "America/New_York", schedule: SendWindow? = nil,
        allowedChannels: [Channel] = Channel.allCases, tone: String? = nil, limits: ClientLimits = .init(),
        profile: ClientProfile = .init(), status: ClientStatus = .active, createdAt: Date
    ) {
        self.id = id
        self.orgID = orgID
        self.name = name
        self.timeZone = timeZone
        self.schedule = schedule
        self.allowedChannels = allowedChannels
        self.tone = tone
        self.limits = limits
        self.profile = profile
        self.status = status
        self.createdAt = createdAt
    }

    /// Whether the client lets the engine use `channel`.
    public func allows(_ channel: Channel) -> Bool { allowedChannels.contains(channel) }

    /// The name the voice agent introduces itself with: the profile's agent, else the business.
    public var agentName: String { profile.agentName.flatMap { $0.isEmpty ? nil : $0 } ?? name }

    /// The brand HELP and STOP answers name.
    public var brandName: String { profile.brandName.flatMap { $0.isEmpty ? nil : $0 } ?? name }
}
