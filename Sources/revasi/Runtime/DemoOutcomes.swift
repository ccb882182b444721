import Foundation
import RevenueCore
import Runtime

/// The demo's sandbox adapter: sends through the sandbox and keeps every receipt, so the demo can apply
/// the simulated outcomes after each dispatch pass (the sandbox has no webhooks). Production services
/// never see it: the demo composes it around the real `DispatchService`.
struct RecordingAdapter: ChannelAdapter {
    /// One accepted touch and the sandbox's receipt.
    struct Sent: Sendable {
        var touchID: TouchID
        var orgID: OrgID
        var isCampaign: Bool
        var receipt: SendReceipt
    }

    let inner: any ChannelAdapter
    let sent = LockedValue<[Sent]>([])

    var kind: ProviderKind { inner.kind }
    var capabilities: ChannelCapabilities { inner.capabilities }

    func send(_ touch: OutboundMessage) async throws(ChannelError) -> SendReceipt {
        let receipt = try await inner.send(touch)
        sent.withLock { $0.append(Sent(touchID: touch.touchID, orgID: touch.orgID, isCampaign: touch.isCampaign, receipt: receipt)) }
        return receipt
    }

    func verifyWebhook(_ request: WebhookRequest) throws(ChannelError) { try inner.verifyWebhook(request) }
    func parseWebhook(_ request: WebhookRequest) throws(ChannelError) -> WebhookResult { try inner.parseWebhook(request) }

    /// The receipts recorded since the last drain, oldest first.
    func drain() -> [Sent] { sent.withLock { all in defer { all = [] }; return all } }
}
