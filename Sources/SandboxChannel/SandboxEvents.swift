import Foundation
import RevenueCore

extension SandboxAdapter {
    /// The webhook events a real provider would send for this touch, in order, ending with the one that
    /// settles `receipt.simulatedOutcome`. Deterministic (same seed and key, same events), so the demo and
    /// dry-runs feed the same event path as real providers.
    public func simulatedEvents(for touch: OutboundMessage, receipt: SendReceipt) -> [ChannelEvent] {
        guard let outcome = receipt.simulatedOutcome else { return [] }
        let id = receipt.providerMessageID
        let roll = Self.hash(seed: seed, key: touch.idempotencyKey + "|events")
        let at = touch.now.addingTimeInterval(Double(5 + roll % 55))
        func status(_ status: MessageDeliveryStatus, _ failure: ChannelError? = nil) -> ChannelEvent {
            .messageStatus(MessageStatusEvent(provider: kind, providerMessageID: id, status: status, failure: failure, at: at))
        }
        func call(_ progress: CallProgress, answeredBy: AnsweredBy? = nil, seconds: Int? = nil) -> ChannelEvent {
            .callStatus(CallStatusEvent(provider: kind, providerCallID: id, status: progress, durationSeconds: seconds, answeredBy: answeredBy, at: at))
        }
        let reply = touch.language == .es ? "Sí, me interesa. ¿Qué horarios tienen?" : "Yes, I'm interested. What times do you have?"
        let inbound = ChannelEvent.inboundMessage(InboundMessageEvent(
            provider: kind, channel: touch.channel, providerMessageID: id + "-reply", from: touch.to, to: "sandbox",
            body: reply, at: at.addingTimeInterval(60)))
        switch (touch.channel, outcome) {
        case (.voice, .answered): return [call(.ringing), call(.answered, answeredBy: .human), call(.completed, answeredBy: .human, seconds: 30 + Int(roll % 150))]
        case (.voice, .voicemail): return [call(.ringing), call(.completed, answeredBy: .machine, seconds: 20 + Int(roll % 20))]
        case (.voice, .noAnswer): return [call(.ringing), call(.noAnswer)]
        case (.voice, .busy): return [call(.busy)]
        case (.voice, _): return [call(.failed)]
        case (_, .delivered): return [status(.sent), status(.delivered)]
        case (_, .replied): return [status(.sent), status(.delivered), inbound]
        case (.email, .opened): return [status(.delivered), .emailOpened(EmailOpenedEvent(provider: kind, providerMessageID: id, at: at))]
        case (.email, .bounced):
            return [.emailBounce(EmailBounceEvent(provider: kind, providerMessageID: id, recipient: touch.to, kind: .hard, reason: "NoMailbox", at: at))]
        default: return [status(.sent), status(.failed, ChannelError(.retryable, provider: kind, code: "30003"))]
        }
    }
}
