import EmailChannel
import RevenueTesting
import Foundation
import ProviderHTTP
import RevenueCore
import Testing

/// The inbound MIME reader, reply stripping, the raw-MIME route's token and Elastic Email's inbound notification.
@Suite struct MIMEReaderTests {
    static func read(_ text: String) throws -> InboundMail {
        try #require(MIMEReader.read(Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)))
    }

    @Test func foldedHeadersAndEncodedWords() throws {
        let mail = try Self.read("""
            From: =?UTF-8?B?TWFyw61h?=
             <maria@example.com>
            To: "Clínica" <hola@clinica.example>
            Subject: =?ISO-8859-1?Q?Re:_cita_ma=F1ana?=
             =?UTF-8?Q?_s=C3=AD?=
            Message-ID: <abc@mail.example.com>
            References: <one@x> <touch-9@clinica.example>

            Hola
            """)
        #expect(mail.from == "maria@example.com" && mail.to == "hola@clinica.example")
        #expect(mail.subject == "Re: cita mañana sí")
        #expect(mail.messageID == "abc@mail.example.com" && mail.inReplyTo == "touch-9@clinica.example")
        #expect(mail.text == "Hola\r\n" || mail.text.trimmingCharacters(in: .whitespacesAndNewlines) == "Hola")
    }

    @Test func quotedPrintableUTF8() throws {
        let mail = try Self.read("""
            From: ana@example.com
            Content-Type: text/plain; charset="utf-8"
            Content-Transfer-Encoding: quoted-printable

            S=C3=AD, me interesa la cita del viernes. Una l=C3=ADnea muy larga que se =
            corta aqu=C3=AD.
            """)
        #expect(mail.text.trimmingCharacters(in: .whitespacesAndNewlines) == "Sí, me interesa la cita del viernes. Una línea muy larga que se corta aquí.")
    }

    @Test func base64Latin1() throws {
        let latin1 = "Ma\u{F1}ana no puedo, \u{BF}el s\u{E1}bado?".data(using: .isoLatin1)!.base64EncodedString()
        let mail = try Self.read("""
            From: Luis <luis@example.com>
            Content-Type: text/plain; charset=ISO-8859-1
            Content-Transfer-Encoding: base64

            \(latin1.prefix(20))
            \(latin1.dropFirst(20))
            """)
        #expect(mail.text == "Mañana no puedo, ¿el sábado?")
    }

    @Test func multipartAlternativePrefersPlainText() throws {
        let mail = try Self.read("""
            From: ana@example.com
            Content-Type: multipart/mixed; boundary=outer

            --outer
            Content-Type: multipart/alternative; boundary="inner"

            --inner
            Content-Type: text/html; charset=utf-8

            <p>HTML version</p>
            --inner
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: base64

            \(Data("Texto plano ✓".utf8).base64EncodedString())
            --inner--
            --outer
            Content-Type: text/plain; name="notes.txt"
            Content-Disposition: attachment; filename="notes.txt"

            attachment text
            --outer--
            """)
        #expect(mail.text.trimmingCharacters(in: .whitespacesAndNewlines) == "Texto plano ✓")
    }

    @Test func htmlOnlyBecomesText() throws {
        let mail = try Self.read("""
            From: ana@example.com
            Content-Type: text/html; charset=utf-8

            <div>Quiero agendar&nbsp;una cita<br>Gracias</div><style>p{}</style>
            """)
        #expect(mail.text.contains("Quiero agendar una cita\nGracias"))
    }

    @Test func noFromIsNil() {
        #expect(MIMEReader.read(Array("Subject: hi\r\n\r\nbody".utf8)) == nil)
    }

