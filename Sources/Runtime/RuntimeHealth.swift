import Foundation
import RevenueCore


/// Each loop's last run, last error and run count, for `GET /api/health`.
public final class RuntimeHealth: HealthSource {
    private let startedAt: Date
    private let loops: LockedValue<[String: LoopHealth]>

    public init(startedAt: Date) {
        self.startedAt = startedAt
        loops = LockedValue([:])
    }

    /// Records one pass of loop `name`: its time and error (nil when it succeeded).
    public func record(_ name: String, at: Date, error: (any Error)?) {
        loops.withLock { loops in
            var entry = loops[name] ?? LoopHealth(name: name)
            entry.lastRunAt = at
            entry.runs += 1
            entry.lastError = error.map { RuntimeError.safeDescription($0) }
            loops[name] = entry
        }
    }

    public func snapshot() async -> HealthSnapshot {
        HealthSnapshot(startedAt: startedAt, loops: loops.withLock { $0.values.sorted { $0.name < $1.name } })
    }
}
