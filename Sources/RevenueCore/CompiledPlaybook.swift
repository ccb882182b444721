/// A playbook after compilation: an immutable step graph the engine executes.
///
/// Produced only by the PlaybookDSL compiler; the engine never sees YAML. Encodes to stable JSON
/// (the golden files and `revasi compile --format json`).
public struct CompiledPlaybook: Sendable, Codable, Hashable {
    public var id: String
    public var version: Int
    public var vertical: String
    public var description: String
    public var locales: [Language]
    public var defaultLocale: Language
    /// Channels the playbook may use, in declaration order.
    public var channels: [Channel]
    public var sendWindow: SendWindow
    public var caps: LeadCaps
    /// Conditions that end the cadence; always contains `opted_out`.
    public var exitOn: [ExitCondition]
    /// The first cadence step.
    public var entry: StepID
    /// Cadence steps (ids 1…), then reminders (200…) and follow-ups (210, 220), sorted by id.
    public var steps: [CompiledStep]
    /// Hex SHA-256 of the canonical compiled graph: running leads are pinned to it.
    public var contentHash: String

    public init(
        id: String, version: Int, vertical: String, description: String, locales: [Language], defaultLocale: Language,
        channels: [Channel], sendWindow: SendWindow, caps: LeadCaps, exitOn: [ExitCondition], entry: StepID,
        steps: [CompiledStep], contentHash: String
    ) {
        self.id = id
        self.version = version
        self.vertical = vertical
        self.description = description
        self.locales = locales
        self.defaultLocale = defaultLocale
        self.channels = channels
        self.sendWindow = sendWindow
        self.caps = caps
        self.exitOn = exitOn
        self.entry = entry
        self.steps = steps
        self.contentHash = contentHash
    }

    /// The step with this id, if any (binary search: steps are sorted).
    public func step(_ id: StepID) -> CompiledStep? {
        var low = 0
        var high = steps.count - 1
        while low <= high {
            let mid = (low + high) / 2
            if steps[mid].id == id { return steps[mid] }
            if steps[mid].id < id { low = mid + 1 } else { high = mid - 1 }
        }
        return nil
    }

    /// Reminder steps (200, 201, 202 …), furthest from the appointment first.
    public var reminders: [CompiledStep] { steps.filter { if case .reminder = $0.kind { true } else { false } } }

    /// The follow-up step for an appointment outcome, if the playbook has one.
    public func followUp(for outcome: AppointmentOutcome) -> CompiledStep? {
        steps.first { if case .followUp(let outcomes) = $0.kind { outcomes.contains(outcome) } else { false } }
    }

    /// Whether the cadence stops on this condition.
    public func exits(on condition: ExitCondition) -> Bool { exitOn.contains(condition) }
}

/// A `touch_runs.step` number. Cadence steps are 1…199 and 300…; 200–299 are reserved.
public struct StepID: RawRepresentable, Hashable, Comparable, Codable, Sendable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    public init(_ rawValue: Int) { self.rawValue = rawValue }
    public init(integerLiteral value: Int) { self.rawValue = value }
    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(Int.self) }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
    public var description: String { String(rawValue) }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The first appointment reminder (24 h before by default); the next ones follow: 201, 202.
    public static let firstReminder: StepID = 200
    /// The follow-up after a no-show.
    public static let noShowFollowUp: StepID = 210
    /// The follow-up after a reschedule or cancellation.
    public static let rescheduleFollowUp: StepID = 220
    /// The band of step numbers the cadence never uses.
    public static let reserved: ClosedRange<Int> = 200...299

    /// The id of the `index`th (0-based) cadence step: 1…199, then 300… (skipping the reserved band).
    public static func cadence(index: Int) -> StepID {
        let n = index + 1
        return StepID(n < reserved.lowerBound ? n : n + reserved.count)
    }
}

