import EmailChannel
import Foundation
import Hummingbird
import HummingbirdTesting
import RevenueCore
import RevenueTesting
import Server
import Testing
import TwilioChannel
import WhatsAppCloudChannel

@Suite struct WebhookRouteTests {
    static let authToken = "twilio-test-token"
    static let appSecret = "meta-app-secret"
    static let verifyToken = "meta-verify-token"
    static let transport = StubTransport { _ in .failure(.connectionFailed) }

    static var adapters: WebhookAdapters {
        WebhookAdapters(
            twilio: TwilioAdapter(accountSID: "AC123", authToken: authToken, from: "+13125550000", transport: transport),
            whatsApp: WhatsAppCloudAdapter(
                phoneNumberID: "1234", accessToken: "x", appSecret: appSecret, verifyToken: verifyToken, transport: transport),
            email: ElasticEmailAdapter(apiKey: "k", from: "a@b.test", webhookToken: "email-token", transport: transport))
    }

    static let statusForm = "MessageSid=SM1&MessageStatus=delivered&To=%2B13125550101&From=%2B13125550000"

    static func twilioSignature(path: String, form: String) -> String {
        let pairs = form.split(separator: "&").map { pair -> (String, String) in
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            return (parts[0], parts.count > 1 ? parts[1] : "")
        }
        return TwilioSignature(authToken: authToken).compute(url: Fixture.base + path, parameters: pairs)
    }

    static func formHeaders(signature: String?) -> HTTPFields {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let signature { headers[HTTPFields.Element.Name("X-Twilio-Signature")!] = signature }
        return headers
    }

