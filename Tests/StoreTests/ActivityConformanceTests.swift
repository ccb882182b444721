import Foundation
import RevenueCore
import Testing

/// Appointments, conversations, playbooks and event logs, on every store.
@Suite struct ActivityConformanceTests {
    @Test(arguments: StoreKind.testable)
    func appointmentRemindersAndOutcomeFollowUps(kind: StoreKind) async throws {
        try await withStore(kind) { store async throws in
            try await tenantA.seed(store)
            let lead = tenantA.lead(1)
            try await store.upsertLead(lead, org: tenantA.org)
            let startsAt = t0.addingTimeInterval(3 * 86_400)
            let appointment = Appointment(
                id: "appt-1", orgID: tenantA.org, leadID: lead.id, campaignID: tenantA.campaign, channel: .voice, startsAt: startsAt,
                timeZone: "America/New_York")
            let reminders = [200, 201].map {
                var r = tenantA.touch(lead.id, step: $0, due: startsAt.addingTimeInterval($0 == 200 ? -86_400 : -3600))
                r.appointmentID = "appt-1"
                return r
            }
            let notifications = reminders.map {
                AppointmentNotification(id: "n-\($0.step)", orgID: tenantA.org, appointmentID: "appt-1", step: $0.step, remindAt: $0.scheduledAt, touchID: $0.id)
            }
            try await store.createAppointment(appointment, notifications: notifications, reminders: reminders, org: tenantA.org)
            #expect(try await store.appointment("appt-1", org: tenantA.org) == appointment)
            #expect(try await store.appointmentNotifications(appointment: "appt-1", org: tenantA.org) == notifications)
            #expect(try await store.appointments(org: tenantA.org, from: t0, to: startsAt).isEmpty, "end is exclusive")
            #expect(try await store.appointments(org: tenantA.org, from: t0, to: startsAt.addingTimeInterval(1)).map(\.id) == ["appt-1"])
            #expect(try await store.appointment("appt-1", org: tenantB.org) == nil)

            #expect(try await store.touches(lead: lead.id, org: tenantA.org) == reminders, "reminders keep their appointment")

            var followUp = tenantA.touch(lead.id, step: 210, due: startsAt.addingTimeInterval(3600))
            followUp.appointmentID = "appt-1"
            try await store.setAppointmentOutcome(
                "appt-1", org: tenantA.org, status: .noShow, outcome: .noShow, followUps: [followUp],
                leadState: LeadStateChange(leadID: lead.id, to: .attempting, reason: "no-show"), at: startsAt)
            let stored = try #require(try await store.appointment("appt-1", org: tenantA.org))
            #expect(stored.status == .noShow && stored.outcome == .noShow)
            let statuses = Dictionary(uniqueKeysWithValues: try await store.touches(lead: lead.id, org: tenantA.org).map { ($0.step, $0.status) })
            #expect(statuses == [200: .cancelled, 201: .cancelled, 210: .queued])
            #expect(try await store.touch(followUp.id, org: tenantA.org)?.appointmentID == "appt-1")
            #expect(try await store.lead(lead.id, org: tenantA.org)?.state == .attempting)
        }
    }

    @Test(arguments: StoreKind.testable)
    func messagesThreadByLeadAndChannelAndRedeliveriesAreIgnored(kind: StoreKind) async throws {
        try await withStore(kind) { store async throws in
            try await tenantA.seed(store)
            let lead = tenantA.lead(1)
            try await store.upsertLead(lead, org: tenantA.org)
            let out = Message(id: "m1", orgID: tenantA.org, leadID: lead.id, channel: .sms, direction: .outbound, body: "Hola", providerMessageID: "SM1", at: t0)
            let reply = Message(id: "m2", orgID: tenantA.org, leadID: lead.id, channel: .sms, direction: .inbound, body: "Sí, me interesa", providerMessageID: "SM2", at: t0.addingTimeInterval(60))
            #expect(try await store.appendMessage(out, org: tenantA.org))
            #expect(try await store.appendMessage(reply, org: tenantA.org))
            var redelivered = reply
            redelivered.id = "m3"
            #expect(try await store.appendMessage(redelivered, org: tenantA.org) == false)

            let conversations = try await store.conversations(lead: lead.id, org: tenantA.org)
            #expect(conversations.map(\.id) == [out.conversationID])
            #expect(conversations.first?.lastMessageAt == t0.addingTimeInterval(60))
            #expect(try await store.messages(conversation: out.conversationID, org: tenantA.org) == [out, reply])
            #expect(try await store.messages(conversation: out.conversationID, org: tenantB.org).isEmpty)
        }
    }