/// What role a compiled step plays.
public enum StepKind: Sendable, Codable, Hashable {
    /// A step of the outbound cadence.
    case cadence
    /// An appointment reminder sent `beforeSeconds` before the start.
    case reminder(beforeSeconds: Int)
    /// A follow-up planned when an appointment ends with one of these outcomes.
    case followUp(outcomes: [AppointmentOutcome])
}

/// How long to wait before a step, counted from the previous touch (or enrolment).
public enum Wait: Sendable, Codable, Hashable, CustomStringConvertible {
    /// A fixed duration.
    case seconds(Int)
    /// Whole business days (weekends and US federal holidays skipped), same local time of day.
    case businessDays(Int)

    /// No wait.
    public static let none = Wait.seconds(0)

    /// Whether this wait is zero (matters for cycle checks).
    public var isZero: Bool {
        switch self {
        case .seconds(let s): s == 0
        case .businessDays(let d): d == 0
        }
    }

    public var description: String {
        switch self {
        case .seconds(let s):
            if s % 86_400 == 0, s > 0 { "\(s / 86_400)d" } else if s % 3600 == 0, s > 0 { "\(s / 3600)h" }
            else if s % 60 == 0 { "\(s / 60)m" } else { "\(s)s" }
        case .businessDays(let d): "\(d)bd"
        }
    }
}

/// Where a transition goes.
public enum StepTarget: Sendable, Codable, Hashable, CustomStringConvertible {
    case step(StepID)
    /// The cadence ends (the lead stays in its state).
    case end

    public var description: String {
        switch self {
        case .step(let id): "step \(id)"
        case .end: "end"
        }
    }
}

/// One edge of the step graph: on this outcome, go there.
public struct Transition: Sendable, Codable, Hashable {
    public var outcome: Outcome
    public var target: StepTarget
    public init(outcome: Outcome, target: StepTarget) {
        self.outcome = outcome
        self.target = target
    }
}

/// A compiled step: channel, wait, content per channel and language, edges and fallbacks.
public struct CompiledStep: Sendable, Codable, Hashable, Identifiable {
    public var id: StepID
    /// The strategist's name for the step (`intro_call`).
    public var name: String
    public var kind: StepKind
    public var channel: Channel
    public var wait: Wait
    /// Explicit edges, sorted by outcome.
    public var transitions: [Transition]
    /// Where any other outcome goes.
    public var otherwise: StepTarget
    /// Channels to try, in order, when this one cannot reach the lead or fails for good.
    public var fallbacks: [Channel]
    /// The template id (`intro_call`).
    public var template: String
    /// Content for the step's channel and each fallback channel, in every declared language.
    public var content: [MessageVariant]

    public init(
        id: StepID, name: String, kind: StepKind, channel: Channel, wait: Wait, transitions: [Transition],
        otherwise: StepTarget, fallbacks: [Channel], template: String, content: [MessageVariant]
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.channel = channel
        self.wait = wait
        self.transitions = transitions
        self.otherwise = otherwise
        self.fallbacks = fallbacks
        self.template = template
        self.content = content
    }

    /// Where the cadence goes after `outcome`.
    public func next(after outcome: Outcome) -> StepTarget {
        transitions.first { $0.outcome == outcome }?.target ?? otherwise
    }

    /// The message for `channel` in `language`, falling back to any language the step has.
    public func message(for channel: Channel, language: Language) -> MessageTemplate? {
        content.first { $0.channel == channel && $0.language == language }?.template
    }
}

/// The content of one step on one channel in one language.
public struct MessageVariant: Sendable, Codable, Hashable {
    public var channel: Channel
    public var language: Language
    public var template: MessageTemplate
    public init(channel: Channel, language: Language, template: MessageTemplate) {
        self.channel = channel
        self.language = language
        self.template = template
    }
}

