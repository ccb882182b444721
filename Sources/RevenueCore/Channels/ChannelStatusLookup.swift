import Foundation

/// What a provider knows about a message we may have sent: used to reconcile touches a crashed
/// dispatcher left in `sending`, so they are never blindly sent twice.
public enum ProviderDeliveryState: Sendable, Hashable {
    /// The provider accepted it: the receipt's id is the message's id.
    case accepted(SendReceipt)
    /// The provider has no record of it: sending it now is not a duplicate.
    case notFound
    /// The provider has messages that could be this one but none it can pin down: resending might
    /// duplicate, so the touch is settled as unreconciled instead.
    case ambiguous
}

/// Optional adapter capability: look up a message we may have sent for a touch. Adapters that
/// cannot answer do not conform; the dispatcher then never re-sends an unsettled touch.
public protocol ChannelStatusLookup: Sendable {
    /// What the provider recorded for `message` (the touch as it would be sent now), counting only
    /// messages created at or after `notBefore` (the touch was not due earlier).
    func status(of message: OutboundMessage, notBefore: Date) async throws(ChannelError) -> ProviderDeliveryState
}
