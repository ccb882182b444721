import Foundation
import PlaybookDSL
import RevenueCore
import Testing

/// A playbook with a WhatsApp step, an e-mail with HTML, a voice script with `more_info`, and a
/// WhatsApp reminder; the provider-field tests mutate it.
let providerPlaybook = """
id: p
version: 1
vertical: dentists
locales: [es, en]
channels: [voice, whatsapp, email]
send_window:
  days: [mon, tue, wed, thu, fri]
  start: "09:00"
  end: "19:00"
steps:
  - id: call
    channel: voice
  - id: chat
    channel: whatsapp
    wait: 1d
  - id: mail
    channel: email
    wait: 1d
reminders:
  channel: whatsapp
  template: reminder
templates:
  call:
    voice:
      es:
        say: "Hola {{lead.first_name}}, oprima 3 para recibir información"
        options:
          - { digit: "3", intent: more_info }
        info: "{{client.name}}: agende en {{booking_link}} Responda BAJA para dejar de recibir mensajes."
      en:
        say: "Hi {{lead.first_name}}, press 3 for details"
        options:
          - { digit: "3", intent: more_info }
        info: "{{client.name}}: book at {{booking_link}} Reply STOP to opt out."
  chat:
    whatsapp:
      es:
        body: "Hola {{lead.first_name}}, agende en {{booking_link}}"
        approved_template: { name: cita_v2, variables: [lead.first_name, booking_link] }
      en:
        body: "Hi {{lead.first_name}}, book at {{booking_link}}"
        approved_template: cita_v2_en
  mail:
    email:
      es: { subject: "Hola", body: "Hola {{lead.first_name}}", html: "<p>Hola {{lead.first_name}}</p>" }
      en: { subject: "Hi", body: "Hi {{lead.first_name}}" }
  reminder:
    whatsapp:
      es:
        body: "Su cita es el {{appointment.date_local}}"
        approved_template: { name: recordatorio, variables: [appointment.date_local, client.website] }
      en:
        body: "Your visit is on {{appointment.date_local}}"
        approved_template: { name: reminder, variables: [] }

"""

/// `providerPlaybook` with literal replacements; fails loudly when an anchor is missing.
func mutateProvider(_ replacements: [(String, String)]) -> String {
    var text = providerPlaybook
    for (old, new) in replacements {
        precondition(text.contains(old), "fixture anchor not found: \(old)")
        text = text.replacingOccurrences(of: old, with: new)
    }
    return text
}

@Suite("Fields a step needs at the provider: approved template variables, HTML, more-info text")
struct ProviderFieldTests {
    /// Compiles `yaml` with a `«` marker and returns the diagnostics with that code and where the marker was.
    func diagnostics(_ code: String, in yaml: String) throws -> (found: [Diagnostic], line: Int, column: Int, result: CompilationResult) {
        let marked = try #require(locateMarker(yaml))
        let result = compile(marked.text)
        return (result.diagnostics.filter { $0.code == code }, marked.line, marked.column, result)
    }

    @Test("the fixture compiles with no diagnostic")
    func fixtureIsClean() {
        let result = compile(providerPlaybook)
        #expect(result.diagnostics.isEmpty, "\(DiagnosticRenderer().render(result))")
    }

    @Test("the mapping form lowers to the approved template's name and ordered variables")
    func mappingFormLowers() throws {
        let playbook = try #require(compile(providerPlaybook).playbook)
        let chat = try #require(playbook.steps.first { $0.name == "chat" })
        let es = try #require(chat.message(for: .whatsapp, language: .es))
        #expect(es.approvedTemplate == "cita_v2")
        #expect(es.approvedTemplateVariables == ["lead.first_name", "booking_link"])
        let en = try #require(chat.message(for: .whatsapp, language: .en))
        #expect(en.approvedTemplate == "cita_v2_en", "the string form still works")
        #expect(en.approvedTemplateVariables == nil)
        let reminder = try #require(playbook.reminders.first)
        #expect(reminder.message(for: .whatsapp, language: .es)?.approvedTemplateVariables == ["appointment.date_local", "client.website"])
        #expect(reminder.message(for: .whatsapp, language: .en)?.approvedTemplate == "reminder")
        #expect(reminder.message(for: .whatsapp, language: .en)?.approvedTemplateVariables == nil, "an empty list means no variables")
    }

