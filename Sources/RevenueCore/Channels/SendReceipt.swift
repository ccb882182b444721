import Foundation

/// What a provider said when it accepted a touch.
public struct SendReceipt: Sendable, Hashable, Codable {
    public var provider: ProviderKind
    /// The provider's id for the message or call (`SM…`, `CA…`, `wamid.…`); status webhooks carry it back.
    public var providerMessageID: String
    /// How far the provider got synchronously.
    public var status: Status
    /// Whether an approved template went out instead of free text (outside the WhatsApp window).
    public var usedTemplate: Bool
    /// For the sandbox: the outcome it has already decided (the demo and dry-run read it).
    public var simulatedOutcome: Outcome?

    /// The provider's synchronous answer.
    public enum Status: String, Sendable, Hashable, Codable {
        /// Queued or accepted for delivery; the outcome arrives by webhook.
        case accepted
        /// Already delivered (SMTP after the final `250`, the sandbox).
        case delivered
    }

    public init(provider: ProviderKind, providerMessageID: String, status: Status = .accepted, usedTemplate: Bool = false, simulatedOutcome: Outcome? = nil) {
        self.provider = provider
        self.providerMessageID = providerMessageID
        self.status = status
        self.usedTemplate = usedTemplate
        self.simulatedOutcome = simulatedOutcome
    }
}
