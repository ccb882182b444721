import Foundation
import RevenueCore
import Runtime
import SandboxChannel
import Testing

/// A template variable that renders empty is never sent: a profile hole waits for the operator, a lead hole is skipped.
@Suite struct MissingVariableTests {
    @Test func aProfileHoleWaitsAndGoesOutOnceFilledALeadHoleIsSkipped() async throws {
        let h = try await RuntimeHarness(leads: 2, allowed: [.sms])
        defer { h.cleanup() }
        let org = RuntimeHarness.org
        // Lead 1 has no name at all: `{{lead.first_name}}` has nothing to say.
        var nameless = try #require(try await h.store.lead(LeadID("lead-0001"), org: org))
        nameless.firstName = nil
        try await h.store.upsertLead(nameless, org: org)
        // The client has no booking link: every touch that carries `{{booking_link}}` must wait.
        var client = try #require(try await h.store.client(ClientID("client-rt"), org: org))
        client.profile.bookingLink = nil
        client.profile.rescheduleLink = nil
        try await h.store.saveClient(client, org: org)
        let health = RuntimeHealth(startedAt: RuntimeHarness.start)
        #expect(await EnrollmentService(store: h.store, configuration: h.configuration(), clock: h.clock, logger: h.logger, health: health).runOnce() == 2)
        let ledger = h.folder.appendingPathComponent("ledger.txt").path
        let sandbox = LedgerSandboxAdapter(base: SandboxAdapter(seed: 1), ledgerPath: ledger)
        let directory = CampaignDirectory(store: h.store, refreshSeconds: 0)
        let dispatcher = DispatchService(store: h.store, adapters: { _, _ in sandbox }, configuration: h.configuration(), clock: h.clock,
                                         logger: h.logger, health: health, directory: directory)
        // Walk simulated time until a touch of each lead met its hole.
        var waited: TouchRun?
        var skipped: TouchRun?
        for _ in 0..<400 where waited == nil || skipped == nil {
            await dispatcher.runOnce()
            let mine = try await h.touches(LeadID("lead-0000")), nameless = try await h.touches(LeadID("lead-0001"))
            if waited == nil { waited = mine.first { $0.error == "deferred: missing_variable: booking_link" } }
            if skipped == nil { skipped = nameless.first { $0.status == .skipped } }
            if waited == nil || skipped == nil { h.time.advance(by: 900) }
        }
        let wait = try #require(waited, "a touch of the lead with a name waits for the booking link")
        #expect(wait.status == .queued && wait.attempt == 0)
        let skip = try #require(skipped, "the nameless lead's touch is skipped")
        #expect(skip.error?.hasPrefix("missing_variable: lead.") == true)
        let before = LedgerSandboxAdapter.records(at: ledger).count
        #expect(!LedgerSandboxAdapter.records(at: ledger).contains { $0.key == wait.idempotencyKey || $0.key == skip.idempotencyKey },
                "nothing with a hole reached the provider")

        // The operator fills the profile: the waiting touch goes out at its next turn.
        client.profile.bookingLink = "https://sonrisa.example/citas"
        try await h.store.saveClient(client, org: org)
        h.time.set(wait.scheduledAt)
        await dispatcher.runOnce()
        #expect(try await h.store.touch(wait.id, org: org)?.status == .sent)
        #expect(LedgerSandboxAdapter.records(at: ledger).count > before)
        #expect(LedgerSandboxAdapter.records(at: ledger).contains { $0.key == wait.idempotencyKey })
    }
}