    @Test func signedTwilioStatusReachesTheSinkAndAnswersTwiML() async throws {
        let fixture = try await Fixture.make()
        let app = Application(router: fixture.router(webhooks: Self.adapters))
        try await app.test(.router) { client in
            let path = "/webhooks/twilio/status?touch=t1"
            let signature = Self.twilioSignature(path: path, form: Self.statusForm)
            try await client.execute(
                uri: path, method: .post, headers: Self.formHeaders(signature: signature), body: ByteBuffer(string: Self.statusForm)
            ) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/xml")
                #expect(response.body.text.contains("<Response/>"))
            }
        }
        let batches = await fixture.sink.batches
        #expect(batches.count == 1)
        #expect(batches.first?.1.url == Fixture.base + "/webhooks/twilio/status?touch=t1")
        #expect(batches.first?.1.queryItem("touch") == "t1")
        guard case .messageStatus(let event)? = batches.first?.0.first else {
            Issue.record("expected a message status event")
            return
        }
        #expect(event.providerMessageID == "SM1")
        #expect(event.status == .delivered)
    }

    @Test(arguments: [nil, "forged-signature"])
    func forgedOrUnsignedTwilioIs403AndRecorded(signature: String?) async throws {
        let fixture = try await Fixture.make()
        let app = Application(router: fixture.router(webhooks: Self.adapters))
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/webhooks/twilio/inbound?org=org-a", method: .post, headers: Self.formHeaders(signature: signature),
                body: ByteBuffer(string: "MessageSid=SM9&From=%2B13125550101&To=%2B13125550000&Body=hola")
            ) { response in
                #expect(response.status == .forbidden)
            }
        }
        #expect(await fixture.sink.batches.isEmpty)
        let events = try await fixture.store.coreEvents(org: Fixture.orgA, engine: "server", limit: 10)
        #expect(events.count == 1)
        #expect(events.first?.errorCode == "invalid_signature")
        #expect(events.first.map { !$0.message.contains("+1312") && !$0.message.contains("hola") } == true)
        #expect(try await fixture.store.coreEvents(org: Fixture.orgB, engine: nil, limit: 10).isEmpty)
        let lead = try await fixture.store.lead("org-a-lead", org: Fixture.orgA)
        #expect(lead?.state == .attempting)
    }

    @Test func malformedSignedTwilioIs400() async throws {
        let fixture = try await Fixture.make()
        let app = Application(router: fixture.router(webhooks: Self.adapters))
        let form = "Foo=bar&Unknown=1"
        try await app.test(.router) { client in
            let path = "/webhooks/twilio/status"
            try await client.execute(
                uri: path, method: .post, headers: Self.formHeaders(signature: Self.twilioSignature(path: path, form: form)),
                body: ByteBuffer(string: form)
            ) { response in
                #expect(response.status == .badRequest)
            }
        }
        #expect(await fixture.sink.batches.isEmpty)
    }

    @Test func unknownFieldsAreIgnored() async throws {
        let fixture = try await Fixture.make()
        let app = Application(router: fixture.router(webhooks: Self.adapters))
        let form = Self.statusForm + "&SomethingNew=42&ApiVersion=2010-04-01"
        try await app.test(.router) { client in
            let path = "/webhooks/twilio/status"
            try await client.execute(
                uri: path, method: .post, headers: Self.formHeaders(signature: Self.twilioSignature(path: path, form: form)),
                body: ByteBuffer(string: form)
            ) { response in
                #expect(response.status == .ok)
            }
        }
        #expect(await fixture.sink.batches.count == 1)
    }

    @Test func oversizeBodyIs413() async throws {
        let fixture = try await Fixture.make()
        let app = Application(router: fixture.router(webhooks: Self.adapters, maxBodyBytes: 1024))
        try await app.test(.router) { client in
            let big = "Body=" + String(repeating: "a", count: 4096)
            try await client.execute(
                uri: "/webhooks/twilio/inbound", method: .post, headers: Self.formHeaders(signature: "x"), body: ByteBuffer(string: big)
            ) { response in
                #expect(response.status == .contentTooLarge)
            }
        }
        #expect(await fixture.sink.batches.isEmpty)
    }

    @Test func sinkFailureIs500SoTheProviderRetries() async throws {
        let fixture = try await Fixture.make()
        await fixture.sink.fail(true)
        let app = Application(router: fixture.router(webhooks: Self.adapters))
        try await app.test(.router) { client in
            let path = "/webhooks/twilio/status"
            try await client.execute(
                uri: path, method: .post, headers: Self.formHeaders(signature: Self.twilioSignature(path: path, form: Self.statusForm)),
                body: ByteBuffer(string: Self.statusForm)
            ) { response in
                #expect(response.status == .internalServerError)
            }
        }
    }

    @Test func whatsAppVerificationEchoesTheChallengeOnlyWithTheRightToken() async throws {
        let fixture = try await Fixture.make()
        let app = Application(router: fixture.router(webhooks: Self.adapters))
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=\(Self.verifyToken)&hub.challenge=1158201444", method: .get
            ) { response in
                #expect(response.status == .ok)
                #expect(response.body.text == "1158201444")
            }
            try await client.execute(
                uri: "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1158201444", method: .get
            ) { response in
                #expect(response.status == .forbidden)
                #expect(!response.body.text.contains("1158201444"))
            }
        }
    }

    static let whatsAppInbound = """
        {"object":"whatsapp_business_account","entry":[{"id":"WABA","changes":[{"field":"messages","value":{"messaging_product":"whatsapp",\
        "metadata":{"display_phone_number":"13125550000","phone_number_id":"1234"},"contacts":[{"profile":{"name":"Ana"},"wa_id":"13125550101"}],\
        "messages":[{"from":"13125550101","id":"wamid.X1","timestamp":"1790000000","type":"text","text":{"body":"Hola"}}]}}]}]}
        """

    @Test func signedWhatsAppEventIsAcceptedAndForgedIsRejected() async throws {
        let fixture = try await Fixture.make()
        let adapters = Self.adapters
        let app = Application(router: fixture.router(webhooks: adapters))
        let body = Array(Self.whatsAppInbound.utf8)
        let good = (adapters.whatsApp as! WhatsAppCloudAdapter).signature(for: body)
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/webhooks/whatsapp", method: .post,
                headers: [.contentType: "application/json", HTTPFields.Element.Name("X-Hub-Signature-256")!: good], body: ByteBuffer(bytes: body)
            ) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(
                uri: "/webhooks/whatsapp", method: .post,
                headers: [.contentType: "application/json", HTTPFields.Element.Name("X-Hub-Signature-256")!: "sha256=" + String(repeating: "0", count: 64)],
                body: ByteBuffer(bytes: body)
            ) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(
                uri: "/webhooks/whatsapp", method: .post,
                headers: [.contentType: "application/json", HTTPFields.Element.Name("X-Hub-Signature-256")!: (adapters.whatsApp as! WhatsAppCloudAdapter).signature(for: Array("{not json".utf8))],
                body: ByteBuffer(string: "{not json")
            ) { response in
                #expect(response.status == .badRequest)
            }
        }
        let batches = await fixture.sink.batches
        #expect(batches.count == 1)
        guard case .inboundMessage(let message)? = batches.first?.0.first else {
            Issue.record("expected an inbound message")
            return
        }
        #expect(message.body == "Hola")
        #expect(message.channel == .whatsapp)
    }

    @Test func emailWebhookNeedsItsToken() async throws {
        let fixture = try await Fixture.make()
        let app = Application(router: fixture.router(webhooks: Self.adapters))
        try await app.test(.router) { client in
            let form = "status=Bounced&category=NoMailbox&messageid=EM1&to=ana%40example.test"
            try await client.execute(
                uri: "/webhooks/email?token=email-token", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: form)
            ) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(
                uri: "/webhooks/email?token=nope", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: form)
            ) { response in
                #expect(response.status == .forbidden)
            }
        }
        let batches = await fixture.sink.batches
        #expect(batches.count == 1)
        guard case .emailBounce(let bounce)? = batches.first?.0.first else {
            Issue.record("expected a bounce")
            return
        }
        #expect(bounce.kind == .hard)
    }

    @Test func routeWithoutAdapterIs404() async throws {
        let fixture = try await Fixture.make()
        let app = Application(router: fixture.router())
        try await app.test(.router) { client in
            try await client.execute(uri: "/webhooks/email", method: .post, body: ByteBuffer(string: "status=sent")) { response in
                #expect(response.status == .notFound)
            }
        }
    }
}
