import Foundation
import Hummingbird
import Logging
import RevenueCore

/// A sink that drops events: the webhook benchmark measures the HTTP path, not the runtime.
public struct DiscardingEventSink: ChannelEventSink {
    public init() {}
    public func handle(_ events: [ChannelEvent], context: WebhookContext) async throws -> CallInstruction? { nil }
}

/// A health source that reports no loops (servers run without the runtime: benchmarks, API-only).
public struct StaticHealthSource: HealthSource {
    public let startedAt: Date
    public init(startedAt: Date) { self.startedAt = startedAt }
    public func snapshot() async -> HealthSnapshot { HealthSnapshot(startedAt: startedAt, loops: []) }
}