    @Test func replyStrippingEnglishSpanishAndQuotes() {
        #expect(ReplyText.strip("""
            Yes, Friday works.

            On Mon, Mar 2, 2026 at 10:00 AM Clinica <hola@clinica.example> wrote:
            > Hi, free cleaning.
            """) == "Yes, Friday works.")
        #expect(ReplyText.strip("""
            BAJA

            El lun, 2 mar 2026 a las 10:00, Clínica Sonrisa <hola@clinica.example>
            escribió:
            > Hola
            """) == "BAJA")
        #expect(ReplyText.strip("> quoted first\nmy answer\n> more quote\n-- \nLuis\n555") == "my answer")
        #expect(ReplyText.strip("Ok\n\n-----Original Message-----\nFrom: x") == "Ok")
        #expect(ReplyText.strip("On second thought, yes") == "On second thought, yes")
    }

    // MARK: The raw-MIME route and Elastic Email's inbound notification

    static let raw = "From: Ana <ana@example.com>\r\nMessage-ID: <m1@x>\r\nIn-Reply-To: <t1@clinica.example>\r\n\r\nno me escriban\r\n\r\nOn Mon wrote:\r\n> hi\r\n"

    @Test func inboundRouteNeedsTheToken() throws {
        let adapter = SMTPAdapter(host: "127.0.0.1", from: "hola@clinica.example", inboundToken: "secret-1")
        let base = "https://hooks.example.com/webhooks/email/inbound"
        let body = Array(Self.raw.utf8)
        func request(_ url: String, _ headers: [HeaderField] = []) -> WebhookRequest {
            WebhookRequest(method: "POST", url: url, headers: headers + [HeaderField("Content-Type", "message/rfc822")], body: body)
        }
        for bad in [request(base), request(base + "?token=secret-2"), request(base, [HeaderField("Authorization", "Bearer secret-")])] {
            #expect(throws: ChannelError.self) { try adapter.handleWebhook(bad) }
        }
        let result = try adapter.handleWebhook(request(base, [HeaderField("Authorization", "Bearer secret-1")]))
        guard case .inboundMessage(let event)? = result.events.first else { Issue.record("no inbound event"); return }
        #expect(event.channel == .email && event.from == "ana@example.com" && event.body == "no me escriban")
        #expect(event.providerMessageID == "m1@x" && event.inReplyTo == "t1@clinica.example")
        #expect(try adapter.handleWebhook(request(base + "?token=secret-1")).events.count == 1)
        // Without a configured token the route refuses everything; other paths are still not webhooks.
        let closed = SMTPAdapter(host: "127.0.0.1", from: "hola@clinica.example")
        #expect(throws: ChannelError.self) { try closed.handleWebhook(request(base + "?token=")) }
        #expect(throws: ChannelError.self) { try adapter.handleWebhook(request("https://hooks.example.com/webhooks/email?token=secret-1")) }
    }

    @Test func autoRepliesAreIgnored() throws {
        let adapter = SMTPAdapter(host: "127.0.0.1", from: "hola@clinica.example", inboundToken: "t")
        let body = Array(("Auto-Submitted: auto-replied\r\n" + Self.raw).utf8)
        let result = try adapter.handleWebhook(WebhookRequest(method: "POST", url: "https://h/webhooks/email/inbound?token=t", body: body))
        #expect(result.events.isEmpty)
    }

    @Test func elasticInboundNotificationFormAndJSON() throws {
        let adapter = ElasticEmailAdapter(apiKey: "k", from: "hola@clinica.example", transport: StubTransport { _ in .success(TransportResponse(status: 200)) })
        let form = FormEncoding.encode([("from", "Luis <luis@example.com>"), ("to", "hola@clinica.example"), ("subject", "Re: BAJA"),
                                        ("bodytext", "\n\nEl lun escribió:\n> hola")])
        let fromForm = try adapter.handleWebhook(WebhookRequest(
            method: "POST", url: "https://h/webhooks/email", headers: [HeaderField("Content-Type", "application/x-www-form-urlencoded")], body: form))
        guard case .inboundMessage(let event)? = fromForm.events.first else { Issue.record("no inbound event"); return }
        // Nothing above the quote: the subject speaks.
        #expect(event.from == "luis@example.com" && event.body == "BAJA" && event.optOut == .stop)

        let json = #"{"From":"ana@example.com","Subject":"hola","RawMessage":"From: Ana <ana@example.com>\r\nMessage-ID: <r9@x>\r\n\r\nQuiero una cita"}"#
        let fromJSON = try adapter.handleWebhook(WebhookRequest(method: "POST", url: "https://h/webhooks/email", body: Array(json.utf8)))
        guard case .inboundMessage(let raw)? = fromJSON.events.first else { Issue.record("no inbound event"); return }
        #expect(raw.body == "Quiero una cita" && raw.providerMessageID == "r9@x")

        // Status notifications still parse as before.
        let status = try adapter.handleWebhook(WebhookRequest(method: "GET", url: "https://h/webhooks/email?status=Opened&messageid=m-1"))
        #expect(status.events == [.emailOpened(EmailOpenedEvent(provider: .elasticEmail, providerMessageID: "m-1"))])
    }
}
