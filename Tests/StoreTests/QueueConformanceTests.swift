import Foundation
import RevenueCore
import Testing

/// The durable queue's semantics, on every store.
@Suite struct QueueConformanceTests {
    let lease = Lease(owner: "worker-1", duration: .seconds(30))

    /// Seeds org A with `leads` leads and returns them.
    func seedLeads(_ store: any Store, _ count: Int) async throws -> [Lead] {
        try await tenantA.seed(store)
        let leads = (1...count).map { tenantA.lead($0) }
        _ = try await store.importLeads(leads, org: tenantA.org, campaign: tenantA.campaign)
        return leads
    }

    @Test(arguments: StoreKind.testable)
    func duplicateIdempotencyKeysAreIgnored(kind: StoreKind) async throws {
        try await withStore(kind) { store async throws in
            let lead = try await seedLeads(store, 1)[0]
            let first = tenantA.touch(lead.id, step: 1)
            #expect(try await store.enqueue([first], org: tenantA.org) == EnqueueResult(inserted: [first.id], duplicates: 0))
            // Same key, different row id (a replanned touch): ignored, not doubled.
            var again = first
            again.id = "another-id"
            let retry = tenantA.touch(lead.id, step: 1, attempt: 1)
            #expect(try await store.enqueue([again, retry], org: tenantA.org) == EnqueueResult(inserted: [retry.id], duplicates: 1))
            #expect(try await store.touches(lead: lead.id, org: tenantA.org).map(\.id) == [first.id, retry.id])
        }
    }

    @Test(arguments: StoreKind.testable)
    func claimTakesOnlyDueQueuedTouchesInOrderUnderLease(kind: StoreKind) async throws {
        try await withStore(kind) { store async throws in
            let lead = try await seedLeads(store, 1)[0]
            let later = tenantA.touch(lead.id, step: 1, due: t0.addingTimeInterval(20))
            let sooner = tenantA.touch(lead.id, step: 2, due: t0.addingTimeInterval(10))
            let future = tenantA.touch(lead.id, step: 3, due: t0.addingTimeInterval(3600))
            try await store.enqueue([later, sooner, future], org: tenantA.org)

            let claimed = try await store.claimDue(org: tenantA.org, now: t0.addingTimeInterval(30), limit: 10, lease: lease)
            #expect(claimed.map(\.id) == [sooner.id, later.id])
            #expect(claimed.allSatisfy { $0.status == .sending && $0.leaseOwner == "worker-1" })
            #expect(claimed.first?.leaseExpiresAt == t0.addingTimeInterval(60))
            #expect(claimed.first?.payload == sooner.payload)
            #expect(try await store.claimDue(org: tenantA.org, now: t0.addingTimeInterval(30), limit: 10, lease: lease).isEmpty)

            let lost = try await store.complete(
                [TouchCompletion(touchID: sooner.id, providerMessageID: "SM1", sentAt: t0.addingTimeInterval(31)),
                 TouchCompletion(touchID: future.id, sentAt: t0.addingTimeInterval(31))],
                org: tenantA.org, owner: "worker-1")
            #expect(lost == [future.id], "a touch that was never claimed cannot be completed")
            let sent = try #require(try await store.touch(sooner.id, org: tenantA.org))
            #expect(sent.status == .sent && sent.sentAt == t0.addingTimeInterval(31) && sent.leaseOwner == nil)
            #expect(try await store.touch(providerMessageID: "SM1", org: tenantA.org)?.id == sooner.id)
        }
    }

    @Test(arguments: StoreKind.testable)
    func twoConcurrentClaimersNeverGetTheSameTouch(kind: StoreKind) async throws {
        try await withStores(kind, handles: 2) { stores async throws in
            let leads = try await seedLeads(stores[0], 50)
            let touches = leads.flatMap { lead in (1...4).map { tenantA.touch(lead.id, step: $0) } }
            try await stores[0].enqueue(touches, org: tenantA.org)

            let results = try await withThrowingTaskGroup(of: [TouchID].self) { group in
                for (n, store) in stores.enumerated() {
                    group.addTask {
                        var mine: [TouchID] = []
                        let lease = Lease(owner: "claimer-\(n)", duration: .seconds(60))
                        while true {
                            let batch = try await store.claimDue(org: tenantA.org, now: t0, limit: 7, lease: lease)
                            if batch.isEmpty { return mine }
                            #expect(batch.allSatisfy { $0.leaseOwner == lease.owner })
                            mine += batch.map(\.id)
                            try await store.complete(batch.map { TouchCompletion(touchID: $0.id, sentAt: t0) }, org: tenantA.org, owner: lease.owner)
                        }
                    }
                }
                return try await group.reduce(into: [[TouchID]]()) { $0.append($1) }
            }
            let all = results.flatMap { $0 }
            #expect(all.count == touches.count, "every touch claimed exactly once")
            #expect(Set(all) == Set(touches.map(\.id)))
        }
    }

