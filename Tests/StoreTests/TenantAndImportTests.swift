import Foundation
import RevenueCore
import Testing

/// Tenant isolation and atomic deduplicating import, on every store.
@Suite struct TenantAndImportTests {
    @Test(arguments: StoreKind.testable)
    func orgANeverReadsOrgB(kind: StoreKind) async throws {
        try await withStore(kind) { store async throws in
            try await tenantA.seed(store)
            try await tenantB.seed(store)
            let leadA = tenantA.lead(1)
            try await store.upsertLead(leadA, org: tenantA.org)
            try await store.enqueue([tenantA.touch(leadA.id, step: 1)], org: tenantA.org)
            try await store.recordCoreEvent(CoreMemoryEvent(engine: "test", orgID: tenantA.org, message: "a only", at: t0))

            #expect(try await store.lead(leadA.id, org: tenantB.org) == nil)
            #expect(try await store.campaign(tenantA.campaign, org: tenantB.org) == nil)
            #expect(try await store.client(tenantA.client, org: tenantB.org) == nil)
            #expect(try await store.campaigns(org: tenantB.org, status: nil).map(\.id) == [tenantB.campaign])
            #expect(try await store.leads(org: tenantB.org, state: nil, campaign: nil, limit: 100).isEmpty)
            #expect(try await store.enrichedLeads(org: tenantB.org, state: nil, limit: 100).isEmpty)
            #expect(try await store.touches(lead: leadA.id, org: tenantB.org).isEmpty)
            #expect(try await store.coreEvents(org: tenantB.org, engine: nil, limit: 10).isEmpty)
            let lease = Lease(owner: "b", duration: .seconds(30))
            #expect(try await store.claimDue(org: tenantB.org, now: t0, limit: 10, lease: lease).isEmpty)
            #expect(try await store.cancelQueued(lead: leadA.id, org: tenantB.org, reason: "x") == 0)
            #expect(try await store.leads(org: tenantA.org, state: .new, campaign: tenantA.campaign, limit: 100).map(\.id) == [leadA.id])
        }
    }

    @Test(arguments: StoreKind.testable)
    func writesAcrossOrgsAreRefused(kind: StoreKind) async throws {
        try await withStore(kind) { store async throws in
            try await tenantA.seed(store)
            try await tenantB.seed(store)
            let leadA = tenantA.lead(1)
            try await store.upsertLead(leadA, org: tenantA.org)

            await #expect(throws: StoreError.tenantMismatch("lead")) { try await store.upsertLead(leadA, org: tenantB.org) }
            // Org B trying to overwrite org A's lead id is refused and A's row is untouched.
            var hijack = leadA
            hijack.orgID = tenantB.org
            hijack.campaignID = tenantB.campaign
            hijack.name = "Changed"
            await #expect(throws: StoreError.tenantMismatch("lead")) { try await store.upsertLead(hijack, org: tenantB.org) }
            #expect(try await store.lead(leadA.id, org: tenantA.org)?.name == nil)
            // A touch of org B cannot point at org A's lead (composite foreign key).
            var touch = tenantB.touch(leadA.id, step: 1)
            touch.campaignID = tenantB.campaign
            await #expect(throws: StoreError.self) { try await store.enqueue([touch], org: tenantB.org) }
            await #expect(throws: StoreError.notFound("lead")) {
                try await store.updateLeadState(LeadStateChange(leadID: leadA.id, to: .doNotContact, reason: "x"), org: tenantB.org, at: t0)
            }
        }
    }

    @Test(arguments: StoreKind.testable)
    func reimportingTheSameBatchAddsNothing(kind: StoreKind) async throws {
        try await withStore(kind) { store async throws in
            try await tenantA.seed(store)
            try await tenantB.seed(store)
            let batch = (1...5).map { tenantA.lead($0) }
            let first = try await store.importLeads(batch, org: tenantA.org, campaign: tenantA.campaign)
            #expect(first == ImportSummary(inserted: batch.map(\.id), duplicates: 0))

            // Same people under new ids (a re-exported file), one with an upper-cased e-mail.
            var again = batch.enumerated().map { n, lead in
                var lead = lead
                lead.id = LeadID("\(lead.id)-again")
                if n == 0 { lead.email = lead.email?.uppercased(); lead.phone = "+13050000000" }
                return lead
            }
            again.append(tenantA.lead(6))
            let second = try await store.importLeads(again, org: tenantA.org, campaign: tenantA.campaign)
            #expect(second == ImportSummary(inserted: [tenantA.lead(6).id], duplicates: 5))
            #expect(try await store.leads(org: tenantA.org, state: nil, campaign: nil, limit: 100).count == 6)

            // Dedupe is per org: org B may hold the same phones and e-mails.
            let forB = batch.map { lead in
                var lead = lead
                lead.id = LeadID("b-\(lead.id)")
                lead.orgID = tenantB.org
                return lead
            }
            #expect(try await store.importLeads(forB, org: tenantB.org, campaign: tenantB.campaign).inserted.count == 5)
            #expect(try await store.leads(org: tenantB.org, state: nil, campaign: tenantB.campaign, limit: 100).count == 5)
        }
    }

    @Test(arguments: StoreKind.testable)
    func duplicatesInsideOneBatchAreKeptOnce(kind: StoreKind) async throws {
        try await withStore(kind) { store async throws in
            try await tenantA.seed(store)
            let one = tenantA.lead(1)
            let samePhone = tenantA.lead(2, phone: one.phone)
            let sameEmail = tenantA.lead(3, email: "LEAD1@example.com")
            let noEmail = Lead(id: "org-a-lead-4", orgID: tenantA.org, name: "Sin correo", phone: "+13055559999", createdAt: t0)
            let summary = try await store.importLeads([one, samePhone, sameEmail, noEmail], org: tenantA.org, campaign: tenantA.campaign)
            #expect(summary == ImportSummary(inserted: [one.id, noEmail.id], duplicates: 2))
            #expect(try await store.lead(noEmail.id, org: tenantA.org)?.campaignID == tenantA.campaign, "the import's campaign is set")
        }
    }

    @Test(arguments: StoreKind.testable)
    func aFailingImportWritesNothing(kind: StoreKind) async throws {
        try await withStore(kind) { store async throws in
            try await tenantA.seed(store)
            var broken = tenantA.lead(3)
            broken.campaignID = "no-such-campaign"
            await #expect(throws: StoreError.self) {
                try await store.importLeads([tenantA.lead(1), tenantA.lead(2), broken], org: tenantA.org, campaign: nil)
            }
            #expect(try await store.leads(org: tenantA.org, state: nil, campaign: nil, limit: 100).isEmpty)
            // A lead of another org in the batch is refused before anything is written.
            await #expect(throws: StoreError.tenantMismatch("lead")) {
                try await store.importLeads([tenantA.lead(1), tenantB.lead(1)], org: tenantA.org, campaign: nil)
            }
            #expect(try await store.leads(org: tenantA.org, state: nil, campaign: nil, limit: 100).isEmpty)
        }
    }
}
