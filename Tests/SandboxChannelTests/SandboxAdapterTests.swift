import Foundation
import RevenueCore
import Testing
@testable import SandboxChannel

@Suite struct SandboxAdapterTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    func touch(_ channel: Channel, key: String, to: String = "+13055550199", lastInboundAt: Date? = nil) -> OutboundMessage {
        OutboundMessage(
            touchID: TouchID(key), orgID: "org", channel: channel, to: to, language: .es, body: "Hola",
            lastInboundAt: lastInboundAt, now: Self.now, idempotencyKey: key)
    }

    @Test func sameSeedAndKeyGiveTheSameOutcome() async throws {
        let a = SandboxAdapter(seed: 7)
        let b = SandboxAdapter(seed: 7)
        for i in 0..<50 {
            let message = touch(.voice, key: "lead-\(i)/c/h/1/0")
            let first = try await a.send(message)
            let second = try await b.send(message)
            #expect(first == second)
            #expect(first.simulatedOutcome == a.outcome(for: message))
        }
    }

    @Test func ratesAreHonoured() {
        let adapter = SandboxAdapter(seed: 1)
        var counts: [Outcome: Int] = [:]
        for i in 0..<10_000 { counts[adapter.outcome(for: touch(.sms, key: "k\(i)")), default: 0] += 1 }
        // 78 / 17 / 5 % with a generous tolerance: 10 000 draws.
        #expect((7_500...8_100).contains(counts[.delivered] ?? 0))
        #expect((1_450...1_950).contains(counts[.replied] ?? 0))
        #expect((350...650).contains(counts[.failed] ?? 0))
        #expect(Set(counts.keys).isSubset(of: Set(Channel.sms.outcomes)))
    }

    @Test func differentSeedsDiffer() {
        let outcomes = { (seed: UInt64) in (0..<200).map { SandboxAdapter(seed: seed).outcome(for: touch(.voice, key: "k\($0)")) } }
        #expect(outcomes(1) != outcomes(2))
        #expect(outcomes(1) == outcomes(1))
    }

    @Test func configuredRatesFromSettings() throws {
        let adapter = try SandboxAdapter(settings: ProviderSettings(name: "sb", kind: .sandbox, options: [
            "seed": "3", "rate.email.bounced": "1", "rate.email.delivered": "0",
        ]))
        #expect(adapter.outcome(for: touch(.email, key: "x", to: "a@example.com")) == .bounced)
        #expect(throws: ChannelError.self) {
            try SandboxAdapter(settings: ProviderSettings(name: "sb", kind: .sandbox, options: ["latency_ms": "soon"]))
        }
    }

    @Test func magicNumbersFailLikeTwilio() async throws {
        let adapter = SandboxAdapter()
        let invalid = await #expect(throws: ChannelError.self) { try await adapter.send(touch(.sms, key: "a", to: "+15005550001")) }
        #expect(invalid?.decision == .fallback(mark: .invalidNumber))
        let landline = await #expect(throws: ChannelError.self) { try await adapter.send(touch(.sms, key: "b", to: "+15005550009")) }
        #expect(landline?.decision == .fallback(mark: .landline))
        let stop = await #expect(throws: ChannelError.self) { try await adapter.send(touch(.whatsapp, key: "c", to: "+15005550004", lastInboundAt: Self.now)) }
        #expect(stop?.decision == .doNotContact)
        // Voice still reaches a landline.
        _ = try await adapter.send(touch(.voice, key: "d", to: "+15005550009"))
    }

    @Test func whatsappWindow() async throws {
        let adapter = SandboxAdapter()
        let outside = await #expect(throws: ChannelError.self) { try await adapter.send(touch(.whatsapp, key: "w")) }
        #expect(outside?.kind == .outsideSessionWindow)
        let inside = try await adapter.send(touch(.whatsapp, key: "w", lastInboundAt: Self.now.addingTimeInterval(-60)))
        #expect(!inside.usedTemplate)
    }

    @Test func parsesItsOwnStatusWebhook() throws {
        let result = try SandboxAdapter().handleWebhook(WebhookRequest(method: "POST", url: "http://localhost/webhooks/sandbox", body: Array(#"{"message_id":"SBX1","status":"delivered"}"#.utf8)))
        #expect(result.events == [.messageStatus(MessageStatusEvent(provider: .sandbox, providerMessageID: "SBX1", status: .delivered))])
    }

    @Test func registry() throws {
        struct Unused: HTTPTransport {
            func send(_ request: TransportRequest) async throws(TransportError) -> TransportResponse { throw .connectionFailed }
        }
        let registry = ChannelRegistry([.sandbox])
        #expect(registry.kinds == [.sandbox])
        let adapter = try registry.makeAdapter(ProviderSettings(name: "demo", kind: .sandbox), transport: Unused())
        #expect(adapter.capabilities.channels == Channel.allCases)
        #expect(throws: ChannelError.self) { try registry.makeAdapter(ProviderSettings(name: "x", kind: .twilio), transport: Unused()) }
    }
}

@Suite struct SandboxEventsTests {
    @Test(arguments: Channel.allCases)
    func eventsEndWithTheSimulatedOutcome(channel: Channel) async throws {
        let adapter = SandboxAdapter(seed: 11)
        var seen: Set<Outcome> = []
        for i in 0..<300 {
            let touch = OutboundMessage(
                touchID: TouchID("t\(i)"), orgID: "org", channel: channel, to: channel == .email ? "ana@example.com" : "+13055550199",
                language: i % 2 == 0 ? .es : .en, body: "Hola", template: ApprovedTemplate(name: "x", languageCode: "es_MX"),
                now: Date(timeIntervalSince1970: 1_790_000_000), idempotencyKey: "lead-\(i)/c/h/1/0")
            let receipt = try await adapter.send(touch)
            let events = adapter.simulatedEvents(for: touch, receipt: receipt)
            #expect(events.last?.outcome == receipt.simulatedOutcome)
            #expect(events == adapter.simulatedEvents(for: touch, receipt: receipt))
            if let outcome = receipt.simulatedOutcome { seen.insert(outcome) }
        }
        #expect(seen == Set(channel.outcomes))
    }
}