    @Test(arguments: StoreKind.testable)
    func anExpiredLeaseComesBackForReconciliation(kind: StoreKind) async throws {
        try await withStores(kind, handles: 2) { stores async throws in
            let lead = try await seedLeads(stores[0], 1)[0]
            let touch = tenantA.touch(lead.id, step: 1)
            try await stores[0].enqueue([touch], org: tenantA.org)
            let first = try await stores[0].claimDue(org: tenantA.org, now: t0, limit: 1, lease: Lease(owner: "crashed", duration: .seconds(30)))
            #expect(first.map(\.id) == [touch.id])

            #expect(try await stores[1].expireLeases(org: tenantA.org, now: t0.addingTimeInterval(29)) == [], "lease still running")
            #expect(try await stores[1].expireLeases(org: tenantA.org, now: t0.addingTimeInterval(31)) == [touch.id])
            let back = try #require(try await stores[1].touch(touch.id, org: tenantA.org))
            #expect(back.status == .queued && back.error == "lease_expired" && back.leaseOwner == nil)

            let second = try await stores[1].claimDue(org: tenantA.org, now: t0.addingTimeInterval(31), limit: 1, lease: lease)
            #expect(second.map(\.id) == [touch.id])
            // The worker that lost its lease cannot complete or fail it any more.
            #expect(try await stores[0].complete([TouchCompletion(touchID: touch.id, sentAt: t0)], org: tenantA.org, owner: "crashed") == [touch.id])
            await #expect(throws: StoreError.leaseLost(touch.id)) {
                try await stores[0].fail(touch.id, org: tenantA.org, owner: "crashed", error: "x", retry: .none, now: t0)
            }
            #expect(try await stores[1].complete([TouchCompletion(touchID: touch.id, sentAt: t0)], org: tenantA.org, owner: lease.owner) == [])
        }
    }

    @Test(arguments: StoreKind.testable)
    func failureRetriesWithBackoffThenFailsForGood(kind: StoreKind) async throws {
        try await withStore(kind) { store async throws in
            let lead = try await seedLeads(store, 1)[0]
            let touch = tenantA.touch(lead.id, step: 1)
            try await store.enqueue([touch], org: tenantA.org)
            let policy = RetryPolicy(maxAttempts: 2, baseDelay: 60, maxDelay: 600)

            _ = try await store.claimDue(org: tenantA.org, now: t0, limit: 1, lease: lease)
            #expect(try await store.fail(touch.id, org: tenantA.org, owner: lease.owner, error: "carrier 30003", retry: policy, now: t0) == .queued)
            let queued = try #require(try await store.touch(touch.id, org: tenantA.org))
            #expect(queued.status == .queued && queued.attempt == 1 && queued.scheduledAt == t0.addingTimeInterval(60))
            #expect(queued.error == "carrier 30003")
            #expect(try await store.claimDue(org: tenantA.org, now: t0.addingTimeInterval(59), limit: 1, lease: lease).isEmpty, "backoff respected")

            _ = try await store.claimDue(org: tenantA.org, now: t0.addingTimeInterval(60), limit: 1, lease: lease)
            #expect(try await store.fail(touch.id, org: tenantA.org, owner: lease.owner, error: "carrier 30003", retry: policy, now: t0) == .failed)
            #expect(try await store.touch(touch.id, org: tenantA.org)?.status == .failed)
        }
    }

    @Test(arguments: StoreKind.testable)
    func cancelQueuedStopsOnlyThatLeadsQueuedTouches(kind: StoreKind) async throws {
        try await withStore(kind) { store async throws in
            let leads = try await seedLeads(store, 2)
            let claimedTouch = tenantA.touch(leads[0].id, step: 1)
            try await store.enqueue([
                claimedTouch, tenantA.touch(leads[0].id, step: 2, due: t0.addingTimeInterval(99)),
                tenantA.touch(leads[0].id, step: 3, due: t0.addingTimeInterval(99)), tenantA.touch(leads[1].id, step: 1, due: t0.addingTimeInterval(99)),
            ], org: tenantA.org)
            _ = try await store.claimDue(org: tenantA.org, now: t0, limit: 1, lease: lease)
            #expect(try await store.cancelQueued(lead: leads[0].id, org: tenantA.org, reason: "opted out") == 2)
            #expect(try await store.touches(lead: leads[0].id, org: tenantA.org).map(\.status) == [.sending, .cancelled, .cancelled])
            #expect(try await store.touches(lead: leads[1].id, org: tenantA.org).map(\.status) == [.queued])
        }
    }

    @Test(arguments: StoreKind.testable)
    func outcomeNextStepAndStateChangeLandTogether(kind: StoreKind) async throws {
        try await withStore(kind) { store async throws in
            let lead = try await seedLeads(store, 1)[0]
            let touch = tenantA.touch(lead.id, step: 1)
            try await store.enqueue([touch], org: tenantA.org)
            _ = try await store.claimDue(org: tenantA.org, now: t0, limit: 1, lease: lease)
            try await store.complete([TouchCompletion(touchID: touch.id, providerMessageID: "SM9", sentAt: t0)], org: tenantA.org, owner: lease.owner)

            let next = tenantA.touch(lead.id, step: 2, due: t0.addingTimeInterval(86_400))
            let report = TouchOutcomeReport(status: .delivered, outcome: .replied, at: t0.addingTimeInterval(5))
            let change = LeadStateChange(leadID: lead.id, to: .engaged, reason: "replied on sms")
            let result = try await store.recordOutcome(touch: touch.id, org: tenantA.org, outcome: report, next: [next], leadState: change)
            #expect(result == EnqueueResult(inserted: [next.id], duplicates: 0))
            #expect(try await store.touch(touch.id, org: tenantA.org)?.status == .delivered)
            #expect(try await store.lead(lead.id, org: tenantA.org)?.state == .engaged)
            #expect(try await store.leadStateEvents(lead: lead.id, org: tenantA.org) == [
                LeadStateEvent(orgID: tenantA.org, leadID: lead.id, from: .new, to: .engaged, reason: "replied on sms", at: t0.addingTimeInterval(5)),
            ])
            // A redelivered webhook (or the same callback on another daemon) replays the outcome: the
            // compare-and-set on the outcome refuses it and nothing is doubled.
            await #expect(throws: StoreError.conflict("touch outcome")) {
                try await store.recordOutcome(touch: touch.id, org: tenantA.org, outcome: report, next: [next], leadState: nil)
            }
            #expect(try await store.touches(lead: lead.id, org: tenantA.org).count == 2)
            // A state change decided on a state the lead has left is refused whole: no outcome, no touch, no state.
            let other = tenantA.touch(lead.id, step: 3)
            try await store.enqueue([other], org: tenantA.org)
            let stale = LeadStateChange(leadID: lead.id, to: .unqualified, reason: "reply: not_interested", expected: .attempting)
            let later = tenantA.touch(lead.id, step: 4, due: t0.addingTimeInterval(90_000))
            await #expect(throws: StoreError.conflict("lead state")) {
                try await store.recordOutcome(touch: other.id, org: tenantA.org, outcome: report, next: [later], leadState: stale)
            }
            #expect(try await store.touch(other.id, org: tenantA.org)?.outcome == nil)
            #expect(try await store.lead(lead.id, org: tenantA.org)?.state == .engaged)
            #expect(try await store.touches(lead: lead.id, org: tenantA.org).count == 3)
        }
    }

    @Test(arguments: StoreKind.testable)
    func aCrashBetweenOutcomeAndEnqueueLosesNothing(kind: StoreKind) async throws {
        try await withStore(kind) { store async throws in
            let lead = try await seedLeads(store, 1)[0]
            let touch = tenantA.touch(lead.id, step: 1)
            try await store.enqueue([touch], org: tenantA.org)
            _ = try await store.claimDue(org: tenantA.org, now: t0, limit: 1, lease: lease)
            try await store.complete([TouchCompletion(touchID: touch.id, sentAt: t0)], org: tenantA.org, owner: lease.owner)

            // The enqueue fails inside the transaction (its campaign does not exist) after the
            // outcome was written: the whole transaction must roll back.
            let good = tenantA.touch(lead.id, step: 2)
            let broken = tenantA.touch(lead.id, step: 3, campaign: "no-such-campaign")
            let report = TouchOutcomeReport(status: .delivered, outcome: .replied, at: t0.addingTimeInterval(5))
            await #expect(throws: StoreError.self) {
                try await store.recordOutcome(
                    touch: touch.id, org: tenantA.org, outcome: report, next: [good, broken],
                    leadState: LeadStateChange(leadID: lead.id, to: .engaged, reason: "replied"))
            }
            let after = try #require(try await store.touch(touch.id, org: tenantA.org))
            #expect(after.status == .sent, "the outcome did not land without its next step")
            #expect(try await store.touches(lead: lead.id, org: tenantA.org).map(\.id) == [touch.id], "no next step landed")
            #expect(try await store.lead(lead.id, org: tenantA.org)?.state == .new)
            #expect(try await store.leadStateEvents(lead: lead.id, org: tenantA.org).isEmpty)

            // Replaying the outcome after the crash writes both, once.
            let replay = try await store.recordOutcome(touch: touch.id, org: tenantA.org, outcome: report, next: [good], leadState: nil)
            #expect(replay.inserted == [good.id])
            #expect(try await store.touch(touch.id, org: tenantA.org)?.status == .delivered)
        }
    }
}
