import Foundation
import RevenueCore

/// Reads the client a dry-run simulates for (YAML): profile values for templates, allowed channels,
/// hourly throttles, default zone. Every key optional; unknown keys rejected.
///
/// ```yaml
/// id: clinica-sonrisa
/// name: Clínica Dental Sonrisa
/// throttles_per_hour: { voice: 60, sms: 200 }
/// ```
enum ClientSettingsFile {
    static let keys = ["id", "name", "phone", "address", "agent_name", "offer", "booking_link", "reschedule_link",
                       "unsubscribe_link", "default_timezone", "allowed_channels", "throttles_per_hour"]

    static func load(_ path: String, over base: ClientSettings) throws(CLIError) -> ClientSettings {
        let file = try YAMLMapping.load(path, what: "client file")
        var c = base
        for key in file.keys {
            switch key {
            case "id": c.clientID = ClientID(try file.string(key))
            case "name": c.profile.name = try file.string(key)
            case "phone": c.profile.phone = try file.string(key)
            case "address": c.profile.address = try file.string(key)
            case "agent_name": c.profile.agentName = try file.string(key)
            case "offer": c.profile.offer = try file.string(key)
            case "booking_link": c.profile.bookingLink = try file.string(key)
            case "reschedule_link": c.profile.rescheduleLink = try file.string(key)
            case "unsubscribe_link": c.profile.unsubscribeLink = try file.string(key)
            case "default_timezone":
                let zone = try file.string(key)
                guard TimeZoneInference.isValidZone(zone) else { throw .usage("\(path): `default_timezone` is not an IANA zone like America/New_York") }
                c.defaultTimeZone = zone
            case "allowed_channels":
                c.allowedChannels = try file.strings(key).map { name throws(CLIError) in
                    guard let channel = Channel(rawValue: name) else { throw file.unknown("\(key).\(name)", expected: Channel.allCases.map(\.rawValue)) }
                    return channel
                }
            case "throttles_per_hour":
                let throttles = try file.mapping(key)
                c.throttlesPerHour = [:]
                for k in throttles.keys {
                    guard let channel = Channel(rawValue: k) else { throw throttles.unknown(k, expected: Channel.allCases.map(\.rawValue)) }
                    c.throttlesPerHour[channel] = try throttles.integer(k, min: 1)
                }
            default:
                throw file.unknown(key, expected: keys)
            }
        }
        return c
    }
}
