import RevenueCore

/// One simulated `touch_runs` row, compact: strings (ids, messages) are made only when written out.
public struct SimTouch: Sendable, Hashable {
    public var lead: Int32
    public var step: Int32
    /// Index into `SimulationResult.appointments`, or -1.
    public var appointment: Int32
    public var scheduledAt: Int
    public var channel: UInt8
    public var attempt: UInt8
    public var kind: TouchKind
    public var status: TouchStatus
    public var outcome: Outcome?
    /// Why it was skipped or cancelled.
    public var reason: DeferralReason?
    /// The lead's state when the touch was resolved.
    public var leadState: LeadState
    public var fit: UInt8
    public var recency: UInt8
    public var behaviour: UInt8

    public var channelValue: Channel { ChannelBits.channels[Int(channel)] }
    public var score: LeadScore { LeadScore(fit: Int(fit), recency: Int(recency), behaviour: Int(behaviour)) }
}

/// One simulated appointment.
public struct SimAppointment: Sendable, Hashable {
    public var lead: Int32
    public var startsAt: Int
    public var bookedAt: Int
    public var status: AppointmentStatus
    public var outcome: AppointmentOutcome?
    /// The outcome drawn at booking, applied when the event fires.
    var plannedOutcome: AppointmentOutcome
    /// Pending reminder and follow-up slots in the simulator's pool (-1 = none).
    var reminderSlots: [Int32] = []
}

/// One line of the simulation log, in the order things happened.
public enum SimEvent: Sendable, Hashable {
    /// A touch reached a final (or, at the end, queued) status: index into `touches`.
    case touch(Int32)
    case state(lead: Int32, from: LeadState, to: LeadState, at: Int, trigger: LeadTrigger)
    /// An appointment changed: index into `appointments`, its status and outcome then.
    case appointment(Int32, status: AppointmentStatus, outcome: AppointmentOutcome?, at: Int)
    case deferral(lead: Int32, step: Int32, channel: UInt8, from: Int, to: Int?, reason: DeferralReason)
}

/// Everything a simulation produced.
public struct SimulationResult: Sendable {
    public var touches: [SimTouch]
    public var appointments: [SimAppointment]
    public var events: [SimEvent]
    /// Each lead's final state, by lead index.
    public var finalStates: [LeadState]
    /// Each lead's zone index into `zones`.
    public var leadZones: [Int32]
    public var zones: ZoneTable
    /// Touches sent (status sent or delivered or failed after an attempt).
    public var attempted: Int
}
