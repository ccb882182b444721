import RevenueCore

/// A local-time window: allowed ISO weekdays (bit `1 << weekday`) and [start, end) minutes.
public struct LocalWindow: Sendable, Hashable {
    public var dayMask: UInt8
    public var startMinute: Int
    public var endMinute: Int

    public init(dayMask: UInt8, startMinute: Int, endMinute: Int) {
        self.dayMask = dayMask
        self.startMinute = startMinute
        self.endMinute = endMinute
    }

    /// Every day, all day.
    public static let always = LocalWindow(dayMask: 0xFE, startMinute: 0, endMinute: 24 * 60)

    /// Whether local wall-clock second `l` lies inside the window.
    @inline(__always)
    public func contains(local l: Int) -> Bool {
        let day = CivilCalendar.dayNumber(ofSeconds: l)
        let sod = l - day * 86_400
        return dayMask & (1 << UInt8(CivilCalendar.isoWeekday(ofDay: day))) != 0
            && sod >= startMinute * 60 && sod < endMinute * 60
    }

    /// The first instant at or after UTC `t` inside the window in `zone`; nil when it never opens.
    @inline(__always)
    public func nextOpen(atOrAfter t: Int, zone: ZoneRules) -> Int? {
        var l = zone.local(t)
        var moved = false
        for _ in 0..<15 {
            let day = CivilCalendar.dayNumber(ofSeconds: l)
            let sod = l - day * 86_400
            if dayMask & (1 << UInt8(CivilCalendar.isoWeekday(ofDay: day))) != 0 {
                if sod < startMinute * 60 { return zone.utc(fromLocal: day * 86_400 + startMinute * 60) }
                if sod < endMinute * 60 { return moved ? zone.utc(fromLocal: l) : t }
            }
            l = (day + 1) * 86_400
            moved = true
        }
        return nil
    }
}

/// The outcome of scheduling one touch: when it may go (nil: skipped) and the moves on the way.
public struct ScheduleDecision: Sendable, Hashable {
    /// The instant the touch may go, or nil when it must be skipped.
    public var at: Int?
    /// Each move (from, to, reason), in order; a skip ends with `to == nil`.
    public var moves: [Move]

    /// One move of a touch.
    public struct Move: Sendable, Hashable {
        public var from: Int
        public var to: Int?
        public var reason: DeferralReason
    }
}

/// Puts touches inside the playbook window and the legal floor, under per-lead caps.
///
/// Applies to every call and text whatever the playbook says: 08:00–21:00 local (47 CFR
/// 64.1200(c)(1)); FL, OK, MD 08:00–20:00 and ≤ 3 calls (MD: calls or texts) per rolling 24 hours.
/// Reminders are never moved (they are exact): one that would break a rule is skipped instead.
public struct ComplianceScheduler: Sendable {
    public let caps: LeadCaps
    /// Whether rules apply at all (false only for the benchmark's baseline).
    public let enforce: Bool
    /// windows[rule][channel]: the playbook window intersected with the legal floor.
    private let windows: [[LocalWindow]]
    /// legal[rule]: the legal floor alone (reminders), every day.
    private let legal: [LocalWindow]

    public init(sendWindow: SendWindow, caps: LeadCaps, enforce: Bool = true) {
        self.caps = caps
        self.enforce = enforce
        var mask: UInt8 = 0
        for d in sendWindow.days { mask |= 1 << UInt8(d.isoNumber) }
        var windows: [[LocalWindow]] = []
        var legal: [LocalWindow] = []
        for rule in [StateCallingRule.federal, .eveningAndThreeCalls, .eveningAndThreeContacts] {
            legal.append(LocalWindow(dayMask: 0xFE, startMinute: StateCallingRule.legalStartMinute, endMinute: rule.legalEndMinute))
            windows.append(ChannelBits.channels.map { channel in
                guard channel.usesPhone else {
                    return LocalWindow(dayMask: mask, startMinute: sendWindow.startMinute, endMinute: sendWindow.endMinute)
                }
                return LocalWindow(
                    dayMask: mask, startMinute: max(sendWindow.startMinute, StateCallingRule.legalStartMinute),
                    endMinute: min(sendWindow.endMinute, rule.legalEndMinute))
            })
        }
        self.windows = windows
        self.legal = legal
    }

