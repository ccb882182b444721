import RevenueCore

/// The stricter state telemarketing rules the engine applies on top of the federal window.
///
/// Florida (Fla. Stat. 501.616(6)), Oklahoma (15 O.S. 775C.4) and Maryland (Md. Code, Com. Law
/// 14-4503): 08:00–20:00 local and at most 3 calls per 24 hours per lead on the same subject;
/// Maryland also counts text messages.
public enum StateCallingRule: UInt8, Sendable, Hashable {
    /// Federal floor only: 08:00–21:00 (47 CFR 64.1200(c)(1)).
    case federal
    /// 08:00–20:00, at most 3 calls per rolling 24 hours (FL, OK).
    case eveningAndThreeCalls
    /// 08:00–20:00, at most 3 calls or texts per rolling 24 hours (MD).
    case eveningAndThreeContacts

    /// The rule for a two-letter state code (anything else, or nil, is federal).
    public init(usState: String?) {
        switch usState?.uppercased() {
        case "FL", "OK": self = .eveningAndThreeCalls
        case "MD": self = .eveningAndThreeContacts
        default: self = .federal
        }
    }

    /// Minutes after local midnight the legal window opens.
    public static let legalStartMinute = 8 * 60
    /// Minutes after local midnight the legal window closes (exclusive).
    public var legalEndMinute: Int { self == .federal ? 21 * 60 : 20 * 60 }

    /// How many touches on `channel` the rolling 24-hour limit allows, or nil when unlimited.
    @inline(__always)
    public func rollingLimit(counts channel: UInt8) -> Bool {
        switch self {
        case .federal: false
        case .eveningAndThreeCalls: channel == ChannelBits.voice
        case .eveningAndThreeContacts: channel != ChannelBits.email
        }
    }

    /// The limit per rolling 24 hours where it applies.
    public static let rollingMax = 3
}

/// Channels as small integers for the hot path (`Channel.allCases` order).
public enum ChannelBits {
    public static let voice: UInt8 = 0
    public static let sms: UInt8 = 1
    public static let whatsapp: UInt8 = 2
    public static let email: UInt8 = 3

    /// The small integer of a channel.
    @inline(__always)
    public static func of(_ channel: Channel) -> UInt8 {
        switch channel {
        case .voice: voice
        case .sms: sms
        case .whatsapp: whatsapp
        case .email: email
        }
    }

    /// The channel of a small integer.
    public static let channels: [Channel] = [.voice, .sms, .whatsapp, .email]
}
