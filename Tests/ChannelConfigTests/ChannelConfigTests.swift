import ChannelConfig
import Foundation
import RevenueCore
import RevenueTesting
import SandboxChannel
import Testing
import TwilioChannel
import WhatsAppCloudChannel
import EmailChannel

@Suite struct ChannelConfigTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func check(_ yaml: String) -> (config: ChannelConfiguration?, diagnostics: [Diagnostic]) {
        ChannelConfigValidator.validate(Data(yaml.utf8), path: "channels/test.yaml")
    }

    @Test(arguments: ["channels/sandbox.yaml", "channels/production.example.yaml"])
    func shippedFilesAreValid(_ path: String) throws {
        let url = Self.root.appendingPathComponent(path)
        let source = try String(contentsOf: url, encoding: .utf8)
        #expect(source.hasPrefix("# yaml-language-server: $schema=../docs/channels.schema.json\n"))
        #expect(ChannelConfigValidator.isChannelConfig(source))
        let result = ChannelConfigValidator.validate(fileAt: url.path)
        #expect(result.diagnostics == [])
        #expect(result.config != nil)
    }

    @Test func productionRoutesAndSettings() throws {
        let result = ChannelConfigValidator.validate(fileAt: Self.root.appendingPathComponent("channels/production.example.yaml").path)
        let config = try #require(result.config)
        #expect(config.adapters.map(\.name) == ["elastic", "meta-whatsapp", "twilio"])
        #expect(config.route(client: "clinica-sonrisa", channel: .whatsapp)?.adapter == "twilio")
        #expect(config.route(client: "other", channel: .whatsapp)?.adapter == "meta-whatsapp")
        #expect(config.route(client: "other", channel: .voice)?.rateLimit == RateLimit(perSecond: 1, burst: 5))
        #expect(config.environmentVariables.contains("TWILIO_AUTH_TOKEN"))
        let route = try #require(config.route(client: "x", channel: .sms))
        let env = ["TWILIO_ACCOUNT_SID": "AC1", "TWILIO_AUTH_TOKEN": "s3cret"]
        let settings = try config.settings(for: route, environment: env)
        #expect(settings.kind == .twilio)
        #expect(settings.credentials == ["account_sid": "AC1", "auth_token": "s3cret"])
        #expect(settings.options["from"] == "+13055550100")
        #expect(settings.options["voice"] == "Polly.Mia")
        #expect(settings.options["record"] == "true")
        #expect(settings.webhookBaseURL == "https://hooks.example.com")
        #expect(!settings.description.contains("s3cret"))
        #expect(throws: ChannelConfigError.missingEnvironment("TWILIO_AUTH_TOKEN")) {
            try config.settings(for: route, environment: ["TWILIO_ACCOUNT_SID": "AC1"])
        }
    }

    @Test func inlineSecretIsAnErrorThatDoesNotEchoIt() {
        let result = check("""
        version: 1
        adapters:
          twilio:
            provider: twilio
            credentials:
              account_sid: TWILIO_ACCOUNT_SID
              auth_token: 9f8e7d6c5b4a39281706f5e4d3c2b1a0
        routes:
          - client: "*"
            channel: sms
            adapter: twilio
            sender: {from: "+13055550100"}
        """)
        #expect(result.config == nil)
        let diagnostic = result.diagnostics.first { $0.code == "CH007" }
        #expect(diagnostic?.line == 7)
        #expect(diagnostic?.column == 19)
        #expect(diagnostic?.file == "channels/test.yaml")
        #expect(diagnostic.map { !$0.message.contains("9f8e7d6c") && !($0.hint ?? "").contains("9f8e7d6c") } == true)
        #expect(diagnostic?.hint?.contains("TWILIO_AUTH_TOKEN") == true)
    }

    @Test func reportsEveryProblemWithPositions() {
        let result = check("""
        version: 2
        adapters:
          tw:
            provider: twilo
          mail:
            provider: elastic-email
            base_url: ftp://x
            credentials: {api_key: ELASTIC_KEY}
        routes:
          - client: "*"
            channel: smss
            adapter: tw
          - client: "*"
            channel: email
            adapter: mail
            sender: {from: not-an-email}
            rate_limit: {per_second: 0}
            colour: blue
          - client: "*"
            channel: voice
            adapter: nowhere
        """)
        let codes = result.diagnostics.map { "\($0.line):\($0.column) \($0.code)" }
        #expect(codes.contains("1:10 CH016"))
        #expect(codes.contains("4:15 CH006"))
        #expect(codes.contains("7:15 CH009"))
        #expect(codes.contains("11:14 CH010"))
        #expect(codes.contains("16:20 CH013"))
        #expect(codes.contains("17:17 CH014"))
        #expect(codes.contains("18:5 CH003"))
        #expect(codes.contains("21:14 CH011"))
        #expect(result.diagnostics.first { $0.code == "CH006" }?.hint == "did you mean `twilio`?")
        #expect(result.diagnostics.first { $0.code == "CH010" }?.hint == "did you mean `sms`?")
        #expect(result.config == nil)
    }

    @Test func providerMustServeTheChannelAndHaveCredentials() {
        let result = check("""
        version: 1
        adapters:
          meta:
            provider: whatsapp-cloud
            credentials: {access_token: META_TOKEN}
        routes:
          - {client: "*", channel: sms, adapter: meta, sender: {phone_number_id: "123"}}
          - {client: "*", channel: sms, adapter: meta, sender: {phone_number_id: "123"}}
        """)
        let codes = Set(result.diagnostics.map(\.code))
        #expect(codes.isSuperset(of: ["CH008", "CH012", "CH015"]))
        #expect(result.diagnostics.filter { $0.code == "CH008" }.count == 2)
    }

    @Test func syntaxErrorsCarryTheirPosition() {
        let result = check("version: 1\nadapters:\n  sb: {provider: sandbox\nroutes: []\n")
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.code == "CH001")
        #expect((result.diagnostics.first?.line ?? 0) >= 3)
    }

    @Test func unusedAdapterIsAWarningOnly() {
        let result = check("""
        version: 1
        adapters:
          sb: {provider: sandbox}
          spare: {provider: sandbox}
        routes:
          - {client: "*", channel: sms, adapter: sb}
        """)
        #expect(result.diagnostics.map(\.code) == ["CH017"])
        #expect(result.diagnostics.first?.severity == .warning)
        #expect(result.config != nil)
    }

    @Test func recognisesChannelFiles() {
        #expect(ChannelConfigValidator.isChannelConfig("version: 1\nadapters:\n  x: {}\n"))
        #expect(!ChannelConfigValidator.isChannelConfig("id: dental\nsteps: []\n"))
    }

    @Test func committedSchemaMatchesTheGenerator() throws {
        let url = Self.root.appendingPathComponent("docs/channels.schema.json")
        if ProcessInfo.processInfo.environment["REGENERATE_CHANNELS_SCHEMA"] == "1" {
            try ChannelConfigValidator.jsonSchema().write(to: url, atomically: true, encoding: .utf8)
        }
        let committed = try String(contentsOf: url, encoding: .utf8)
        #expect(committed == ChannelConfigValidator.jsonSchema(), "regenerate: REGENERATE_CHANNELS_SCHEMA=1 swift test --filter ChannelConfigTests")
        let object = try JSONSerialization.jsonObject(with: Data(committed.utf8)) as? [String: Any]
        #expect(object?["$schema"] as? String == "http://json-schema.org/draft-07/schema#")
    }
}