    /// The playbook's window, narrowed by the client's own schedule when it has one; the playbook's
    /// daily touch cap, narrowed by the client's per-lead limit when it has one.
    public init(playbook: CompiledPlaybook, clientWindow: SendWindow? = nil, clientTouchesPerDay: Int? = nil, enforce: Bool = true) {
        var caps = playbook.caps
        if let limit = clientTouchesPerDay { caps.touchesPerDay = min(caps.touchesPerDay, max(0, limit)) }
        self.init(sendWindow: Self.intersect(playbook.sendWindow, clientWindow), caps: caps, enforce: enforce)
    }

    /// Days in both, the later start, the earlier end (an empty result sends nothing).
    public static func intersect(_ a: SendWindow, _ b: SendWindow?) -> SendWindow {
        guard let b else { return a }
        return SendWindow(days: a.days.filter(b.days.contains), startMinute: max(a.startMinute, b.startMinute),
                          endMinute: max(max(a.startMinute, b.startMinute), min(a.endMinute, b.endMinute)))
    }

    /// The window a touch on `channel` must fall in for a lead under `rule`.
    public func window(channel: UInt8, rule: StateCallingRule) -> LocalWindow { windows[Int(rule.rawValue)][Int(channel)] }

    /// The earliest compliant instant at or after `earliest` for a cadence or follow-up touch.
    public func schedule(channel: UInt8, earliest: Int, zone: ZoneRules, rule: StateCallingRule, ledger: TouchLedger) -> ScheduleDecision {
        guard enforce else { return ScheduleDecision(at: earliest, moves: []) }
        let window = windows[Int(rule.rawValue)][Int(channel)]
        var t = earliest
        var moves: [ScheduleDecision.Move] = []
        for _ in 0..<64 {
            guard let open = window.nextOpen(atOrAfter: t, zone: zone) else {
                moves.append(.init(from: t, to: nil, reason: .window))
                return ScheduleDecision(at: nil, moves: moves)
            }
            if open != t {
                moves.append(.init(from: t, to: open, reason: .window))
                t = open
            }
            let localDay = CivilCalendar.dayNumber(ofSeconds: zone.local(t))
            let (touches, calls) = ledger.countOnLocalDay(localDay, zone: zone)
            if touches >= caps.touchesPerDay || (channel == ChannelBits.voice && calls >= caps.callsPerDay) {
                let next = zone.utc(fromLocal: (localDay + 1) * 86_400)
                moves.append(.init(from: t, to: next, reason: .cap))
                t = next
                continue
            }
            if rule.rollingLimit(counts: channel), let release = ledger.rollingRelease(at: t, rule: rule) {
                moves.append(.init(from: t, to: release, reason: .cap))
                t = release
                continue
            }
            return ScheduleDecision(at: t, moves: moves)
        }
        moves.append(.init(from: t, to: nil, reason: .cap))
        return ScheduleDecision(at: nil, moves: moves)
    }

    /// Whether an exact-time touch (a reminder) may go at `t`; the reason when it may not.
    public func checkExact(channel: UInt8, at t: Int, zone: ZoneRules, rule: StateCallingRule, ledger: TouchLedger) -> DeferralReason? {
        guard enforce else { return nil }
        if channel != ChannelBits.email, !legal[Int(rule.rawValue)].contains(local: zone.local(t)) { return .window }
        if rule.rollingLimit(counts: channel), ledger.rollingRelease(at: t, rule: rule) != nil { return .cap }
        return nil
    }

    /// The earliest instant after waiting `wait` from `from` (business days keep the local time of day).
    @inline(__always)
    public static func earliest(after wait: Wait, from: Int, zone: ZoneRules) -> Int {
        switch wait {
        case .seconds(let s): return from + s
        case .businessDays(let n):
            let l = zone.local(from)
            let day = CivilCalendar.dayNumber(ofSeconds: l)
            let target = USFederalHolidays.addingBusinessDays(n, to: day)
            return zone.utc(fromLocal: l + (target - day) * 86_400)
        }
    }
}
