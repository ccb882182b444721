import Foundation
import PlaybookDSL
import RevenueCore
import Testing

/// One mutation of the base playbook and the diagnostic it must produce at the `«` marker.
struct DiagnosticCase: CustomTestStringConvertible, Sendable {
    let code: String
    let replacements: [(String, String)]
    var testDescription: String { code }
}

extension DiagnosticCase {
    static let all: [DiagnosticCase] = [
        .init(code: "PB001", replacements: [("vertical: dentists", "vertical: dentists«: x")]),
        .init(code: "PB010", replacements: [("vertical: dentists", "vertical: dentists\n«verticle: x")]),
        .init(code: "PB011", replacements: [("id: t\n", "«id: t\n"), ("version: 1\n", "")]),
        .init(code: "PB012", replacements: [("version: 1", "version: «[1]")]),
        .init(code: "PB013", replacements: [("channel: sms", "channel: «smss")]),
        .init(code: "PB014", replacements: [("wait: 1d", "wait: «1 day")]),
        .init(code: "PB015", replacements: [("version: 1", "version: «0")]),
        .init(code: "PB016", replacements: [("vertical: dentists", "vertical: dentists\n«vertical: lenders")]),
        .init(code: "PB020", replacements: [("  - id: text", "  - id: «call")]),
        .init(code: "PB021", replacements: [("answered: end", "answered: «nowhere")]),
        .init(code: "PB022", replacements: [("answered: end", "answered: end\n      default: end"), ("  - id: text", "  - id: «text")]),
        .init(code: "PB023", replacements: [("  - id: call", "  - id: «call"), ("    wait: 1d", "    on:\n      default: call")]),
        .init(code: "PB024", replacements: [("answered: end", "«opened: end")]),
        .init(code: "PB025", replacements: [("channel: sms", "channel: «whatsapp")]),
        .init(code: "PB026", replacements: [("    wait: 1d", "    wait: 1d\n    fallback: [«whatsapp]")]),
        .init(code: "PB027", replacements: [("    wait: 1d", "    wait: 1d\n    fallback: [«sms]")]),
        .init(code: "PB028", replacements: [("    wait: 1d", "    wait: 1d\n    template: «nope")]),
        .init(code: "PB029", replacements: [("  text:\n    sms:", "  text:\n    «sms:"), ("      en: \"Hi from {{client.name}}\"\n", "")]),
        .init(code: "PB030", replacements: [("Hola de {{client.name}}", "Hola de «{{client.nme}}")]),
        .init(code: "PB031", replacements: [("es: \"Hola de {{client.name}}\"", "es: «\"Hola de {{client.name}}. " + String(repeating: "Aquí está su información útil. ", count: 8) + "\"")]),
        .init(code: "PB032", replacements: [("templates:", "reminders:\n  channel: sms\n  template: text\n  offsets: [1h, «24h]\ntemplates:")]),
        .init(code: "PB033", replacements: [("end: \"19:00\"", "end: «\"08:30\"")]),
        .init(code: "PB034", replacements: [("end: \"19:00\"", "end: «\"22:00\"")]),
        .init(code: "PB035", replacements: [("  - id: call", "  - id: «call"), ("    email:\n      es: { subject: \"Hola\", body: \"Hola\" }\n      en: { subject: \"Hi\", body: \"Hi\" }\n", "")]),
        .init(code: "PB036", replacements: [("Hola de {{client.name}}", "Hola de «{{appointment.date_local}}")]),
        .init(code: "PB037", replacements: [("locales: [es, en]", "locales: [es]\ndefault_locale: «en")]),
        .init(code: "PB038", replacements: [("es: { subject: \"Hola\", body: \"Hola\" }", "es: «{ body: \"Hola\" }")]),
        .init(code: "PB039", replacements: [("channels: [voice, sms, email]", "channels: [voice, sms, email, «sms]")]),
        .init(code: "PB040", replacements: [("templates:\n", "templates:\n  «spare:\n    sms:\n      es: \"x\"\n      en: \"x\"\n")]),
        .init(code: "PB041", replacements: [("en: { say: \"Hi {{lead.first_name}}\" }", "en: { say: \"Hi\", options: [{ digit: \"3\", intent: «more_info }] }")]),
        .init(code: "PB042", replacements: [("en: { say: \"Hi {{lead.first_name}}\" }", "en: { say: \"Hi\", «info: \"Hi from {{client.name}}\" }")]),
    ]
}

