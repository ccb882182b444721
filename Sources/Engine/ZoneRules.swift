import Foundation

/// A time zone's UTC offsets as a sorted list of transitions, precomputed once from the system
/// zone database so the hot path never touches Foundation's `TimeZone` or `Calendar`.
public struct ZoneRules: Sendable, Hashable {
    /// IANA name (`America/New_York`).
    public let identifier: String
    /// One change: from UTC instant `at` (seconds since 1970) on, the offset is `offset`.
    private struct Change: Sendable, Hashable {
        var at: Int
        var offset: Int
    }
    /// The offset before the first change.
    private let initialOffset: Int
    /// Offset changes, ascending (one array: one reference count to touch when copied).
    private let changes: [Change]

    /// Builds the rules for `identifier`, or nil when the system does not know the zone.
    public init?(identifier: String, from startYear: Int = 2000, to endYear: Int = 2080) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.identifier = identifier
        let start = Date(timeIntervalSince1970: Double(CivilCalendar.day(year: startYear, month: 1, day: 1) * 86_400))
        let end = Date(timeIntervalSince1970: Double(CivilCalendar.day(year: endYear, month: 1, day: 1) * 86_400))
        var changes: [Change] = []
        var cursor = start
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next < end {
            changes.append(Change(at: Int(next.timeIntervalSince1970.rounded()), offset: zone.secondsFromGMT(for: next.addingTimeInterval(1))))
            cursor = next.addingTimeInterval(1)
        }
        initialOffset = zone.secondsFromGMT(for: start)
        self.changes = changes
    }

    /// A zone with a fixed offset (tests).
    public init(identifier: String, fixedOffset: Int) {
        self.identifier = identifier
        initialOffset = fixedOffset
        changes = []
    }

    /// The UTC offset in seconds at UTC instant `t`.
    @inline(__always)
    public func offset(at t: Int) -> Int {
        var low = 0
        var high = changes.count
        while low < high {
            let mid = (low + high) >> 1
            if changes[mid].at <= t { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? initialOffset : changes[low - 1].offset
    }

    /// Local wall-clock seconds (since 1970-01-01 00:00 local) at UTC instant `t`.
    @inline(__always)
    public func local(_ t: Int) -> Int { t + offset(at: t) }

    /// The UTC instant of a local wall-clock time (in a DST gap, the instant just after it).
    @inline(__always)
    public func utc(fromLocal l: Int) -> Int {
        let guess = l - offset(at: l)
        let u = l - offset(at: guess)
        return u
    }
}

/// Interns zones: each distinct IANA name is built once and then addressed by index.
public struct ZoneTable: Sendable {
    public private(set) var zones: [ZoneRules] = []
    private var index: [String: Int] = [:]

    public init() {}

    /// The index of `identifier`'s rules, building them on first use; nil for an unknown zone.
    public mutating func intern(_ identifier: String) -> Int? {
        if let i = index[identifier] { return i }
        guard let rules = ZoneRules(identifier: identifier) else { return nil }
        zones.append(rules)
        index[identifier] = zones.count - 1
        return zones.count - 1
    }

    public subscript(i: Int) -> ZoneRules { zones[i] }
}
