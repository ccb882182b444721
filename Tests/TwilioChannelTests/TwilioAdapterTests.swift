import Foundation
import ProviderHTTP
import RevenueCore
import RevenueTesting
import Testing
@testable import TwilioChannel

/// The Twilio adapter against the fake Twilio API on loopback (real HTTP through URLSession).
@Suite struct TwilioAdapterTests {
    static let sid = "AC00000000000000000000000000000001"
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    func adapter(_ server: FakeProviderServer, token: String = "test-token", record: Bool = false) -> TwilioAdapter {
        TwilioAdapter(
            accountSID: Self.sid, authToken: token, from: "+13055550100", baseURL: server.baseURL,
            webhookBaseURL: "https://hooks.example.com", voice: "Polly.Mia", recordCalls: record, transport: URLSessionTransport())
    }

    func touch(_ channel: Channel, to: String = "+13055550199", body: String = "Hola Ana, ¿agendamos su cita? Responda SÍ & gracias",
               lastInboundAt: Date? = nil, template: ApprovedTemplate? = nil) -> OutboundMessage {
        OutboundMessage(
            touchID: "t-1", orgID: "org-1", channel: channel, to: to, language: .es, body: body,
            voicemail: "Le llamamos de la clínica. Llámenos al 305 555 0100.",
            voiceOptions: [VoiceOption(digit: "1", speech: ["agendar", "cita"], intent: .book), VoiceOption(digit: "2", speech: ["no"], intent: .optOut)],
            template: template, lastInboundAt: lastInboundAt, now: Self.now, idempotencyKey: "lead-1/camp/abc/1/0")
    }

    @Test func sendsSMSAsTheExactForm() async throws {
        try await FakeTwilio.run { server in
            let receipt = try await adapter(server).send(touch(.sms))
            #expect(receipt.providerMessageID.hasPrefix("SM"))
            #expect(receipt.provider == .twilio)
            #expect(receipt.status == .accepted)
            let request = try #require(await server.log.last)
            #expect(request.method == "POST")
            #expect(request.path == "/2010-04-01/Accounts/\(Self.sid)/Messages.json")
            #expect(request.header("Authorization") == "Basic " + Data("\(Self.sid):test-token".utf8).base64EncodedString())
            #expect(request.header("Content-Type") == "application/x-www-form-urlencoded")
            #expect(request.form.map(\.name) == ["To", "From", "Body", "StatusCallback"])
            #expect(request.formValue("To") == "+13055550199")
            #expect(request.formValue("From") == "+13055550100")
            #expect(request.formValue("Body") == "Hola Ana, ¿agendamos su cita? Responda SÍ & gracias")
            #expect(request.formValue("StatusCallback") == "https://hooks.example.com/webhooks/twilio")
        }
    }

    @Test func sendsWhatsAppTextInsideTheSessionWindow() async throws {
        try await FakeTwilio.run { server in
            let receipt = try await adapter(server).send(touch(.whatsapp, lastInboundAt: Self.now.addingTimeInterval(-3600)))
            #expect(!receipt.usedTemplate)
            let request = try #require(await server.log.last)
            #expect(request.formValue("To") == "whatsapp:+13055550199")
            #expect(request.formValue("From") == "whatsapp:+13055550100")
            #expect(request.formValue("Body") != nil)
            #expect(request.formValue("ContentSid") == nil)
        }
    }

    @Test func sendsTheApprovedTemplateOutsideTheWindow() async throws {
        try await FakeTwilio.run { server in
            let template = ApprovedTemplate(name: "HX0123456789abcdef0123456789abcdef", languageCode: "es_MX", variables: ["Ana", "martes 10:00"])
            let receipt = try await adapter(server).send(touch(.whatsapp, lastInboundAt: Self.now.addingTimeInterval(-25 * 3600), template: template))
            #expect(receipt.usedTemplate)
            let request = try #require(await server.log.last)
            #expect(request.formValue("Body") == nil)
            #expect(request.formValue("ContentSid") == "HX0123456789abcdef0123456789abcdef")
            #expect(request.formValue("ContentVariables") == #"{"1":"Ana","2":"martes 10:00"}"#)
        }
    }

    @Test func refusesFreeTextOutsideTheWindowWithoutATemplate() async throws {
        try await FakeTwilio.run { server in
            let error = await #expect(throws: ChannelError.self) { try await adapter(server).send(touch(.whatsapp)) }
            #expect(error?.kind == .outsideSessionWindow)
            #expect(error?.decision == .useTemplate)
            #expect(await server.log.count == 0)
        }
    }

    @Test func placesCallsWithASpanishTwiMLScript() async throws {
        try await FakeTwilio.run { server in
            let receipt = try await adapter(server, record: true).send(touch(.voice, body: "Hola Ana, le llamamos de Clínica Sonrisa. Oprima 1 para agendar su cita."))
            #expect(receipt.providerMessageID.hasPrefix("CA"))
            let request = try #require(await server.log.last)
            #expect(request.path == "/2010-04-01/Accounts/\(Self.sid)/Calls.json")
            #expect(request.formValue("MachineDetection") == "DetectMessageEnd")
            #expect(request.formValues("StatusCallbackEvent") == ["initiated", "ringing", "answered", "completed"])
            #expect(request.formValue("Record") == "true")
            #expect(request.formValue("RecordingStatusCallback") == "https://hooks.example.com/webhooks/twilio")
            let twiml = try #require(request.formValue("Twiml"))
            #expect(twiml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Gather input=\"speech dtmf\" language=\"es-MX\""))
            #expect(twiml.contains("numDigits=\"1\""))
            #expect(twiml.contains("hints=\"agendar, cita, no\""))
            #expect(twiml.contains("<Say language=\"es-MX\" voice=\"Polly.Mia\">Hola Ana, le llamamos de Clínica Sonrisa. Oprima 1 para agendar su cita.</Say></Gather>"))
            #expect(twiml.contains("Llámenos al 305 555 0100.</Say><Hangup/></Response>"))
        }
    }

