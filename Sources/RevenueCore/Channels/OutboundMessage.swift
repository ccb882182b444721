import Foundation

/// One touch, rendered and addressed, as handed to a `ChannelAdapter`. Holds personal data: never log it.
public struct OutboundMessage: Sendable, Hashable {
    public var touchID: TouchID
    public var orgID: OrgID
    public var clientID: ClientID?
    public var channel: Channel
    /// E.164 phone number (`+13055550100`) or e-mail address.
    public var to: String
    public var language: Language
    /// SMS/WhatsApp text, e-mail body (plain text), or what the voice agent says.
    public var body: String
    /// E-mail subject.
    public var subject: String?
    /// HTML e-mail body, when the template has one.
    public var htmlBody: String?
    /// What the voice agent leaves on an answering machine.
    public var voicemail: String?
    /// Keypad/speech choices the voice agent offers ("oprima 1 para agendar").
    public var voiceOptions: [VoiceOption]
    /// The approved template to use outside a WhatsApp session window.
    public var template: ApprovedTemplate?
    /// When the lead last wrote to us on this channel (opens the WhatsApp 24-hour session).
    public var lastInboundAt: Date?
    /// The engine's clock at send time (adapters never call `Date()` for decisions).
    public var now: Date
    /// Passed to providers that deduplicate (and used by the sandbox as its seed input).
    public var idempotencyKey: String
    /// Whether this is campaign (marketing) mail: adds List-Unsubscribe headers (RFC 8058).
    public var isCampaign: Bool
    /// The one-click unsubscribe URL for campaign mail.
    public var unsubscribeURL: String?
    /// Where the provider posts status callbacks for this touch, if not the adapter's default.
    public var statusCallbackURL: String?

    public init(
        touchID: TouchID, orgID: OrgID, clientID: ClientID? = nil, channel: Channel, to: String, language: Language,
        body: String, subject: String? = nil, htmlBody: String? = nil, voicemail: String? = nil,
        voiceOptions: [VoiceOption] = [], template: ApprovedTemplate? = nil, lastInboundAt: Date? = nil,
        now: Date, idempotencyKey: String, isCampaign: Bool = true, unsubscribeURL: String? = nil,
        statusCallbackURL: String? = nil
    ) {
        self.touchID = touchID
        self.orgID = orgID
        self.clientID = clientID
        self.channel = channel
        self.to = to
        self.language = language
        self.body = body
        self.subject = subject
        self.htmlBody = htmlBody
        self.voicemail = voicemail
        self.voiceOptions = voiceOptions
        self.template = template
        self.lastInboundAt = lastInboundAt
        self.now = now
        self.idempotencyKey = idempotencyKey
        self.isCampaign = isCampaign
        self.unsubscribeURL = unsubscribeURL
        self.statusCallbackURL = statusCallbackURL
    }

    /// The WhatsApp customer-service window: free text is allowed for 24 hours after the lead's last message.
    public static let sessionWindow: TimeInterval = 24 * 3600

    /// Whether free text may go out now (the lead wrote within the last 24 hours).
    public var isInsideSessionWindow: Bool {
        guard let lastInboundAt else { return false }
        let age = now.timeIntervalSince(lastInboundAt)
        return age >= 0 && age < Self.sessionWindow
    }
}

/// A provider-approved message template (Twilio ContentSid or Meta template name) with its variables.
public struct ApprovedTemplate: Sendable, Hashable, Codable {
    /// Twilio `HX…` ContentSid or the Meta template name.
    public var name: String
    /// Template language code as the provider spells it (`es_MX`, `en_US`).
    public var languageCode: String
    /// Body variables in order: `{{1}}`, `{{2}}` …
    public var variables: [String]
    public init(name: String, languageCode: String, variables: [String] = []) {
        self.name = name
        self.languageCode = languageCode
        self.variables = variables
    }
}
