import Foundation
import PlaybookDSL
import RevenueCore
import Testing

/// The shipped playbooks' copy rules that the compiler does not check: who is writing, usted,
/// no approval or result promises, voice options, and the Director prompt's example staying real.
@Suite("Copy policy of the shipped playbooks and the Director prompt")
struct PlaybookCopyPolicyTests {
    static func compiled(_ name: String) throws -> CompiledPlaybook {
        try #require(PlaybookCompiler().compile(fileAt: packageRoot.appendingPathComponent("playbooks/\(name)").path).playbook)
    }

    /// Every text the lead can read or hear in one message variant.
    static func texts(_ template: MessageTemplate) -> [String] {
        [template.body, template.subject, template.voicemail, template.info, template.html].compactMap { $0 }
    }

    @Test("every message names the business", arguments: shippedPlaybooks)
    func namesTheBusiness(_ name: String) throws {
        for step in try Self.compiled(name).steps {
            for variant in step.content {
                #expect(variant.template.body.contains("{{client.name}}"),
                        "step \(step.id) \(variant.channel)/\(variant.language) does not say who is writing or calling")
            }
        }
    }

    @Test("calls offer booking and opting out; voicemails leave the client's number", arguments: shippedPlaybooks)
    func voiceOptions(_ name: String) throws {
        for step in try Self.compiled(name).steps {
            for variant in step.content where variant.channel == .voice {
                let intents = Set(variant.template.options.map(\.intent))
                #expect(intents.isSuperset(of: [.book, .optOut]), "step \(step.id) voice/\(variant.language)")
                #expect(variant.template.options.first { $0.intent == .optOut }?.digit == "9")
                #expect(variant.template.voicemail?.contains("{{client.phone}}") == true, "step \(step.id) voicemail/\(variant.language)")
            }
        }
    }

    @Test("Spanish copy says usted, never tú", arguments: shippedPlaybooks)
    func usted(_ name: String) throws {
        let informal = #/(?i)\b(tú|tu|tus|te|ti|contigo)\b/#
        for step in try Self.compiled(name).steps {
            for variant in step.content where variant.language == .es {
                for text in Self.texts(variant.template) {
                    #expect(!text.contains(informal), "step \(step.id) \(variant.channel)/es uses tú")
                }
            }
        }
    }

    @Test("no message promises approval or results", arguments: shippedPlaybooks)
    func noPromises(_ name: String) throws {
        let banned = ["garantiza", "aprobación segura", "aprobado seguro", "pre-aprobad", "preaprobad", "100% aprobad",
                      "guarantee", "pre-approved", "preapproved", "approval is certain", "everyone is approved"]
        for step in try Self.compiled(name).steps {
            for variant in step.content {
                let lower = Self.texts(variant.template).joined(separator: "\n").lowercased()
                for phrase in banned {
                    #expect(!lower.contains(phrase), "step \(step.id) \(variant.channel)/\(variant.language) says \"\(phrase)\"")
                }
            }
        }
    }

    @Test("lender messages about applying say approval depends on review")
    func lenderApprovalCaveat() throws {
        let playbook = try Self.compiled("lenders.yaml")
        let welcome = try #require(playbook.steps.first { $0.name == "llamada_bienvenida" })
        for language in Language.allCases {
            let say = try #require(welcome.message(for: .voice, language: language)?.body)
            #expect(say.contains(language == .es ? "La aprobación depende" : "Approval depends"))
        }
    }

    @Test("the Director prompt's worked example is the shipped lenders playbook, and validates")
    func promptExample() throws {
        let prompt = try String(contentsOf: packageRoot.appendingPathComponent("prompts/director-playbook.md"), encoding: .utf8)
        let fence = "```yaml\n"
        let start = try #require(prompt.range(of: fence, options: .backwards))
        let end = try #require(prompt.range(of: "```", range: start.upperBound..<prompt.endIndex))
        let example = String(prompt[start.upperBound..<end.lowerBound])
        let shipped = try String(contentsOf: packageRoot.appendingPathComponent("playbooks/lenders.yaml"), encoding: .utf8)
        #expect(example == shipped, "copy playbooks/lenders.yaml into the last yaml block of prompts/director-playbook.md")
        let result = PlaybookCompiler().compile(Data(example.utf8), path: "director-playbook.md")
        #expect(result.diagnostics.isEmpty, "\(DiagnosticRenderer().render(result))")
    }
}
