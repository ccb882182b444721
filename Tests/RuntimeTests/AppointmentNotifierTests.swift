import Foundation
import RevenueCore
import Runtime
import Testing

@Suite("Appointments through the runtime")
struct AppointmentNotifierTests {
    @Test("planning a booking writes nothing; booking stores exactly the planned reminders before the start")
    func planThenBook() async throws {
        let harness = try await RuntimeHarness(leads: 1)
        defer { harness.cleanup() }
        let notifier = AppointmentNotifier(store: harness.store, directory: CampaignDirectory(store: harness.store), logger: harness.logger)
        let lead = try #require(try await harness.store.lead(LeadID("lead-0000"), org: RuntimeHarness.org))
        let startsAt = RuntimeHarness.start.addingTimeInterval(3 * 86_400)
        let appointment = Appointment(id: "apt-1", orgID: RuntimeHarness.org, leadID: lead.id, campaignID: RuntimeHarness.campaign,
                                      startsAt: startsAt, timeZone: "America/New_York")

        let plan = try await notifier.planBooking(appointment, lead: lead, now: RuntimeHarness.start)
        #expect(plan.leadState?.to == .appointmentScheduled)
        #expect(!plan.reminders.isEmpty)
        #expect(plan.reminders.allSatisfy { (200...209).contains($0.step) && $0.scheduledAt < startsAt })
        #expect(plan.notifications.map(\.step) == plan.reminders.map(\.step))
        #expect(try await harness.store.appointment("apt-1", org: RuntimeHarness.org) == nil, "planning must not write")

        try await notifier.book(appointment, now: RuntimeHarness.start)
        let stored = try await harness.touches(lead.id).filter { (200...209).contains($0.step) }
        #expect(stored.map(\.step).sorted() == plan.reminders.map(\.step).sorted())
        #expect(try await harness.store.lead(lead.id, org: RuntimeHarness.org)?.state == .appointmentScheduled)
    }
}
