import Foundation
import Metrics
import Prometheus
import RevenueCore

/// The server's metrics through swift-metrics, written to the Prometheus registry passed in (never
/// the global `MetricsSystem`: libraries do not bootstrap).
struct ServerMetrics: Sendable {
    let registry: PrometheusCollectorRegistry?
    private let factory: PrometheusMetricsFactory?

    init(registry: PrometheusCollectorRegistry?) {
        self.registry = registry
        self.factory = registry.map { PrometheusMetricsFactory(registry: $0) }
    }

    /// One webhook answered: counted by route and status, timed by route.
    func webhook(route: String, status: Int, started: ContinuousClock.Instant) {
        guard let factory else { return }
        Counter(label: "revasi_webhook_requests_total", dimensions: [("route", route), ("status", String(status))], factory: factory)
            .increment()
        let elapsed = ContinuousClock.now - started
        Timer(label: "revasi_webhook_duration_seconds", dimensions: [("route", route)], factory: factory)
            .recordNanoseconds(elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
    }

    /// An error answered or swallowed, by kind (`invalid_signature`, `malformed_webhook`, `sink`, `api`).
    func error(_ kind: String) {
        guard let factory else { return }
        Counter(label: "revasi_errors_total", dimensions: [("kind", kind)], factory: factory).increment()
    }

    /// Sets the touch gauges (`revasi_touches{channel,status}`, `revasi_queue_depth{channel}`) from the store's counts.
    func queue(_ counts: [QueueCount]) {
        guard let factory else { return }
        var depth: [Channel: Int] = [:]
        for channel in Channel.allCases { depth[channel] = 0 }
        var cells: [String: Int] = [:]
        for channel in Channel.allCases {
            for status in TouchStatus.allCases { cells["\(channel.rawValue)|\(status.rawValue)"] = 0 }
        }
        for count in counts {
            cells["\(count.channel.rawValue)|\(count.status.rawValue)"] = count.count
            if count.status == .queued || count.status == .sending { depth[count.channel, default: 0] += count.count }
        }
        for (key, value) in cells {
            let parts = key.split(separator: "|").map(String.init)
            Gauge(label: "revasi_touches", dimensions: [("channel", parts[0]), ("status", parts[1])], factory: factory)
                .record(Double(value))
        }
        for (channel, value) in depth {
            Gauge(label: "revasi_queue_depth", dimensions: [("channel", channel.rawValue)], factory: factory).record(Double(value))
        }
    }
}

/// Metrics the dispatcher records (schedule-to-send latency, touches sent by channel and outcome)
/// into the same registry, so `/metrics` shows them beside the server's.
public struct DispatchMetrics: Sendable {
    private let factory: PrometheusMetricsFactory

    public init(registry: PrometheusCollectorRegistry) { factory = PrometheusMetricsFactory(registry: registry) }

    /// A touch handed to its provider: counted by channel and status; the delay after `scheduledAt` timed.
    public func sent(channel: Channel, status: TouchStatus, scheduledAt: Date, sentAt: Date) {
        Counter(label: "revasi_touches_sent_total", dimensions: [("channel", channel.rawValue), ("status", status.rawValue)], factory: factory)
            .increment()
        let seconds = max(0, sentAt.timeIntervalSince(scheduledAt))
        Timer(label: "revasi_schedule_to_send_seconds", dimensions: [("channel", channel.rawValue)], factory: factory)
            .recordNanoseconds(Int64(seconds * 1_000_000_000))
    }
}
