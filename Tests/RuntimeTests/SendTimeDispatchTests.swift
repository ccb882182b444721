import Foundation
import RevenueCore
import Runtime
import SandboxChannel
import Testing

/// The dispatcher re-checks the calling window at send time: a touch claimed late (a backlog, a daemon
/// that was down all evening) goes back to the queue for the morning instead of ringing at night.
@Suite struct SendTimeDispatchTests {
    @Test func aTouchClaimedAfterHoursIsDeferredToTheMorningThenSent() async throws {
        let h = try await RuntimeHarness(leads: 1)
        defer { h.cleanup() }
        let health = RuntimeHealth(startedAt: RuntimeHarness.start)
        let enrolment = EnrollmentService(store: h.store, configuration: h.configuration(), clock: h.clock, logger: h.logger, health: health)
        #expect(await enrolment.runOnce() == 1)
        let touch = try #require(try await h.touches(LeadID("lead-0000")).first)
        let ledger = h.folder.appendingPathComponent("ledger.txt").path
        let sandbox = LedgerSandboxAdapter(base: SandboxAdapter(seed: 7), ledgerPath: ledger)
        let dispatcher = DispatchService(store: h.store, adapters: { _, _ in sandbox }, configuration: h.configuration(), clock: h.clock,
                                         logger: h.logger, health: health)

        // The daemon was down from the morning until 22:30 in Miami (the lead's zone).
        let night = Self.newYork(2026, 3, 2, 22, 30)
        h.time.set(night)
        let report = await dispatcher.runOnce()
        #expect(report.claimed == 1 && report.deferred == 1 && report.sent == 0)
        #expect(LedgerSandboxAdapter.records(at: ledger).isEmpty)
        let deferred = try #require(try await h.store.touch(touch.id, org: RuntimeHarness.org))
        #expect(deferred.status == .queued && deferred.attempt == 0)
        #expect(deferred.error == "deferred: window")
        // The demo playbook's window opens at 09:00 (Monday to Saturday): Tuesday 09:00 in New York.
        #expect(deferred.scheduledAt == Self.newYork(2026, 3, 3, 9, 0))
        let events = try await h.store.coreEvents(org: RuntimeHarness.org, engine: "dispatcher", limit: 10)
        #expect(events.contains { $0.errorCode == "deferred" && $0.message.contains("window") })

        // Nothing goes out overnight; at 09:00 it does, once.
        h.time.set(Self.newYork(2026, 3, 3, 8, 59))
        #expect(await dispatcher.runOnce().claimed == 0)
        h.time.set(deferred.scheduledAt)
        #expect(await dispatcher.runOnce().sent == 1)
        #expect(LedgerSandboxAdapter.records(at: ledger).map(\.key) == [touch.idempotencyKey])
    }

    static func newYork(_ y: Int, _ m: Int, _ d: Int, _ hour: Int, _ minute: Int) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "America/New_York")!
        return calendar.date(from: DateComponents(year: y, month: m, day: d, hour: hour, minute: minute))!
    }
}
