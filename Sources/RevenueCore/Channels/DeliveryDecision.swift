/// What the engine does after a touch failed: the only thing the engine needs to know about provider errors.
public enum DeliveryDecision: Sendable, Hashable, Codable {
    /// Send the same touch again later (`afterSeconds` when the provider said how long).
    case retry(afterSeconds: Int?)
    /// Give up on this channel for the step and try the step's fallbacks; `mark` records what is wrong with the address.
    case fallback(mark: AddressMark?)
    /// The lead opted out or complained: stop every cadence (`do_not_contact`).
    case doNotContact
    /// Outside the WhatsApp session window: resend with the approved template, else fall back.
    case useTemplate
    /// Our side is wrong (credentials, configuration): fail the touch and alert; retrying will not help.
    case halt
}

/// What a provider told us about an address, to store on the lead so the engine stops trying it.
public enum AddressMark: String, Sendable, Hashable, Codable, CaseIterable {
    /// Not a valid phone number (Twilio 21211).
    case invalidNumber = "invalid_number"
    /// A landline: voice only, skip SMS and WhatsApp (Twilio 21614, 21635, 30006).
    case landline
    /// Not a WhatsApp user / not reachable on WhatsApp.
    case notOnWhatsApp = "not_on_whatsapp"
    /// The e-mail address hard-bounced.
    case invalidEmail = "invalid_email"

    /// The line type to record on the lead, when the mark implies one.
    public var lineType: PhoneLineType? { self == .landline ? .landline : nil }

    /// Channels this address can no longer be used on.
    public var blockedChannels: [Channel] {
        switch self {
        case .invalidNumber: [.voice, .sms, .whatsapp]
        case .landline: [.sms, .whatsapp]
        case .notOnWhatsApp: [.whatsapp]
        case .invalidEmail: [.email]
        }
    }
}
