import Foundation
import RevenueCore

/// The client-wide limits of `ClientLimits` — touches per hour across all the client's leads, voice
/// calls per client-local day — counted from what went out (the store) plus what this process is
/// sending right now (reservations), and checked just before a send.
///
/// Within one daemon the count is exact; several daemons on one database each see the others'
/// sends once they are recorded, so together they may overshoot by the sends in flight elsewhere.
final class ClientThrottle: Sendable {
    /// The answer for one touch.
    enum Admission {
        /// Send; release `reservations` once the send is settled.
        case go(reservations: [String])
        /// Not before `until`.
        case hold(until: Date, reason: String)
    }

    let store: any Store
    private let inFlight = LockedValue<[String: Int]>([:])

    init(store: any Store) { self.store = store }

    /// Admits the touch (reserving its place under the client's limits) or says until when to hold it.
    /// Reminders (exact) and compliance confirmations are never held.
    func admit(_ touch: TouchRun, client: Client, now: Date) async throws -> Admission {
        guard touch.payload.kind != .confirmation, touch.payload.kind != .reminder else { return .go(reservations: []) }
        var checks: [(key: String, limit: Int, times: [Date], until: (Date?) -> Date, reason: String)] = []
        if let limit = client.limits.touchesPerHour {
            // The last hour, excluding its first instant: a send exactly an hour ago no longer counts.
            let times = try await store.sentTimes(org: touch.orgID, client: client.id, channel: nil, since: now.addingTimeInterval(-3599.999))
            // The hour frees a slot when the send `limit` places before the newest leaves it.
            checks.append(("\(touch.orgID.rawValue)|\(client.id.rawValue)|hour", limit, times,
                           { oldest in max((oldest ?? now).addingTimeInterval(3600), now.addingTimeInterval(1)) },
                           "throttle: the client allows \(limit) touches per hour"))
        }
        if let limit = client.limits.perChannelPerHour[touch.channel] {
            let channel = touch.channel
            let times = try await store.sentTimes(org: touch.orgID, client: client.id, channel: channel, since: now.addingTimeInterval(-3599.999))
            checks.append(("\(touch.orgID.rawValue)|\(client.id.rawValue)|hour|\(channel.rawValue)", limit, times,
                           { oldest in max((oldest ?? now).addingTimeInterval(3600), now.addingTimeInterval(1)) },
                           "throttle: the client allows \(limit) \(channel.rawValue) touches per hour"))
        }
        if touch.channel == .voice, let limit = client.limits.callsPerDay {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: client.timeZone) ?? TimeZone(identifier: "America/New_York")!
            let dayStart = calendar.startOfDay(for: now)
            let tomorrow = calendar.date(byAdding: .day, value: 1, to: dayStart) ?? now.addingTimeInterval(86_400)
            let calls = try await store.sentTimes(org: touch.orgID, client: client.id, channel: .voice, since: dayStart)
            checks.append(("\(touch.orgID.rawValue)|\(client.id.rawValue)|calls|\(Int(dayStart.timeIntervalSince1970))", limit, calls,
                           { _ in tomorrow }, "throttle: the client allows \(limit) calls per day"))
        }
        guard !checks.isEmpty else { return .go(reservations: []) }
        return inFlight.withLock { reserved in
            for check in checks {
                let counted = check.times + Array(repeating: now, count: reserved[check.key] ?? 0)
                if counted.count >= max(check.limit, 0) {
                    let oldest = check.limit > 0 ? counted.sorted()[counted.count - check.limit] : nil
                    return .hold(until: check.until(oldest), reason: check.reason)
                }
            }
            for check in checks { reserved[check.key, default: 0] += 1 }
            return .go(reservations: checks.map(\.key))
        }
    }

    /// Gives back the places `admit` reserved (the send is now in the store, or did not happen).
    func release(_ reservations: [String]) {
        guard !reservations.isEmpty else { return }
        inFlight.withLock { reserved in
            for key in reservations {
                reserved[key, default: 1] -= 1
                if reserved[key] == 0 { reserved[key] = nil }
            }
        }
    }
}