    @Test(arguments: StoreKind.testable)
    func playbookVersionsArePinnedByHash(kind: StoreKind) async throws {
        try await withStore(kind) { store async throws in
            try await tenantA.seed(store)
            let v1 = PlaybookVersion(orgID: tenantA.org, playbookID: "auto-es", version: 1, contentHash: "aaa", sourceYAML: "id: auto-es\n", compiledJSON: #"{"id":"auto-es"}"#, createdAt: t0)
            var v2 = v1
            v2.version = 2
            v2.contentHash = "bbb"
            try await store.savePlaybookVersion(v1, org: tenantA.org)
            try await store.savePlaybookVersion(v1, org: tenantA.org)  // same content again: fine
            try await store.savePlaybookVersion(v2, org: tenantA.org)
            var clash = v1
            clash.contentHash = "ccc"
            await #expect(throws: StoreError.playbookVersionTaken) { try await store.savePlaybookVersion(clash, org: tenantA.org) }

            #expect(try await store.playbookVersions(playbook: "auto-es", org: tenantA.org).map(\.version) == [1, 2])
            #expect(try await store.playbookVersion(contentHash: "bbb", org: tenantA.org)?.version == 2)
            let stored = try #require(try await store.playbookVersion(playbook: "auto-es", version: 1, org: tenantA.org))
            #expect(stored.sourceYAML == v1.sourceYAML)
            #expect(try JSONSerialization.jsonObject(with: Data(stored.compiledJSON.utf8)) as? [String: String] == ["id": "auto-es"])
            #expect(try await store.playbookVersion(contentHash: "aaa", org: tenantB.org) == nil)
        }
    }

    @Test(arguments: StoreKind.testable)
    func eventsAreLoggedPerOrgNewestFirst(kind: StoreKind) async throws {
        try await withStore(kind) { store async throws in
            try await tenantA.seed(store)
            let first = try await store.recordCoreEvent(CoreMemoryEvent(
                engine: "dispatcher", orgID: tenantA.org, campaignID: tenantA.campaign, errorCode: "E_PROVIDER", message: "provider down", at: t0))
            let second = try await store.recordCoreEvent(CoreMemoryEvent(engine: "import", orgID: tenantA.org, message: "5 leads", at: t0.addingTimeInterval(1)))
            try await store.recordCoreEvent(CoreMemoryEvent(engine: "daemon", orgID: nil, message: "started", at: t0))
            #expect(second > first)
            let events = try await store.coreEvents(org: tenantA.org, engine: nil, limit: 10)
            #expect(events.map(\.message) == ["5 leads", "provider down"])
            #expect(events.last?.errorCode == "E_PROVIDER" && events.last?.campaignID == tenantA.campaign)
            #expect(try await store.coreEvents(org: tenantA.org, engine: "dispatcher", limit: 10).map(\.id) == [first])

            let id = try await store.recordDirectorEvent(
                DirectorEvent(orgID: tenantA.org, campaignID: tenantA.campaign, kind: "campaign.paused", summary: "no answers", detailJSON: #"{"rate":0}"#, at: t0),
                org: tenantA.org)
            let director = try await store.directorEvents(org: tenantA.org, limit: 5)
            #expect(director.map(\.id) == [id] && director.first?.kind == "campaign.paused")
            #expect(try await store.directorEvents(org: tenantB.org, limit: 5).isEmpty)
        }
    }

    @Test(arguments: StoreKind.testable)
    func clientsAndCampaignsRoundTrip(kind: StoreKind) async throws {
        try await withStore(kind) { store async throws in
            try await tenantA.seed(store)
            let client = try #require(try await store.client(tenantA.client, org: tenantA.org))
            #expect(client.allowedChannels == [.voice, .sms] && client.limits.touchesPerLeadPerDay == 3 && client.tone == "formal")
            var campaign = try #require(try await store.campaign(tenantA.campaign, org: tenantA.org))
            #expect(campaign.monthlyAppointmentTarget == 15 && campaign.geography == "FL")
            campaign.status = .paused
            try await store.saveCampaign(campaign, org: tenantA.org)
            #expect(try await store.campaigns(org: tenantA.org, status: .paused).map(\.id) == [tenantA.campaign])
            #expect(try await store.campaigns(org: tenantA.org, status: .active).isEmpty)
            #expect(try await store.orgs().map(\.id) == [tenantA.org])
        }
    }
}
