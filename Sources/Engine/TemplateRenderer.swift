import Foundation
import RevenueCore

/// Fills `{{variables}}` (the closed set of docs/playbooks.md) for one lead; appointment times are
/// written in the lead's zone and language. Unknown variables (the compiler rejects them) render empty.
public struct TemplateRenderer: Sendable {
    public let client: Client
    /// The campaign's offer: `{{campaign.offer}}`.
    public let offer: String
    public let links: LeadLinks

    public init(client: Client, offer: String?, links: LeadLinks = .none) {
        self.client = client
        self.offer = offer ?? ""
        self.links = links
    }

    /// The appointment a reminder or follow-up refers to, with the lead's zone.
    public struct AppointmentContext: Sendable {
        public var startsAt: Int
        public var zone: ZoneRules
        public init(startsAt: Int, zone: ZoneRules) {
            self.startsAt = startsAt
            self.zone = zone
        }
    }

    /// Renders `text` for `lead` in `language`.
    public func render(_ text: String, lead: Lead, language: Language, appointment: AppointmentContext? = nil) -> String {
        var missing: [String] = []
        return render(text, lead: lead, language: language, appointment: appointment, missing: &missing)
    }

    /// Renders `text` and appends to `missing` the name of every variable that rendered empty (a hole
    /// the message must not be sent with).
    public func render(_ text: String, lead: Lead, language: Language, appointment: AppointmentContext?, missing: inout [String]) -> String {
        guard text.contains("{{") else { return text }
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                out += rest[open.lowerBound...]
                return out
            }
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            let value = value(of: name, lead: lead, language: language, appointment: appointment)
            if value.isEmpty, !missing.contains(name) { missing.append(name) }
            out += value
            rest = rest[close.upperBound...]
        }
        out += rest
        return out
    }

    /// The value of one variable.
    public func value(of name: String, lead: Lead, language: Language, appointment: AppointmentContext?) -> String {
        let id = lead.id.rawValue
        let profile = client.profile
        switch name {
        case "lead.first_name": return nonEmpty(lead.firstName) ?? lead.fullName ?? ""
        case "lead.last_name": return lead.lastName ?? ""
        case "lead.full_name": return lead.fullName ?? ""
        case "client.name": return client.name
        case "client.phone": return profile.phone ?? ""
        case "client.address": return profile.address ?? ""
        case "client.website": return profile.website ?? ""
        case "agent.name": return client.agentName
        case "campaign.offer": return offer
        case "booking_link":
            if let base = nonEmpty(profile.bookingLink) { return link(base, id) }
            return links.booking(lead.orgID, lead.id) ?? ""
        case "reschedule_link":
            if let base = nonEmpty(profile.rescheduleLink) { return link(base, id) }
            return links.booking(lead.orgID, lead.id) ?? ""
        case "unsubscribe_link": return links.unsubscribe(lead.orgID, lead.id) ?? ""
        case "appointment.starts_at_local", "appointment.date_local", "appointment.time_local":
            guard let appointment else { return "" }
            let local = LocalTimeFormatter.parts(local: appointment.zone.local(appointment.startsAt))
            switch name {
            case "appointment.date_local": return LocalTimeFormatter.date(local, language: language)
            case "appointment.time_local": return LocalTimeFormatter.time(local, language: language)
            default: return LocalTimeFormatter.dateTime(local, language: language)
            }
        default: return ""
        }
    }

    private func nonEmpty(_ s: String?) -> String? { s.flatMap { $0.isEmpty ? nil : $0 } }

    private func link(_ base: String, _ id: String) -> String {
        base + (base.contains("?") ? "&" : "?") + "lead=" + id
    }
}

/// Dates and times written for people in Spanish or English, without Foundation formatters
/// (deterministic across platforms and locales).
public enum LocalTimeFormatter {
    /// A local wall-clock instant split into fields.
    public struct Parts: Sendable, Hashable {
        public var year, month, day, weekday, hour, minute, second: Int
    }

    /// Splits local wall-clock seconds.
    public static func parts(local l: Int) -> Parts {
        let day = CivilCalendar.dayNumber(ofSeconds: l)
        let (y, m, d) = CivilCalendar.date(ofDay: day)
        let sod = l - day * 86_400
        return Parts(year: y, month: m, day: d, weekday: CivilCalendar.isoWeekday(ofDay: day), hour: sod / 3600, minute: sod % 3600 / 60, second: sod % 60)
    }

    static let monthsES = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"]
    static let monthsEN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    static let daysES = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]
    static let daysEN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// `martes 1 de diciembre` / `Tuesday, December 1`.
    public static func date(_ p: Parts, language: Language) -> String {
        switch language {
        case .es: "\(daysES[p.weekday - 1]) \(p.day) de \(monthsES[p.month - 1])"
        case .en: "\(daysEN[p.weekday - 1]), \(monthsEN[p.month - 1]) \(p.day)"
        }
    }

    /// `10:30` (24-hour, Spanish) / `10:30 AM`.
    public static func time(_ p: Parts, language: Language) -> String {
        switch language {
        case .es: return "\(p.hour):\(pad2(p.minute))"
        case .en:
            let h = p.hour % 12 == 0 ? 12 : p.hour % 12
            return "\(h):\(pad2(p.minute)) \(p.hour < 12 ? "AM" : "PM")"
        }
    }

    /// `martes 1 de diciembre a las 10:30` / `Tuesday, December 1 at 10:30 AM`.
    public static func dateTime(_ p: Parts, language: Language) -> String {
        switch language {
        case .es: "\(date(p, language: .es)) a las \(time(p, language: .es))"
        case .en: "\(date(p, language: .en)) at \(time(p, language: .en))"
        }
    }

    /// ISO-8601 UTC with `Z`: `2026-12-01T13:00:00Z`.
    public static func isoUTC(_ t: Int) -> String {
        let p = parts(local: t)
        return "\(pad4(p.year))-\(pad2(p.month))-\(pad2(p.day))T\(pad2(p.hour)):\(pad2(p.minute)):\(pad2(p.second))Z"
    }

    /// ISO-8601 local time with the zone's offset: `2026-12-01T08:00:00-05:00`.
    public static func isoLocal(_ t: Int, zone: ZoneRules) -> String {
        let off = zone.offset(at: t)
        let p = parts(local: t + off)
        let sign = off < 0 ? "-" : "+"
        let a = abs(off)
        return "\(pad4(p.year))-\(pad2(p.month))-\(pad2(p.day))T\(pad2(p.hour)):\(pad2(p.minute)):\(pad2(p.second))\(sign)\(pad2(a / 3600)):\(pad2(a % 3600 / 60))"
    }

    @inline(__always) static func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    @inline(__always) static func pad4(_ n: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }
}
