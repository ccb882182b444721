import Foundation
import PlaybookDSL
import RevenueCore
import Testing

/// The playbooks in playbooks/ (what the product ships).
let shippedPlaybooks: [String] = {
    let folder = packageRoot.appendingPathComponent("playbooks")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".yaml") }.sorted()
}()

@Suite("The shipped playbooks, schema and prompt")
struct ShippedPlaybookTests {
    @Test("four vertical playbooks ship")
    func fourVerticals() throws {
        #expect(shippedPlaybooks.count >= 4)
        var verticals: Set<String> = []
        for name in shippedPlaybooks {
            let result = PlaybookCompiler().compile(fileAt: packageRoot.appendingPathComponent("playbooks/\(name)").path)
            if let playbook = result.playbook { verticals.insert(playbook.vertical) }
        }
        #expect(verticals.isSuperset(of: ["auto_dealers", "dentists", "lenders", "agencies"]))
    }

    @Test("each shipped playbook validates with no diagnostic at all", arguments: shippedPlaybooks)
    func validatesCleanly(_ name: String) throws {
        let path = packageRoot.appendingPathComponent("playbooks/\(name)").path
        let result = PlaybookCompiler().compile(fileAt: path)
        #expect(result.diagnostics.isEmpty, "\(DiagnosticRenderer().render(result))")
        let playbook = try #require(result.playbook)
        #expect(playbook.locales.first == .es, "Spanish first")
        #expect(Set(playbook.locales) == [.es, .en])
        #expect(Set(playbook.channels) == Set(Channel.allCases), "voice, WhatsApp, SMS and e-mail")
        #expect(playbook.reminders.map(\.id) == [200, 201, 202])
        #expect(playbook.followUp(for: .noShow)?.id == 210)
        #expect(playbook.followUp(for: .rescheduled)?.id == 220)
        #expect(playbook.steps.contains { !$0.fallbacks.isEmpty })
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("# yaml-language-server: $schema=../docs/playbook.schema.json\n"))
    }

    @Test("every shipped text message offers an opt-out", arguments: shippedPlaybooks)
    func optOutOffered(_ name: String) throws {
        let playbook = try #require(PlaybookCompiler().compile(fileAt: packageRoot.appendingPathComponent("playbooks/\(name)").path).playbook)
        for step in playbook.steps {
            for variant in step.content where variant.channel != .voice {
                let body = variant.template.body
                let offers = variant.channel == .email
                    ? body.contains("{{unsubscribe_link}}")
                    : ["BAJA", "STOP"].contains { body.contains($0) }
                #expect(offers, "step \(step.id) \(variant.channel)/\(variant.language) has no opt-out")
            }
        }
    }

    @Test("the compiled graph of each shipped playbook matches its golden file", arguments: shippedPlaybooks)
    func golden(_ name: String) throws {
        let playbook = try #require(PlaybookCompiler().compile(fileAt: packageRoot.appendingPathComponent("playbooks/\(name)").path).playbook)
        let json = GraphRenderer.json(playbook) + "\n"
        let golden = packageRoot.appendingPathComponent("Tests/PlaybookDSLTests/Golden/\(name.replacingOccurrences(of: ".yaml", with: ".json"))")
        if ProcessInfo.processInfo.environment["REVASI_UPDATE_GOLDEN"] == "1" {
            try json.write(to: golden, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(json == expected, "regenerate with REVASI_UPDATE_GOLDEN=1 swift test --filter golden, then review the diff")
    }

    @Test("docs/playbook.schema.json is exactly what `revasi schema` generates")
    func schemaCommitted() throws {
        let committed = try String(contentsOf: packageRoot.appendingPathComponent("docs/playbook.schema.json"), encoding: .utf8)
        #expect(committed == PlaybookJSONSchema.generate(), "run: swift run revasi schema > docs/playbook.schema.json")
    }

    @Test("the schema is valid JSON and closes every object")
    func schemaShape() throws {
        let object = try JSONSerialization.jsonObject(with: Data(PlaybookJSONSchema.generate().utf8)) as? [String: Any]
        let root = try #require(object)
        #expect(root["$schema"] as? String == "http://json-schema.org/draft-07/schema#")
        #expect(root["additionalProperties"] as? Bool == false)
        let required = try #require(root["required"] as? [String])
        #expect(required.contains("steps") && required.contains("send_window") && required.contains("templates"))
    }

    @Test("every key named in backticks in the Director prompt exists in the language")
    func promptKeys() throws {
        let prompt = try String(contentsOf: packageRoot.appendingPathComponent("prompts/director-playbook.md"), encoding: .utf8)
        let words = PlaybookJSONSchema.vocabulary
        var unknown: Set<String> = []
        for token in backticked(prompt) where token.range(of: "^[a-z][a-z_]*$", options: .regularExpression) != nil {
            if !words.contains(token) { unknown.insert(token) }
        }
        #expect(unknown.isEmpty, "the prompt names keys the language does not have: \(unknown.sorted())")
    }

    @Test("every key named in docs/playbooks.md tables exists in the language")
    func docKeys() throws {
        let doc = try String(contentsOf: packageRoot.appendingPathComponent("docs/playbooks.md"), encoding: .utf8)
        let keys = doc.split(separator: "\n").filter { $0.hasPrefix("| `") }.compactMap { line -> String? in
            backticked(String(line)).first
        }
        for key in keys where key.range(of: "^[a-z][a-z_]*$", options: .regularExpression) != nil {
            #expect(PlaybookJSONSchema.vocabulary.contains(key), "`\(key)` is documented but not in the language")
        }
        for key in PlaybookJSONSchema.keyNames {
            #expect(doc.contains("`\(key)`"), "`\(key)` is in the language but not documented")
        }
    }

    func backticked(_ text: String) -> [String] {
        var tokens: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "`") {
            let after = rest.index(after: open)
            guard let close = rest[after...].firstIndex(of: "`") else { break }
            tokens.append(String(rest[after..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return tokens
    }
}
