import Foundation


/// Where the runtime reads the time and how it waits: the system clock, or one the caller drives.
public struct RuntimeClock: Sendable {
    /// The current time.
    public var now: @Sendable () -> Date
    /// Waits between loop passes (a driven clock may return at once).
    public var sleep: @Sendable (Duration) async throws -> Void

    public init(now: @escaping @Sendable () -> Date, sleep: @escaping @Sendable (Duration) async throws -> Void) {
        self.now = now
        self.sleep = sleep
    }

    /// Wall-clock time and real sleeps.
    public static let system = RuntimeClock(now: { Date() }, sleep: { try await Task.sleep(for: $0) })

    /// Wall-clock pace and real sleeps, but reading `start` at the moment it is made: a rehearsal of a
    /// given day and hour (the legal calling window depends on it) on a machine whose clock says otherwise.
    /// `speed` > 1 runs simulated time faster than the wall clock (a rehearsal of a day in minutes);
    /// sleeps stay real.
    /// `anchor` is the wall-clock instant that reads `start` (default: now); daemons given the same
    /// start, anchor and speed share one simulated clock.
    public static func starting(at start: Date, speed: Double = 1, anchor: Date? = nil) -> RuntimeClock {
        let origin = anchor ?? Date()
        return RuntimeClock(now: { start.addingTimeInterval(Date().timeIntervalSince(origin) * speed) }, sleep: { try await Task.sleep(for: $0) })
    }

    /// A clock whose time only moves when `clock.advance` or `clock.set` is called (tests, the demo).
    public static func manual(_ clock: ManualTime) -> RuntimeClock {
        RuntimeClock(now: { clock.now }, sleep: { _ in try await Task.sleep(for: .milliseconds(1)) })
    }
}

/// A settable time source for tests and the accelerated demo.
public final class ManualTime: Sendable {
    private let value: LockedValue<Date>

    public init(_ start: Date) { value = LockedValue(start) }

    /// The current simulated time.
    public var now: Date { value.withLock { $0 } }

    /// Moves time forward.
    public func advance(by seconds: TimeInterval) { value.withLock { $0 = $0.addingTimeInterval(seconds) } }

    /// Sets the time.
    public func set(_ date: Date) { value.withLock { $0 = date } }
}
