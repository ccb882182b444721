import Foundation
import RevenueCore
import Testing

/// Migrations and the views' contracts, on every store.
@Suite struct SchemaConformanceTests {
    @Test(arguments: StoreKind.testable)
    func migrationsApplyOnceAndAreIdempotent(kind: StoreKind) async throws {
        try await withStores(kind, handles: 2, migrate: false) { stores async throws in
            #expect(try await stores[0].appliedMigrations() == [])
            #expect(try await stores[0].migrate() == ["v1", "v2-api-tokens", "v3-touch-appointment", "v4-client-profile"])
            #expect(try await stores[0].migrate() == [])
            // A second process sees the schema and applies nothing.
            #expect(try await stores[1].migrate() == [])
            #expect(try await stores[1].appliedMigrations() == ["v1", "v2-api-tokens", "v3-touch-appointment", "v4-client-profile"])
            #expect(try await stores[1].columns(of: "touch_runs").count == 21)
        }
    }

    @Test(arguments: StoreKind.testable)
    func viewsHaveExactlyTheContractColumns(kind: StoreKind) async throws {
        try await withStore(kind) { store async throws in
            #expect(try await store.columns(of: "lead_enriched") == [
                "id", "full_name", "email", "phone", "state", "last_touch_at", "campaign_id", "campaign_name", "channel_last",
            ])
            #expect(try await store.columns(of: "voice_insights_calls_v1") == [
                "id", "org_id", "lead_id", "campaign_id", "status", "duration_seconds", "outcome", "recording_url", "started_at",
            ])
        }
    }

    @Test(arguments: StoreKind.testable)
    func touchRunsHasTheDesignColumnsAndEveryTenantTableAnOrg(kind: StoreKind) async throws {
        try await withStore(kind) { store async throws in
            let touchColumns = try await store.columns(of: "touch_runs")
            for column in [
                "id", "lead_id", "campaign_id", "channel", "step", "status", "scheduled_at", "sent_at", "payload", "error",
                "org_id", "attempt", "idempotency_key", "lease_owner", "lease_expires_at", "provider_message_id", "appointment_id",
            ] {
                #expect(touchColumns.contains(column), "touch_runs lacks \(column)")
            }
            for table in [
                "clients", "campaigns", "playbooks", "playbook_versions", "leads", "touch_runs", "appointments",
                "appointment_notifications", "conversations", "messages", "director_events", "core_memory_events",
            ] {
                #expect(try await store.columns(of: table).contains("org_id"), "\(table) has no org_id")
            }
        }
    }

    @Test(arguments: StoreKind.testable)
    func leadEnrichedComputesNameLastTouchAndCampaign(kind: StoreKind) async throws {
        try await withStore(kind) { store async throws in
            try await tenantA.seed(store)
            var named = tenantA.lead(1, name: "Ana Ruiz")
            named.firstName = "Ignored"
            var firstLast = tenantA.lead(2)
            firstLast.firstName = "Luis"
            firstLast.lastName = "Soto"
            var contact = tenantA.lead(3)
            contact.contactName = "Marta"
            let company = tenantA.lead(4)
            for lead in [named, firstLast, contact, company] { try await store.upsertLead(lead, org: tenantA.org) }

            try await store.enqueue([
                tenantA.touch(named.id, step: 1, channel: .voice), tenantA.touch(named.id, step: 2, due: t0.addingTimeInterval(60)),
            ], org: tenantA.org)
            let claimed = try await store.claimDue(
                org: tenantA.org, now: t0.addingTimeInterval(120), limit: 10, lease: Lease(owner: "w", duration: .seconds(60)))
            try await store.complete([
                TouchCompletion(touchID: claimed[0].id, sentAt: t0.addingTimeInterval(100)),
                TouchCompletion(touchID: claimed[1].id, sentAt: t0.addingTimeInterval(200)),
            ], org: tenantA.org, owner: "w")

            let rows = try await store.enrichedLeads(org: tenantA.org, state: nil, limit: 10)
            let byID = Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0) })
            #expect(rows.count == 4)
            #expect(rows.first?.id == named.id, "the lead with the latest touch comes first")
            #expect(byID[named.id]?.fullName == "Ana Ruiz")
            #expect(byID[firstLast.id]?.fullName == "Luis Soto")
            #expect(byID[contact.id]?.fullName == "Marta")
            #expect(byID[company.id]?.fullName == "Company 4")
            #expect(byID[named.id]?.lastTouchAt == t0.addingTimeInterval(200))
            #expect(byID[named.id]?.channelLast == .sms)
            #expect(byID[named.id]?.campaignName == tenantA.campaignName)
            #expect(byID[firstLast.id]?.lastTouchAt == nil)
            #expect(byID[firstLast.id]?.phone == firstLast.phone)
            #expect(try await store.enrichedLeads(org: tenantA.org, state: .attempting, limit: 10).isEmpty)
        }
    }

    @Test(arguments: StoreKind.testable)
    func voiceInsightsHasOneRowPerPlacedCall(kind: StoreKind) async throws {
        try await withStore(kind) { store async throws in
            try await tenantA.seed(store)
            let lead = tenantA.lead(1)
            try await store.upsertLead(lead, org: tenantA.org)
            let call = tenantA.touch(lead.id, step: 1, channel: .voice)
            let unsent = tenantA.touch(lead.id, step: 2, due: t0.addingTimeInterval(3600), channel: .voice)
            try await store.enqueue([call, unsent, tenantA.touch(lead.id, step: 3, channel: .sms)], org: tenantA.org)
            _ = try await store.claimDue(org: tenantA.org, now: t0, limit: 10, lease: Lease(owner: "w", duration: .seconds(60)))
            try await store.complete([TouchCompletion(touchID: call.id, providerMessageID: "CA1", sentAt: t0)], org: tenantA.org, owner: "w")
            try await store.recordOutcome(
                touch: call.id, org: tenantA.org,
                outcome: TouchOutcomeReport(status: .delivered, outcome: .answered, durationSeconds: 42, recordingURL: "https://rec/1", at: t0.addingTimeInterval(50)),
                next: [], leadState: nil)

            let calls = try await store.voiceCalls(org: tenantA.org, campaign: nil, limit: 10)
            #expect(calls == [VoiceCall(
                touchID: call.id, leadID: lead.id, campaignID: tenantA.campaign, status: .delivered, durationSeconds: 42,
                outcome: .answered, recordingURL: "https://rec/1", startedAt: t0)])
            #expect(try await store.voiceCalls(org: tenantB.org, campaign: nil, limit: 10).isEmpty)
        }
    }
}
