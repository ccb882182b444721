import Foundation
import RevenueCore

/// A client as the file's keys (snake_case when encoded with `.convertToSnakeCase`): what
/// `GET /api/clients/{id}` answers and `revasi client show --format json` prints.
public struct ClientDocument: Encodable, Sendable, Hashable {
    /// A window as `{days, start, end}` with `HH:MM` times.
    public struct Window: Encodable, Sendable, Hashable {
        public var days: [String]
        public var start: String
        public var end: String

        public init(_ window: SendWindow) {
            days = window.days.map(\.rawValue)
            start = ClientFileWriter.clock(window.startMinute)
            end = ClientFileWriter.clock(window.endMinute)
        }
    }

    /// The client's limits; `nil` is no limit.
    public struct Limits: Encodable, Sendable, Hashable {
        public var touchesPerLeadPerDay: Int?
        public var touchesPerHour: Int?
        public var callsPerDay: Int?
        public var perChannelPerHour: [String: Int]
    }

    public var id: String
    public var name: String
    public var timeZone: String
    public var agentName: String?
    public var phone: String?
    public var address: String?
    public var website: String?
    public var bookingLink: String?
    public var rescheduleLink: String?
    public var brandName: String?
    public var businessHours: Window?
    public var sendWindow: Window?
    public var allowedChannels: [String]
    public var tone: String?
    public var limits: Limits
    public var status: String
    public var createdAt: Date

    public init(_ c: Client) {
        id = c.id.rawValue
        name = c.name
        timeZone = c.timeZone
        agentName = c.profile.agentName
        phone = c.profile.phone
        address = c.profile.address
        website = c.profile.website
        bookingLink = c.profile.bookingLink
        rescheduleLink = c.profile.rescheduleLink
        brandName = c.profile.brandName
        businessHours = c.profile.businessHours.map(Window.init)
        sendWindow = c.schedule.map(Window.init)
        allowedChannels = c.allowedChannels.map(\.rawValue)
        tone = c.tone
        limits = Limits(
            touchesPerLeadPerDay: c.limits.touchesPerLeadPerDay, touchesPerHour: c.limits.touchesPerHour, callsPerDay: c.limits.callsPerDay,
            perChannelPerHour: Dictionary(uniqueKeysWithValues: c.limits.perChannelPerHour.map { ($0.key.rawValue, $0.value) }))
        status = c.status.rawValue
        createdAt = c.createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, name, timeZone, agentName, phone, address, website, bookingLink, rescheduleLink, brandName, businessHours, sendWindow
        case allowedChannels, tone, limits, status, createdAt
    }

    /// Unset values are written as `null`, so every key is always present.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(timeZone, forKey: .timeZone)
        try c.encode(agentName, forKey: .agentName)
        try c.encode(phone, forKey: .phone)
        try c.encode(address, forKey: .address)
        try c.encode(website, forKey: .website)
        try c.encode(bookingLink, forKey: .bookingLink)
        try c.encode(rescheduleLink, forKey: .rescheduleLink)
        try c.encode(brandName, forKey: .brandName)
        try c.encode(businessHours, forKey: .businessHours)
        try c.encode(sendWindow, forKey: .sendWindow)
        try c.encode(allowedChannels, forKey: .allowedChannels)
        try c.encode(tone, forKey: .tone)
        try c.encode(limits, forKey: .limits)
        try c.encode(status, forKey: .status)
        try c.encode(createdAt, forKey: .createdAt)
    }
}

extension ClientDocument.Limits {
    enum CodingKeys: String, CodingKey { case touchesPerLeadPerDay, touchesPerHour, callsPerDay, perChannelPerHour }

    /// Every key present; `null` for no limit.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(touchesPerLeadPerDay, forKey: .touchesPerLeadPerDay)
        try c.encode(touchesPerHour, forKey: .touchesPerHour)
        try c.encode(callsPerDay, forKey: .callsPerDay)
        try c.encode(perChannelPerHour, forKey: .perChannelPerHour)
    }
}
