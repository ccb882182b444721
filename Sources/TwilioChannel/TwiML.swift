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
        var xml = header
        xml += gather(say: touch.body, options: touch.voiceOptions, language: touch.language, voice: voice, actionURL: gatherActionURL)
        if let voicemail = touch.voicemail, !voicemail.isEmpty { xml += say(voicemail, language: touch.language, voice: voice) }
        xml += "<Hangup/></Response>"
        return xml
    }

    /// The answer to a call webhook: what the runtime decided the call does next.
    public static func reply(for instruction: CallInstruction, voice: String?) -> String {
        var xml = header
        switch instruction {
        case .say(let text, let language, let hangUp):
            if !text.isEmpty { xml += say(text, language: language, voice: voice) }
            if hangUp { xml += "<Hangup/>" }
        case .gather(let prompt, let options, let language, let actionURL, let noInput):
            xml += gather(say: prompt, options: options, language: language, voice: voice, actionURL: actionURL)
            if let noInput, !noInput.isEmpty { xml += say(noInput, language: language, voice: voice) }
            xml += "<Hangup/>"
        case .dial(let text, let language, let number, let whisperURL, let actionURL, let timeout):
            if !text.isEmpty { xml += say(text, language: language, voice: voice) }
            xml += "<Dial action=\"\(escape(actionURL))\" method=\"POST\" timeout=\"\(max(5, timeout))\">"
            xml += "<Number url=\"\(escape(whisperURL))\" method=\"POST\">\(escape(number))</Number></Dial>"
        }
        return xml + "</Response>"
    }

    static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>"

    /// `<Say>` in the lead's language (and the configured voice).
    static func say(_ text: String, language: Language, voice: String?) -> String {
        let voiceAttribute = voice.map { " voice=\"\(escape($0))\"" } ?? ""
        return "<Say language=\"\(locale(language))\"\(voiceAttribute)>\(escape(text))</Say>"
    }

    /// `<Gather>` for speech and keypad around a `<Say>`, with the options' words as recogniser hints.
    static func gather(say text: String, options: [VoiceOption], language: Language, voice: String?, actionURL: String?) -> String {
        let hints = options.flatMap(\.speech)
        let digits = options.compactMap(\.digit)
        var gather = "<Gather input=\"speech dtmf\" language=\"\(locale(language))\" timeout=\"5\" speechTimeout=\"auto\""
        if digits.allSatisfy({ $0.count == 1 }), !digits.isEmpty { gather += " numDigits=\"1\"" }
        if !hints.isEmpty { gather += " hints=\"\(escape(hints.joined(separator: ", ")))\"" }
        if let actionURL { gather += " action=\"\(escape(actionURL))\" method=\"POST\"" }
        return gather + ">" + say(text, language: language, voice: voice) + "</Gather>"
    }

    /// The empty response Twilio expects from message webhooks (no auto-reply).
    public static let empty = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>"
}
