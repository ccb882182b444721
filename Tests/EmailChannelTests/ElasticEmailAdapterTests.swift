import Foundation
import ProviderHTTP
import RevenueCore
import RevenueTesting
import Testing
@testable import EmailChannel

@Suite struct ElasticEmailAdapterTests {
    func adapter(_ baseURL: String, key: String = "test-api-key", webhookToken: String? = nil) -> ElasticEmailAdapter {
        ElasticEmailAdapter(apiKey: key, from: "citas@clinica.example", fromName: "Clínica Sonrisa", replyTo: "hola@clinica.example", webhookToken: webhookToken, baseURL: baseURL, transport: URLSessionTransport())
    }

    func touch(to: String = "ana@example.com", campaign: Bool = true, unsubscribe: String? = "https://hooks.example.com/u/t-3?sig=abc") -> OutboundMessage {
        OutboundMessage(
            touchID: "t-3", orgID: "org", channel: .email, to: to, language: .es, body: "Hola Ana, su cita es el martes.",
            subject: "Su cita", htmlBody: "<p>Hola Ana</p>", now: Date(timeIntervalSince1970: 0), idempotencyKey: "k",
            isCampaign: campaign, unsubscribeURL: unsubscribe)
    }

    @Test func sendsTheV4TransactionalBody() async throws {
        try await FakeElasticEmail.run { server in
            let receipt = try await adapter(server.baseURL).send(touch())
            #expect(receipt.providerMessageID.hasPrefix("msg-"))
            let request = try #require(await server.log.last)
            #expect(request.path == "/v4/emails/transactional")
            #expect(request.header("X-ElasticEmail-ApiKey") == "test-api-key")
            let json = try #require(request.json)
            #expect((json["Recipients"] as? [String: Any])?["To"] as? [String] == ["ana@example.com"])
            let content = try #require(json["Content"] as? [String: Any])
            #expect(content["From"] as? String == "Clínica Sonrisa <citas@clinica.example>")
            #expect(content["ReplyTo"] as? String == "hola@clinica.example")
            #expect(content["Subject"] as? String == "Su cita")
            #expect(content["Postback"] as? String == "t-3")
            let parts = try #require(content["Body"] as? [[String: Any]])
            #expect(parts.map { $0["ContentType"] as? String } == ["PlainText", "HTML"])
            let headers = try #require(content["Headers"] as? [String: String])
            #expect(headers["List-Unsubscribe"] == "<https://hooks.example.com/u/t-3?sig=abc>")
            #expect(headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click")
        }
    }

    @Test func transactionalMailHasNoUnsubscribeHeaders() throws {
        let body = try adapter("http://127.0.0.1:1").requestBody(touch(campaign: false, unsubscribe: nil))
        #expect((body["Content"] as? [String: Any])?["Headers"] == nil)
    }

    @Test func campaignMailWithoutUnsubscribeURLIsRefused() async {
        let error = await #expect(throws: ChannelError.self) { try await adapter("http://127.0.0.1:1").send(touch(unsubscribe: nil)) }
        #expect(error?.kind == .misconfigured)
    }

    @Test(arguments: [(401, ChannelError.Kind.unauthorized), (429, .rateLimited), (500, .retryable), (400, .permanent)])
    func mapsHTTPFailures(status: Int, kind: ChannelError.Kind) async throws {
        try await FakeElasticEmail.run(.init(failures: ["bad@example.com": status])) { server in
            let error = await #expect(throws: ChannelError.self) { try await adapter(server.baseURL).send(touch(to: "bad@example.com")) }
            #expect(error?.kind == kind)
            #expect(error.map { !$0.description.contains("bad@example.com") } == true)
        }
    }

    func notification(_ query: String, token: String? = nil) throws -> WebhookResult {
        try adapter("http://127.0.0.1:1", webhookToken: token).handleWebhook(
            WebhookRequest(method: "GET", url: "https://hooks.example.com/webhooks/elastic-email?" + query))
    }

    @Test func hardBounceFallsBackToSMS() throws {
        let result = try notification("date=11%2F24%2F2026+11%3A10%3A00+PM&from=citas%40clinica.example&to=ana%40example.com&messageid=msg-1&transaction=tx-1&channel=API&status=Error&category=NoMailbox&postback=t-3")
        #expect(result.events == [.emailBounce(EmailBounceEvent(provider: .elasticEmail, providerMessageID: "msg-1", recipient: "ana@example.com", kind: .hard, reason: "NoMailbox"))])
        #expect(result.events[0].decision == .fallback(mark: .invalidEmail))
        #expect(result.events[0].outcome == .bounced)
    }

    @Test func softBounceRetries() throws {
        let result = try notification("to=ana%40example.com&messageid=msg-2&status=Error&category=GreyListed")
        #expect(result.events[0].decision == .retry(afterSeconds: nil))
    }

    @Test func complaintAndUnsubscribeStopContact() throws {
        #expect(try notification("to=a%40example.com&messageid=m&status=AbuseReport").events[0].decision == .doNotContact)
        #expect(try notification("to=a%40example.com&messageid=m&status=Unsubscribed").events[0].decision == .doNotContact)
        #expect(try notification("to=a%40example.com&messageid=m&status=Opened").events[0].outcome == .opened)
        #expect(try notification("to=a%40example.com&messageid=m&status=Sent").events[0].outcome == .delivered)
    }

    @Test func webhookTokenIsChecked() throws {
        #expect(throws: ChannelError.self) { try notification("messageid=m&status=Sent&token=wrong", token: "right") }
        #expect(try notification("messageid=m&status=Sent&token=right", token: "right").events.count == 1)
    }
}
