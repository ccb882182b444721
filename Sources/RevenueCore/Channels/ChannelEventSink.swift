import Foundation

/// Where a verified webhook's events go: the runtime applies them to the store and the engine.
///
/// The HTTP server verifies and parses with the provider's adapter, then calls this; it never
/// touches the store itself. Implementations must be idempotent: providers redeliver.
public protocol ChannelEventSink: Sendable {
    /// Applies the events of one verified webhook. Throwing makes the server answer 500 so the
    /// provider retries; events that are understood but irrelevant are ignored, not thrown.
    /// Returns what to do next on a live call (a `<Gather>` result), or nil for the adapter's usual reply.
    @discardableResult
    func handle(_ events: [ChannelEvent], context: WebhookContext) async throws -> CallInstruction?
}

/// What the server knows about a webhook besides its events.
public struct WebhookContext: Sendable, Hashable {
    /// The adapter that verified and parsed it.
    public var provider: ProviderKind
    /// The full URL the provider called (query items such as `touch` and `org` that the
    /// dispatcher put in the callback URL are here).
    public var url: String
    public var receivedAt: Date

    public init(provider: ProviderKind, url: String, receivedAt: Date) {
        self.provider = provider
        self.url = url
        self.receivedAt = receivedAt
    }

    /// A query item of `url`, if present.
    public func queryItem(_ name: String) -> String? {
        URLComponents(string: url)?.queryItems?.first { $0.name == name }?.value
    }
}
