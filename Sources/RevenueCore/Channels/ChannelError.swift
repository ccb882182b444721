/// A typed send or webhook failure. `description` is safe to log (no numbers, bodies, secrets);
/// the provider's raw message is kept in `debugDescription` only.
public struct ChannelError: Error, Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The failure classes the engine distinguishes.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Temporary: network, 5xx, carrier hiccup. Try again later.
        case retryable
        /// The provider throttled us.
        case rateLimited = "rate_limited"
        /// Will not succeed on this channel for this message.
        case permanent
        /// The recipient opted out (STOP, unsubscribe, complaint).
        case optedOut = "opted_out"
        /// The phone number is not valid.
        case invalidNumber = "invalid_number"
        /// The number is a landline (or otherwise cannot take SMS/WhatsApp).
        case landline
        /// The recipient is not reachable on WhatsApp.
        case notOnWhatsApp = "not_on_whatsapp"
        /// The e-mail address is invalid or hard-bounced.
        case invalidEmail = "invalid_email"
        /// A soft bounce: mailbox full, greylisted.
        case softBounce = "soft_bounce"
        /// Free-form WhatsApp outside the 24-hour session window.
        case outsideSessionWindow = "outside_session_window"
        /// The message is too long or otherwise malformed for this channel.
        case invalidContent = "invalid_content"
        /// This adapter does not serve that channel.
        case unsupportedChannel = "unsupported_channel"
        /// Credentials rejected (401/403, Twilio 20003).
        case unauthorized
        /// Adapter settings missing or wrong (no sender, bad base URL).
        case misconfigured
        /// A webhook whose signature did not verify.
        case invalidSignature = "invalid_signature"
        /// A webhook we could not parse.
        case malformedWebhook = "malformed_webhook"
    }

    public var kind: Kind
    public var provider: ProviderKind
    /// The provider's error code (`21610`, `131047`, `HTTP 503`), when it gave one. Codes are not personal data.
    public var code: String?
    /// Seconds to wait before retrying, when the provider said.
    public var retryAfterSeconds: Int?
    /// The provider's raw message: may contain personal data, so only `debugDescription` shows it.
    public var detail: String?

    public init(_ kind: Kind, provider: ProviderKind, code: String? = nil, retryAfterSeconds: Int? = nil, detail: String? = nil) {
        self.kind = kind
        self.provider = provider
        self.code = code
        self.retryAfterSeconds = retryAfterSeconds
        self.detail = detail
    }

    /// Whether trying the same thing again later may succeed.
    public var isRetryable: Bool { kind == .retryable || kind == .rateLimited }

    /// What the engine does about it (the error-code table in docs/channels.md).
    public var decision: DeliveryDecision {
        switch kind {
        case .retryable, .rateLimited, .softBounce: .retry(afterSeconds: retryAfterSeconds)
        case .permanent, .invalidContent, .unsupportedChannel: .fallback(mark: nil)
        case .optedOut: .doNotContact
        case .invalidNumber: .fallback(mark: .invalidNumber)
        case .landline: .fallback(mark: .landline)
        case .notOnWhatsApp: .fallback(mark: .notOnWhatsApp)
        case .invalidEmail: .fallback(mark: .invalidEmail)
        case .outsideSessionWindow: .useTemplate
        case .unauthorized, .misconfigured, .invalidSignature, .malformedWebhook: .halt
        }
    }

    public var description: String {
        var text = "\(provider): \(kind.rawValue)"
        if let code { text += " (code \(code))" }
        if let retryAfterSeconds { text += ", retry after \(retryAfterSeconds)s" }
        return text
    }

    public var debugDescription: String {
        guard let detail else { return description }
        return "\(description): \(detail)"
    }
}
