import Foundation

/// Something a provider told us by webhook, parsed and typed. Holds personal data (addresses, text): never log it.
public enum ChannelEvent: Sendable, Hashable {
    case messageStatus(MessageStatusEvent)
    case callStatus(CallStatusEvent)
    case callInput(CallInputEvent)
    case callTransfer(CallTransferEvent)
    case callRecording(CallRecordingEvent)
    case inboundMessage(InboundMessageEvent)
    case emailBounce(EmailBounceEvent)
    case complaint(ComplaintEvent)
    case unsubscribe(UnsubscribeEvent)
    case emailOpened(EmailOpenedEvent)

    /// The playbook outcome this event reports, if it settles one.
    public var outcome: Outcome? {
        switch self {
        case .messageStatus(let e): e.status.outcome
        case .callStatus(let e): e.outcome
        case .callInput: .answered
        case .callTransfer, .callRecording: nil
        case .inboundMessage: .replied
        case .emailBounce: .bounced
        case .complaint, .unsubscribe: nil
        case .emailOpened: .opened
        }
    }

    /// What the engine does, when the event is a failure or an opt-out.
    public var decision: DeliveryDecision? {
        switch self {
        case .messageStatus(let e): e.failure?.decision
        case .callStatus(let e): e.failure?.decision
        case .inboundMessage(let e): e.optOut == .stop ? .doNotContact : nil
        case .emailBounce(let e): e.kind == .hard ? .fallback(mark: .invalidEmail) : .retry(afterSeconds: nil)
        case .complaint, .unsubscribe: .doNotContact
        case .callInput, .callTransfer, .callRecording, .emailOpened: nil
        }
    }
}

/// Delivery progress of an SMS, WhatsApp message or e-mail.
public struct MessageStatusEvent: Sendable, Hashable {
    public var provider: ProviderKind
    public var providerMessageID: String
    public var status: MessageDeliveryStatus
    /// Why it failed, classified (Twilio `ErrorCode`, Meta `errors[].code`).
    public var failure: ChannelError?
    public var at: Date?
    public init(provider: ProviderKind, providerMessageID: String, status: MessageDeliveryStatus, failure: ChannelError? = nil, at: Date? = nil) {
        self.provider = provider
        self.providerMessageID = providerMessageID
        self.status = status
        self.failure = failure
        self.at = at
    }
}

/// Provider-neutral message delivery states.
public enum MessageDeliveryStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case queued, sent, delivered, read, failed, undelivered

    /// The playbook outcome, when the state is final enough to report.
    public var outcome: Outcome? {
        switch self {
        case .queued, .sent: nil
        case .delivered, .read: .delivered
        case .failed, .undelivered: .failed
        }
    }
}

/// Progress of an outbound call (Twilio status callbacks).
public struct CallStatusEvent: Sendable, Hashable {
    public var provider: ProviderKind
    public var providerCallID: String
    public var status: CallProgress
    /// Seconds the call lasted (on `completed`).
    public var durationSeconds: Int?
    /// Who picked up, with answering machine detection.
    public var answeredBy: AnsweredBy?
    /// Where the recording is (for `voice_insights_calls_v1`); a provider URL, not personal data by itself.
    public var recordingURL: String?
    /// Provider sequence number, to order callbacks that arrive out of order.
    public var sequence: Int?
    public var failure: ChannelError?
    public var at: Date?
    public init(
        provider: ProviderKind, providerCallID: String, status: CallProgress, durationSeconds: Int? = nil,
        answeredBy: AnsweredBy? = nil, recordingURL: String? = nil, sequence: Int? = nil, failure: ChannelError? = nil, at: Date? = nil
    ) {
        self.provider = provider
        self.providerCallID = providerCallID
        self.status = status
        self.durationSeconds = durationSeconds
        self.answeredBy = answeredBy
        self.recordingURL = recordingURL
        self.sequence = sequence
        self.failure = failure
        self.at = at
    }

