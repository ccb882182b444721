import Foundation
import RevenueCore

/// Reads the client a dry-run simulates for (YAML): profile values for templates, allowed channels,
/// hourly throttles, per-lead daily limit, default zone. Every key optional; unknown keys rejected.
///
/// ```yaml
/// id: clinica-sonrisa
/// name: Clínica Dental Sonrisa
/// throttles_per_hour: { voice: 60, sms: 200 }
/// ```
enum ClientSettingsFile {
    static let keys = ["id", "name", "phone", "address", "agent_name", "offer", "booking_link", "reschedule_link",
                       "unsubscribe_link", "default_timezone", "allowed_channels", "throttles_per_hour", "send_window",
                       "touches_per_lead_per_day"]

    static func load(_ path: String, over base: Client) throws(CLIError) -> Client {
        let file = try YAMLMapping.load(path, what: "client file")
        var c = base
        for key in file.keys {
            switch key {
            case "id": c.id = ClientID(try file.string(key))
            case "name": c.name = try file.string(key)
            case "phone": c.profile.phone = try file.string(key)
            case "address": c.profile.address = try file.string(key)
            case "agent_name": c.profile.agentName = try file.string(key)
            case "offer": break
            case "booking_link": c.profile.bookingLink = try file.string(key)
            case "reschedule_link": c.profile.rescheduleLink = try file.string(key)
            case "unsubscribe_link": break
            case "default_timezone":
                let zone = try file.string(key)
                guard TimeZoneInference.isValidZone(zone) else { throw .usage("\(path): `default_timezone` is not an IANA zone like America/New_York") }
                c.timeZone = zone
            case "allowed_channels":
                c.allowedChannels = try file.strings(key).map { name throws(CLIError) in
                    guard let channel = Channel(rawValue: name) else { throw file.unknown("\(key).\(name)", expected: Channel.allCases.map(\.rawValue)) }
                    return channel
                }
            case "throttles_per_hour":
                let throttles = try file.mapping(key)
                c.limits.perChannelPerHour = [:]
                for k in throttles.keys {
                    guard let channel = Channel(rawValue: k) else { throw throttles.unknown(k, expected: Channel.allCases.map(\.rawValue)) }
                    c.limits.perChannelPerHour[channel] = try throttles.integer(k, min: 1)
                }
            case "touches_per_lead_per_day": c.limits.touchesPerLeadPerDay = try file.integer(key, min: 1)
            case "send_window":
                let window = try file.mapping(key)
                var days: [Weekday] = []
                var start = 8 * 60
                var end = 21 * 60
                for k in window.keys {
                    switch k {
                    case "days":
                        days = try window.strings(k).map { name throws(CLIError) in
                            guard let day = Weekday(rawValue: name) else { throw window.unknown("\(k).\(name)", expected: Weekday.allCases.map(\.rawValue)) }
                            return day
                        }
                    case "start": start = try minutes(window, k)
                    case "end": end = try minutes(window, k)
                    default: throw window.unknown(k, expected: ["days", "start", "end"])
                    }
                }
                guard start < end else { throw .usage("\(path): `send_window` is empty (start must be before end)") }
                c.schedule = SendWindow(days: days.isEmpty ? Weekday.allCases : days, startMinute: start, endMinute: end)
            default:
                throw file.unknown(key, expected: keys)
            }
        }
        return c
    }

    /// `"HH:MM"` as minutes after midnight.
    private static func minutes(_ m: YAMLMapping, _ key: String) throws(CLIError) -> Int {
        let text = try m.string(key)
        let parts = text.split(separator: ":")
        guard parts.count == 2, let h = Int(parts[0]), let mm = Int(parts[1]), (0...24).contains(h), (0..<60).contains(mm), h * 60 + mm <= 1440 else {
            throw .usage("\(m.path): `\(m.name(key))` must be a time like \"09:00\"")
        }
        return h * 60 + mm
    }
}
