import Foundation
import RevenueCore
import Testing

/// `enqueue` of large batches (PostgreSQL writes them set-based, several thousand rows a statement):
/// the same answer as one insert per row, on every store.
@Suite struct BatchEnqueueConformanceTests {
    /// Seeds org A with `count` leads.
    func seedLeads(_ store: any Store, _ count: Int) async throws -> [Lead] {
        try await tenantA.seed(store)
        let leads = (1...count).map { tenantA.lead($0) }
        _ = try await store.importLeads(leads, org: tenantA.org, campaign: tenantA.campaign)
        return leads
    }

    @Test(arguments: StoreKind.testable)
    func aBatchSpanningSeveralStatementsInsertsInInputOrderAndCountsEveryDuplicate(kind: StoreKind) async throws {
        try await withStore(kind) { store async throws in
            let leads = try await seedLeads(store, 3)
            let existing = tenantA.touch(leads[0].id, step: 1)
            try await store.enqueue([existing], org: tenantA.org)

            var batch = (0..<4_500).map { i in tenantA.touch(leads[i % 3].id, step: i / 3 + 1, due: t0.addingTimeInterval(Double(i))) }
            batch.shuffle()
            // Duplicates: the existing key (another id), a key repeated in the same statement and one
            // repeated thousands of rows later (another statement), and a row id repeated with a new key.
            var sameKeyAsExisting = existing
            sameKeyAsExisting.id = "t-again-existing"
            var sameKeyNear = batch[10]
            sameKeyNear.id = "t-again-near"
            var sameKeyFar = batch[20]
            sameKeyFar.id = "t-again-far"
            var sameIDNewKey = batch[30]
            sameIDNewKey.idempotencyKey = "another-key"
            batch.insert(sameKeyAsExisting, at: 5)
            batch.insert(sameKeyNear, at: 12)
            batch.insert(sameKeyFar, at: 4_000)
            batch.insert(sameIDNewKey, at: 4_100)

            let result = try await store.enqueue(batch, org: tenantA.org)
            let duplicateIDs: Set<TouchID> = [sameKeyNear.id, sameKeyFar.id, sameKeyAsExisting.id]
            var expected = batch.map(\.id).filter { !duplicateIDs.contains($0) && $0 != existing.id }
            expected.remove(at: try #require(expected.lastIndex(of: sameIDNewKey.id)))
            #expect(result.inserted == expected)
            #expect(result.duplicates == 5)
            var stored = 0
            for lead in leads { stored += try await store.touches(lead: lead.id, org: tenantA.org).count }
            #expect(stored == 4_500)
            // Enqueueing the same batch again writes nothing.
            #expect(try await store.enqueue(batch, org: tenantA.org) == EnqueueResult(inserted: [], duplicates: batch.count))
        }
    }

    @Test(arguments: StoreKind.testable)
    func everyColumnRoundTripsWithAndWithoutValues(kind: StoreKind) async throws {
        try await withStore(kind) { store async throws in
            let lead = try await seedLeads(store, 1)[0]
            let bare = tenantA.touch(lead.id, step: 1, due: t0.addingTimeInterval(0.25))
            var full = tenantA.touch(lead.id, step: 2, due: t0.addingTimeInterval(90.5), channel: .email)
            full.status = .sent
            full.sentAt = t0.addingTimeInterval(91.125)
            full.payload = TouchPayload(message: "Hola \"María\" — ¿10% off? {\"a\": [1]}\nAdiós", subject: "Cita ✓", template: "intro",
                                        reason: "cadence step 2", kind: .cadence, language: .es)
            full.error = "retry: 503"
            full.attempt = 2
            full.leaseOwner = "worker-9"
            full.leaseExpiresAt = t0.addingTimeInterval(120.75)
            full.providerMessageID = "SM-123"
            full.outcome = .delivered
            full.appointmentID = "appt-1"
            #expect(try await store.enqueue([bare, full], org: tenantA.org) == EnqueueResult(inserted: [bare.id, full.id], duplicates: 0))
            #expect(try await store.touch(bare.id, org: tenantA.org) == bare)
            #expect(try await store.touch(full.id, org: tenantA.org) == full)
        }
    }
}
