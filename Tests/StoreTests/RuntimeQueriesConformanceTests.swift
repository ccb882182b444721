import Foundation
import RevenueCore
import Testing

// What the daemon's services ask of the store beyond the basic queue (dispatcher, throttles,
// migration, inbound lookup), one suite each, on every store.

/// Send-time deferral, moving queued touches to another playbook version, and the inbound sender
/// lookup, on every store.
@Suite struct RepinAndDeferConformanceTests {
    let lease = Lease(owner: "worker-1", duration: .seconds(30))

    @Test(arguments: StoreKind.testable)
    func rescheduleReturnsAClaimedTouchWithoutSpendingAnAttempt(kind: StoreKind) async throws {
        try await withStore(kind) { store async throws in
            try await tenantA.seed(store)
            let lead = tenantA.lead(1)
            _ = try await store.importLeads([lead], org: tenantA.org, campaign: tenantA.campaign)
            let touch = tenantA.touch(lead.id, step: 1)
            try await store.enqueue([touch], org: tenantA.org)
            _ = try await store.claimDue(org: tenantA.org, now: t0, limit: 1, lease: lease)
            let morning = t0.addingTimeInterval(11 * 3600)
            // Only the lease holder may move it.
            await #expect(throws: StoreError.self) {
                try await store.reschedule(touch.id, org: tenantA.org, owner: "worker-2", to: morning, reason: "deferred: window")
            }
            try await store.reschedule(touch.id, org: tenantA.org, owner: "worker-1", to: morning, reason: "deferred: window")
            let moved = try #require(try await store.touch(touch.id, org: tenantA.org))
            #expect(moved.status == .queued && moved.attempt == 0 && moved.scheduledAt == morning)
            #expect(moved.error == "deferred: window" && moved.leaseOwner == nil)
            #expect(try await store.claimDue(org: tenantA.org, now: morning.addingTimeInterval(-1), limit: 5, lease: lease).isEmpty)
            #expect(try await store.claimDue(org: tenantA.org, now: morning, limit: 5, lease: lease).map(\.id) == [touch.id])
        }
    }

    @Test(arguments: StoreKind.testable)
    func repinMovesOnlyQueuedTouchesStillOnTheOldVersion(kind: StoreKind) async throws {
        try await withStore(kind) { store async throws in
            try await tenantA.seed(store)
            let leads = [tenantA.lead(1), tenantA.lead(2)]
            _ = try await store.importLeads(leads, org: tenantA.org, campaign: tenantA.campaign)
            let waiting = tenantA.touch(leads[0].id, step: 1, due: t0.addingTimeInterval(3600))
            let claimed = tenantA.touch(leads[1].id, step: 1)
            try await store.enqueue([waiting, claimed], org: tenantA.org)
            _ = try await store.claimDue(org: tenantA.org, now: t0, limit: 5, lease: lease)

            func moved(_ t: TouchRun) -> TouchRun {
                var m = t
                m.playbookHash = "def456"
                m.idempotencyKey = t.idempotencyKey + "-v2"
                m.payload.message = "Hola, versión 2"
                return m
            }
            let from = [waiting.id: "abc123", claimed.id: "abc123"]
            let missed = try await store.repin([moved(waiting), moved(claimed)], from: from, org: tenantA.org)
            #expect(missed == [claimed.id], "a claimed touch is not moved under the dispatcher")
            let after = try #require(try await store.touch(waiting.id, org: tenantA.org))
            #expect(after.playbookHash == "def456" && after.idempotencyKey == waiting.idempotencyKey + "-v2")
            #expect(after.payload.message == "Hola, versión 2" && after.scheduledAt == waiting.scheduledAt && after.status == .queued)
            #expect(try await store.touch(claimed.id, org: tenantA.org)?.playbookHash == "abc123")
            // Moving again from the old hash finds nothing: the write is guarded by the hash it expects.
            #expect(try await store.repin([moved(waiting)], from: from, org: tenantA.org) == [waiting.id])
            // Another org's touches are refused before anything is written.
            var foreign = moved(waiting)
            foreign.orgID = tenantB.org
            await #expect(throws: StoreError.self) { try await store.repin([foreign], from: from, org: tenantA.org) }
        }
    }

    @Test(arguments: StoreKind.testable)
    func inboundSenderIsFoundByPhoneOrEmailWithinTheOrg(kind: StoreKind) async throws {
        try await withStore(kind) { store async throws in
            try await tenantA.seed(store)
            try await tenantB.seed(store)
            let a = tenantA.lead(7, phone: "+13055550107", email: "Maria.Lopez@Example.com")
            _ = try await store.importLeads([a, tenantA.lead(8)], org: tenantA.org, campaign: tenantA.campaign)
            _ = try await store.importLeads([tenantB.lead(9, phone: "+13055550109")], org: tenantB.org, campaign: tenantB.campaign)
            #expect(try await store.lead(address: "+13055550107", org: tenantA.org)?.id == a.id)
            #expect(try await store.lead(address: "maria.lopez@example.com", org: tenantA.org)?.id == a.id)
            #expect(try await store.lead(address: "+13055550109", org: tenantA.org) == nil, "another org's lead")
            #expect(try await store.lead(address: "+13055550199", org: tenantA.org) == nil)
        }
    }
}

