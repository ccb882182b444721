import RevenueCore
import Foundation

/// Checks for the content fields that only matter at a provider: the approved WhatsApp template's
/// variables and the voice script's more-information text. Template variables in any text go through
/// `checkVariable` as well, so a name means the same everywhere.
extension Analyzer {
    /// PB030 for a name outside the closed set; PB036 for an appointment variable in a cadence template.
    /// `braced` says whether the name was written as `{{name}}` in text or bare in a variables list.
    mutating func checkVariable(_ name: String, at location: SourceLocation, width: Int, template: String, inCadence: Bool, braced: Bool) {
        if TemplateVariables.general[name] != nil { return }
        let shown = braced ? "`{{\(name)}}`" : "`\(name)`"
        if TemplateVariables.appointment[name] != nil {
            if inCadence {
                let place = braced ? "" : " (in `approved_template` `variables`)"
                sink.error(DiagnosticCode.appointmentVariableInCadence, at: location, width: width,
                           "\(shown)\(place) in template `\(template)`, which a cadence step sends before any appointment exists",
                           hint: "use appointment variables only in reminder and follow-up templates")
            }
            return
        }
        if braced {
            let what = name.isEmpty ? "an unclosed `{{`" : shown
            sink.error(DiagnosticCode.unknownVariable, at: location, width: width, "unknown template variable \(what)",
                       hint: Suggestion.closest(to: name, in: TemplateVariables.all).map { "did you mean `{{\($0)}}`?" }
                           ?? "variables are: " + TemplateVariables.all.joined(separator: ", "))
            return
        }
        let inner = TemplateVariables.scan(name).first.map(\.name)
        let hint: String
        if let inner, !inner.isEmpty, TemplateVariables.all.contains(inner) {
            hint = "write the bare name, without braces: `\(inner)`"
        } else if let match = Suggestion.closest(to: name, in: TemplateVariables.all) {
            hint = "did you mean `\(match)`?"
        } else {
            hint = "variables are: " + TemplateVariables.all.joined(separator: ", ")
        }
        sink.error(DiagnosticCode.unknownVariable, at: location, width: width,
                   "unknown template variable \(shown) in `approved_template` `variables` of template `\(template)`", hint: hint)
    }

    /// The approved template's name is not empty, and each of its variables is a known template variable.
    mutating func checkApprovedTemplate(_ node: SyntaxNode?, template: String, inCadence: Bool) {
        guard let node else { return }
        let nameNode = node.scalar == nil ? node["name"] : node
        if let nameNode, let name = nameNode.scalar, name.quoted, name.text.trimmingCharacters(in: .whitespaces).isEmpty {
            sink.error(DiagnosticCode.invalidValue, at: nameNode, "the approved template of template `\(template)` has an empty name",
                       hint: "write the name Meta approved (e.g. cita_v2) or the Twilio ContentSid")
        }
        for item in node["variables"]?.items ?? [] {
            guard let scalar = item.scalar, !scalar.isNull else { continue }
            checkVariable(scalar.text, at: scalar.location, width: scalar.width, template: template, inCadence: inCadence, braced: false)
        }
    }

    /// PB041 when a voice script offers `more_info` with nothing to send; PB042 when `info` has no option to ask for it.
    mutating func checkVoiceInfo(_ content: SyntaxNode, template: String, locale: String) {
        let moreInfo = (content["options"]?.items ?? []).compactMap { option -> SyntaxNode? in
            guard let intent = option["intent"], intent.string == VoiceIntent.moreInfo.rawValue else { return nil }
            return intent
        }
        let info = content["info"].flatMap { $0.string == nil ? nil : $0 }
        if let first = moreInfo.first, info == nil {
            sink.warning(DiagnosticCode.moreInfoWithoutInfo, at: first.location, width: first.width,
                         "the `\(locale)` voice script of template `\(template)` offers `more_info` but has no `info` text to send",
                         hint: "add `info:` next to `say:` (short, no health details, ending with how to stop: \"Responda BAJA…\" / \"Reply STOP…\"), or remove the option")
        }
        if moreInfo.isEmpty, info != nil, let key = content.keyScalar("info") {
            sink.warning(DiagnosticCode.infoWithoutMoreInfo, at: key.location, width: key.width,
                         "the `\(locale)` voice script of template `\(template)` has `info` text but no `more_info` option, so it is never sent",
                         hint: "add an option with `intent: more_info`, or remove `info:`")
        }
    }
}
