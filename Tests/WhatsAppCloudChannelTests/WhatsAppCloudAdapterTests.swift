import Foundation
import ProviderHTTP
import RevenueCore
import RevenueTesting
import Testing
@testable import WhatsAppCloudChannel

@Suite struct WhatsAppCloudAdapterTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)
    static let phoneID = "106540352242922"

    func adapter(_ baseURL: String, token: String = "test-access-token", secret: String = "TEST_APP_SECRET") -> WhatsAppCloudAdapter {
        WhatsAppCloudAdapter(phoneNumberID: Self.phoneID, accessToken: token, appSecret: secret, verifyToken: "verify-me", baseURL: baseURL, transport: URLSessionTransport())
    }

    func touch(to: String = "+13055550199", lastInboundAt: Date? = nil, template: ApprovedTemplate? = nil) -> OutboundMessage {
        OutboundMessage(
            touchID: "t-2", orgID: "org", channel: .whatsapp, to: to, language: .es, body: "Hola Ana, ¿le confirmo su cita del martes?",
            template: template, lastInboundAt: lastInboundAt, now: Self.now, idempotencyKey: "k")
    }

    @Test func metaSignatureVector() {
        let adapter = adapter("http://127.0.0.1:1")
        #expect(adapter.signature(for: Array("test".utf8)) == "sha256=0c61947b610d4f45e65f3d680e26027121ec2413e77598bcb6cfc6e0d9888221")
    }

    @Test func sendsTextInsideTheWindow() async throws {
        try await FakeWhatsAppCloud.run { server in
            let receipt = try await adapter(server.baseURL).send(touch(lastInboundAt: Self.now.addingTimeInterval(-600)))
            #expect(receipt.providerMessageID.hasPrefix("wamid."))
            #expect(!receipt.usedTemplate)
            let request = try #require(await server.log.last)
            #expect(request.path == "/v21.0/\(Self.phoneID)/messages")
            #expect(request.header("Authorization") == "Bearer test-access-token")
            #expect(request.header("Content-Type") == "application/json")
            let json = try #require(request.json)
            #expect(json["messaging_product"] as? String == "whatsapp")
            #expect(json["recipient_type"] as? String == "individual")
            #expect(json["to"] as? String == "13055550199")
            #expect(json["type"] as? String == "text")
            let text = try #require(json["text"] as? [String: Any])
            #expect(text["body"] as? String == "Hola Ana, ¿le confirmo su cita del martes?")
            #expect(text["preview_url"] as? Bool == false)
        }
    }

    @Test func sendsATemplateOutsideTheWindow() async throws {
        try await FakeWhatsAppCloud.run { server in
            let template = ApprovedTemplate(name: "recordatorio_cita", languageCode: "es_MX", variables: ["Ana", "martes 10:00"])
            let receipt = try await adapter(server.baseURL).send(touch(template: template))
            #expect(receipt.usedTemplate)
            let json = try #require(await server.log.last?.json)
            #expect(json["type"] as? String == "template")
            let body = try #require(json["template"] as? [String: Any])
            #expect(body["name"] as? String == "recordatorio_cita")
            #expect((body["language"] as? [String: Any])?["code"] as? String == "es_MX")
            let components = try #require(body["components"] as? [[String: Any]])
            #expect(components.first?["type"] as? String == "body")
            let parameters = try #require(components.first?["parameters"] as? [[String: Any]])
            #expect(parameters.map { $0["text"] as? String } == ["Ana", "martes 10:00"])
            #expect(parameters.map { $0["type"] as? String } == ["text", "text"])
        }
    }

    @Test(arguments: [
        (131047, ChannelError.Kind.outsideSessionWindow, DeliveryDecision.useTemplate),
        (131026, .notOnWhatsApp, .fallback(mark: .notOnWhatsApp)),
        (131050, .optedOut, .doNotContact),
        (130429, .rateLimited, .retry(afterSeconds: nil)),
    ] as [(Int, ChannelError.Kind, DeliveryDecision)])
    func mapsGraphErrors(code: Int, kind: ChannelError.Kind, decision: DeliveryDecision) async throws {
        let to = "13055550142"
        try await FakeWhatsAppCloud.run(.init(failures: [to: (400, code)])) { server in
            let error = await #expect(throws: ChannelError.self) {
                try await adapter(server.baseURL).send(touch(to: "+" + to, lastInboundAt: Self.now))
            }
            #expect(error?.kind == kind)
            #expect(error?.decision == decision)
            #expect(error?.code == String(code))
        }
    }

    @Test func badTokenIsUnauthorized() async throws {
        try await FakeWhatsAppCloud.run { server in
            let error = await #expect(throws: ChannelError.self) {
                try await adapter(server.baseURL, token: "expired").send(touch(lastInboundAt: Self.now))
            }
            #expect(error?.kind == .unauthorized)
            #expect(error?.code == "190")
        }
    }

    @Test func hubVerification() throws {
        let adapter = adapter("http://127.0.0.1:1")
        let good = WebhookRequest(method: "GET", url: "https://hooks.example.com/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444")
        let result = try adapter.handleWebhook(good)
        #expect(result.reply.body == "1158201444")
        #expect(result.reply.status == 200)
        #expect(result.events.isEmpty)
        let bad = WebhookRequest(method: "GET", url: "https://hooks.example.com/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1")
        #expect(throws: ChannelError.self) { try adapter.verifyWebhook(bad) }
    }

    static let inbound = """
    {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"Ana López"},"wa_id":"13055550199"}],"messages":[{"from":"13055550199","id":"wamid.HBgLMTMwNTU1NTAxOTkVAgASGBQzQTU","timestamp":"1790000100","text":{"body":"Sí, el martes está bien"},"type":"text"}]},"field":"messages"}]}]}
    """

    static let statuses = """
    {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"statuses":[{"id":"wamid.A","status":"delivered","timestamp":"1790000200","recipient_id":"13055550199","conversation":{"id":"c1","origin":{"type":"marketing"}},"pricing":{"billable":true,"pricing_model":"CBP","category":"marketing"}},{"id":"wamid.B","status":"failed","timestamp":"1790000300","recipient_id":"13055550198","errors":[{"code":131047,"title":"Re-engagement message","message":"Re-engagement message","error_data":{"details":"Message failed to send because more than 24 hours have passed since the customer last replied to this number."}}]}]},"field":"messages"}]}]}
    """

    func signed(_ body: String, secret: String = "TEST_APP_SECRET") -> WebhookRequest {
        let bytes = Array(body.utf8)
        let signature = adapter("http://127.0.0.1:1", secret: secret).signature(for: bytes)
        return WebhookRequest(method: "POST", url: "https://hooks.example.com/webhooks/whatsapp", headers: [HeaderField("X-Hub-Signature-256", signature), HeaderField("Content-Type", "application/json")], body: bytes)
    }

    @Test func parsesInboundMessages() throws {
        let result = try adapter("http://127.0.0.1:1").handleWebhook(signed(Self.inbound))
        #expect(result.events == [.inboundMessage(InboundMessageEvent(
            provider: .whatsAppCloud, channel: .whatsapp, providerMessageID: "wamid.HBgLMTMwNTU1NTAxOTkVAgASGBQzQTU",
            from: "+13055550199", to: Self.phoneID, body: "Sí, el martes está bien", profileName: "Ana López",
            at: Date(timeIntervalSince1970: 1_790_000_100)))])
    }

    @Test func parsesStatusesWithErrors() throws {
        let result = try adapter("http://127.0.0.1:1").handleWebhook(signed(Self.statuses))
        #expect(result.events.count == 2)
        #expect(result.events[0].outcome == .delivered)
        guard case .messageStatus(let failed) = result.events[1] else { Issue.record("not a status"); return }
        #expect(failed.status == .failed)
        #expect(failed.failure?.kind == .outsideSessionWindow)
        #expect(result.events[1].decision == .useTemplate)
    }

    @Test func rejectsBadSignatures() {
        let adapter = adapter("http://127.0.0.1:1")
        #expect(throws: ChannelError.self) { try adapter.handleWebhook(signed(Self.inbound, secret: "other")) }
        var unsigned = signed(Self.inbound)
        unsigned.headers = []
        #expect(throws: ChannelError.self) { try adapter.handleWebhook(unsigned) }
        var tampered = signed(Self.inbound)
        tampered.body[tampered.body.count - 3] = UInt8(ascii: "X")
        #expect(throws: ChannelError.self) { try adapter.handleWebhook(tampered) }
    }
}
