import RevenueCore

/// Builds the TwiML voice script for an outbound call: `<Gather>` speech and keypad around a `<Say>`.
public enum TwiML {
    /// Twilio speech/`<Say>` language for a lead language.
    public static func locale(_ language: Language) -> String {
        switch language {
        case .es: "es-MX"
        case .en: "en-US"
        }
    }

    /// Escapes text for XML content and attributes.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(character)
            }
        }
        return out
    }

    /// The call script: say the message inside a `<Gather>` (speech and keypad), then the voicemail text
    /// (heard by a machine after the greeting, or by a person who chose nothing), then hang up.
    public static func callScript(for touch: OutboundMessage, voice: String?, gatherActionURL: String?) -> String {
        let lang = locale(touch.language)
        let voiceAttribute = voice.map { " voice=\"\(escape($0))\"" } ?? ""
        let hints = touch.voiceOptions.flatMap(\.speech)
        let digits = touch.voiceOptions.compactMap(\.digit)
        var gather = "<Gather input=\"speech dtmf\" language=\"\(lang)\" timeout=\"5\" speechTimeout=\"auto\""
        if digits.allSatisfy({ $0.count == 1 }), !digits.isEmpty { gather += " numDigits=\"1\"" }
        if !hints.isEmpty { gather += " hints=\"\(escape(hints.joined(separator: ", ")))\"" }
        if let gatherActionURL { gather += " action=\"\(escape(gatherActionURL))\" method=\"POST\"" }
        gather += ">"
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>"
        xml += gather
        xml += "<Say language=\"\(lang)\"\(voiceAttribute)>\(escape(touch.body))</Say>"
        xml += "</Gather>"
        if let voicemail = touch.voicemail, !voicemail.isEmpty {
            xml += "<Say language=\"\(lang)\"\(voiceAttribute)>\(escape(voicemail))</Say>"
        }
        xml += "<Hangup/></Response>"
        return xml
    }

    /// The empty response Twilio expects from message webhooks (no auto-reply).
    public static let empty = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>"
}
