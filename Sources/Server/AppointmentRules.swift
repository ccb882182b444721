import Foundation
import RevenueCore

/// The API's appointment rules, pure: a real IANA zone, a start in the future, outcomes only in a sensible order and time.
enum AppointmentRules {
    /// The zone named `identifier` when it is an IANA zone (`America/Chicago`, `UTC`), else nil.
    static func zone(_ identifier: String) -> TimeZone? {
        guard identifier == "UTC" || TimeZone.knownTimeZoneIdentifiers.contains(identifier) else { return nil }
        return TimeZone(identifier: identifier)
    }

    /// Why a booking starting at `start` is refused (it is not after `now`), or nil.
    static func startRefusal(_ start: Date, now: Date) -> String? {
        start > now ? nil : "starts_at: is not in the future (now is \(now.ISO8601Format())); book a time after now"
    }

    /// A warning when `zone`'s offset at `start` differs from the lead's zone (unknown lead zones warn nothing).
    static func zoneWarnings(_ zone: TimeZone, leadZone: String?, at start: Date) -> [String] {
        guard let leadZone, let lead = TimeZone(identifier: leadZone) else { return [] }
        let ours = zone.secondsFromGMT(for: start), theirs = lead.secondsFromGMT(for: start)
        guard ours != theirs else { return [] }
        return ["zone: \(zone.identifier) is UTC\(offset(ours)) at starts_at, the lead's zone \(leadZone) is UTC\(offset(theirs)); check the time with the lead"]
    }

    /// Why `outcome` cannot be recorded on `appointment` at `now`, or nil.
    /// A settled appointment (any status but `scheduled`) is refused whatever the outcome (a 409 for the caller);
    /// `show` and `no_show` before the start are refused (a 400).
    static func outcomeRefusal(_ outcome: AppointmentOutcome, appointment: Appointment, now: Date) -> String? {
        if appointment.status != .scheduled {
            return "the appointment is already settled (status \(appointment.status.rawValue)); outcomes are recorded once"
        }
        if outcome == .show || outcome == .noShow, now < appointment.startsAt {
            return "outcome: \(outcome.rawValue) cannot be recorded before the appointment starts (\(appointment.startsAt.ISO8601Format()))"
        }
        return nil
    }

    static func offset(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let minutes = abs(seconds) / 60
        return String(format: "%@%02d:%02d", sign, minutes / 60, minutes % 60)
    }
}
