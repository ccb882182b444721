import Foundation
import RevenueCore

/// A touch rendered at send time from its compiled step and the client's profile as stored now.
public struct RenderedTouch: Sendable, Hashable {
    /// SMS/WhatsApp text, e-mail body (plain text) or what the voice agent says.
    public var body: String
    public var subject: String?
    /// The HTML e-mail body, when the template has one.
    public var htmlBody: String?
    public var voicemail: String?
    public var options: [VoiceOption]
    /// What a lead who asks for more information on the call receives by text.
    public var info: String?
    /// The approved WhatsApp template with its variables rendered in order.
    public var approvedTemplate: ApprovedTemplate?
    /// Variables that rendered empty (`client.phone`): the touch must not go out with a hole.
    public var missing: [String]

    public init(
        body: String, subject: String? = nil, htmlBody: String? = nil, voicemail: String? = nil, options: [VoiceOption] = [],
        info: String? = nil, approvedTemplate: ApprovedTemplate? = nil, missing: [String] = []
    ) {
        self.body = body
        self.subject = subject
        self.htmlBody = htmlBody
        self.voicemail = voicemail
        self.options = options
        self.info = info
        self.approvedTemplate = approvedTemplate
        self.missing = missing
    }
}

extension Orchestrator {
    /// The provider language code of an approved template (`es_MX`, `en_US`).
    public static func templateLanguageCode(_ language: Language) -> String { language == .es ? "es_MX" : "en_US" }

    /// Renders `touch` again from its step's template with the profile this orchestrator was built with:
    /// every field the step sets (voicemail, options, HTML, the approved template and its variables),
    /// and the variables that came out empty. Touches without a step (compliance confirmations) keep
    /// the text they were queued with. `appointmentStart` is the appointment a reminder refers to.
    public func render(_ touch: TouchRun, lead: Lead, appointmentStart: Date? = nil) -> RenderedTouch {
        let language = touch.payload.language
        guard touch.payload.kind != .confirmation, let step = playbook.step(StepID(touch.step)),
              let template = step.message(for: touch.channel, language: language)
        else {
            return RenderedTouch(body: touch.payload.message, subject: touch.payload.subject)
        }
        let c = LeadContext(lead: lead, history: [], appointments: [], client: client)
        let appointment = appointmentStart.map { TemplateRenderer.AppointmentContext(startsAt: Int($0.timeIntervalSince1970), zone: c.zone) }
        var missing: [String] = []
        func fill(_ text: String) -> String { renderer.render(text, lead: lead, language: language, appointment: appointment, missing: &missing) }
        var rendered = RenderedTouch(
            body: fill(template.body), subject: template.subject.map(fill), htmlBody: template.html.map(fill),
            voicemail: template.voicemail.map(fill), options: template.options, info: template.info.map(fill))
        if touch.channel == .whatsapp, let name = template.approvedTemplate {
            let values = (template.approvedTemplateVariables ?? []).map { fill("{{\($0)}}") }
            rendered.approvedTemplate = ApprovedTemplate(name: name, languageCode: Self.templateLanguageCode(language), variables: values)
        }
        rendered.missing = missing
        return rendered
    }
}
