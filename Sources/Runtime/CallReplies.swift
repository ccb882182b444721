import RevenueCore

/// The fixed bilingual texts a call's intents use where the playbook gives none: what the voice agent
/// says before hanging up, the whisper the client hears, and the texts sent after the call.
public enum CallReplies {
    /// Spoken opt-out confirmation, when the number takes no texts.
    public static func optOutSpoken(_ language: Language) -> String {
        language == .es ? "Entendido. No le volveremos a llamar ni a escribir. Que tenga buen día."
            : "Understood. We will not call or message you again. Have a good day."
    }

    /// Spoken after an opt-out whose confirmation goes by text (the text is the one confirmation).
    public static func optOutBye(_ language: Language) -> String {
        language == .es ? "Entendido. Adiós." : "Understood. Goodbye."
    }

    /// The text carrying the booking link.
    public static func bookingText(_ link: String, business: String, language: Language) -> String {
        language == .es ? "\(business): agende su cita aquí: \(link)" : "\(business): book your visit here: \(link)"
    }

    /// Spoken after the booking link was queued.
    public static func bookingSent(_ language: Language) -> String {
        language == .es ? "Perfecto. Le enviamos ahora mismo un mensaje con el enlace para agendar. ¡Gracias, hasta pronto!"
            : "Great. We are texting you the link to book right now. Thank you, goodbye!"
    }

    /// Spoken when a person will call back (no booking link, no one free for a transfer, a callback asked).
    public static func callbackSpoken(_ language: Language) -> String {
        language == .es ? "Con gusto. Un asesor le llamará pronto. ¡Gracias, hasta luego!"
            : "Of course. An advisor will call you back soon. Thank you, goodbye!"
    }

    /// Spoken when the callback time was understood.
    public static func callbackAt(_ when: String, language: Language) -> String {
        language == .es ? "Con gusto. Le llamaremos \(when). ¡Gracias, hasta luego!" : "Of course. We will call you \(when). Thank you, goodbye!"
    }

    /// The text after a transfer that could not happen ("le llamamos pronto").
    public static func callbackText(business: String, language: Language) -> String {
        language == .es ? "\(business): no pudimos comunicarle con un asesor. Le llamamos pronto."
            : "\(business): we could not connect you with an advisor. We will call you back soon."
    }

    /// Spoken before ringing the client.
    public static func transferring(_ language: Language) -> String {
        language == .es ? "Un momento, le comunico con un asesor." : "One moment, I am connecting you with an advisor."
    }

    /// Spoken when a transfer is not possible or was not answered.
    public static func transferUnavailable(_ language: Language) -> String {
        language == .es ? "En este momento no hay un asesor disponible. Le enviaremos un mensaje y le llamaremos pronto. ¡Gracias!"
            : "No advisor is available right now. We will text you and call you back soon. Thank you!"
    }

    /// What the client's staff hears before the lead is connected.
    public static func whisper(firstName: String?, campaign: String, language: Language) -> String {
        let name = firstName.flatMap { $0.isEmpty ? nil : $0 }
        return language == .es
            ? "Llamada transferida: \(name ?? "un cliente"), de la campaña \(campaign). Conectando."
            : "Transferred call: \(name ?? "a lead"), from the \(campaign) campaign. Connecting."
    }

    /// The text sent when the lead asks for more information and the step has no `info`.
    public static func moreInfoText(business: String, language: Language) -> String {
        language == .es ? "Gracias por su interés en \(business). Un asesor le escribirá pronto con más información."
            : "Thank you for your interest in \(business). An advisor will write to you soon with more information."
    }

    /// Spoken after the information was queued by text.
    public static func moreInfoSent(_ language: Language) -> String {
        language == .es ? "Le enviamos la información por mensaje. ¡Gracias, hasta luego!" : "We are texting you the details. Thank you, goodbye!"
    }

    /// Said before the menu is repeated.
    public static func notUnderstood(_ language: Language) -> String {
        language == .es ? "Disculpe, no le entendí." : "Sorry, I did not catch that."
    }

    /// The polite ending after a second unrecognised answer, or no answer at all.
    public static func goodbye(_ language: Language) -> String {
        language == .es ? "Gracias por su tiempo. Le escribiremos pronto. ¡Hasta luego!" : "Thank you for your time. We will write to you soon. Goodbye!"
    }

    /// Phrases that, said on a call, ask for no more calls (beside `ComplianceKeywords`), as normalized words.
    public static let optOutPhrases: [[String]] = [
        ["no", "me", "llame"], ["no", "llamar"], ["no", "llamen"], ["no", "vuelvan", "a", "llamar"], ["no", "quiero", "llamadas"],
        ["no", "me", "vuelvan", "a", "llamar"], ["stop", "calling"], ["never", "call"], ["take", "me", "off"], ["dont", "call"],
    ]
}
