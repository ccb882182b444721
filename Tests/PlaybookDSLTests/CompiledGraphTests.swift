import Foundation
import PlaybookDSL
import RevenueCore
import Testing

@Suite("The compiled step graph")
struct CompiledGraphTests {
    func minimal() throws -> CompiledPlaybook {
        let url = packageRoot.appendingPathComponent("Tests/PlaybookDSLTests/Fixtures/minimal.yaml")
        let result = PlaybookCompiler().compile(fileAt: url.path)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        return try #require(result.playbook)
    }

    @Test("steps are numbered in order, edges resolve by outcome, fallbacks follow the chain")
    func edgesAndFallbacks() throws {
        let playbook = try minimal()
        #expect(playbook.entry == 1)
        let call = try #require(playbook.step(1))
        #expect(call.name == "intro_call")
        #expect(call.next(after: .answered) == .end)
        #expect(call.next(after: .noAnswer) == .step(2))
        #expect(call.fallbacks == [.email, .sms])
        let whatsapp = try #require(playbook.step(2))
        #expect(whatsapp.wait == .seconds(7200))
        #expect(whatsapp.fallbacks == [.sms], "the step override replaces the chain")
        #expect(whatsapp.next(after: .delivered) == .step(3), "no default: falls through to the next step")
        let email = try #require(playbook.step(3))
        #expect(email.wait == .businessDays(1))
        #expect(email.next(after: .opened) == .end, "the last step ends the cadence")
        #expect(email.fallbacks == [.sms])
    }

    @Test("content is resolved per channel and locale, `text` serving WhatsApp and SMS")
    func content() throws {
        let playbook = try minimal()
        let whatsapp = try #require(playbook.step(2))
        #expect(whatsapp.message(for: .whatsapp, language: .es)?.body.hasPrefix("Hola {{lead.first_name}}, soy") == true)
        #expect(whatsapp.message(for: .sms, language: .en)?.body.hasPrefix("Hi {{lead.first_name}}, this is") == true)
        let call = try #require(playbook.step(1))
        let voice = try #require(call.message(for: .voice, language: .es))
        #expect(voice.options.map(\.intent) == [.book, .optOut])
        #expect(voice.options.first?.digit == "1")
        #expect(voice.voicemail != nil)
        #expect(call.message(for: .email, language: .en)?.subject == "Your visit to {{client.name}}")
    }

    @Test("reminders are steps 200–202 at 24h, 1h, 10m; follow-ups 210 and 220")
    func appointmentSteps() throws {
        let playbook = try minimal()
        #expect(playbook.reminders.map(\.id) == [200, 201, 202])
        #expect(playbook.reminders.map(\.kind) == [.reminder(beforeSeconds: 86_400), .reminder(beforeSeconds: 3_600), .reminder(beforeSeconds: 600)])
        #expect(playbook.followUp(for: .noShow)?.id == 210)
        #expect(playbook.followUp(for: .noShow)?.wait == .seconds(1800))
        #expect(playbook.followUp(for: .rescheduled)?.id == 220)
        #expect(playbook.followUp(for: .cancelled)?.id == 220)
        #expect(playbook.followUp(for: .show) == nil)
    }

    @Test("opted_out is always an exit condition")
    func optOutAlwaysExits() throws {
        let playbook = try #require(compile(basePlaybook.replacingOccurrences(of: "templates:", with: "exit_on: [replied]\ntemplates:")).playbook)
        #expect(playbook.exitOn == [.replied, .optedOut])
    }

    @Test("cadence step numbers skip the reserved band 200–299")
    func reservedBand() {
        #expect(StepID.cadence(index: 0) == 1)
        #expect(StepID.cadence(index: 198) == 199)
        #expect(StepID.cadence(index: 199) == 300)
        #expect(StepID.cadence(index: 1999) == 2100)
    }

    @Test("the content hash ignores comments and formatting but not copy")
    func contentHash() throws {
        let original = try #require(compile(basePlaybook).playbook)
        let reformatted = "# a comment\n" + basePlaybook.replacingOccurrences(of: "locales: [es, en]", with: "locales:\n  - es\n  - en  # both")
        let same = try #require(compile(reformatted).playbook)
        #expect(same.contentHash == original.contentHash)
        let edited = try #require(compile(basePlaybook.replacingOccurrences(of: "Hola de", with: "Saludos de")).playbook)
        #expect(edited.contentHash != original.contentHash)
        #expect(original.contentHash.count == 64)
        #expect(ContentHash.of(original) == original.contentHash)
    }

    @Test("json output decodes back to the same graph")
    func jsonRoundTrip() throws {
        let playbook = try minimal()
        let decoded = try JSONDecoder().decode(CompiledPlaybook.self, from: Data(GraphRenderer.json(playbook).utf8))
        #expect(decoded == playbook)
    }

    @Test("dot output has a node per step and labelled edges")
    func dot() throws {
        let dot = GraphRenderer.dot(try minimal())
        #expect(dot.hasPrefix("digraph \"test-minimal\""))
        #expect(dot.contains("s1 -> end [label=\"answered\"]"))
        #expect(dot.contains("s1 -> s2 [label=\"otherwise\", style=dashed]"))
        #expect(dot.contains("s202 [label=\"202 reminder_10m"))
    }
}
