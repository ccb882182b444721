/// Which provider an adapter speaks to. Open-ended: a new provider adds a static member, nothing else changes.
public struct ProviderKind: StringIdentifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Twilio Programmable Voice, Messaging and WhatsApp.
    public static let twilio: ProviderKind = "twilio"
    /// Meta's WhatsApp Cloud API.
    public static let whatsAppCloud: ProviderKind = "whatsapp-cloud"
    /// Elastic Email's v4 transactional HTTP API.
    public static let elasticEmail: ProviderKind = "elastic-email"
    /// Plain SMTP submission (the universal e-mail fallback).
    public static let smtp: ProviderKind = "smtp"
    /// The deterministic simulated provider.
    public static let sandbox: ProviderKind = "sandbox"

    /// The providers this repository ships adapters for (what the config validator accepts).
    public static let builtIn: [ProviderKind] = [.twilio, .whatsAppCloud, .elasticEmail, .smtp, .sandbox]
}
