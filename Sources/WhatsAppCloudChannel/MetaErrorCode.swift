import RevenueCore

/// Meta Graph / WhatsApp Cloud error codes classified for the engine.
public enum MetaErrorCode {
    /// The failure class for a Meta error code.
    public static func kind(for code: Int) -> ChannelError.Kind {
        switch code {
        case 131047: .outsideSessionWindow          // re-engagement: more than 24 h since the user's last message
        case 131026: .notOnWhatsApp                 // undeliverable: not a WhatsApp user, old app, terms not accepted
        case 131050: .optedOut                      // the user stopped marketing messages from this business
        case 130429, 131048, 131056, 4, 80007: .rateLimited
        case 190, 10, 200, 131031, 131005: .unauthorized
        case 1, 2, 131000, 131016, 133004: .retryable
        case 131008, 131009, 131051, 131052, 131053, 100: .invalidContent
        case 132000, 132001, 132005, 132007, 132012, 132015, 132016, 131030, 133010, 131042, 131045: .misconfigured
        default: .permanent
        }
    }

    /// A `ChannelError` for a Meta code.
    public static func error(code: Int, message: String? = nil, retryAfterSeconds: Int? = nil) -> ChannelError {
        ChannelError(kind(for: code), provider: .whatsAppCloud, code: String(code), retryAfterSeconds: retryAfterSeconds, detail: message)
    }
}
