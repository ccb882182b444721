import RevenueCore

/// What the cadence does after a touch's outcome.
public enum NextAction: Sendable, Hashable {
    /// Try the same step again on another channel (a failed call → e-mail, a bounce → SMS).
    case fallback(channel: Channel)
    /// Go to this step.
    case step(StepID)
    /// The step graph ends.
    case end
    /// An exit condition stops the cadence.
    case exit(ExitCondition)
}

/// A compiled playbook indexed for the engine: step lookups by position, channel chains filtered by
/// what the client allows, reminder offsets. Shared by the orchestrator and the simulator.
public struct CadencePlan: Sendable {
    public let playbook: CompiledPlaybook
    /// Channel chains per step index: the step's channel, then its fallbacks, minus channels the client forbids.
    private let chains: [[UInt8]]
    /// Reminder steps and their offsets, furthest first.
    public let reminders: [(step: StepID, beforeSeconds: Int)]
    /// Step ids, channels and waits by position (plain arrays for the hot path).
    public let stepIDs: [Int32]
    public let stepChannels: [UInt8]
    public let waits: [Wait]
    /// next[position][outcome ordinal]: the position of the next step, or -1 for the end.
    private let nextTable: [[Int32]]
    /// Whether the cadence exits on a booking / a reply / an answer.
    public let exitsOnBooked: Bool
    private let exitsOnReplied: Bool
    private let exitsOnAnswered: Bool

    public init(playbook: CompiledPlaybook, allowedChannels: [Channel] = Channel.allCases) {
        self.playbook = playbook
        chains = playbook.steps.map { step in
            ([step.channel] + step.fallbacks).filter { allowedChannels.contains($0) }.map(ChannelBits.of)
        }
        let ids = playbook.steps.map { Int32($0.id.rawValue) }
        stepIDs = ids
        stepChannels = playbook.steps.map { ChannelBits.of($0.channel) }
        waits = playbook.steps.map(\.wait)
        nextTable = playbook.steps.map { step in
            Outcome.allCases.map { outcome in
                switch step.next(after: outcome) {
                case .end: -1
                case .step(let id): ids.firstIndex(of: Int32(id.rawValue)).map(Int32.init) ?? -1
                }
            }
        }
        exitsOnBooked = playbook.exits(on: .booked)
        exitsOnReplied = playbook.exits(on: .replied)
        exitsOnAnswered = playbook.exits(on: .answered)
        reminders = playbook.steps.compactMap { step in
            if case .reminder(let before) = step.kind { (step.id, before) } else { nil }
        }
    }

    /// The position of a step in `playbook.steps`.
    @inline(__always)
    public func index(of id: StepID) -> Int? {
        var low = 0
        var high = stepIDs.count - 1
        while low <= high {
            let mid = (low + high) >> 1
            let v = Int(stepIDs[mid])
            if v == id.rawValue { return mid }
            if v < id.rawValue { low = mid + 1 } else { high = mid - 1 }
        }
        return nil
    }

    /// The first channel of the step's chain the lead can be reached on (bit `1 << channel` in
    /// `reach`), strictly after `after` when given.
    @inline(__always)
    public func channel(forStepAt index: Int, reach: UInt8, after: UInt8? = nil) -> UInt8? {
        let chain = chains[index]
        var i = 0
        if let after {
            guard let pos = chain.firstIndex(of: after) else { return nil }
            i = pos + 1
        }
        while i < chain.count {
            if reach & (1 << chain[i]) != 0 { return chain[i] }
            i += 1
        }
        return nil
    }

    /// The exit condition an outcome raises, when the playbook exits on it.
    @inline(__always)
    public func exitCondition(for outcome: Outcome) -> ExitCondition? {
        switch outcome {
        case .replied: exitsOnReplied ? .replied : nil
        case .answered: exitsOnAnswered ? .answered : nil
        default: nil
        }
    }

    /// What follows `outcome` of a touch on `channel` for the step at `index`.
    public func next(afterStepAt index: Int, channel: UInt8, outcome: Outcome, reach: UInt8) -> NextAction {
        if let exit = exitCondition(for: outcome) { return .exit(exit) }
        if outcome == .failed || outcome == .bounced,
           let fallback = self.channel(forStepAt: index, reach: reach, after: channel) {
            return .fallback(channel: ChannelBits.channels[Int(fallback)])
        }
        let next = nextIndex(afterStepAt: index, outcome: outcome)
        return next < 0 ? .end : .step(StepID(Int(stepIDs[Int(next)])))
    }

    /// The position of the step after `outcome` at position `index`, or -1 when the graph ends.
    @inline(__always)
    public func nextIndex(afterStepAt index: Int, outcome: Outcome) -> Int {
        Int(nextTable[index][Outcome.ordinal(outcome)])
    }

    /// The reach mask of a lead: bit `1 << channel` set when the lead is reachable and the client allows it.
    public static func reach(of lead: Lead, allowed: [Channel]) -> UInt8 {
        var mask: UInt8 = 0
        for channel in Channel.allCases where allowed.contains(channel) && lead.isReachable(on: channel) {
            mask |= 1 << ChannelBits.of(channel)
        }
        return mask
    }
}

extension Outcome {
    /// The position of an outcome in `Outcome.allCases` (table index).
    @inline(__always)
    static func ordinal(_ o: Outcome) -> Int {
        switch o {
        case .answered: 0
        case .noAnswer: 1
        case .voicemail: 2
        case .busy: 3
        case .failed: 4
        case .delivered: 5
        case .replied: 6
        case .opened: 7
        case .bounced: 8
        }
    }
}
