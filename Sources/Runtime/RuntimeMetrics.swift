import Foundation
import Metrics
import RevenueCore

/// The runtime's swift-metrics instruments (the executable bootstraps a backend; libraries never do).
enum RuntimeMetrics {
    /// Counts a touch reaching `status` on `channel`.
    static func touch(_ channel: Channel, _ status: String) {
        Counter(label: "revasi_touches_total", dimensions: [("channel", channel.rawValue), ("status", status)]).increment()
    }

    /// Records how late a touch went out after its scheduled time.
    static func scheduleToSend(_ touch: TouchRun, sentAt: Date) {
        let nanos = max(0, sentAt.timeIntervalSince(touch.scheduledAt)) * 1e9
        Metrics.Timer(label: "revasi_schedule_to_send_seconds", dimensions: [("channel", touch.channel.rawValue)], preferredDisplayUnit: .seconds)
            .recordNanoseconds(Int64(min(nanos, 9e18)))
    }

    /// Counts one inbound message by what it meant.
    static func inbound(_ kind: String) {
        Counter(label: "revasi_inbound_messages_total", dimensions: [("kind", kind)]).increment()
    }
}
