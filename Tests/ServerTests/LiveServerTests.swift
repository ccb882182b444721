import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Hummingbird
import Logging
import HummingbirdTesting
import RevenueCore
import Server
import Testing
import TwilioChannel

/// Real sockets on loopback: the URL the adapter verifies is rebuilt from the public base URL.
@Suite struct LiveServerTests {
    @Test func signedWebhookAndAPIOverLoopback() async throws {
        let fixture = try await Fixture.make()
        let app = Application(router: fixture.router(webhooks: WebhookRouteTests.adapters), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let path = "/webhooks/twilio/status"
            let form = WebhookRouteTests.statusForm
            try await client.execute(
                uri: path, method: .post,
                headers: WebhookRouteTests.formHeaders(signature: WebhookRouteTests.twilioSignature(path: path, form: form)),
                body: ByteBuffer(string: form)
            ) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: path, method: .post, headers: WebhookRouteTests.formHeaders(signature: "forged"), body: ByteBuffer(string: form)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/leads", method: .get, headers: .bearer(fixture.tokenB)) { response in
                #expect(response.status == .ok)
                #expect(response.body.text.contains("org-b-lead"))
                #expect(!response.body.text.contains("org-a-lead"))
            }
        }
        #expect(await fixture.sink.batches.count == 1)
    }

    @Test func withRunningServerServesUntilTheBodyReturns() async throws {
        let fixture = try await Fixture.make()
        let configuration = ServerConfiguration(host: "127.0.0.1", port: 0)
        let status = try await withRunningServer(configuration: configuration, services: fixture.services()) { port in
            let (data, response) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/api/ping")!)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
        }
        #expect(status.0 == 200)
        #expect(status.1 == "pong\n")
    }

    /// A port already in use is an error from `withRunningServer`, not an endless wait for a port.
    @Test(.timeLimit(.minutes(1))) func withRunningServerThrowsWhenThePortIsTaken() async throws {
        let fixture = try await Fixture.make()
        let services = fixture.services()
        let (taken, ranBody) = try await withRunningServer(configuration: ServerConfiguration(host: "127.0.0.1", port: 0), services: services) { port in
            do {
                try await withRunningServer(configuration: ServerConfiguration(host: "127.0.0.1", port: port), services: services) { _ in }
                return (port, true)
            } catch {
                return (port, false)
            }
        }
        #expect(taken > 0)
        #expect(!ranBody)
    }
}

@Suite struct JSONLogHandlerTests {
    final class Lines: @unchecked Sendable {
        let lock = NSLock()
        var lines: [String] = []
        func add(_ line: String) { lock.withLock { lines.append(line) } }
    }

    @Test func writesOneJSONObjectPerLineWithDottedKeys() throws {
        let lines = Lines()
        var logger = Logger(label: "revasi.test") { label in JSONLogHandler(label: label) { lines.add($0) } }
        logger[metadataKey: "org.id"] = "acme"
        logger.info("touch sent", metadata: ["touch.id": "t1", "channel.kind": "sms"])
        logger.debug("hidden")
        #expect(lines.lines.count == 1)
        let line = try #require(lines.lines.first)
        #expect(line.hasSuffix("\n"))
        #expect(!line.dropLast().contains("\n"))
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        #expect(object?["level"] as? String == "info")
        #expect(object?["label"] as? String == "revasi.test")
        #expect(object?["message"] as? String == "touch sent")
        let metadata = object?["metadata"] as? [String: Any]
        #expect(metadata?["touch.id"] as? String == "t1")
        #expect(metadata?["org.id"] as? String == "acme")
    }
}
