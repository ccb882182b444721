import RevenueCore

/// What a lead's reply asks for, once consent keywords are ruled out.
public enum ReplyIntent: String, Sendable, Codable, Hashable, CaseIterable {
    case interested
    case notInterested = "not_interested"
    case question
    case reschedule
    case wrongPerson = "wrong_person"
    /// None of the rules matched: an operator reads it.
    case unclear
}

/// The result of reading one inbound message: consent first, then intent, with the evidence.
public struct ReplyClassification: Sendable, Hashable, Codable {
    public var consent: ConsentSignal?
    public var intent: ReplyIntent
    /// The words or phrases that decided it (normalized), so an operator sees why.
    public var evidence: [String]
}

/// Rule-based reply classification in Spanish and English. Deterministic and explainable; the
/// Director may replace it with a model later, behind the same result type.
public enum ReplyClassifier {
    /// Rules in priority order: the first intent with a match wins.
    static let rules: [(ReplyIntent, [[String]])] = [
        (.wrongPerson, phrases("numero equivocado", "wrong number", "wrong person", "no soy", "not me", "no conozco",
                               "don't know", "dont know", "se equivocaron", "no vive aqui", "equivocado")),
        (.reschedule, phrases("reagendar", "reprogramar", "cambiar la cita", "cambiar mi cita", "otro dia", "otra hora",
                              "otro horario", "reschedule", "another time", "another day", "move my appointment",
                              "cancelar la cita", "cancelar mi cita", "cancel my appointment", "no puedo ir", "can't make it",
                              "cant make it", "mas tarde")),
        (.notInterested, phrases("no gracias", "no me interesa", "no estoy interesado", "no estoy interesada", "not interested",
                                 "no thanks", "no thank you", "ya compre", "ya tengo", "already have", "no necesito", "don't need", "dont need")),
        (.interested, phrases("si", "me interesa", "quiero", "agendar", "agenda", "cita", "claro", "por favor", "yes", "interested",
                              "book", "sounds good", "ok", "okay", "dale", "perfecto", "llamenme", "call me", "sure")),
        (.question, phrases("cuanto", "cuando", "donde", "como", "que", "precio", "costo", "horario", "aceptan", "how much",
                            "how", "what", "when", "where", "price", "cost", "do you", "is it", "requisitos")),
    ]

    /// Classifies one inbound message.
    public static func classify(_ text: String) -> ReplyClassification {
        let words = TextNormalizer.words(text)
        if let consent = ComplianceKeywords.signal(in: text) {
            return ReplyClassification(consent: consent, intent: consent == .optOut ? .notInterested : .unclear, evidence: words)
        }
        for (intent, phrases) in rules {
            let matched = phrases.filter { TextNormalizer.contains(words, phrase: $0) }
            if !matched.isEmpty {
                return ReplyClassification(consent: nil, intent: intent, evidence: matched.map { $0.joined(separator: " ") })
            }
        }
        if text.contains("?") || text.contains("¿") {
            return ReplyClassification(consent: nil, intent: .question, evidence: ["?"])
        }
        return ReplyClassification(consent: nil, intent: .unclear, evidence: [])
    }

    static func phrases(_ texts: String...) -> [[String]] {
        texts.map(TextNormalizer.words)
    }
}
