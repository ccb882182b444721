import Foundation

/// How the engine learned a lead's time zone (reported so "why 9am?" has an answer).
public enum TimeZoneSource: String, Codable, Sendable, Hashable {
    /// Given explicitly (import column, API).
    case explicit
    /// Inferred from the phone number's area code or country code.
    case phone
    /// Inferred from the lead's US state.
    case state
    /// Nothing known: the client's default zone was used.
    case fallback
}

/// What kind of line a phone number is, when a provider or lookup told us.
public enum PhoneLineType: String, Codable, Sendable, Hashable {
    case mobile, landline, voip, unknown
}

/// A person or business the engine may contact. Personal fields are never logged.
public struct Lead: Sendable, Codable, Hashable, Identifiable {
    public var id: LeadID
    public var orgID: OrgID
    public var firstName: String?
    public var lastName: String?
    /// A full name when the source gives one column only.
    public var name: String?
    public var contactName: String?
    public var companyName: String?
    /// E.164 (`+13055550100`), already normalized.
    public var phone: String?
    public var phoneLineType: PhoneLineType
    public var email: String?
    /// Two-letter US state or territory code (`FL`, `PR`), when known.
    public var usState: String?
    /// IANA zone name (`America/New_York`).
    public var timeZone: String?
    public var timeZoneSource: TimeZoneSource?
    public var language: Language?
    public var state: LeadState
    public var createdAt: Date
    public var lastActivityAt: Date?
    /// The campaign the lead was imported into or enrolled in, if any.
    public var campaignID: CampaignID?

    public init(
        id: LeadID, orgID: OrgID, firstName: String? = nil, lastName: String? = nil, name: String? = nil,
        contactName: String? = nil, companyName: String? = nil, phone: String? = nil,
        phoneLineType: PhoneLineType = .unknown, email: String? = nil, usState: String? = nil,
        timeZone: String? = nil, timeZoneSource: TimeZoneSource? = nil, language: Language? = nil,
        state: LeadState = .new, createdAt: Date, lastActivityAt: Date? = nil, campaignID: CampaignID? = nil
    ) {
        self.id = id
        self.orgID = orgID
        self.firstName = firstName
        self.lastName = lastName
        self.name = name
        self.contactName = contactName
        self.companyName = companyName
        self.phone = phone
        self.phoneLineType = phoneLineType
        self.email = email
        self.usState = usState
        self.timeZone = timeZone
        self.timeZoneSource = timeZoneSource
        self.language = language
        self.state = state
        self.createdAt = createdAt
        self.lastActivityAt = lastActivityAt
        self.campaignID = campaignID
    }

    /// The design's `full_name`: name, else first + last, else contact name, else company name.
    public var fullName: String? {
        if let name, !name.isEmpty { return name }
        let parts = [firstName, lastName].compactMap { $0 }.filter { !$0.isEmpty }
        if !parts.isEmpty { return parts.joined(separator: " ") }
        if let contactName, !contactName.isEmpty { return contactName }
        if let companyName, !companyName.isEmpty { return companyName }
        return nil
    }

    /// Whether a touch on `channel` can reach this lead at all (address present, line type fits).
    public func isReachable(on channel: Channel) -> Bool {
        switch channel {
        case .email: return email.map { !$0.isEmpty } ?? false
        case .voice: return phone.map { !$0.isEmpty } ?? false
        case .sms, .whatsapp: return (phone.map { !$0.isEmpty } ?? false) && phoneLineType != .landline
        }
    }
}
