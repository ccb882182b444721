/// A lead's recent sent touches (UTC seconds and channel), enough to check daily caps and rolling
/// 24-hour limits. Keeps the last 48 hours only.
public struct TouchLedger: Sendable, Hashable {
    public private(set) var times: [Int] = []
    public private(set) var channels: [UInt8] = []

    public init() {}

    /// Records a touch sent at `t` (kept sorted; entries older than 48 hours are dropped in batches).
    public mutating func record(at t: Int, channel: UInt8) {
        if times.count >= 8, let first = times.first, first < t - 2 * 86_400 {
            let keep = times.firstIndex { $0 >= t - 2 * 86_400 } ?? times.count
            times.removeFirst(keep)
            channels.removeFirst(keep)
        }
        if times.isEmpty {
            times.reserveCapacity(8)
            channels.reserveCapacity(8)
        }
        guard let last = times.last, last > t else {
            times.append(t)
            channels.append(channel)
            return
        }
        var i = times.count - 1
        while i > 0, times[i - 1] > t { i -= 1 }
        times.insert(t, at: i)
        channels.insert(channel, at: i)
    }

    /// Touches (and voice calls) whose local day equals `localDay` in `zone`.
    @inline(__always)
    func countOnLocalDay(_ localDay: Int, zone: ZoneRules) -> (touches: Int, calls: Int) {
        var touches = 0
        var calls = 0
        for i in times.indices where CivilCalendar.dayNumber(ofSeconds: zone.local(times[i])) == localDay {
            touches += 1
            if channels[i] == ChannelBits.voice { calls += 1 }
        }
        return (touches, calls)
    }

    /// When the rolling 24-hour limit frees a slot at or after `t`, or nil if a slot is free at `t`.
    @inline(__always)
    func rollingRelease(at t: Int, rule: StateCallingRule) -> Int? {
        var count = 0
        var i = times.count - 1
        while i >= 0, times[i] > t - 86_400 {
            if rule.rollingLimit(counts: channels[i]) {
                count += 1
                if count == StateCallingRule.rollingMax { return times[i] + 86_400 }
            }
            i -= 1
        }
        return nil
    }
}