    /// `completed` by a machine is a voicemail; by a person, answered.
    public var outcome: Outcome? {
        switch status {
        case .queued, .initiated, .ringing: nil
        case .answered: answeredBy == .machine ? .voicemail : nil
        case .completed: answeredBy == .machine || answeredBy == .fax ? .voicemail : .answered
        case .busy: .busy
        case .noAnswer: .noAnswer
        case .failed, .canceled: .failed
        }
    }
}

/// Call states (Twilio's `CallStatus`; `in-progress` is `answered`).
public enum CallProgress: String, Sendable, Hashable, Codable, CaseIterable {
    case queued, initiated, ringing, answered, completed, busy
    case noAnswer = "no_answer"
    case failed, canceled
}

/// Who answered, from answering machine detection.
public enum AnsweredBy: String, Sendable, Hashable, Codable, CaseIterable {
    case human, machine, fax, unknown
}

/// What the lead said or keyed on a call (`<Gather>` result).
public struct CallInputEvent: Sendable, Hashable {
    public var provider: ProviderKind
    public var providerCallID: String
    public var digits: String?
    public var speech: String?
    /// Recogniser confidence 0…1 for speech.
    public var confidence: Double?
    public init(provider: ProviderKind, providerCallID: String, digits: String? = nil, speech: String? = nil, confidence: Double? = nil) {
        self.provider = provider
        self.providerCallID = providerCallID
        self.digits = digits
        self.speech = speech
        self.confidence = confidence
    }

    /// The option the lead chose: by digit first, then by any of the option's speech words or phrases,
    /// matched as whole words, case- and accent-insensitively ("No me llame" matches `no me llame`).
    /// When speech matches several options, `opt_out` wins: a lead who says "no" to calls is heard.
    public func matchedOption(in options: [VoiceOption]) -> VoiceOption? {
        if let digits = digits?.trimmingCharacters(in: .whitespaces), !digits.isEmpty {
            if let hit = options.first(where: { $0.digit != nil && $0.digit == digits }) { return hit }
        }
        let words = TextNormalizer.words(speech ?? "")
        guard !words.isEmpty else { return nil }
        let hits = options.filter { option in
            option.speech.contains { TextNormalizer.contains(words, phrase: TextNormalizer.words($0)) }
        }
        return hits.first { $0.intent == .optOut } ?? hits.first
    }
}

/// A call transfer (`<Dial>`) reporting back: the callee is about to hear the whisper, or the dial ended.
public struct CallTransferEvent: Sendable, Hashable {
    /// Where the transfer is.
    public enum Stage: Sendable, Hashable {
        /// The client picked up: the whisper naming the lead plays before the lead is connected.
        case whisper
        /// The dial ended with this result.
        case ended(DialResult)
    }
    public var provider: ProviderKind
    /// The lead's call (the parent call; for a whisper, the leg ringing the client).
    public var providerCallID: String
    public var stage: Stage
    public init(provider: ProviderKind, providerCallID: String, stage: Stage) {
        self.provider = provider
        self.providerCallID = providerCallID
        self.stage = stage
    }
}

/// How a transfer's dial ended (Twilio's `DialCallStatus`).
public enum DialResult: String, Sendable, Hashable, Codable, CaseIterable {
    case completed, busy
    case noAnswer = "no_answer"
    case failed, canceled

    /// Whether the client and the lead talked.
    public var connected: Bool { self == .completed }
}

/// A call recording became available (for `voice_insights_calls_v1`).
public struct CallRecordingEvent: Sendable, Hashable {
    public var provider: ProviderKind
    public var providerCallID: String
    public var recordingURL: String
    public var durationSeconds: Int?
    public init(provider: ProviderKind, providerCallID: String, recordingURL: String, durationSeconds: Int? = nil) {
        self.provider = provider
        self.providerCallID = providerCallID
        self.recordingURL = recordingURL
        self.durationSeconds = durationSeconds
    }
}

/// Opt-out keywords carriers and providers recognise.
public enum OptOutKeyword: String, Sendable, Hashable, Codable, CaseIterable {
    case stop, start, help
}

