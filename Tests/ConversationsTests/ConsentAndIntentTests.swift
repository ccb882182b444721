import Conversations
import RevenueCore
import Testing

@Suite("Opt-out, opt-in and help keywords")
struct ComplianceKeywordTests {
    @Test("every required keyword opts out alone, any case, with or without accents", arguments: [
        "STOP", "stopall", "Unsubscribe", "CANCEL", "end", "Quit", "REVOKE", "optout", "PARAR", "alto", "Baja",
        "cancelar", "DETENER", "NO MÁS", "no mas", "No Más!", "basta", "Stop.", "  baja  ", "BÁJA",
    ])
    func keywordAlone(_ text: String) {
        #expect(ComplianceKeywords.signal(in: text) == .optOut)
    }

    @Test("a keyword as the core of a short message opts out", arguments: [
        "ya no me escriban, BAJA", "Por favor stop", "basta ya!!", "Please unsubscribe me", "no me llamen más",
        "Remove me from this list", "Dejen de escribirme",
    ])
    func keywordInShortMessage(_ text: String) {
        #expect(ComplianceKeywords.signal(in: text) == .optOut)
    }

    @Test("appointment talk and long messages are not opt-outs", arguments: [
        "Necesito cancelar mi cita del martes", "I have to cancel my appointment", "Nos vemos al final del día",
        "Hola, quisiera saber si aceptan mi seguro dental y cuánto cuesta la limpieza para mí y para mis hijos de stop",
        "¿A qué hora abren?",
    ])
    func notOptOut(_ text: String) {
        #expect(ComplianceKeywords.signal(in: text) != .optOut)
    }

    @Test("START and UNSTOP opt back in; HELP and AYUDA ask for help")
    func optInAndHelp() {
        #expect(ComplianceKeywords.signal(in: "START") == .optIn)
        #expect(ComplianceKeywords.signal(in: "unstop") == .optIn)
        #expect(ComplianceKeywords.signal(in: "HELP") == .help)
        #expect(ComplianceKeywords.signal(in: "Ayuda") == .help)
        #expect(ComplianceKeywords.signal(in: "help me book") == nil)
    }
}

@Suite("Reply intents in Spanish and English")
struct ReplyClassifierTests {
    @Test("intents", arguments: [
        ("Sí, me interesa", ReplyIntent.interested),
        ("Yes please, call me", .interested),
        ("Quiero agendar una cita", .interested),
        ("No gracias", .notInterested),
        ("not interested", .notInterested),
        ("¿Cuánto cuesta la limpieza?", .question),
        ("What are your hours?", .question),
        ("¿Puedo reagendar para otro día?", .reschedule),
        ("Can't make it tomorrow, can we reschedule?", .reschedule),
        ("Número equivocado", .wrongPerson),
        ("wrong number", .wrongPerson),
        ("👍", .unclear),
    ])
    func intent(_ text: String, _ expected: ReplyIntent) {
        let result = ReplyClassifier.classify(text)
        #expect(result.intent == expected, "\(text) → \(result)")
        #expect(result.consent == nil)
        if expected != .unclear { #expect(!result.evidence.isEmpty) }
    }

    @Test("an opt-out wins over everything else")
    func optOutFirst() {
        let result = ReplyClassifier.classify("No me interesa, BAJA")
        #expect(result.consent == .optOut)
    }
}
