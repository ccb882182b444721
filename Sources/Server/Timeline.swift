import Foundation
import RevenueCore

/// One row of a lead's timeline: a touch, a message, a state change, an appointment or an engine event.
public struct TimelineEntry: Sendable, Codable, Hashable {
    /// `touch`, `message`, `state_change`, `appointment`, `event`.
    public var kind: String
    public var at: Date
    /// The row's id (touch, message, appointment), if it has one.
    public var id: String?
    public var channel: Channel?
    /// Touch or appointment status; message direction.
    public var status: String?
    public var step: Int?
    /// Why: the touch payload's reason (every deferral or skip says why), the state change's reason.
    public var reason: String?
    /// The touch's error (`lease_expired`, a provider code) or the event's error code.
    public var error: String?
    public var outcome: String?
    /// Message text, template name or event message.
    public var text: String?
    public var from: LeadState?
    public var to: LeadState?
}

/// Builds a lead's timeline from the store's rows, in time order (ties keep kind order: state changes
/// before touches before messages).
enum Timeline {
    static func entries(
        touches: [TouchRun], messages: [Message], states: [LeadStateEvent], appointments: [Appointment], events: [CoreMemoryEvent]
    ) -> [TimelineEntry] {
        var rows: [TimelineEntry] = []
        for s in states {
            rows.append(TimelineEntry(kind: "state_change", at: s.at, reason: s.reason, from: s.from, to: s.to))
        }
        for t in touches {
            rows.append(TimelineEntry(
                kind: "touch", at: t.sentAt ?? t.scheduledAt, id: t.id.rawValue, channel: t.channel, status: t.status.rawValue,
                step: t.step, reason: t.payload.reason, error: t.error, outcome: t.outcome?.rawValue, text: t.payload.template))
        }
        for m in messages {
            rows.append(TimelineEntry(
                kind: "message", at: m.at, id: m.id, channel: m.channel, status: m.direction.rawValue, text: m.body))
        }
        for a in appointments {
            rows.append(TimelineEntry(
                kind: "appointment", at: a.startsAt, id: a.id.rawValue, channel: a.channel, status: a.status.rawValue,
                outcome: a.outcome?.rawValue))
        }
        for e in events {
            rows.append(TimelineEntry(kind: "event", at: e.at, error: e.errorCode, text: e.message))
        }
        let rank = ["state_change": 0, "touch": 1, "message": 2, "appointment": 3, "event": 4]
        return rows.enumerated().sorted { a, b in
            if a.element.at != b.element.at { return a.element.at < b.element.at }
            let ra = rank[a.element.kind] ?? 9, rb = rank[b.element.kind] ?? 9
            return ra != rb ? ra < rb : a.offset < b.offset
        }.map(\.element)
    }
}
