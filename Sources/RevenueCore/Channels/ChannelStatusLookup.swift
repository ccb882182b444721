/// What a provider knows about a message we may have sent: used to reconcile touches a crashed
/// dispatcher left in `sending`, so they are never blindly sent twice.
public enum ProviderDeliveryState: Sendable, Hashable {
    /// The provider accepted it: the receipt's id is the message's id.
    case accepted(SendReceipt)
    /// The provider has no record of it: sending it now is not a duplicate.
    case notFound
}

/// Optional adapter capability: look up a message by our touch id (idempotency key) or by the provider's id.
/// Adapters that cannot answer do not conform; the dispatcher then never re-sends an unsettled touch.
public protocol ChannelStatusLookup: Sendable {
    /// What the provider recorded for the touch with this id and idempotency key.
    func status(touchID: TouchID, idempotencyKey: String) async throws(ChannelError) -> ProviderDeliveryState
}
