import Foundation
import RevenueCore

/// Writes a client as a client file: what `revasi client show --format yaml` prints, ready to edit and `update --file`.
public enum ClientFileWriter {
    /// The client's values as YAML, in the file's key order; unset optional values are left out.
    public static func yaml(_ client: Client) -> String {
        var lines = ["# A client file (docs/clients.md): edit it, then `revasi client update \(client.id) --org \(client.orgID) --file FILE`."]
        func add(_ key: String, _ value: String?) { if let value, !value.isEmpty { lines.append("\(key): \(quoted(value))") } }
        add("id", client.id.rawValue)
        add("name", client.name)
        add("time_zone", client.timeZone)
        add("agent_name", client.profile.agentName)
        add("phone", client.profile.phone)
        add("address", client.profile.address)
        add("website", client.profile.website)
        add("booking_link", client.profile.bookingLink)
        add("reschedule_link", client.profile.rescheduleLink)
        add("brand_name", client.profile.brandName)
        if let hours = client.profile.businessHours { lines.append("business_hours: \(window(hours))") }
        if let schedule = client.schedule { lines.append("send_window: \(window(schedule))") }
        lines.append("allowed_channels: [\(client.allowedChannels.map(\.rawValue).joined(separator: ", "))]")
        add("tone", client.tone)
        let limits = client.limits
        var limitLines: [String] = []
        if let n = limits.touchesPerLeadPerDay { limitLines.append("  touches_per_lead_per_day: \(n)") }
        if let n = limits.touchesPerHour { limitLines.append("  touches_per_hour: \(n)") }
        if let n = limits.callsPerDay { limitLines.append("  calls_per_day: \(n)") }
        if !limits.perChannelPerHour.isEmpty {
            let cells = Channel.allCases.compactMap { channel in limits.perChannelPerHour[channel].map { "\(channel.rawValue): \($0)" } }
            limitLines.append("  per_channel_per_hour: {\(cells.joined(separator: ", "))}")
        }
        if !limitLines.isEmpty { lines += ["limits:"] + limitLines }
        lines.append("status: \(client.status.rawValue)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `{days: [mon, tue], start: "09:00", end: "18:00"}`.
    static func window(_ w: SendWindow) -> String {
        "{days: [\(w.days.map(\.rawValue).joined(separator: ", "))], start: \"\(clock(w.startMinute))\", end: \"\(clock(w.endMinute))\"}"
    }

    /// Minutes after midnight as `HH:MM`.
    public static func clock(_ minutes: Int) -> String { String(format: "%02d:%02d", minutes / 60, minutes % 60) }

    /// A double-quoted YAML string (escapes `\` and `"`).
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