/// What the client-wide throttles count, on every store.
@Suite struct ClientSentTimesConformanceTests {
    @Test(arguments: StoreKind.testable)
    func countsOnlyTheClientsTouchesThatWentOutSinceTheInstant(kind: StoreKind) async throws {
        try await withStore(kind) { store async throws in
            try await tenantA.seed(store)
            let leads = (1...4).map { tenantA.lead($0) }
            _ = try await store.importLeads(leads, org: tenantA.org, campaign: tenantA.campaign)
            let lease = Lease(owner: "w", duration: .seconds(30))
            let touches = [
                tenantA.touch(leads[0].id, step: 1, due: t0, channel: .sms),
                tenantA.touch(leads[1].id, step: 1, due: t0, channel: .voice),
                tenantA.touch(leads[2].id, step: 1, due: t0, channel: .sms),
                tenantA.touch(leads[3].id, step: 1, due: t0, channel: .sms),
            ]
            try await store.enqueue(touches, org: tenantA.org)
            _ = try await store.claimDue(org: tenantA.org, now: t0, limit: 10, lease: lease)
            try await store.complete([
                TouchCompletion(touchID: touches[0].id, providerMessageID: "SM1", sentAt: t0.addingTimeInterval(10)),
                TouchCompletion(touchID: touches[1].id, providerMessageID: "CA1", sentAt: t0.addingTimeInterval(20)),
                TouchCompletion(touchID: touches[2].id, status: .skipped, sentAt: t0.addingTimeInterval(30)),
            ], org: tenantA.org, owner: "w")
            let client = try #require(try await store.campaign(tenantA.campaign, org: tenantA.org)).clientID
            #expect(try await store.sentTimes(org: tenantA.org, client: client, channel: nil, since: t0) == [t0.addingTimeInterval(10), t0.addingTimeInterval(20)],
                    "skipped and still-sending touches do not count")
            #expect(try await store.sentTimes(org: tenantA.org, client: client, channel: .voice, since: t0) == [t0.addingTimeInterval(20)])
            #expect(try await store.sentTimes(org: tenantA.org, client: client, channel: nil, since: t0.addingTimeInterval(15)) == [t0.addingTimeInterval(20)])
            #expect(try await store.sentTimes(org: tenantA.org, client: ClientID("someone-else"), channel: nil, since: t0).isEmpty)
        }
    }
}