@Suite("Every diagnostic code, at its line and column")
struct DiagnosticCodeTests {
    @Test("the base playbook is valid with no diagnostics")
    func baseIsClean() {
        let result = compile(basePlaybook)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.playbook != nil)
    }

    @Test("a mutation yields its code at the marked position", arguments: DiagnosticCase.all)
    func code(_ testCase: DiagnosticCase) throws {
        let marked = try #require(locateMarker(mutate(testCase.replacements)))
        let result = compile(marked.text)
        let matching = result.diagnostics.filter { $0.code == testCase.code }
        #expect(!matching.isEmpty, "no \(testCase.code) in \(result.diagnostics.map { "\($0.code)@\($0.line):\($0.column)" })")
        #expect(matching.contains { $0.line == marked.line && $0.column == marked.column },
                "\(testCase.code) expected at \(marked.line):\(marked.column), got \(matching.map { "\($0.line):\($0.column)" })")
        #expect(matching.allSatisfy { $0.file == "test.yaml" })
        if matching.contains(where: { $0.severity == .error }) {
            #expect(result.playbook == nil, "an error must withhold the graph")
        }
    }

    @Test("every code in the list is documented in docs/playbooks.md")
    func documented() throws {
        let doc = try String(contentsOf: packageRoot.appendingPathComponent("docs/playbooks.md"), encoding: .utf8)
        for testCase in DiagnosticCase.all {
            #expect(doc.contains("| \(testCase.code) |"), "\(testCase.code) missing from docs/playbooks.md")
        }
    }

    @Test("a file that is not UTF-8 is PB002 at the first bad byte")
    func notUTF8() {
        var data = Data("id: t\nvertical: ".utf8)
        data.append(contentsOf: [0x47, 0x75, 0x7A, 0x6D, 0xE1, 0x6E]) // "Guzmán" in Windows-1252
        let result = PlaybookCompiler().compile(data, path: "latin1.yaml")
        #expect(result.diagnostics.map(\.code) == ["PB002"])
        #expect(result.diagnostics.first?.line == 2)
        #expect(result.diagnostics.first?.column == 15)
    }

    @Test("an empty or blank file is PB003", arguments: ["", "\n\n  \n"])
    func empty(_ text: String) {
        let result = compile(text)
        #expect(result.diagnostics.map(\.code) == ["PB003"])
        #expect(result.playbook == nil)
    }

    @Test("a comment-only file has no document: PB003")
    func commentOnly() {
        #expect(compile("# nothing here\n").diagnostics.map(\.code) == ["PB003"])
    }

    @Test("a 10 MB file is refused before parsing with PB004")
    func tooLarge() {
        let data = Data(repeating: UInt8(ascii: "a"), count: 10 * 1024 * 1024)
        let result = PlaybookCompiler().compile(data, path: "big.yaml")
        #expect(result.diagnostics.map(\.code) == ["PB004"])
    }

    @Test("a YAML alias bomb stops with PB005")
    func aliasBomb() {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            yaml += "a\(level): &a\(level) [\(refs)]\n"
        }
        let result = compile(yaml)
        #expect(result.diagnostics.map(\.code) == ["PB005"])
    }

    @Test("a document that is not a mapping is PB012 at 1:1")
    func notAMapping() {
        let result = compile("- just\n- a list\n")
        #expect(result.diagnostics.map(\.code) == ["PB012"])
        #expect(result.diagnostics.first?.line == 1)
        #expect(result.diagnostics.first?.column == 1)
    }

    @Test("all problems are reported, not only the first")
    func collectsAll() {
        let yaml = mutate([("channel: sms", "channel: smss"), ("wait: 1d", "wait: soon"), ("end: \"19:00\"", "end: \"22:00\"")])
        let codes = Set(compile(yaml).diagnostics.map(\.code))
        #expect(codes.isSuperset(of: ["PB013", "PB014", "PB034"]))
    }

    @Test("hints suggest the closest valid word")
    func didYouMean() {
        let result = compile(mutate([("channel: sms", "channel: smss")]))
        #expect(result.diagnostics.first { $0.code == "PB013" }?.hint == "did you mean `sms`?")
    }
}
