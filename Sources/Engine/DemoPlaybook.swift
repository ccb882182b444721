import Foundation
import RevenueCore

/// A built-in dental playbook (six steps on four channels, reminders, follow-ups) for the benchmark
/// and tests; the same shape as docs/playbooks.md's example.
public enum DemoPlaybook {
    /// The compiled demo playbook.
    public static func make(sendWindow: SendWindow = SendWindow(days: [.mon, .tue, .wed, .thu, .fri, .sat], startMinute: 9 * 60, endMinute: 19 * 60),
                            caps: LeadCaps = LeadCaps(touchesPerDay: 3, callsPerDay: 1)) -> CompiledPlaybook {
        func text(_ es: String, _ en: String, _ channels: [Channel]) -> [MessageVariant] {
            channels.flatMap { ch in
                [MessageVariant(channel: ch, language: .es, template: MessageTemplate(body: es, subject: ch == .email ? "{{client.name}}" : nil)),
                 MessageVariant(channel: ch, language: .en, template: MessageTemplate(body: en, subject: ch == .email ? "{{client.name}}" : nil))]
            }
        }
        let call = [
            MessageVariant(channel: .voice, language: .es, template: MessageTemplate(
                body: "Hola {{lead.first_name}}, le llamo de {{client.name}}. {{campaign.offer}}.",
                voicemail: "Hola, le llamamos de {{client.name}}. Le escribimos por WhatsApp.",
                options: [VoiceOption(digit: "1", speech: ["agendar", "cita"], intent: .book), VoiceOption(digit: "9", speech: ["no llamar"], intent: .optOut)])),
            MessageVariant(channel: .voice, language: .en, template: MessageTemplate(
                body: "Hi {{lead.first_name}}, this is {{agent.name}} from {{client.name}}. {{campaign.offer}}.",
                voicemail: "Hi, this is {{client.name}}. We'll text you.",
                options: [VoiceOption(digit: "1", speech: ["book"], intent: .book), VoiceOption(digit: "9", speech: ["stop"], intent: .optOut)])),
        ]
        let offer = text("Hola {{lead.first_name}}, {{campaign.offer}}. Agende aquí: {{booking_link}}",
                         "Hi {{lead.first_name}}, {{campaign.offer}}. Book here: {{booking_link}}", [.whatsapp, .sms, .email])
        func step(_ n: Int, _ name: String, _ channel: Channel, _ wait: Wait, _ fallbacks: [Channel], _ content: [MessageVariant],
                  transitions: [Transition] = [], kind: StepKind = .cadence) -> CompiledStep {
            let next: StepTarget = kind == .cadence && n < 6 ? .step(StepID(n + 1)) : .end
            return CompiledStep(id: StepID(n), name: name, kind: kind, channel: channel, wait: wait, transitions: transitions,
                                otherwise: next, fallbacks: fallbacks, template: name, content: content)
        }
        let reminder = text("Recordatorio: su cita en {{client.name}} es el {{appointment.starts_at_local}}. Cambiarla: {{reschedule_link}}",
                            "Reminder: your visit at {{client.name}} is {{appointment.starts_at_local}}. Reschedule: {{reschedule_link}}", [.sms, .whatsapp])
        let steps: [CompiledStep] = [
            step(1, "intro_call", .voice, .none, [.email, .sms], call + offer, transitions: [Transition(outcome: .answered, target: .end)]),
            step(2, "whatsapp_intro", .whatsapp, .seconds(7200), [.sms], offer, transitions: [Transition(outcome: .replied, target: .end)]),
            step(3, "second_call", .voice, .businessDays(1), [.email, .sms], call + offer),
            step(4, "email_offer", .email, .seconds(86_400), [.sms], offer),
            step(5, "sms_nudge", .sms, .businessDays(2), [], offer),
            step(6, "last_call", .voice, .seconds(3 * 86_400), [.email, .sms], call + offer),
            step(200, "reminder", .sms, .none, [.whatsapp], reminder, kind: .reminder(beforeSeconds: 86_400)),
            step(201, "reminder", .sms, .none, [.whatsapp], reminder, kind: .reminder(beforeSeconds: 3600)),
            step(202, "reminder", .sms, .none, [.whatsapp], reminder, kind: .reminder(beforeSeconds: 600)),
            step(210, "no_show", .sms, .seconds(1800), [.whatsapp],
                 text("Le extrañamos hoy, {{lead.first_name}}. Elija otra hora: {{booking_link}}", "We missed you today, {{lead.first_name}}. Pick another time: {{booking_link}}", [.sms, .whatsapp]),
                 kind: .followUp(outcomes: [.noShow])),
            step(220, "reschedule", .whatsapp, .seconds(600), [.sms],
                 text("Gracias por avisarnos, {{lead.first_name}}. ¿Otra hora? {{reschedule_link}}", "Thanks for letting us know, {{lead.first_name}}. Another time? {{reschedule_link}}", [.sms, .whatsapp]),
                 kind: .followUp(outcomes: [.rescheduled, .cancelled])),
        ]
        return CompiledPlaybook(
            id: "demo-dental", version: 1, vertical: "dentists", description: "Limpieza dental para nuevos pacientes",
            locales: [.es, .en], defaultLocale: .es, channels: [.voice, .whatsapp, .sms, .email], sendWindow: sendWindow, caps: caps,
            exitOn: [.replied, .booked, .optedOut, .unqualified], entry: 1, steps: steps, contentHash: String(repeating: "d", count: 64))
    }

    /// A client for demos and dry-runs without a client file.
    public static let client = Client(
        id: "demo-client", orgID: "demo", name: "Clínica Dental Sonrisa", timeZone: "America/New_York",
        profile: ClientProfile(agentName: "Ana", phone: "+13055550100", address: "100 Calle Ocho, Miami, FL",
                               bookingLink: "https://example.com/book", rescheduleLink: "https://example.com/move"),
        createdAt: Date(timeIntervalSince1970: 0))
    /// The demo campaign's offer.
    public static let offer = "limpieza dental gratis para nuevos pacientes"
    /// The dry-run's unsubscribe links (fixed, unsigned).
    public static let links = LeadLinks.fixed(unsubscribe: "https://example.com/unsubscribe")
}
