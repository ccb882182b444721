import Foundation
import RevenueCore

/// A change to one optional value: set it, or clear it (`null` in the file or the JSON body).
public enum Change<Value: Sendable & Hashable>: Sendable, Hashable {
    case set(Value)
    case clear

    /// The value after the change.
    public var value: Value? {
        if case .set(let value) = self { return value }
        return nil
    }
}

/// What a client file (or an API `PATCH` body, or CLI flags) changes on a client: keys absent stay as they were.
public struct ClientPatch: Sendable, Hashable {
    public var id: ClientID?
    public var name: String?
    public var timeZone: String?
    public var agentName: Change<String>?
    public var phone: Change<String>?
    public var address: Change<String>?
    public var website: Change<String>?
    public var bookingLink: Change<String>?
    public var rescheduleLink: Change<String>?
    public var brandName: Change<String>?
    public var businessHours: Change<SendWindow>?
    public var sendWindow: Change<SendWindow>?
    public var allowedChannels: [Channel]?
    public var tone: Change<String>?
    public var touchesPerLeadPerDay: Change<Int>?
    public var touchesPerHour: Change<Int>?
    public var callsPerDay: Change<Int>?
    /// Replaces the whole per-channel map when present.
    public var perChannelPerHour: [Channel: Int]?
    public var status: ClientStatus?

    public init() {}

    /// `client` with every key this patch names applied.
    public func applied(to client: Client) -> Client {
        var c = client
        if let id { c.id = id }
        if let name { c.name = name }
        if let timeZone { c.timeZone = timeZone }
        if let agentName { c.profile.agentName = agentName.value }
        if let phone { c.profile.phone = phone.value }
        if let address { c.profile.address = address.value }
        if let website { c.profile.website = website.value }
        if let bookingLink { c.profile.bookingLink = bookingLink.value }
        if let rescheduleLink { c.profile.rescheduleLink = rescheduleLink.value }
        if let brandName { c.profile.brandName = brandName.value }
        if let businessHours { c.profile.businessHours = businessHours.value }
        if let sendWindow { c.schedule = sendWindow.value }
        if let allowedChannels { c.allowedChannels = allowedChannels }
        if let tone { c.tone = tone.value }
        if let touchesPerLeadPerDay { c.limits.touchesPerLeadPerDay = touchesPerLeadPerDay.value }
        if let touchesPerHour { c.limits.touchesPerHour = touchesPerHour.value }
        if let callsPerDay { c.limits.callsPerDay = callsPerDay.value }
        if let perChannelPerHour { c.limits.perChannelPerHour = perChannelPerHour }
        if let status { c.status = status }
        return c
    }

    /// Whether the patch changes nothing.
    public var isEmpty: Bool { self == ClientPatch() }
}
