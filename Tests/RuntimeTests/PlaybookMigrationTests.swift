import Engine
import Foundation
import RevenueCore
import Runtime
import SandboxChannel
import Testing

/// Running leads stay on the version they started with; `PlaybookMigration` (`revasi campaign
/// migrate`) moves them explicitly, and only those whose queued steps exist in the new version.
@Suite struct PlaybookMigrationTests {
    /// The demo playbook with new Spanish and English copy on every step and its own hash.
    static func secondVersion(dropping dropped: StepID? = nil) -> CompiledPlaybook {
        var book = DemoPlaybook.make()
        book.version = 2
        book.contentHash = String(repeating: dropped == nil ? "e" : "c", count: 64)
        book.steps.removeAll { $0.id == dropped }
        for i in book.steps.indices {
            book.steps[i].content = book.steps[i].content.map { variant in
                var v = variant
                v.template.body = "[v2] " + v.template.body
                return v
            }
        }
        return book
    }

    static func store(_ book: CompiledPlaybook, version: Int, in h: RuntimeHarness) async throws {
        try await h.store.savePlaybookVersion(PlaybookVersion(
            orgID: RuntimeHarness.org, playbookID: book.id, version: version, contentHash: book.contentHash, sourceYAML: "",
            compiledJSON: String(decoding: try JSONEncoder().encode(book), as: UTF8.self), createdAt: RuntimeHarness.start), org: RuntimeHarness.org)
    }

    @Test func runningLeadsMoveOnlyWhenAskedAndThenSendTheNewCopy() async throws {
        let h = try await RuntimeHarness(leads: 3)
        defer { h.cleanup() }
        let health = RuntimeHealth(startedAt: RuntimeHarness.start)
        let enrolment = EnrollmentService(store: h.store, configuration: h.configuration(), clock: h.clock, logger: h.logger, health: health)
        #expect(await enrolment.runOnce() == 3)
        let v1 = DemoPlaybook.make().contentHash
        let v2 = Self.secondVersion()
        try await Self.store(v2, version: 2, in: h)

        // Publishing v2 changes nothing for running leads; a lead enrolled now starts on v2.
        let queued = try await h.touches(LeadID("lead-0000"))
        #expect(queued.count == 1 && queued[0].playbookHash == v1)
        let newcomer = Lead(id: "lead-new", orgID: RuntimeHarness.org, firstName: "Rosa", phone: "+13055559999", phoneLineType: .mobile,
                            usState: "FL", timeZone: "America/New_York", timeZoneSource: .explicit, language: .es, state: .enriched,
                            createdAt: RuntimeHarness.start, campaignID: RuntimeHarness.campaign)
        _ = try await h.store.importLeads([newcomer], org: RuntimeHarness.org, campaign: RuntimeHarness.campaign)
        #expect(await enrolment.runOnce() == 1)
        #expect(try await h.touches(newcomer.id).map(\.playbookHash) == [v2.contentHash])
        #expect(try await h.touches(LeadID("lead-0000")) == queued)

        let migration = PlaybookMigration(store: h.store)
        let plan = try await migration.plan(org: RuntimeHarness.org, campaign: RuntimeHarness.campaign, toVersion: nil)
        #expect(plan.target.version == 2)
        #expect(plan.moving.count == 3 && plan.moving.values.allSatisfy { $0 == 1 })
        #expect(plan.kept.isEmpty && plan.alreadyOnTarget == 1, "the newcomer is already on v2")
        // Planning writes nothing.
        #expect(try await h.touches(LeadID("lead-0000")) == queued)

        let result = try await migration.apply(plan, at: RuntimeHarness.start)
        #expect(result == MigrationResult(movedLeads: 3, movedTouches: 3, raced: []))
        let moved = try #require(try await h.touches(LeadID("lead-0000")).first)
        #expect(moved.id == queued[0].id && moved.scheduledAt == queued[0].scheduledAt && moved.playbookHash == v2.contentHash)
        #expect(moved.payload.message.hasPrefix("[v2] "))
        let events = try await h.store.coreEvents(org: RuntimeHarness.org, engine: "migration", limit: 5)
        #expect(events.first?.message.contains("3 running leads") == true)

        // The dispatcher sends the v2 copy, and the next step is planned from v2.
        let ledger = h.folder.appendingPathComponent("ledger.txt").path
        let sandbox = LedgerSandboxAdapter(base: SandboxAdapter(seed: 3), ledgerPath: ledger)
        let dispatcher = DispatchService(store: h.store, adapters: { _, _ in sandbox }, configuration: h.configuration(), clock: h.clock,
                                         logger: h.logger, health: health)
        h.time.set(moved.scheduledAt)
        #expect(await dispatcher.runOnce().sent == 4)
        let after = try await h.touches(LeadID("lead-0000"))
        #expect(after.allSatisfy { $0.playbookHash == v2.contentHash })

        // A second run finds every running lead already there.
        let again = try await migration.plan(org: RuntimeHarness.org, campaign: RuntimeHarness.campaign, toVersion: 2)
        #expect(again.moving.isEmpty && again.touches.isEmpty)
    }

    @Test func aLeadWhoseQueuedStepIsGoneStaysOnItsVersion() async throws {
        let h = try await RuntimeHarness(leads: 2)
        defer { h.cleanup() }
        let health = RuntimeHealth(startedAt: RuntimeHarness.start)
        let enrolment = EnrollmentService(store: h.store, configuration: h.configuration(), clock: h.clock, logger: h.logger, health: health)
        #expect(await enrolment.runOnce() == 2)
        let first = try #require(try await h.touches(LeadID("lead-0000")).first)
        try await Self.store(Self.secondVersion(dropping: StepID(first.step)), version: 2, in: h)

        let migration = PlaybookMigration(store: h.store)
        let plan = try await migration.plan(org: RuntimeHarness.org, campaign: RuntimeHarness.campaign, toVersion: 2)
        #expect(plan.moving.isEmpty)
        #expect(plan.kept.map(\.lead).sorted() == [LeadID("lead-0000"), LeadID("lead-0001")])
        #expect(plan.kept.allSatisfy { $0.reason.contains("step \(first.step)") })
        #expect(try await migration.apply(plan, at: RuntimeHarness.start).movedLeads == 0)
        #expect(try await h.touches(LeadID("lead-0000")) == [first])

        await #expect(throws: RuntimeError.self) {
            _ = try await migration.plan(org: RuntimeHarness.org, campaign: RuntimeHarness.campaign, toVersion: 9)
        }
    }
}