@Suite struct SMTPConfigTests {
    @Test func smtpNeedsAHost() {
        let yaml = """
        version: 1
        adapters:
          relay:
            provider: smtp
            credentials: {username: SMTP_USER, password: SMTP_PASSWORD}
        routes:
          - {client: "*", channel: email, adapter: relay, sender: {from: citas@clinica.example}}
        """
        let result = ChannelConfigValidator.validate(Data(yaml.utf8), path: "c.yaml")
        #expect(result.diagnostics.map(\.code) == ["CH004"])
        #expect(result.diagnostics.first?.message.contains("host") == true)
        let fixed = yaml.replacingOccurrences(of: "provider: smtp\n", with: "provider: smtp\n    options: {host: 127.0.0.1, port: 2525}\n")
        let ok = ChannelConfigValidator.validate(Data(fixed.utf8), path: "c.yaml")
        #expect(ok.diagnostics == [])
        #expect(ok.config?.adapter(named: "relay")?.options == ["host": "127.0.0.1", "port": "2525"])
    }
}

@Suite struct ChannelRoutesTests {
    static let root = ChannelConfigTests.root

    @Test func sandboxConfigBuildsAnAdapterPerRoute() async throws {
        let config = try #require(ChannelConfigValidator.validate(fileAt: Self.root.appendingPathComponent("channels/sandbox.yaml").path).config)
        let routes = try config.makeRoutes(registry: ChannelRegistry([.sandbox]), environment: [:], transport: StubTransport { _ in .failure(.connectionFailed) })
        #expect(routes.adapters.count == 4)
        let voice = try #require(routes.adapter(client: "any-client", channel: .voice))
        #expect(voice.kind == .sandbox)
        let touch = OutboundMessage(touchID: "t", orgID: "o", channel: .voice, to: "+13055550199", language: .es, body: "Hola", now: Date(timeIntervalSince1970: 0), idempotencyKey: "k")
        let receipt = try await voice.send(touch)
        #expect(receipt.simulatedOutcome != nil)
    }

