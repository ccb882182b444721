import Foundation
import RevenueCore

/// Why a touch was moved or not sent: answers "why was this not sent" in the log.
public enum DeferralReason: String, CaseIterable, Sendable, Hashable, Codable {
    /// Outside the playbook window or the legal calling hours in the lead's zone.
    case window
    /// The lead's state does not allow the touch (unqualified, appointment already booked …).
    case stateRule = "state_rule"
    /// A per-lead cap (playbook daily caps; FL/OK/MD 3 per 24 hours).
    case cap
    /// The client's per-channel hourly throttle.
    case throttle
    /// The lead opted out.
    case optOut = "opt_out"
    /// No channel of the step (or its fallbacks) reaches the lead or is allowed by the client.
    case unreachable
}

/// A touch moved from one instant to another (or skipped, `to == nil`), and why.
public struct Deferral: Sendable, Hashable, Codable {
    public var leadID: LeadID
    public var step: StepID
    public var channel: Channel
    public var from: Date
    /// Where it went; nil when the touch was skipped.
    public var to: Date?
    public var reason: DeferralReason
    public init(leadID: LeadID, step: StepID, channel: Channel, from: Date, to: Date?, reason: DeferralReason) {
        self.leadID = leadID
        self.step = step
        self.channel = channel
        self.from = from
        self.to = to
        self.reason = reason
    }
}
