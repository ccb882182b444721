import RevenueCore

/// Twilio error codes (REST API `code`, callback `ErrorCode`) classified for the engine.
public enum TwilioErrorCode {
    /// The failure class for a Twilio error code.
    public static func kind(for code: Int) -> ChannelError.Kind {
        switch code {
        case 21610: .optedOut                                   // recipient replied STOP
        case 21211, 21217, 21401, 13223, 13224: .invalidNumber  // not a valid phone number
        case 21614, 21635, 30006: .landline                     // not a mobile number / landline or unreachable carrier
        case 30003, 30008, 30001, 30009, 30010: .retryable       // unreachable handset, unknown error, queue overflow
        case 30005: .invalidNumber                              // unknown destination handset: the number does not exist
        case 30004, 30007, 30011, 30022, 30024: .permanent        // blocked, carrier filtered
        case 63016: .outsideSessionWindow                       // free-form WhatsApp outside the 24-hour window
        case 63003, 63024: .notOnWhatsApp                       // no WhatsApp account at that number
        case 63018, 20429, 14107: .rateLimited
        case 20003, 20005, 30002: .unauthorized                 // auth failed, account suspended
        case 21606, 21659, 21212, 63007, 30034, 21603, 20404: .misconfigured   // bad From / sender not enabled / unregistered
        case 21617, 21618, 21619, 30019: .invalidContent        // body too long / missing / bad
        default: .permanent
        }
    }

    /// A `ChannelError` for a Twilio code (the message text stays in `detail`).
    public static func error(code: Int, message: String? = nil, retryAfterSeconds: Int? = nil) -> ChannelError {
        ChannelError(kind(for: code), provider: .twilio, code: String(code), retryAfterSeconds: retryAfterSeconds, detail: message)
    }
}