    @Test func productionConfigNeedsItsEnvironmentAndRegistrations() throws {
        let config = try #require(ChannelConfigValidator.validate(fileAt: Self.root.appendingPathComponent("channels/production.example.yaml").path).config)
        let transport = StubTransport { _ in .failure(.connectionFailed) }
        #expect(throws: ChannelConfigError.missingEnvironment("TWILIO_ACCOUNT_SID")) {
            try config.makeRoutes(registry: ChannelRegistry([.twilio]), environment: [:], transport: transport)
        }
        let env = Dictionary(uniqueKeysWithValues: config.environmentVariables.map { ($0, "value-of-\($0)") })
        do {
            _ = try config.makeRoutes(registry: ChannelRegistry([.twilio]), environment: env, transport: transport)
            Issue.record("whatsapp-cloud is not registered: building must fail")
        } catch {
            guard case .adapter(let name, let cause) = error else { Issue.record("wrong error \(error)"); return }
            #expect(name == "meta-whatsapp")
            #expect(cause.kind == .misconfigured)
            #expect(!error.description.contains("value-of"))
        }
    }
}

@Suite struct BuiltInProvidersTests {
    @Test func everyBuiltInProviderHasARegistration() throws {
        let registry = ChannelRegistry([.twilio, .whatsAppCloud, .elasticEmail, .smtp, .sandbox])
        #expect(registry.kinds == ProviderKind.builtIn.sorted())
    }

    @Test func productionExampleBuildsWithEveryRegistration() throws {
        let config = try #require(ChannelConfigValidator.validate(fileAt: ChannelConfigTests.root.appendingPathComponent("channels/production.example.yaml").path).config)
        let env = Dictionary(uniqueKeysWithValues: config.environmentVariables.map { ($0, "x") })
        let routes = try config.makeRoutes(
            registry: ChannelRegistry([.twilio, .whatsAppCloud, .elasticEmail, .smtp, .sandbox]), environment: env,
            transport: StubTransport { _ in .failure(.connectionFailed) })
        #expect(routes.adapter(client: "clinica-sonrisa", channel: .whatsapp)?.kind == .twilio)
        #expect(routes.adapter(client: "other", channel: .whatsapp)?.kind == .whatsAppCloud)
        #expect(routes.adapter(client: "other", channel: .email)?.kind == .elasticEmail)
        #expect(routes.adapter(client: "other", channel: .voice)?.capabilities.supports(.voice) == true)
    }
}
