/// What a message means for consent: opt out, opt back in, ask for help, or nothing of the kind.
public enum ConsentSignal: String, Sendable, Codable, Hashable {
    case optOut = "opt_out"
    case optIn = "opt_in"
    case help
}

/// Opt-out, re-opt-in and help keywords in English and Spanish (CTIA and TCPA practice), matched
/// case- and accent-insensitively, alone or as the core of a short message.
public enum ComplianceKeywords {
    /// Words that opt out wherever they appear in a short message.
    public static let optOutWords: Set<String> = [
        "stop", "stopall", "unsubscribe", "cancel", "end", "quit", "revoke", "optout",
        "parar", "alto", "baja", "cancelar", "detener", "basta",
    ]
    /// Phrases that opt out wherever they appear in a short message.
    public static let optOutPhrases: [[String]] = [
        ["no", "mas"], ["opt", "out"], ["remove", "me"], ["do", "not", "text"], ["dont", "text"], ["do", "not", "call"],
        ["dont", "call"], ["no", "me", "llamen"], ["no", "me", "escriban"], ["no", "me", "manden"], ["dejen", "de"],
        ["ya", "no", "me"], ["darme", "de", "baja"],
    ]
    /// Words that may mean something else in a longer message ("cancel my appointment").
    static let ambiguous: Set<String> = ["cancel", "cancelar", "end", "quit", "alto", "parar"]
    /// Words that show the message is about an appointment, not about consent.
    static let appointmentContext: Set<String> = ["cita", "appointment", "visita", "reunion", "meeting", "consulta", "turno"]
    /// Re-opt-in keywords (the whole message).
    public static let optInWords: Set<String> = ["start", "unstop", "subscribe", "yes start"]
    /// Help keywords (the whole message).
    public static let helpWords: Set<String> = ["help", "ayuda", "info", "informacion"]
    /// A message longer than this many words is a conversation, not a keyword.
    public static let shortMessageWords = 8

    /// The consent signal in an inbound message, if any.
    public static func signal(in text: String) -> ConsentSignal? {
        let words = TextNormalizer.words(text)
        guard !words.isEmpty else { return nil }
        let whole = words.joined(separator: " ")
        if optOutWords.contains(whole) || optOutPhrases.contains(where: { $0 == words }) { return .optOut }
        if optInWords.contains(whole) { return .optIn }
        if helpWords.contains(whole) { return .help }
        guard words.count <= shortMessageWords else { return nil }
        let aboutAppointment = words.contains { appointmentContext.contains($0) }
        for word in words where optOutWords.contains(word) {
            if ambiguous.contains(word) && aboutAppointment { continue }
            return .optOut
        }
        if optOutPhrases.contains(where: { TextNormalizer.contains(words, phrase: $0) }) { return .optOut }
        return nil
    }
}