    @Test func englishCallsUseEnUS() throws {
        var message = touch(.voice, body: "Press 1 & book")
        message.language = .en
        let twiml = TwiML.callScript(for: message, voice: nil, gatherActionURL: nil)
        #expect(twiml.contains("<Say language=\"en-US\">Press 1 &amp; book</Say>"))
    }

    struct Failure: Sendable, CustomTestStringConvertible {
        let status: Int
        let code: Int
        let kind: ChannelError.Kind
        let decision: DeliveryDecision
        var testDescription: String { "\(code)" }
    }

    @Test(arguments: [
        Failure(status: 400, code: 21610, kind: .optedOut, decision: .doNotContact),
        Failure(status: 400, code: 21211, kind: .invalidNumber, decision: .fallback(mark: .invalidNumber)),
        Failure(status: 400, code: 21614, kind: .landline, decision: .fallback(mark: .landline)),
        Failure(status: 400, code: 21635, kind: .landline, decision: .fallback(mark: .landline)),
        Failure(status: 400, code: 63016, kind: .outsideSessionWindow, decision: .useTemplate),
        Failure(status: 429, code: 20429, kind: .rateLimited, decision: .retry(afterSeconds: 7)),
        Failure(status: 503, code: 30008, kind: .retryable, decision: .retry(afterSeconds: nil)),
    ])
    func mapsTwilioErrorBodies(_ failure: Failure) async throws {
        let to = "+13055550142"
        try await FakeTwilio.run(.init(failures: [to: (failure.status, failure.code)])) { server in
            let error = await #expect(throws: ChannelError.self) { try await adapter(server).send(touch(.sms, to: to)) }
            #expect(error?.kind == failure.kind)
            #expect(error?.code == String(failure.code))
            #expect(error?.decision == failure.decision)
            // Safe to log: neither the number nor the body appear.
            #expect(error.map { !$0.description.contains("3055550142") && !$0.description.contains("Hola") } == true)
        }
    }

    @Test func wrongCredentialsHalt() async throws {
        try await FakeTwilio.run { server in
            let error = await #expect(throws: ChannelError.self) { try await adapter(server, token: "wrong").send(touch(.sms)) }
            #expect(error?.kind == .unauthorized)
            #expect(error?.code == "20003")
            #expect(error?.decision == .halt)
        }
    }

    @Test func unreachableServerIsRetryable() async throws {
        let adapter = TwilioAdapter(accountSID: Self.sid, authToken: "t", from: "+13055550100", baseURL: "http://127.0.0.1:1", timeoutSeconds: 2, transport: URLSessionTransport())
        let error = await #expect(throws: ChannelError.self) { try await adapter.send(touch(.sms)) }
        #expect(error?.isRetryable == true)
    }

    @Test func registryBuildsTwilioFromSettings() throws {
        let registry = ChannelRegistry([.twilio])
        let settings = ProviderSettings(name: "twilio", kind: .twilio, credentials: ["account_sid": Self.sid, "auth_token": "x"], options: ["from": "+13055550100"])
        let adapter = try registry.makeAdapter(settings, transport: URLSessionTransport())
        #expect(adapter.kind == .twilio)
        #expect(adapter.capabilities.channels == [.voice, .sms, .whatsapp])
        #expect(adapter.capabilities.entry(for: .whatsapp)?.needsTemplateOutsideSession == true)
        var missing = settings
        missing.credentials["auth_token"] = nil
        #expect(throws: ChannelError.self) { try registry.makeAdapter(missing, transport: URLSessionTransport()) }
        #expect(!missing.description.contains(Self.sid))
    }
}

@Suite struct TwilioCallbackURLTests {
    @Test func theTouchCallbackURLIsUsedForStatusGatherAndRecording() throws {
        let adapter = TwilioAdapter(accountSID: "AC1", authToken: "t", from: "+13055550100", webhookBaseURL: "https://hooks.example.com", recordCalls: true, transport: NoTransport())
        var touch = OutboundMessage(touchID: "t-9", orgID: "org-1", channel: .voice, to: "+13055550199", language: .es, body: "Hola", now: Date(timeIntervalSince1970: 0), idempotencyKey: "k")
        touch.statusCallbackURL = "https://hooks.example.com/webhooks/twilio?touch=t-9&org=org-1"
        let fields = try adapter.callFields(touch)
        let value = { (name: String) in fields.first { $0.0 == name }?.1 }
        #expect(value("StatusCallback") == "https://hooks.example.com/webhooks/twilio?touch=t-9&org=org-1")
        #expect(value("RecordingStatusCallback") == "https://hooks.example.com/webhooks/twilio?touch=t-9&org=org-1")
        #expect(value("Twiml")?.contains("action=\"https://hooks.example.com/webhooks/twilio?touch=t-9&amp;org=org-1\"") == true)
        let sms = try adapter.messageFields(OutboundMessage(touchID: "t-9", orgID: "org-1", channel: .sms, to: "+13055550199", language: .es, body: "Hola", now: Date(timeIntervalSince1970: 0), idempotencyKey: "k", statusCallbackURL: "https://h.example/x?touch=t-9"), whatsapp: false)
        #expect(sms.fields.last?.0 == "StatusCallback")
        #expect(sms.fields.last?.1 == "https://h.example/x?touch=t-9")
    }
}
