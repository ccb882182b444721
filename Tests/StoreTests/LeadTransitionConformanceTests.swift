import Foundation
import RevenueCore
import Testing

/// Compare-and-set lead transitions (what lets several daemons share one database), on every store.
@Suite struct LeadTransitionConformanceTests {
    @Test(arguments: StoreKind.testable)
    func ofTwoClaimsFromTheSameStateExactlyOneLands(kind: StoreKind) async throws {
        try await withStore(kind) { store async throws in
            try await tenantA.seed(store)
            var lead = tenantA.lead(1)
            lead.state = .enriched
            try await store.upsertLead(lead, org: tenantA.org)
            let claim = LeadStateChange(leadID: lead.id, to: .attempting, reason: "enrolled", expected: .enriched)
            let touch = tenantA.touch(lead.id, step: 1)
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        do {
                            try await store.transitionLead(claim, fields: nil, enqueue: [touch], org: tenantA.org, at: t0)
                            return true
                        } catch {
                            return false
                        }
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
            #expect(try await store.leadStateEvents(lead: lead.id, org: tenantA.org).map(\.to) == [.attempting])
            #expect(try await store.touches(lead: lead.id, org: tenantA.org).count == 1)
        }
    }

    @Test(arguments: StoreKind.testable)
    func aLostTransitionWritesNothing(kind: StoreKind) async throws {
        try await withStore(kind) { store async throws in
            try await tenantA.seed(store)
            let lead = tenantA.lead(1)
            try await store.upsertLead(lead, org: tenantA.org)
            try await store.updateLeadState(LeadStateChange(leadID: lead.id, to: .doNotContact, reason: "STOP"), org: tenantA.org, at: t0)
            var enriched = lead
            enriched.timeZone = "America/Chicago"
            let change = LeadStateChange(leadID: lead.id, to: .enriched, reason: "enriched", expected: .new)
            await #expect(throws: StoreError.conflict("lead state")) {
                try await store.transitionLead(change, fields: enriched, enqueue: [tenantA.touch(lead.id, step: 1)], org: tenantA.org, at: t0)
            }
            let stored = try #require(try await store.lead(lead.id, org: tenantA.org))
            #expect(stored.state == .doNotContact && stored.timeZone == lead.timeZone)
            #expect(try await store.touches(lead: lead.id, org: tenantA.org).isEmpty)

            // From the right state the fields land with the state, and the landline mark touches nothing else.
            let fresh = tenantA.lead(2)
            try await store.upsertLead(fresh, org: tenantA.org)
            var zoned = fresh
            zoned.timeZone = "America/Chicago"
            try await store.transitionLead(LeadStateChange(leadID: fresh.id, to: .enriched, reason: "enriched", expected: .new),
                                           fields: zoned, enqueue: [], org: tenantA.org, at: t0)
            try await store.markLandline(fresh.id, org: tenantA.org)
            let after = try #require(try await store.lead(fresh.id, org: tenantA.org))
            #expect(after.state == .enriched && after.timeZone == "America/Chicago" && after.phoneLineType == .landline)
        }
    }
}
