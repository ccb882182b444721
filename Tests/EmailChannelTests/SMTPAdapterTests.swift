import Foundation
import RevenueCore
import RevenueTesting
import Testing
@testable import EmailChannel

/// SMTP submission against the fake SMTP server on loopback.
@Suite struct SMTPAdapterTests {
    func touch(to: String = "ana@example.com", body: String = "Hola Ana,\r\n.tiene cita el martes.", html: String? = nil) -> OutboundMessage {
        OutboundMessage(
            touchID: "touch-42", orgID: "org", channel: .email, to: to, language: .es, body: body, subject: "Su cita mañana",
            htmlBody: html, now: Date(timeIntervalSince1970: 1_795_561_800), idempotencyKey: "k",
            isCampaign: true, unsubscribeURL: "https://hooks.example.com/u/touch-42")
    }

    func adapter(_ port: Int, user: String? = nil, password: String? = nil, timeout: Double = 10, security: SMTPSecurity = .none,
                 host: String = "127.0.0.1", trust: String? = FakeTLSIdentity.certificatePEM) -> SMTPAdapter {
        SMTPAdapter(host: host, port: port, from: "citas@clinica.example", fromName: "Clínica Sonrisa",
                    replyTo: "hola@clinica.example", username: user, password: password, timeoutSeconds: timeout,
                    security: security, trustRootsPEM: trust)
    }

    @Test func submitsAMIMEMessageWithOneClickUnsubscribe() async throws {
        try await FakeSMTPServer.run(.init(credentials: ("relay-user", "relay-pass"))) { port, log in
            let receipt = try await adapter(port, user: "relay-user", password: "relay-pass").send(touch(html: "<p>Hola</p>"))
            #expect(receipt.providerMessageID == "touch-42@clinica.example")
            let mail = try #require(await log.messages.first)
            #expect(mail.authenticatedUser == "relay-user")
            #expect(mail.mailFrom == "citas@clinica.example")
            #expect(mail.recipients == ["ana@example.com"])
            #expect(mail.helo == "revasi.localhost")
            #expect(mail.header("From") == "=?UTF-8?B?\(Data("Clínica Sonrisa".utf8).base64EncodedString())?= <citas@clinica.example>")
            #expect(mail.header("Subject") == "=?UTF-8?B?\(Data("Su cita mañana".utf8).base64EncodedString())?=")
            #expect(mail.header("Reply-To") == "<hola@clinica.example>")
            #expect(mail.header("Message-ID") == "<touch-42@clinica.example>")
            #expect(mail.header("Date") == "Tue, 24 Nov 2026 23:10:00 +0000")
            #expect(mail.header("List-Unsubscribe") == "<https://hooks.example.com/u/touch-42>")
            #expect(mail.header("List-Unsubscribe-Post") == "List-Unsubscribe=One-Click")
            #expect(mail.header("Content-Type")?.hasPrefix("multipart/alternative; boundary=") == true)
            #expect(mail.data.contains(Data("Hola Ana,\r\n.tiene cita el martes.".utf8).base64EncodedString()))
            #expect(await log.commands.contains("AUTH ***"))
            #expect(await log.commands.last == "QUIT")
        }
    }

    @Test func dotStuffing() {
        #expect(MIMEMessage.dataPayload("a\r\n.b\r\n") == "a\r\n..b\r\n.\r\n")
    }

    @Test func unknownMailboxIsAHardFailure() async throws {
        try await FakeSMTPServer.run(.init(rejectRecipients: ["nobody@example.com": "550 5.1.1 No such user"])) { port, log in
            let error = await #expect(throws: ChannelError.self) { try await adapter(port).send(touch(to: "nobody@example.com")) }
            #expect(error?.kind == .invalidEmail)
            #expect(error?.decision == .fallback(mark: .invalidEmail))
            #expect(error.map { !$0.description.contains("nobody") } == true)
            #expect(await log.messages.isEmpty)
        }
    }

