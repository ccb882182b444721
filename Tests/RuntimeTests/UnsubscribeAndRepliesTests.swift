import EmailChannel
import Engine
import Foundation
import Logging
import ProviderHTTP
import RevenueCore
import Runtime
import Server
import SignedLinks
import StorePostgres
import Testing

/// Issue 10 items 5 and 6 over real loopback HTTP, on SQLite and PostgreSQL: the signed one-click
/// unsubscribe pages (`GET`/`POST /u/{token}`) and e-mail replies (Elastic Email inbound notification,
/// raw MIME from an SMTP relay) reaching the runtime's sink as `revasi serve` wires it.
@Suite struct UnsubscribeAndRepliesTests {
    @Test func sqlite() async throws {
        let h = try await RuntimeHarness(leads: 0, allowed: [.sms, .email])
        defer { h.cleanup() }
        try await Self.scenario(h)
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["REVASI_TEST_POSTGRES_URL"] != nil))
    func postgres() async throws {
        try await RuntimeHarness.withPostgres("unsub", leads: 0, allowed: [.sms, .email]) { h, _ in try await Self.scenario(h) }
    }

    static let org = RuntimeHarness.org
    static let ana = LeadID("lead-ana"), bob = LeadID("lead-bob"), cora = LeadID("lead-cora")
    static let inboundToken = "relay-token-0123456789"
    /// The SMTP Message-ID of Bob's campaign e-mail (`<touch-id@from-domain>`, the touch's provider id).
    static let bobMailID = "bob-email-4@clinica.example"

    static func scenario(_ h: RuntimeHarness) async throws {
        try await seed(h)
        let signer = try await LinkSigner.load(from: h.store, now: h.time.now)
        guard let store = h.store as? ServerStore else { throw LiveDaemonError("this store cannot serve") }
        let sink = RuntimeEventSink(store: store, clock: h.clock, logger: h.logger, directory: CampaignDirectory(store: store))
        let time = h.time
        let smtp = SMTPAdapter(host: "127.0.0.1", port: 2525, from: "hola@clinica.example", inboundToken: inboundToken)
        let elastic = ElasticEmailAdapter(apiKey: "ee-key", from: "hola@clinica.example", webhookToken: "ee-hook", baseURL: "http://127.0.0.1:9",
                                          transport: URLSessionTransport())
        let services = ServerServices(
            store: store, webhooks: WebhookAdapters([elastic, smtp]), sink: sink, health: RuntimeHealth(startedAt: time.now),
            logger: h.logger, now: { time.now }, unsubscribeLinks: { signer.verify($0, purpose: .unsubscribe) })
        try await withRunningServer(configuration: ServerConfiguration(host: "127.0.0.1", port: 0), services: services) { port in
            let client = Client(base: "http://127.0.0.1:\(port)")
            try await unsubscribePages(h, client: client, signer: signer)
            try await emailReplies(h, client: client)
        }
    }

    /// Ana (Spanish, two queued texts), Bob (English, one campaign e-mail sent), Cora (no language).
    static func seed(_ h: RuntimeHarness) async throws {
        let campaign = RuntimeHarness.campaign
        for (id, name, language) in [(ana, "Ana", Language.es), (bob, "Bob", .en)] + [(cora, "Cora", nil as Language?)] as [(LeadID, String, Language?)] {
            try await h.store.upsertLead(Lead(
                id: id, orgID: org, firstName: name, phone: "+1305555\(id == ana ? "0101" : id == bob ? "0102" : "0103")", phoneLineType: .mobile,
                email: "\(name.lowercased())@example.com", usState: "FL", timeZone: "America/New_York", timeZoneSource: .explicit,
                language: language, state: .attempting, createdAt: RuntimeHarness.start, campaignID: campaign), org: org)
        }
        let hash = DemoPlaybook.make().contentHash
        func touch(_ id: String, _ lead: LeadID, _ channel: Channel, step: Int, at: Date) -> TouchRun {
            TouchRun(id: TouchID(id), orgID: org, leadID: lead, campaignID: campaign, channel: channel, step: step, scheduledAt: at,
                     payload: TouchPayload(message: "Hola", subject: channel == .email ? "Oferta" : nil, template: "t", reason: "test",
                                           kind: .cadence, language: .es),
                     idempotencyKey: "key-\(id)", playbookHash: hash)
        }
        let later = h.time.now.addingTimeInterval(86_400)
        try await h.store.enqueue([touch("ana-sms-2", ana, .sms, step: 2, at: later), touch("ana-sms-5", ana, .sms, step: 5, at: later)], org: org)
        // Bob's e-mail goes out (claimed, handed to the relay): what his reply will answer.
        try await h.store.enqueue([touch("bob-email-4", bob, .email, step: 4, at: h.time.now)], org: org)
        let claimed = try await h.store.claimDue(org: org, now: h.time.now, limit: 10, lease: Lease(owner: "test", duration: .seconds(60)))
        #expect(claimed.map(\.id) == [TouchID("bob-email-4")])
        try await h.store.complete([TouchCompletion(touchID: "bob-email-4", providerMessageID: bobMailID, sentAt: h.time.now)], org: org, owner: "test")
    }

    // MARK: One-click unsubscribe

    static func unsubscribePages(_ h: RuntimeHarness, client: Client, signer: LinkSigner) async throws {
        let links = signer.leadLinks(publicBaseURL: client.base)
        let anaURL = try #require(links.unsubscribe(org, ana))
        let anaPath = String(anaURL.dropFirst(client.base.count))
        #expect(anaPath.hasPrefix("/u/") && !anaPath.contains("example.com") && !anaPath.contains("ana"))

        // GET: a page in the lead's language, a real form, strict headers, and nothing changes (scanners prefetch).
        let page = try await client.send("GET", anaPath)
        #expect(page.status == 200)
        #expect(page.bodyText.contains("Cancelar suscripción") && page.bodyText.contains("<form method=\"post\">"))
        #expect(!page.bodyText.contains("<h1>Unsubscribe") && !page.bodyText.lowercased().contains("<script"))
        #expect(page.bodyText.contains("Clínica Sonrisa"))
        #expect(page.headers.value(for: "Referrer-Policy") == "no-referrer")
        #expect(page.headers.value(for: "Cache-Control") == "no-store")
        let csp = try #require(page.headers.value(for: "Content-Security-Policy"))
        #expect(csp.contains("default-src 'none'") && csp.contains("form-action 'self'") && !csp.contains("unsafe-inline"))
        for _ in 0..<3 { #expect(try await client.send("GET", anaPath).status == 200) }
        #expect(try await h.store.lead(ana, org: org)?.state == .attempting)
        #expect(try await h.touches(ana).filter { $0.status == .queued }.count == 2)

        let bobPage = try await client.send("GET", path(links, bob, client)).bodyText
        #expect(bobPage.contains("<h1>Unsubscribe") && bobPage.contains("Yes, unsubscribe me") && !bobPage.contains("Cancelar"))
        let coraPage = try await client.send("GET", path(links, cora, client)).bodyText
        #expect(coraPage.contains("<h1>Cancelar suscripción") && coraPage.contains("<h1>Unsubscribe"))
        #expect(coraPage.range(of: "<h1>Cancelar suscripción")!.lowerBound < coraPage.range(of: "<h1>Unsubscribe")!.lowerBound)

        // Tampered, truncated, wrong-purpose tokens: 404, no detail, nothing changes.
        let token = String(anaPath.dropFirst(3))
        var tampered = Array(token)
        tampered[tampered.count / 2] = tampered[tampered.count / 2] == "A" ? "B" : "A"
        let booking = signer.token(org: org, lead: ana, purpose: .booking)
        for bad in ["/u/" + String(tampered), "/u/" + token.dropLast(4), "/u/" + booking, "/u/nothing"] {
            for method in ["GET", "POST"] {
                let answer = try await client.send(method, bad, body: "List-Unsubscribe=One-Click")
                #expect(answer.status == 404, "\(method) \(bad)")
                #expect(answer.bodyText.contains("no es válido") && !answer.bodyText.contains("Ana"))
            }
        }
        #expect(try await h.store.lead(ana, org: org)?.state == .attempting)

        // POST (RFC 8058 one-click): do_not_contact, queued touches cancelled, one compliance event.
        let done = try await client.send("POST", anaPath, body: "List-Unsubscribe=One-Click")
        #expect(done.status == 200)
        #expect(done.bodyText.contains("Listo") && done.headers.value(for: "Cache-Control") == "no-store")
        #expect(try await h.store.lead(ana, org: org)?.state == .doNotContact)
        let anaTouches = try await h.touches(ana)
        #expect(anaTouches.count == 2 && anaTouches.allSatisfy { $0.status == .cancelled })
        let compliance = try await h.store.coreEvents(org: org, engine: "compliance", limit: 50).filter { $0.leadID == ana }
        #expect(compliance.count == 1)

        // A daemon restarted on the same database loads the same key: the mailed link still works.
        let restarted = try await LinkSigner.load(from: h.store, now: h.time.now.addingTimeInterval(3600))
        #expect(restarted.verify(token, purpose: .unsubscribe)?.lead == ana)
        #expect(restarted.leadLinks(publicBaseURL: client.base).unsubscribe(org, ana) == anaURL)

        // Idempotent: a second POST shows the same page and records nothing new; GET now shows it done.
        let again = try await client.send("POST", anaPath, body: "")
        #expect(again.status == 200 && again.bodyText == done.bodyText)
        #expect(try await h.store.coreEvents(org: org, engine: "compliance", limit: 50).filter { $0.leadID == ana }.count == 1)
        #expect(try await client.send("GET", anaPath).bodyText.contains("Listo"))
    }

    static func path(_ links: LeadLinks, _ lead: LeadID, _ client: Client) -> String {
        String((links.unsubscribe(org, lead) ?? "").dropFirst(client.base.count))
    }

    // MARK: E-mail replies

    static func emailReplies(_ h: RuntimeHarness, client: Client) async throws {
        let mime = """
            From: "Bob" <Bob@Example.com>\r
            To: Clinica <hola@clinica.example>\r
            Subject: =?UTF-8?Q?Re:_Oferta_cl=C3=ADnica?=\r
            Message-ID: <reply-1@mail.example.com>\r
            In-Reply-To: <\(bobMailID)>\r
            MIME-Version: 1.0\r
            Content-Type: multipart/alternative; boundary="b1"\r
            \r
            --b1\r
            Content-Type: text/plain; charset=utf-8\r
            Content-Transfer-Encoding: quoted-printable\r
            \r
            S=C3=AD, I'm interested. What times do you have on Friday?\r
            \r
            On Mon, Mar 2, 2026 at 10:00 AM Clinica <hola@clinica.example> wrote:\r
            > Hi Bob, free cleaning this month.\r
            --b1\r
            Content-Type: text/html; charset=utf-8\r
            \r
            <p>S&iacute;, I'm interested.</p>\r
            --b1--\r

            """
        // Wrong or missing token: 403, nothing lands.
        for url in ["/webhooks/email/inbound?token=wrong", "/webhooks/email/inbound"] {
            #expect(try await client.send("POST", url, body: mime, contentType: "message/rfc822").status == 403)
        }
        #expect(try await client.send("POST", "/webhooks/email/inbound", body: mime, contentType: "message/rfc822",
                                      headers: [HeaderField("Authorization", "Bearer nope")]).status == 403)
        #expect(try await messages(h, bob).isEmpty)

        // The relay's raw MIME, with the bearer token: on Bob's timeline without the quoted text; his e-mail touch replied.
        let posted = try await client.send("POST", "/webhooks/email/inbound", body: mime, contentType: "message/rfc822",
                                           headers: [HeaderField("Authorization", "Bearer \(inboundToken)")])
        #expect(posted.status == 200)
        let bobMessages = try await messages(h, bob)
        #expect(bobMessages.map(\.body) == ["Sí, I'm interested. What times do you have on Friday?"])
        #expect(bobMessages.first?.direction == .inbound && bobMessages.first?.touchID == TouchID("bob-email-4"))
        #expect(try await h.store.touch("bob-email-4", org: org)?.outcome == .replied)
        #expect(try await h.store.lead(bob, org: org)?.state == .engaged)
        // Redelivered: nothing new.
        #expect(try await client.send("POST", "/webhooks/email/inbound?token=\(inboundToken)", body: mime, contentType: "text/plain").status == 200)
        #expect(try await messages(h, bob).count == 1)

        // Elastic Email's inbound notification: "BAJA" by e-mail stops Cora on every channel.
        let notification: [String: Any] = [
            "from": "Cora <CORA@example.com>", "to": "hola@clinica.example", "subject": "Re: Oferta", "messageid": "ee-inbound-77",
            "body": "BAJA\n\nEl lun, 2 mar 2026 a las 10:00, Clínica Sonrisa <hola@clinica.example> escribió:\n> Hola Cora",
        ]
        let json = String(decoding: try JSONSerialization.data(withJSONObject: notification), as: UTF8.self)
        #expect(try await client.send("POST", "/webhooks/email?token=wrong", body: json, contentType: "application/json").status == 403)
        let accepted = try await client.send("POST", "/webhooks/email?token=ee-hook", body: json, contentType: "application/json")
        #expect(accepted.status == 200)
        #expect(try await messages(h, cora).map(\.body) == ["BAJA"])
        #expect(try await h.store.lead(cora, org: org)?.state == .doNotContact)
    }

    /// The lead's e-mail conversation, oldest first.
    static func messages(_ h: RuntimeHarness, _ lead: LeadID) async throws -> [Message] {
        var all: [Message] = []
        for conversation in try await h.store.conversations(lead: lead, org: org) where conversation.channel == .email {
            all += try await h.store.messages(conversation: conversation.id, org: org)
        }
        return all
    }

    /// Plain HTTP to the live server.
    struct Client: Sendable {
        let base: String
        let http = URLSessionTransport()

        func send(
            _ method: String, _ path: String, body: String = "", contentType: String = "application/x-www-form-urlencoded",
            headers: [HeaderField] = []
        ) async throws -> TransportResponse {
            var all = headers
            if method == "POST" { all.append(HeaderField("Content-Type", contentType)) }
            return try await http.send(TransportRequest(
                method: method, url: base + path, headers: all, body: method == "POST" ? Array(body.utf8) : [], timeoutSeconds: 10))
        }
    }
}
