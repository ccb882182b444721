import Foundation
import RevenueCore

/// What moves a lead from one state to another (the design's triggers).
public enum LeadTrigger: String, CaseIterable, Sendable, Hashable, Codable {
    case enrichmentDone = "enrichment_done"
    /// A touch was queued for the lead (the first one moves it to `attempting`).
    case touchQueued = "touch_queued"
    /// The lead answered a call or replied to a message.
    case engaged
    case booked
    case appointmentShow = "appointment_show"
    case appointmentNoShow = "appointment_no_show"
    case appointmentRescheduled = "appointment_rescheduled"
    case appointmentCancelled = "appointment_cancelled"
    case disqualified
    case optOut = "opt_out"
    /// An explicit, recorded re-opt-in (START): the only way out of `do_not_contact`.
    case reOptIn = "re_opt_in"
}

/// The record a re-opt-in must carry: when, how and through which channel the lead said START.
public struct ConsentRecord: Sendable, Hashable, Codable {
    public var at: Date
    /// The keyword or action (`START`, `web_form`).
    public var source: String
    public var channel: Channel?
    public init(at: Date, source: String, channel: Channel? = nil) {
        self.at = at
        self.source = source
        self.channel = channel
    }
}

/// Why a transition was refused.
public enum LeadStateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The table has no edge for (state, trigger).
    case illegalTransition(from: LeadState, trigger: LeadTrigger)
    /// A re-opt-in without a consent record.
    case reOptInWithoutRecord

    public var description: String {
        switch self {
        case .illegalTransition(let from, let trigger): "illegal lead transition: \(trigger.rawValue) in state \(from.rawValue)"
        case .reOptInWithoutRecord: "a re-opt-in needs a recorded consent (START)"
        }
    }
}

/// One recorded state change: the `state` lines of dry-run and the daemon's audit log.
public struct StateChange: Sendable, Hashable, Codable {
    public var leadID: LeadID
    public var from: LeadState
    public var to: LeadState
    public var at: Date
    public var trigger: LeadTrigger
    public init(leadID: LeadID, from: LeadState, to: LeadState, at: Date, trigger: LeadTrigger) {
        self.leadID = leadID
        self.from = from
        self.to = to
        self.at = at
        self.trigger = trigger
    }
}

/// The lead lifecycle as a transition table: (from, trigger) → to. Anything not in the table is an error.
public enum LeadStateMachine {
    private static let active: [LeadState] = [.new, .enriched, .attempting, .engaged]

    /// The table, as data. Self-edges (`attempting` + `touchQueued`) are legal and change nothing.
    public static let table: [LeadState: [LeadTrigger: LeadState]] = {
        var t: [LeadState: [LeadTrigger: LeadState]] = [:]
        func add(_ from: LeadState, _ trigger: LeadTrigger, _ to: LeadState) { t[from, default: [:]][trigger] = to }
        add(.new, .enrichmentDone, .enriched)
        for s in [LeadState.new, .enriched] { add(s, .touchQueued, .attempting) }
        for s in [LeadState.attempting, .engaged, .appointmentScheduled, .appointmentCompleted] { add(s, .touchQueued, s) }
        for s in [LeadState.new, .enriched, .attempting, .engaged] { add(s, .engaged, .engaged) }
        for s in active + [.appointmentCompleted] { add(s, .booked, .appointmentScheduled) }
        add(.appointmentScheduled, .engaged, .appointmentScheduled)
        add(.appointmentScheduled, .appointmentShow, .appointmentCompleted)
        add(.appointmentScheduled, .appointmentNoShow, .engaged)
        add(.appointmentScheduled, .appointmentRescheduled, .appointmentScheduled)
        add(.appointmentScheduled, .appointmentCancelled, .engaged)
        for s in active + [.appointmentScheduled, .appointmentCompleted] { add(s, .disqualified, .unqualified) }
        for s in LeadState.allCases { add(s, .optOut, .doNotContact) }
        add(.doNotContact, .reOptIn, .new)
        return t
    }()

    private static let states = LeadState.allCases
    private static let triggers = LeadTrigger.allCases
    /// The table flattened to [state × trigger] for lookups without hashing.
    private static let flat: [LeadState?] = states.flatMap { s in triggers.map { table[s]?[$0] } }

    @inline(__always)
    private static func lookup(_ state: LeadState, _ trigger: LeadTrigger) -> LeadState? {
        flat[states.firstIndex(of: state)! * triggers.count + triggers.firstIndex(of: trigger)!]
    }

    /// The state after `trigger`, or a typed error when the table has no such edge.
    public static func transition(from state: LeadState, on trigger: LeadTrigger, consent: ConsentRecord? = nil) throws(LeadStateError) -> LeadState {
        if trigger == .reOptIn, consent == nil { throw .reOptInWithoutRecord }
        guard let to = lookup(state, trigger) else { throw .illegalTransition(from: state, trigger: trigger) }
        return to
    }

    /// Whether the table has an edge for (state, trigger).
    public static func allows(_ trigger: LeadTrigger, in state: LeadState) -> Bool { lookup(state, trigger) != nil }
}

extension LeadState {
    /// Which kinds of touch a lead in this state may receive (the state decides the cadences).
    public func permits(_ kind: TouchKind) -> Bool {
        switch self {
        case .doNotContact, .unqualified: false
        case .new, .enriched, .attempting: kind == .cadence || kind == .fallback || kind == .retry
        case .engaged: kind != .reminder
        case .appointmentScheduled: kind == .reminder || kind == .followUp || kind == .confirmation
        case .appointmentCompleted: kind == .confirmation
        }
    }
}