/// The running leads of a campaign, as the migration reads them.
@Suite struct OpenTouchesConformanceTests {
    @Test(arguments: StoreKind.testable)
    func onlyQueuedAndSendingTouchesOfTheCampaign(kind: StoreKind) async throws {
        try await withStore(kind) { store async throws in
            try await tenantA.seed(store)
            try await tenantB.seed(store)
            let leads = (1...3).map { tenantA.lead($0) }
            _ = try await store.importLeads(leads, org: tenantA.org, campaign: tenantA.campaign)
            _ = try await store.importLeads([tenantB.lead(9)], org: tenantB.org, campaign: tenantB.campaign)
            let queued = tenantA.touch(leads[0].id, step: 2, due: t0.addingTimeInterval(3600))
            let sending = tenantA.touch(leads[1].id, step: 1)
            let sent = tenantA.touch(leads[2].id, step: 1, due: t0.addingTimeInterval(-10))
            try await store.enqueue([queued, sending, sent], org: tenantA.org)
            try await store.enqueue([tenantB.touch(tenantB.lead(9).id, step: 1)], org: tenantB.org)
            let claimed = try await store.claimDue(org: tenantA.org, now: t0, limit: 10, lease: Lease(owner: "w", duration: .seconds(30)))
            #expect(Set(claimed.map(\.id)) == [sending.id, sent.id])
            try await store.complete([TouchCompletion(touchID: sent.id, sentAt: t0)], org: tenantA.org, owner: "w")
            let open = try await store.openTouches(campaign: tenantA.campaign, org: tenantA.org)
            #expect(open.map(\.id) == [queued.id, sending.id])
            #expect(open.map(\.status) == [.queued, .sending])
        }
    }
}

/// A sent touch and its outbound message land in one transaction, or not at all.
@Suite struct CompleteSentConformanceTests {
    @Test(arguments: StoreKind.testable)
    func theTouchAndItsMessageTogetherOnlyUnderTheLease(kind: StoreKind) async throws {
        try await withStore(kind) { store async throws in
            try await tenantA.seed(store)
            let leads = [tenantA.lead(1), tenantA.lead(2)]
            _ = try await store.importLeads(leads, org: tenantA.org, campaign: tenantA.campaign)
            let mine = tenantA.touch(leads[0].id, step: 1)
            let theirs = tenantA.touch(leads[1].id, step: 1)
            try await store.enqueue([mine, theirs], org: tenantA.org)
            _ = try await store.claimDue(org: tenantA.org, now: t0, limit: 10, lease: Lease(owner: "w1", duration: .seconds(30)))
            func outbound(_ t: TouchRun, _ sid: String) -> Message {
                Message(id: "out-\(t.id.rawValue)", orgID: tenantA.org, leadID: t.leadID, channel: .sms, direction: .outbound, body: "Hola",
                        providerMessageID: sid, touchID: t.id, at: t0)
            }
            #expect(try await store.completeSent(TouchCompletion(touchID: mine.id, providerMessageID: "SM1", sentAt: t0),
                                                 message: outbound(mine, "SM1"), org: tenantA.org, owner: "w1"))
            let sent = try #require(try await store.touch(mine.id, org: tenantA.org))
            #expect(sent.status == .sent && sent.providerMessageID == "SM1" && sent.leaseOwner == nil)
            let conversation = try #require(try await store.conversations(lead: leads[0].id, org: tenantA.org).first)
            #expect(try await store.messages(conversation: conversation.id, org: tenantA.org).map(\.providerMessageID) == ["SM1"])

            // Another owner's touch: nothing is written, not even the message.
            #expect(try await store.completeSent(TouchCompletion(touchID: theirs.id, providerMessageID: "SM2", sentAt: t0),
                                                 message: outbound(theirs, "SM2"), org: tenantA.org, owner: "w2") == false)
            #expect(try await store.touch(theirs.id, org: tenantA.org)?.status == .sending)
            #expect(try await store.conversations(lead: leads[1].id, org: tenantA.org).isEmpty)
        }
    }
}