    @Test func greylistingIsRetryable() async throws {
        try await FakeSMTPServer.run(.init(rejectRecipients: ["busy@example.com": "451 4.7.1 Greylisted, try again"])) { port, _ in
            let error = await #expect(throws: ChannelError.self) { try await adapter(port).send(touch(to: "busy@example.com")) }
            #expect(error?.isRetryable == true)
        }
    }

    @Test func badCredentialsHalt() async throws {
        try await FakeSMTPServer.run(.init(credentials: ("u", "right"))) { port, _ in
            let error = await #expect(throws: ChannelError.self) { try await adapter(port, user: "u", password: "wrong").send(touch()) }
            #expect(error?.kind == .unauthorized)
            #expect(error?.decision == .halt)
        }
    }

    @Test func plaintextAuthToARemoteRelayIsRefused() async {
        let remote = SMTPAdapter(host: "smtp.invalid", port: 2525, from: "a@b.example", username: "u", password: "p", timeoutSeconds: 2, security: SMTPSecurity.none)
        let error = await #expect(throws: ChannelError.self) { try await remote.send(touch()) }
        // Either refused before AUTH or the name does not resolve: never sends the password in clear.
        #expect(error?.kind == .misconfigured || error?.kind == .retryable)
    }

    @Test func slowServerTimesOut() async throws {
        try await FakeSMTPServer.run(.init(greetingDelay: 3)) { port, _ in
            let error = await #expect(throws: ChannelError.self) { try await adapter(port, timeout: 0.5).send(touch()) }
            #expect(error?.code == "timeout")
            #expect(error?.isRetryable == true)
        }
    }

    @Test func closedPortIsRetryable() async {
        let error = await #expect(throws: ChannelError.self) { try await adapter(1).send(touch()) }
        #expect(error?.isRetryable == true)
    }

    @Test(arguments: ["127.0.0.1", "localhost"])
    func startTLSBeforeAuthAndMail(host: String) async throws {
        try await FakeSMTPServer.run(.init(credentials: ("relay-user", "relay-pass"), tls: .startTLS(required: true))) { port, log in
            _ = try await adapter(port, user: "relay-user", password: "relay-pass", security: .startTLS, host: host).send(touch())
            let mail = try #require(await log.messages.first)
            #expect(mail.tls)
            #expect(mail.authenticatedUser == "relay-user")
            let commands = await log.commands
            #expect(commands.prefix(4) == ["EHLO revasi.localhost", "STARTTLS", "EHLO revasi.localhost", "AUTH ***"])
        }
    }

    @Test func implicitTLS() async throws {
        try await FakeSMTPServer.run(.init(tls: .implicit)) { port, log in
            _ = try await adapter(port, security: .implicit).send(touch())
            #expect(await log.messages.first?.tls == true)
        }
    }

    @Test func untrustedCertificateHalts() async throws {
        try await FakeSMTPServer.run(.init(tls: .startTLS(required: true))) { port, log in
            let error = await #expect(throws: ChannelError.self) { try await adapter(port, security: .startTLS, trust: nil).send(touch()) }
            #expect(error?.code == "tls")
            #expect(error?.decision == .halt)
            #expect(await log.messages.isEmpty)
        }
    }

    @Test func serverWithoutStartTLSIsRefused() async throws {
        try await FakeSMTPServer.run(.init(credentials: ("u", "p"))) { port, log in
            let error = await #expect(throws: ChannelError.self) { try await adapter(port, user: "u", password: "p", security: .startTLS).send(touch()) }
            #expect(error?.code == "no_starttls")
            // Never authenticated in clear.
            #expect(await !log.commands.contains("AUTH ***"))
        }
    }

    @Test func securityDefaultsByPort() {
        #expect(SMTPAdapter(host: "h", port: 465, from: "a@b.example").security == .implicit)
        #expect(SMTPAdapter(host: "h", port: 587, from: "a@b.example").security == .startTLS)
    }
}
