/// One provider behind one protocol: the engine sends touches and reads webhooks only through this.
///
/// Implementations live in their own targets (TwilioChannel, WhatsAppCloudChannel, EmailChannel,
/// SandboxChannel); the core never names a provider's wire format.
public protocol ChannelAdapter: Sendable {
    /// Which provider this is.
    var kind: ProviderKind { get }
    /// What this adapter can do.
    var capabilities: ChannelCapabilities { get }
    /// Sends one touch. Throws a typed failure the engine maps with `ChannelError.decision`.
    func send(_ touch: OutboundMessage) async throws(ChannelError) -> SendReceipt
    /// Checks the provider's signature (or verify token); throws `.invalidSignature` when it does not match.
    func verifyWebhook(_ request: WebhookRequest) throws(ChannelError)
    /// Parses a verified webhook into typed events and the reply the provider expects.
    func parseWebhook(_ request: WebhookRequest) throws(ChannelError) -> WebhookResult
}

extension ChannelAdapter {
    /// Verifies, then parses: what a webhook route calls.
    public func handleWebhook(_ request: WebhookRequest) throws(ChannelError) -> WebhookResult {
        try verifyWebhook(request)
        return try parseWebhook(request)
    }
}

/// What an adapter can do, per channel.
public struct ChannelCapabilities: Sendable, Hashable {
    /// Per-channel limits and outcomes.
    public struct Entry: Sendable, Hashable {
        public var channel: Channel
        /// Outcomes this provider can actually report on the channel (a subset of `channel.outcomes`).
        public var outcomes: [Outcome]
        /// Longest body the provider accepts (characters), if limited.
        public var maxBodyLength: Int?
        /// Whether free text needs an approved template outside a session window (WhatsApp).
        public var needsTemplateOutsideSession: Bool
        public init(channel: Channel, outcomes: [Outcome], maxBodyLength: Int? = nil, needsTemplateOutsideSession: Bool = false) {
            self.channel = channel
            self.outcomes = outcomes
            self.maxBodyLength = maxBodyLength
            self.needsTemplateOutsideSession = needsTemplateOutsideSession
        }
    }

    public var entries: [Entry]
    /// Whether webhooks carry a signature the adapter verifies.
    public var signsWebhooks: Bool

    public init(_ entries: [Entry], signsWebhooks: Bool) {
        self.entries = entries
        self.signsWebhooks = signsWebhooks
    }

    /// Channels served, in `Channel` order.
    public var channels: [Channel] { entries.map(\.channel).sorted() }

    /// The entry for `channel`, if served.
    public func entry(for channel: Channel) -> Entry? { entries.first { $0.channel == channel } }

    /// Whether `channel` is served.
    public func supports(_ channel: Channel) -> Bool { entry(for: channel) != nil }
}
