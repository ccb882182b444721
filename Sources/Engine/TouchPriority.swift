import RevenueCore

/// The order touches get a throttled channel's hourly slots: appointment reminders first, then
/// engaged leads (engaged or booked), then the rest by lead score, highest first.
public enum TouchPriority {
    /// The class of a touch: 0 reminders, 1 engaged leads, 2 the rest.
    @inline(__always)
    public static func rank(kind: TouchKind, state: LeadState) -> Int {
        kind == .reminder ? 0 : (state == .engaged || state == .appointmentScheduled) ? 1 : 2
    }

    /// A sort key: smaller goes first; ties broken by due time.
    @inline(__always)
    public static func key(kind: TouchKind, state: LeadState, score: Int, dueAt: Int) -> (Int, Int, Int) {
        (rank(kind: kind, state: state), -score, dueAt)
    }

    /// Splits due touches into those that fit `capacity` slots and those deferred, in priority order.
    public static func admit<T>(_ candidates: [T], capacity: Int, key: (T) -> (Int, Int, Int)) -> (admitted: [T], deferred: [T]) {
        let ordered = candidates.sorted { key($0) < key($1) }
        let n = max(0, min(capacity, ordered.count))
        return (Array(ordered[..<n]), Array(ordered[n...]))
    }
}
