import Foundation
import Logging
import RevenueCore
import Runtime
import StorePostgres
import StoreSQLite

import Testing

/// Records what reached the provider; the sandbox's outcome is irrelevant here.
final class CountingAdapter: ChannelAdapter {
    let kind = ProviderKind.sandbox
    let capabilities = ChannelCapabilities(Channel.allCases.map { .init(channel: $0, outcomes: $0.outcomes) }, signsWebhooks: false)
    let received = LockedValue<[String]>([])

    func send(_ touch: OutboundMessage) async throws(ChannelError) -> SendReceipt {
        received.withLock { $0.append(touch.idempotencyKey) }
        try? await Task.sleep(for: .milliseconds(1))
        return SendReceipt(provider: kind, providerMessageID: "CNT-" + touch.touchID.rawValue)
    }
    func verifyWebhook(_ request: WebhookRequest) throws(ChannelError) {}
    func parseWebhook(_ request: WebhookRequest) throws(ChannelError) -> WebhookResult { WebhookResult(events: []) }
}

/// Two daemons claim from one database at once: no touch reaches the provider twice.
@Suite struct TwoDispatcherTests {
    @Test func sqliteTwoHandles() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("revasi-two-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("two.sqlite").path
        let first = try SQLiteStore(path: path)
        try await first.migrate()
        try await Self.race(first, try SQLiteStore(path: path))
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["REVASI_TEST_POSTGRES_URL"] != nil))
    func postgresTwoPools() async throws {
        let base = ProcessInfo.processInfo.environment["REVASI_TEST_POSTGRES_URL"]!
        let schema = "revasi_rt_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        let url = try PostgresURL(base + (base.contains("?") ? "&" : "?") + "search_path=\(schema)")
        var logger = Logger(label: "runtime-tests.pg")
        logger.logLevel = .critical
        let a = PostgresStore(url: url, logger: logger)
        let b = PostgresStore(url: url, logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await a.run() }
            group.addTask { await b.run() }
            defer { group.cancelAll() }
            try await a.migrate()
            do {
                try await Self.race(a, b)
            } catch {
                try? await a.dropSchema()
                throw error
            }
            try await a.dropSchema()
        }
    }

    /// Seeds 300 leads through `a`, then two dispatchers (one per store handle) drain the queue concurrently.
    static func race(_ a: any Store, _ b: any Store) async throws {
        let h = try await RuntimeHarness(leads: 300, store: a)
        defer { h.cleanup() }
        let health = RuntimeHealth(startedAt: RuntimeHarness.start)
        var config = h.configuration()
        config.batchSize = 400
        let enrolment = EnrollmentService(store: a, configuration: config, clock: h.clock, logger: h.logger, health: health)
        #expect(await enrolment.runOnce() == 300)
        h.time.advance(by: 30 * 86_400)
        let adapter = CountingAdapter()
        func dispatcher(_ store: any Store, _ owner: String) -> DispatchService {
            var c = h.configuration(owner: owner)
            c.batchSize = 20
            return DispatchService(store: store, adapters: { _, _ in adapter }, configuration: c, clock: h.clock, logger: h.logger, health: health)
        }
        let one = dispatcher(a, "daemon-a"), two = dispatcher(b, "daemon-b")
        async let x: Void = { for _ in 0..<100 { if await one.runOnce().claimed == 0 { break } } }()
        async let y: Void = { for _ in 0..<100 { if await two.runOnce().claimed == 0 { break } } }()
        _ = await (x, y)
        let keys = adapter.received.withLock { $0 }
        #expect(keys.count == 300)
        #expect(Set(keys).count == keys.count)
        var sent = 0
        for i in 0..<300 {
            sent += try await a.touches(lead: LeadID(String(format: "lead-%04d", i)), org: RuntimeHarness.org).filter { $0.status == .sent }.count
        }
        #expect(sent == 300)
    }
}