/// Message text with `{{variables}}` still in it; the engine renders it per lead.
public struct MessageTemplate: Sendable, Codable, Hashable {
    /// SMS/WhatsApp text, e-mail body, or what the voice agent says.
    public var body: String
    /// E-mail subject (e-mail only).
    public var subject: String?
    /// The HTML alternative of an e-mail body (e-mail only).
    public var html: String?
    /// What the voice agent leaves on an answering machine (voice only).
    public var voicemail: String?
    /// What the voice agent offers (keypad or speech), voice only.
    public var options: [VoiceOption]
    /// Voice only: the text sent to the lead's text channel when they ask for more information on the call.
    public var info: String?
    /// An approved WhatsApp template (name or Twilio ContentSid) to use outside the 24-hour session.
    public var approvedTemplate: String?
    /// The approved template's variables in order (`{{1}}`, `{{2}}` …), as template variable names
    /// (`lead.first_name`, `booking_link`); nil when the template takes none.
    public var approvedTemplateVariables: [String]?

    public init(
        body: String, subject: String? = nil, html: String? = nil, voicemail: String? = nil, options: [VoiceOption] = [],
        info: String? = nil, approvedTemplate: String? = nil, approvedTemplateVariables: [String]? = nil
    ) {
        self.body = body
        self.subject = subject
        self.html = html
        self.voicemail = voicemail
        self.options = options
        self.info = info
        self.approvedTemplate = approvedTemplate
        self.approvedTemplateVariables = approvedTemplateVariables
    }
}

/// One choice the voice agent offers: "oprima 1 para agendar".
public struct VoiceOption: Sendable, Codable, Hashable {
    /// Keypad digit (`1`), if keypad input is accepted.
    public var digit: String?
    /// Words that select this option by speech (`agendar`, `cita`).
    public var speech: [String]
    public var intent: VoiceIntent
    public init(digit: String?, speech: [String], intent: VoiceIntent) {
        self.digit = digit
        self.speech = speech
        self.intent = intent
    }
}

/// What the lead asked for on a call.
public enum VoiceIntent: String, CaseIterable, Codable, Sendable, Hashable {
    case book
    case callback
    case moreInfo = "more_info"
    case transfer
    case optOut = "opt_out"
}

/// Conditions that end a cadence for a lead.
public enum ExitCondition: String, CaseIterable, Codable, Sendable, Hashable {
    case replied
    case answered
    case booked
    case optedOut = "opted_out"
    case unqualified
    case notInterested = "not_interested"
    case wrongPerson = "wrong_person"
}

/// Days of the week, Monday first (ISO 8601).
public enum Weekday: String, CaseIterable, Codable, Sendable, Hashable, Comparable {
    case mon, tue, wed, thu, fri, sat, sun

    /// ISO number: Monday 1 … Sunday 7.
    public var isoNumber: Int { Weekday.allCases.firstIndex(of: self)! + 1 }

    /// From Foundation's `Calendar` weekday (Sunday 1 … Saturday 7).
    public init(gregorianWeekday: Int) {
        self = Weekday.allCases[(gregorianWeekday + 5) % 7]
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.isoNumber < rhs.isoNumber }
}

/// When touches may go out, in the lead's local time. The legal floor (08:00–21:00) applies on top.
public struct SendWindow: Sendable, Codable, Hashable {
    public var days: [Weekday]
    /// Minutes after local midnight the window opens (inclusive).
    public var startMinute: Int
    /// Minutes after local midnight the window closes (exclusive).
    public var endMinute: Int
    public init(days: [Weekday], startMinute: Int, endMinute: Int) {
        self.days = days
        self.startMinute = startMinute
        self.endMinute = endMinute
    }
}

/// Per-lead limits a playbook sets.
public struct LeadCaps: Sendable, Codable, Hashable {
    /// Touches on any channel per local day.
    public var touchesPerDay: Int
    /// Voice calls per local day.
    public var callsPerDay: Int
    public init(touchesPerDay: Int, callsPerDay: Int) {
        self.touchesPerDay = touchesPerDay
        self.callsPerDay = callsPerDay
    }
}
