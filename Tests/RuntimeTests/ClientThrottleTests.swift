import Foundation
import RevenueCore
import Runtime
import SandboxChannel
import Testing

/// The client's own limits (`ClientLimits`) and schedule hold at send time, across all its leads.
@Suite struct ClientThrottleTests {
    /// Eight sends in flight at once: the limits must hold across concurrent sends too.
    func dispatcher(_ h: RuntimeHarness, ledger: String) -> DispatchService {
        let sandbox = LedgerSandboxAdapter(base: SandboxAdapter(seed: 5, latencyMilliseconds: 20), ledgerPath: ledger)
        var config = h.configuration()
        config.sendConcurrency = 8
        return DispatchService(store: h.store, adapters: { _, _ in sandbox }, configuration: config, clock: h.clock,
                               logger: h.logger, health: RuntimeHealth(startedAt: RuntimeHarness.start))
    }

    func limitClient(_ h: RuntimeHarness, _ limits: ClientLimits) async throws {
        var client = try #require(try await h.store.client(ClientID("client-rt"), org: RuntimeHarness.org))
        client.limits = limits
        try await h.store.saveClient(client, org: RuntimeHarness.org)
    }

    @Test func touchesPerHourHoldsTheRestUntilASlotFrees() async throws {
        let h = try await RuntimeHarness(leads: 5, allowed: [.sms])
        defer { h.cleanup() }
        try await limitClient(h, ClientLimits(touchesPerHour: 2))
        let enrolment = EnrollmentService(store: h.store, configuration: h.configuration(), clock: h.clock, logger: h.logger,
                                          health: RuntimeHealth(startedAt: RuntimeHarness.start))
        #expect(await enrolment.runOnce() == 5)
        let due = try #require(try await h.touches(LeadID("lead-0000")).first).scheduledAt
        h.time.set(due)
        let ledger = h.folder.appendingPathComponent("ledger.txt").path
        let dispatcher = dispatcher(h, ledger: ledger)
        var sent = 0, deferred = 0
        for _ in 0..<5 {
            let report = await dispatcher.runOnce()
            sent += report.sent
            deferred += report.deferred
            if report.claimed == 0 { break }
        }
        #expect(sent == 2 && deferred == 3)
        #expect(LedgerSandboxAdapter.records(at: ledger).count == 2)
        var held: [TouchRun] = []
        for i in 0..<5 { held += try await h.touches(LeadID(String(format: "lead-%04d", i))).filter { $0.status == .queued } }
        #expect(held.count == 3)
        #expect(held.allSatisfy { $0.scheduledAt == due.addingTimeInterval(3600) && $0.error == "deferred: throttle: the client allows 2 touches per hour" })

        // An hour later two more go; the fifth waits again.
        h.time.set(due.addingTimeInterval(3600))
        await dispatcher.runOnce()
        #expect(LedgerSandboxAdapter.records(at: ledger).count == 4)
    }

    @Test func perChannelPerHourHoldsThatChannelOnly() async throws {
        let h = try await RuntimeHarness(leads: 4, allowed: [.sms])
        defer { h.cleanup() }
        try await limitClient(h, ClientLimits(perChannelPerHour: [.sms: 1, .voice: 50]))
        let enrolment = EnrollmentService(store: h.store, configuration: h.configuration(), clock: h.clock, logger: h.logger,
                                          health: RuntimeHealth(startedAt: RuntimeHarness.start))
        #expect(await enrolment.runOnce() == 4)
        let due = try #require(try await h.touches(LeadID("lead-0000")).first).scheduledAt
        h.time.set(due)
        let ledger = h.folder.appendingPathComponent("ledger.txt").path
        let dispatcher = dispatcher(h, ledger: ledger)
        var sent = 0, deferred = 0
        for _ in 0..<4 {
            let report = await dispatcher.runOnce()
            sent += report.sent
            deferred += report.deferred
            if report.claimed == 0 { break }
        }
        #expect(sent == 1 && deferred == 3)
        var held: [TouchRun] = []
        for i in 0..<4 { held += try await h.touches(LeadID(String(format: "lead-%04d", i))).filter { $0.status == .queued } }
        #expect(held.count == 3 && held.allSatisfy { $0.error == "deferred: throttle: the client allows 1 sms touches per hour" })
    }

    @Test func callsPerDayHoldsTheNextCallUntilTomorrow() async throws {
        let h = try await RuntimeHarness(leads: 2, allowed: [.voice, .sms])
        defer { h.cleanup() }
        try await limitClient(h, ClientLimits(callsPerDay: 1))
        let enrolment = EnrollmentService(store: h.store, configuration: h.configuration(), clock: h.clock, logger: h.logger,
                                          health: RuntimeHealth(startedAt: RuntimeHarness.start))
        #expect(await enrolment.runOnce() == 2)
        let first = try #require(try await h.touches(LeadID("lead-0000")).first)
        #expect(first.channel == .voice)
        h.time.set(first.scheduledAt)
        let ledger = h.folder.appendingPathComponent("ledger.txt").path
        let dispatcher = dispatcher(h, ledger: ledger)
        var report = DispatchReport()
        for _ in 0..<3 { let r = await dispatcher.runOnce(); report.sent += r.sent; report.deferred += r.deferred }
        #expect(report.sent == 1 && report.deferred == 1)
        let both = try await h.touches(LeadID("lead-0000")) + h.touches(LeadID("lead-0001"))
        let waiting = try #require(both.first { $0.status == .queued })
        // Tomorrow, midnight in the client's zone (New York); the window check moves it to 09:00 then.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "America/New_York")!
        #expect(waiting.scheduledAt == calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: first.scheduledAt)))
        #expect(waiting.error?.contains("1 calls per day") == true)
    }
}
