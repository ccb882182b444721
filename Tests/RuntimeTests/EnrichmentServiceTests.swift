import Foundation
import RevenueCore
import Runtime
import Testing

/// Leads written `new` by another system are enriched (zone and state inferred) before enrolment.
@Suite struct EnrichmentServiceTests {
    @Test func newLeadsGetAZoneThenAreEnrolled() async throws {
        let h = try await RuntimeHarness(leads: 0, allowed: [.voice, .sms, .email])
        defer { h.cleanup() }
        let org = RuntimeHarness.org
        func lead(_ id: String, phone: String?, state: String? = nil, zone: String? = nil, email: String? = nil, lead state0: LeadState = .new) -> Lead {
            Lead(id: LeadID(id), orgID: org, firstName: "Lupe", phone: phone, phoneLineType: .mobile, email: email, usState: state,
                 timeZone: zone, language: .es, state: state0, createdAt: RuntimeHarness.start, campaignID: RuntimeHarness.campaign)
        }
        let leads = [
            lead("dallas", phone: "+12145550100"),
            lead("explicit", phone: "+12145550101", zone: "America/Los_Angeles"),
            lead("san-juan", phone: nil, state: "PR", email: "pr@example.com"),
            lead("unknown", phone: nil, email: "x@example.com"),
            lead("opted-out", phone: "+12145550102", lead: .doNotContact),
        ]
        _ = try await h.store.importLeads(leads, org: org, campaign: RuntimeHarness.campaign)
        let health = RuntimeHealth(startedAt: RuntimeHarness.start)
        let config = h.configuration()
        let enrolment = EnrollmentService(store: h.store, configuration: config, clock: h.clock, logger: h.logger, health: health)
        #expect(await enrolment.runOnce() == 0, "new leads wait for enrichment")

        let enrichment = EnrichmentService(store: h.store, configuration: config, clock: h.clock, logger: h.logger, health: health)
        #expect(await enrichment.runOnce() == 4)
        #expect(await enrichment.runOnce() == 0, "a second pass finds nothing new")
        func stored(_ id: String) async throws -> Lead { try #require(try await h.store.lead(LeadID(id), org: org)) }
        let dallas = try await stored("dallas")
        #expect(dallas.state == .enriched && dallas.timeZone == "America/Chicago" && dallas.usState == "TX" && dallas.timeZoneSource == .phone)
        let explicit = try await stored("explicit")
        #expect(explicit.timeZone == "America/Los_Angeles" && explicit.timeZoneSource == .explicit && explicit.usState == "TX")
        let pr = try await stored("san-juan")
        #expect(pr.timeZone == "America/Puerto_Rico" && pr.timeZoneSource == .state)
        let unknown = try await stored("unknown")
        #expect(unknown.timeZone == "America/New_York" && unknown.timeZoneSource == .fallback)
        #expect(try await stored("opted-out").state == .doNotContact)
        #expect(try await h.store.leadStateEvents(lead: LeadID("dallas"), org: org).last?.reason == "enriched: time zone from phone")
        #expect(await health.snapshot().loops.contains { $0.name == "enrichment" && $0.lastError == nil })

        #expect(await enrolment.runOnce() == 4)
    }
}