    @Test("the variables reach the compiled JSON, and a playbook without the new keys encodes as before")
    func json() throws {
        let playbook = try #require(compile(providerPlaybook).playbook)
        let json = GraphRenderer.json(playbook)
        #expect(json.contains("\"approvedTemplateVariables\" : [\n"))
        #expect(json.contains("\"info\" : \"{{client.name}}: agende en {{booking_link}}"))
        #expect(json.contains("\"html\" : \"<p>Hola {{lead.first_name}}</p>\""))
        let plain = GraphRenderer.json(try #require(compile(basePlaybook).playbook))
        for key in ["approvedTemplateVariables", "\"info\"", "\"html\""] { #expect(!plain.contains(key)) }
    }

    @Test("html and info lower to their fields")
    func htmlAndInfoLower() throws {
        let playbook = try #require(compile(providerPlaybook).playbook)
        let mail = try #require(playbook.steps.first { $0.name == "mail" })
        #expect(mail.message(for: .email, language: .es)?.html == "<p>Hola {{lead.first_name}}</p>")
        #expect(mail.message(for: .email, language: .en)?.html == nil)
        let call = try #require(playbook.steps.first { $0.name == "call" })
        #expect(call.message(for: .voice, language: .en)?.info == "{{client.name}}: book at {{booking_link}} Reply STOP to opt out.")
    }

    @Test("an unknown name in approved_template variables is PB030 at its line and column, with a did-you-mean hint")
    func unknownApprovedVariable() throws {
        let yaml = mutateProvider([("variables: [lead.first_name, booking_link]", "variables: [lead.first_name, «bookng_link]")])
        let (found, line, column, result) = try diagnostics(DiagnosticCode.unknownVariable, in: yaml)
        let diagnostic = try #require(found.first, "\(result.diagnostics)")
        #expect(diagnostic.severity == .error)
        #expect((diagnostic.line, diagnostic.column) == (line, column))
        #expect(diagnostic.message.contains("`bookng_link`") && diagnostic.message.contains("`chat`"))
        #expect(diagnostic.hint == "did you mean `booking_link`?")
        #expect(result.playbook == nil)
        let rendered = DiagnosticRenderer().render(result)
        #expect(rendered.contains("test.yaml:\(line):\(column): error[PB030]"))
    }

    @Test("a braced name in the variables list is PB030 with a hint to drop the braces")
    func bracedApprovedVariable() throws {
        let yaml = mutateProvider([("variables: [lead.first_name, booking_link]", "variables: [«\"{{lead.first_name}}\", booking_link]")])
        let (found, line, column, _) = try diagnostics(DiagnosticCode.unknownVariable, in: yaml)
        let diagnostic = try #require(found.first)
        #expect((diagnostic.line, diagnostic.column) == (line, column))
        #expect(diagnostic.hint == "write the bare name, without braces: `lead.first_name`")
    }

    @Test("an appointment variable in a cadence step's approved template is PB036; in a reminder it is fine")
    func appointmentVariableInCadence() throws {
        let yaml = mutateProvider([("variables: [lead.first_name, booking_link]", "variables: [lead.first_name, «appointment.time_local]")])
        let (found, line, column, result) = try diagnostics(DiagnosticCode.appointmentVariableInCadence, in: yaml)
        let diagnostic = try #require(found.first, "\(result.diagnostics)")
        #expect((diagnostic.line, diagnostic.column) == (line, column))
        #expect(diagnostic.severity == .error)
        // The fixture's reminder already uses appointment.date_local in its variables and compiles cleanly.
        #expect(compile(providerPlaybook).playbook != nil)
    }

    @Test("approved_template shapes: a missing name, a non-list variables, an empty name, an unknown key")
    func shapes() throws {
        let missingName = try diagnostics(DiagnosticCode.missingKey, in: mutateProvider([
            ("approved_template: { name: cita_v2, variables", "approved_template: «{ variables")]))
        #expect(missingName.found.contains { ($0.line, $0.column) == (missingName.line, missingName.column) }, "\(missingName.result.diagnostics)")
        #expect(missingName.found.first?.message.contains("`name`") == true)

        let scalarList = try diagnostics(DiagnosticCode.wrongType, in: mutateProvider([
            ("variables: [lead.first_name, booking_link]", "variables: «lead.first_name")]))
        #expect(scalarList.found.contains { ($0.line, $0.column) == (scalarList.line, scalarList.column) }, "\(scalarList.result.diagnostics)")

        let emptyName = try diagnostics(DiagnosticCode.invalidValue, in: mutateProvider([("approved_template: cita_v2_en", "approved_template: «\"\"")]))
        #expect(emptyName.found.contains { ($0.line, $0.column) == (emptyName.line, emptyName.column) }, "\(emptyName.result.diagnostics)")

        let unknownKey = try diagnostics(DiagnosticCode.unknownKey, in: mutateProvider([
            ("{ name: cita_v2, variables", "{ name: cita_v2, «variable")]))
        #expect(unknownKey.found.first?.hint == "did you mean `variables`?")
        #expect(unknownKey.found.contains { ($0.line, $0.column) == (unknownKey.line, unknownKey.column) })
    }

    @Test("variables in html are checked like the body")
    func htmlVariables() throws {
        let yaml = mutateProvider([("html: \"<p>Hola {{lead.first_name}}</p>\"", "html: \"<p>Hola «{{lead.frist_name}}</p>\"")])
        let (found, line, column, _) = try diagnostics(DiagnosticCode.unknownVariable, in: yaml)
        let diagnostic = try #require(found.first)
        #expect((diagnostic.line, diagnostic.column) == (line, column))
        #expect(diagnostic.hint == "did you mean `{{lead.first_name}}`?")
    }

    @Test("variables in info are checked like the body, appointment variables included")
    func infoVariables() throws {
        let unknown = try diagnostics(DiagnosticCode.unknownVariable, in: mutateProvider([
            ("info: \"{{client.name}}: book at", "info: \"«{{client.nam}}: book at")]))
        let diagnostic = try #require(unknown.found.first)
        #expect((diagnostic.line, diagnostic.column) == (unknown.line, unknown.column))
        #expect(diagnostic.hint == "did you mean `{{client.name}}`?")

        let appointment = try diagnostics(DiagnosticCode.appointmentVariableInCadence, in: mutateProvider([
            ("info: \"{{client.name}}: book at", "info: \"«{{appointment.date_local}}: book at")]))
        #expect(appointment.found.contains { ($0.line, $0.column) == (appointment.line, appointment.column) })
    }

    @Test("a long info text is estimated like an SMS (PB031)")
    func infoLength() throws {
        let long = String(repeating: "Le contamos todo lo que incluye su visita. ", count: 12)
        let yaml = mutateProvider([("info: \"{{client.name}}: book at {{booking_link}} Reply STOP to opt out.\"", "info: «\"\(long)Reply STOP to opt out.\"")])
        let (found, line, column, result) = try diagnostics(DiagnosticCode.smsTooLong, in: yaml)
        let diagnostic = try #require(found.first, "\(result.diagnostics)")
        #expect(diagnostic.severity == .warning)
        #expect((diagnostic.line, diagnostic.column) == (line, column))
        #expect(diagnostic.message.contains("more-information text"))
    }

    @Test("more_info without info is PB041 at the option; info without more_info is PB042 at the key; both are warnings")
    func moreInfoPairing() throws {
        let missing = try diagnostics(DiagnosticCode.moreInfoWithoutInfo, in: mutateProvider([
            ("          - { digit: \"3\", intent: more_info }\n        info: \"{{client.name}}: book at {{booking_link}} Reply STOP to opt out.\"\n",
             "          - { digit: \"3\", intent: «more_info }\n")]))
        let warning = try #require(missing.found.first, "\(missing.result.diagnostics)")
        #expect(warning.severity == .warning && (warning.line, warning.column) == (missing.line, missing.column))
        #expect(missing.result.playbook != nil, "a warning keeps the graph")

        let unused = try diagnostics(DiagnosticCode.infoWithoutMoreInfo, in: mutateProvider([
            ("          - { digit: \"3\", intent: more_info }\n        info: \"{{client.name}}: book at",
             "          - { digit: \"3\", intent: callback }\n        «info: \"{{client.name}}: book at")]))
        let second = try #require(unused.found.first, "\(unused.result.diagnostics)")
        #expect(second.severity == .warning && (second.line, second.column) == (unused.line, unused.column))
    }

    @Test("client.website is a template variable")
    func website() {
        #expect(TemplateVariables.general["client.website"] != nil)
        let result = compile(mutate([("Hola de {{client.name}}", "Hola de {{client.name}} {{client.website}}")]))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    }

    @Test("the JSON Schema accepts approved_template as a string or {name, variables}, and knows html and info")
    func schema() throws {
        let object = try JSONSerialization.jsonObject(with: Data(PlaybookJSONSchema.generate().utf8)) as? [String: Any]
        let templates = try #require((object?["properties"] as? [String: Any])?["templates"] as? [String: Any])
        let template = try #require(templates["additionalProperties"] as? [String: Any])
        func content(_ channel: String) throws -> [String: Any] {
            let perChannel = try #require((template["properties"] as? [String: Any])?[channel] as? [String: Any])
            return try #require(perChannel["additionalProperties"] as? [String: Any])
        }
        let whatsapp = try #require((try content("whatsapp")["anyOf"] as? [[String: Any]])?.last)
        let approved = try #require((whatsapp["properties"] as? [String: Any])?["approved_template"] as? [String: Any])
        let forms = try #require(approved["anyOf"] as? [[String: Any]])
        #expect(forms.first?["type"] as? String == "string")
        let mapping = try #require(forms.last)
        #expect(mapping["required"] as? [String] == ["name"])
        #expect(((mapping["properties"] as? [String: Any])?["variables"] as? [String: Any])?["type"] as? String == "array")
        #expect((try content("email")["properties"] as? [String: Any])?["html"] != nil)
        #expect((try content("voice")["properties"] as? [String: Any])?["info"] != nil)
    }
}

@Suite("The shipped playbooks carry what providers need")
struct ShippedProviderFieldTests {
    @Test("every voice script offering more_info has a short info text that names the business and says how to stop",
          arguments: shippedPlaybooks)
    func info(_ name: String) throws {
        let playbook = try #require(PlaybookCompiler().compile(fileAt: packageRoot.appendingPathComponent("playbooks/\(name)").path).playbook)
        for step in playbook.steps {
            for variant in step.content where variant.channel == .voice {
                let offers = variant.template.options.contains { $0.intent == .moreInfo }
                guard offers else {
                    #expect(variant.template.info == nil, "step \(step.id) voice/\(variant.language): info nobody can ask for")
                    continue
                }
                let info = try #require(variant.template.info, "step \(step.id) voice/\(variant.language) offers more_info without info")
                #expect(info.contains("{{client.name}}"))
                #expect(info.hasSuffix(variant.language == .es ? "Responda BAJA para dejar de recibir mensajes." : "Reply STOP to opt out."),
                        "step \(step.id) voice/\(variant.language)")
                #expect(info.count < 260, "step \(step.id) voice/\(variant.language) info is long for a text")
            }
        }
    }

    @Test("shipped playbooks with a more_info option have info texts", arguments: ["auto-dealers.yaml", "dentists.yaml", "lenders.yaml"])
    func infoPresent(_ name: String) throws {
        let playbook = try #require(PlaybookCompiler().compile(fileAt: packageRoot.appendingPathComponent("playbooks/\(name)").path).playbook)
        let infos = playbook.steps.flatMap(\.content).compactMap(\.template.info)
        #expect(infos.count >= 2, "\(name): one per locale at least")
    }

    @Test("every approved WhatsApp template names its variables, each a known variable used in the body", arguments: shippedPlaybooks)
    func approvedVariables(_ name: String) throws {
        let playbook = try #require(PlaybookCompiler().compile(fileAt: packageRoot.appendingPathComponent("playbooks/\(name)").path).playbook)
        var checked = 0
        for step in playbook.steps {
            for variant in step.content where variant.template.approvedTemplate != nil {
                let variables = try #require(variant.template.approvedTemplateVariables,
                                             "step \(step.id) \(variant.channel)/\(variant.language) approved template without variables")
                let inBody = TemplateVariables.scan(variant.template.body).map(\.name)
                #expect(!variables.isEmpty)
                for variable in variables {
                    #expect(TemplateVariables.all.contains(variable))
                    #expect(inBody.contains(variable), "step \(step.id): `\(variable)` is not in the body")
                }
                #expect(variables == inBody.uniquedInOrder(), "step \(step.id): the body's variables in order of first use")
                checked += 1
            }
        }
        #expect(checked > 0, "\(name) has WhatsApp approved templates")
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each kept once.
    func uniquedInOrder() -> [Element] {
        var seen: Set<Element> = []
        return filter { seen.insert($0).inserted }
    }
}
