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

    func adapter(_ port: Int, user: String? = nil, password: String? = nil, timeout: Double = 10) -> SMTPAdapter {
        SMTPAdapter(host: "127.0.0.1", port: port, from: "citas@clinica.example", fromName: "Clínica Sonrisa",
                    replyTo: "hola@clinica.example", username: user, password: password, timeoutSeconds: timeout)
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
        let remote = SMTPAdapter(host: "smtp.invalid", port: 2525, from: "a@b.example", username: "u", password: "p", timeoutSeconds: 2)
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
}
