import ArgumentParser
import Foundation
import RevenueCore

/// The client's own rules on `revasi campaign create`: when its leads may be contacted and how much.
/// Each option given replaces that rule on the client (new or existing); the others stay.
struct ClientRuleOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Days and hours (lead local time) the client allows, e.g. \"mon,tue,wed,thu,fri 09:00-18:00\"; narrows the playbook's window.",
                               valueName: "days hh:mm-hh:mm"))
    var sendWindow: String?
    @Option(help: "Touches the client allows per hour across all its leads.")
    var touchesPerHour: Int?
    @Option(help: "Voice calls the client allows per day (its local day) across all its leads.")
    var callsPerDay: Int?
    @Option(help: "Touches per lead per day the client allows; narrows the playbook's cap.")
    var touchesPerLeadPerDay: Int?

    func validate() throws {
        for (name, value) in [("--touches-per-hour", touchesPerHour), ("--calls-per-day", callsPerDay),
                              ("--touches-per-lead-per-day", touchesPerLeadPerDay)] {
            if let value, value < 1 { throw ValidationError("\(name) must be at least 1") }
        }
        if let sendWindow, let warning = Self.legalWindowWarning(try Self.window(sendWindow)) { Output.err(warning + "\n") }
    }

    /// The federal calling window (TCPA, lead local time): 08:00–21:00. State rules may narrow it further.
    static let legalStartMinute = 8 * 60
    static let legalEndMinute = 21 * 60

    /// A warning when `window` reaches outside 08:00–21:00: allowed, but the legal window still applies to every touch.
    static func legalWindowWarning(_ window: SendWindow) -> String? {
        guard window.startMinute < legalStartMinute || window.endMinute > legalEndMinute else { return nil }
        return "warning: --send-window \(clock(window.startMinute))-\(clock(window.endMinute)) reaches outside the federal calling window "
            + "08:00-21:00 (lead local time); the legal window still applies, so no touch is sent outside it"
    }

    /// 540 → `09:00`.
    static func clock(_ minute: Int) -> String {
        String(format: "%02d:%02d", minute / 60, minute % 60)
    }

    /// `client` with the rules given here applied.
    func applied(to client: Client) throws -> Client {
        var c = client
        if let sendWindow { c.schedule = try Self.window(sendWindow) }
        if let touchesPerHour { c.limits.touchesPerHour = touchesPerHour }
        if let callsPerDay { c.limits.callsPerDay = callsPerDay }
        if let touchesPerLeadPerDay { c.limits.touchesPerLeadPerDay = touchesPerLeadPerDay }
        return c
    }

    /// `mon,tue 09:00-18:00` → a send window.
    static func window(_ text: String) throws -> SendWindow {
        let usage = ValidationError("--send-window must look like \"mon,tue,wed,thu,fri 09:00-18:00\" (days: mon … sun)")
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2 else { throw usage }
        var days: [Weekday] = []
        for name in parts[0].split(separator: ",") {
            guard let day = Weekday(rawValue: name.lowercased()) else { throw usage }
            if !days.contains(day) { days.append(day) }
        }
        let hours = parts[1].split(separator: "-")
        guard !days.isEmpty, hours.count == 2, let start = minutes(hours[0]), let end = minutes(hours[1]), start < end else { throw usage }
        return SendWindow(days: days.sorted(), startMinute: start, endMinute: end)
    }

    static func minutes(_ text: Substring) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0...24).contains(h), (0..<60).contains(m), h * 60 + m <= 1440 else {
            return nil
        }
        return h * 60 + m
    }
}
