import Foundation
import RevenueCore

/// What the dispatcher may do with a claimed touch at the moment it would send it.
public enum SendTimeVerdict: Sendable, Hashable {
    /// Inside every window and under every cap: send now.
    case send
    /// Not now: back to the queue for the next compliant instant.
    case deferred(until: Date, reason: DeferralReason)
    /// Never (an exact-time reminder outside the legal window, or no compliant instant left).
    case skip(DeferralReason)
}

extension Orchestrator {
    /// Re-checks the calling window, the state rules and the per-lead caps at send time.
    ///
    /// Planning placed the touch in a compliant slot, but a backlog, a crashed daemon or touches sent
    /// since may have moved "now" out of it. Cadence, fallback, retry and follow-up touches move to
    /// the next compliant instant; reminders are exact and are skipped instead; opt-out confirmations
    /// always go (the lead asked for them).
    public func sendTimeVerdict(for touch: TouchRun, lead: Lead, history: [TouchRun], now: Date) -> SendTimeVerdict {
        if touch.payload.kind == .confirmation { return .send }
        let others = history.filter { $0.id != touch.id }
        let c = LeadContext(lead: lead, history: others, appointments: [], client: client)
        let channel = ChannelBits.of(touch.channel)
        let t = Int(now.timeIntervalSince1970)
        if touch.payload.kind == .reminder {
            return scheduler.checkExact(channel: channel, at: t, zone: c.zone, rule: c.rule, ledger: c.ledger).map { .skip($0) } ?? .send
        }
        let decision = scheduler.schedule(channel: channel, earliest: t, zone: c.zone, rule: c.rule, ledger: c.ledger)
        guard let at = decision.at else { return .skip(decision.moves.last?.reason ?? .window) }
        if at <= t { return .send }
        return .deferred(until: date(at), reason: decision.moves.first?.reason ?? .window)
    }
}
