import RevenueCore

/// A place a template is sent from: which step, on which channel, and whether an appointment exists then.
struct TemplateUse {
    var template: String
    var channel: Channel
    var step: String
    var refNode: SyntaxNode
    var hasAppointment: Bool
    var isFallback: Bool
}

extension Analyzer {
    /// Every (template, channel) a step or its fallbacks send.
    var templateUses: [TemplateUse] {
        var uses: [TemplateUse] = []
        for step in steps {
            guard let channel = step.channel else { continue }
            for (offset, ch) in ([channel] + step.fallbacks).enumerated() {
                uses.append(TemplateUse(template: step.template, channel: ch, step: "step `\(step.name)`",
                                        refNode: step.templateNode, hasAppointment: false, isFallback: offset > 0))
            }
        }
        for step in appointmentSteps {
            guard let channel = step.channel else { continue }
            for (offset, ch) in ([channel] + step.fallbacks).enumerated() {
                uses.append(TemplateUse(template: step.template, channel: ch, step: "`\(step.name)`",
                                        refNode: step.templateNode, hasAppointment: true, isFallback: offset > 0))
            }
        }
        return uses
    }

    /// The content key a channel reads in a template: its own, else `text` for SMS and WhatsApp.
    static func contentKey(for channel: Channel, in template: SyntaxNode) -> String? {
        if template[channel.rawValue] != nil { return channel.rawValue }
        if channel == .sms || channel == .whatsapp, template["text"] != nil { return "text" }
        return nil
    }

    mutating func checkTemplates() {
        let templates = root["templates"]
        let names = Array(templateIndex.keys).sorted()
        var reportedMissing: Set<String> = []
        var checkedLocales: Set<String> = []
        var cadenceTemplates: Set<String> = []
        var smsContent: Set<String> = []
        for use in templateUses {
            guard let template = templateIndex[use.template] else {
                if templates != nil, reportedMissing.insert("\(use.template)|\(use.step)").inserted {
                    sink.error(DiagnosticCode.unknownTemplate, at: use.refNode, "\(use.step) uses template `\(use.template)`, which does not exist",
                               hint: Suggestion.closest(to: use.template, in: names).map { "did you mean `\($0)`?" }
                                   ?? "add `\(use.template):` under `templates`")
                }
                continue
            }
            if !use.hasAppointment { cadenceTemplates.insert(use.template) }
            guard let key = Self.contentKey(for: use.channel, in: template) else {
                if reportedMissing.insert("\(use.template)|\(use.channel)|\(use.step)").inserted {
                    let why = use.isFallback ? "\(use.step) falls back to `\(use.channel)`" : "\(use.step) sends it on `\(use.channel)`"
                    let keys = use.channel == .sms || use.channel == .whatsapp ? "`\(use.channel)` or `text`" : "`\(use.channel)`"
                    sink.error(DiagnosticCode.missingChannelContent, at: use.refNode, "template `\(use.template)` has no \(use.channel) content, but \(why)",
                               hint: "add \(keys) content to template `\(use.template)`" + (use.isFallback ? ", or change the step's `fallback`" : ""))
                }
                continue
            }
            if use.channel == .sms { smsContent.insert("\(use.template)|\(key)") }
            if checkedLocales.insert("\(use.template)|\(key)").inserted, let content = template[key] {
                for locale in locales where content[locale.rawValue] == nil {
                    let keyScalar = template.keyScalar(key)!
                    sink.error(DiagnosticCode.missingLocale, at: keyScalar, "template `\(use.template)` has no `\(locale)` \(key) content",
                               hint: "every template needs every locale in `locales`; add `\(locale):` under `\(key)`")
                }
            }
        }
        let referenced = Set(steps.map(\.template) + appointmentSteps.map(\.template))
        for pair in templates?.pairs ?? [] {
            if !referenced.contains(pair.key.text) {
                sink.warning(DiagnosticCode.unusedTemplate, at: pair.key.location, width: pair.key.width,
                             "template `\(pair.key.text)` is not used by any step", hint: "remove it, or name it in a step's `template:`")
            }
            for channelPair in pair.value.pairs {
                for localePair in channelPair.value.pairs {
                    checkContent(localePair.value, template: pair.key.text, channelKey: channelPair.key.text,
                                 locale: localePair.key.text, inCadence: cadenceTemplates.contains(pair.key.text),
                                 isSMS: smsContent.contains("\(pair.key.text)|\(channelPair.key.text)"))
                }
            }
        }
    }

    /// Variables, e-mail subject and SMS length for one locale's content.
    mutating func checkContent(_ content: SyntaxNode, template: String, channelKey: String, locale: String, inCadence: Bool, isSMS: Bool) {
        var texts: [SyntaxNode.Scalar] = []
        switch content {
        case .scalar(let s): texts.append(s)
        case .mapping:
            for key in ["body", "subject", "say", "voicemail", "html", "info"] {
                if let s = content[key]?.scalar, !s.isNull { texts.append(s) }
            }
            checkApprovedTemplate(content["approved_template"], template: template, inCadence: inCadence)
            if channelKey == "voice" { checkVoiceInfo(content, template: template, locale: locale) }
            if channelKey == "email", content["subject"] == nil {
                sink.error(DiagnosticCode.emailWithoutSubject, at: content.location, width: 1,
                           "the `\(locale)` e-mail of template `\(template)` has no subject",
                           hint: "add `subject:` next to `body:`")
            }
        case .sequence: return
        }
        for scalar in texts {
            for occurrence in TemplateVariables.scan(scalar.text) {
                checkVariable(occurrence.name, at: scalar.location(ofOffset: occurrence.offset), width: occurrence.length,
                              template: template, inCadence: inCadence, braced: true)
            }
        }
        if channelKey == "voice", let info = content["info"]?.scalar, !info.isNull {
            checkSegments(info, what: "the `\(locale)` more-information text of template `\(template)`")
        }
        if isSMS, let body = texts.first {
            checkSegments(body, what: "the `\(locale)` SMS of template `\(template)`")
        }
    }

    /// PB031 when a text that may go out by SMS is estimated longer than `sms_max_segments`.
    mutating func checkSegments(_ text: SyntaxNode.Scalar, what: String) {
        let segments = SMSSegments.count(template: text.text) { name in
            TemplateVariables.general[name] ?? TemplateVariables.appointment[name] ?? name.count + 4
        }
        guard segments > smsMaxSegments else { return }
        let encoding = SMSSegments.isGSM7(text.text) ? "GSM-7" : "UCS-2 (it has characters outside GSM-7, such as á, í, ó, ú)"
        sink.warning(DiagnosticCode.smsTooLong, at: text.location, width: text.width,
                     "\(what) is about \(segments) segments in \(encoding); the limit is \(smsMaxSegments)",
                     hint: "shorten it, or raise `sms_max_segments` under `caps`")
    }
}
