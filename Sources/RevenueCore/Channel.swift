/// A way of reaching a lead that a playbook can name. Closed: providers are open-ended, channels are not.
public enum Channel: String, CaseIterable, Codable, CodingKeyRepresentable, Sendable, Hashable, Comparable, CustomStringConvertible {
    case voice, sms, whatsapp, email

    /// The outcomes a touch on this channel can report back to the engine.
    public var outcomes: [Outcome] {
        switch self {
        case .voice: [.answered, .noAnswer, .voicemail, .busy, .failed]
        case .sms, .whatsapp: [.delivered, .replied, .failed]
        case .email: [.delivered, .opened, .replied, .bounced]
        }
    }

    /// Whether this channel reaches the lead through their phone number (voice, SMS, WhatsApp).
    public var usesPhone: Bool { self != .email }

    /// Whether a landline can receive this channel (voice only).
    public var reachesLandline: Bool { self == .voice }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// What a touch produced, as reported by a provider or the simulator.
public enum Outcome: String, CaseIterable, Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    case answered
    case noAnswer = "no_answer"
    case voicemail
    case busy
    case failed
    case delivered
    case replied
    case opened
    case bounced

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// The languages templates are written in; Spanish first.
public enum Language: String, CaseIterable, Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    case es, en

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
