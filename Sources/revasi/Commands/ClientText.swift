import ClientConfig
import Foundation
import RevenueCore

/// How the client and campaign commands print: aligned tables, `key: value` lines, the API's JSON.
enum ClientText {
    /// The client as `GET /api/clients/{id}` answers it.
    static func json(_ client: Client) throws -> String {
        try encode(ClientDocument(client))
    }

    /// Pretty, snake_case, sorted JSON.
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// `key: value` lines; unset values shown as `-`.
    static func describe(_ c: Client) -> String {
        func window(_ w: SendWindow?) -> String {
            guard let w else { return "-" }
            return "\(w.days.map(\.rawValue).joined(separator: ",")) \(ClientFileWriter.clock(w.startMinute))-\(ClientFileWriter.clock(w.endMinute))"
        }
        func limit(_ n: Int?) -> String { n.map(String.init) ?? "no limit" }
        let perChannel = Channel.allCases.compactMap { ch in c.limits.perChannelPerHour[ch].map { "\(ch.rawValue) \($0)" } }
        let rows: [(String, String)] = [
            ("id", c.id.rawValue), ("name", c.name), ("status", c.status.rawValue), ("time zone", c.timeZone),
            ("agent name", c.profile.agentName ?? "- (\(c.agentName))"), ("phone", c.profile.phone ?? "-"),
            ("address", c.profile.address ?? "-"), ("website", c.profile.website ?? "-"),
            ("booking link", c.profile.bookingLink ?? "-"), ("reschedule link", c.profile.rescheduleLink ?? "-"),
            ("brand name", c.profile.brandName ?? "- (\(c.brandName))"), ("business hours", window(c.profile.businessHours)),
            ("send window", c.schedule == nil ? "- (the playbook's)" : window(c.schedule)),
            ("allowed channels", c.allowedChannels.map(\.rawValue).joined(separator: ", ")), ("tone", c.tone ?? "-"),
            ("touches/lead/day", limit(c.limits.touchesPerLeadPerDay)), ("touches/hour", limit(c.limits.touchesPerHour)),
            ("calls/day", limit(c.limits.callsPerDay)), ("per channel/hour", perChannel.isEmpty ? "no limit" : perChannel.joined(separator: ", ")),
        ]
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }.joined(separator: "\n") + "\n"
    }

    /// The client-file keys whose values differ between `a` and `b`.
    static func changedKeys(_ a: Client, _ b: Client) -> [String] {
        var keys: [String] = []
        func check(_ key: String, _ differs: Bool) { if differs { keys.append(key) } }
        check("name", a.name != b.name)
        check("time_zone", a.timeZone != b.timeZone)
        check("agent_name", a.profile.agentName != b.profile.agentName)
        check("phone", a.profile.phone != b.profile.phone)
        check("address", a.profile.address != b.profile.address)
        check("website", a.profile.website != b.profile.website)
        check("booking_link", a.profile.bookingLink != b.profile.bookingLink)
        check("reschedule_link", a.profile.rescheduleLink != b.profile.rescheduleLink)
        check("brand_name", a.profile.brandName != b.profile.brandName)
        check("business_hours", a.profile.businessHours != b.profile.businessHours)
        check("send_window", a.schedule != b.schedule)
        check("allowed_channels", a.allowedChannels != b.allowedChannels)
        check("tone", a.tone != b.tone)
        check("limits", a.limits != b.limits)
        check("status", a.status != b.status)
        return keys
    }

    /// Rows padded into columns (the first row is the header).
    static func table(_ rows: [[String]]) -> String {
        guard let columns = rows.first?.count else { return "" }
        let widths = (0..<columns).map { i in rows.map { $0[i].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { i, cell in i == columns - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