/// A message the lead sent us (SMS, WhatsApp, e-mail).
public struct InboundMessageEvent: Sendable, Hashable {
    public var provider: ProviderKind
    public var channel: Channel
    public var providerMessageID: String
    /// Sender address, E.164 without any `whatsapp:` prefix.
    public var from: String
    /// Our number / phone number id it arrived on.
    public var to: String
    public var body: String
    /// WhatsApp profile name, when given.
    public var profileName: String?
    /// STOP/START/HELP as recognised by the provider or by keyword.
    public var optOut: OptOutKeyword?
    public var at: Date?
    /// The provider message id of the message this one answers (an e-mail's `In-Reply-To`), when known.
    public var inReplyTo: String?
    public init(
        provider: ProviderKind, channel: Channel, providerMessageID: String, from: String, to: String, body: String,
        profileName: String? = nil, optOut: OptOutKeyword? = nil, at: Date? = nil, inReplyTo: String? = nil
    ) {
        self.inReplyTo = inReplyTo
        self.provider = provider
        self.channel = channel
        self.providerMessageID = providerMessageID
        self.from = from
        self.to = to
        self.body = body
        self.profileName = profileName
        self.optOut = optOut ?? OptOutKeyword.detect(in: body)
        self.at = at
    }
}

extension OptOutKeyword {
    /// The consent keyword a message amounts to (`STOP`, `baja`, `cancelar` …), if any.
    /// One list for every channel: `ComplianceKeywords` (also the core of a short message, "ya no me escriban, BAJA").
    public static func detect(in body: String) -> OptOutKeyword? {
        switch ComplianceKeywords.signal(in: body) {
        case .optOut: .stop
        case .optIn: .start
        case .help: .help
        case nil: nil
        }
    }
}

/// An e-mail bounce. Hard: the address is dead (fall back to SMS). Soft: try again later.
public struct EmailBounceEvent: Sendable, Hashable {
    /// Hard or soft.
    public enum Kind: String, Sendable, Hashable, Codable { case hard, soft }
    public var provider: ProviderKind
    public var providerMessageID: String
    public var recipient: String
    public var kind: Kind
    /// The provider's bounce category (`NoMailbox`, `GreyListed`).
    public var reason: String?
    public var at: Date?
    public init(provider: ProviderKind, providerMessageID: String, recipient: String, kind: Kind, reason: String? = nil, at: Date? = nil) {
        self.provider = provider
        self.providerMessageID = providerMessageID
        self.recipient = recipient
        self.kind = kind
        self.reason = reason
        self.at = at
    }
}

/// A spam complaint (feedback loop): treat as opt-out.
public struct ComplaintEvent: Sendable, Hashable {
    public var provider: ProviderKind
    public var providerMessageID: String
    public var recipient: String
    public var at: Date?
    public init(provider: ProviderKind, providerMessageID: String, recipient: String, at: Date? = nil) {
        self.provider = provider
        self.providerMessageID = providerMessageID
        self.recipient = recipient
        self.at = at
    }
}

/// An unsubscribe (List-Unsubscribe one-click, provider link, or STOP).
public struct UnsubscribeEvent: Sendable, Hashable {
    public var provider: ProviderKind
    public var providerMessageID: String?
    public var recipient: String
    public var channel: Channel
    public var at: Date?
    /// The org and lead a signed link named (our own `/u/{token}` page): no address lookup needed.
    public var orgID: OrgID?
    public var leadID: LeadID?
    public init(
        provider: ProviderKind, providerMessageID: String?, recipient: String, channel: Channel, at: Date? = nil,
        orgID: OrgID? = nil, leadID: LeadID? = nil
    ) {
        self.provider = provider
        self.providerMessageID = providerMessageID
        self.recipient = recipient
        self.channel = channel
        self.at = at
        self.orgID = orgID
        self.leadID = leadID
    }
}

/// An e-mail open (tracking pixel), when the provider reports it.
public struct EmailOpenedEvent: Sendable, Hashable {
    public var provider: ProviderKind
    public var providerMessageID: String
    public var at: Date?
    public init(provider: ProviderKind, providerMessageID: String, at: Date? = nil) {
        self.provider = provider
        self.providerMessageID = providerMessageID
        self.at = at
    }
}
