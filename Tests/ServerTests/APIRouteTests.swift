import Foundation
import Hummingbird
import HummingbirdTesting
import Prometheus
import RevenueCore
import Server
import Testing

@Suite struct APIRouteTests {
    @Test func missingOrBadTokenIs401WithJSONError() async throws {
        let fixture = try await Fixture.make()
        let app = Application(router: fixture.router())
        try await app.test(.router) { client in
            for headers in [HTTPFields(), .bearer("revasi_not-a-token"), [.authorization: "Basic abc"]] {
                try await client.execute(uri: "/api/leads", method: .get, headers: headers) { response in
                    #expect(response.status == .unauthorized)
                    let error = try json(response.body)["error"] as? [String: Any]
                    #expect(error?["code"] as? String == "unauthorized")
                }
            }
        }
    }

    @Test func tokenSeesOnlyItsOrgsLeads() async throws {
        let fixture = try await Fixture.make()
        let app = Application(router: fixture.router())
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/leads", method: .get, headers: .bearer(fixture.tokenA)) { response in
                #expect(response.status == .ok)
                let leads = try json(response.body)["leads"] as? [[String: Any]] ?? []
                #expect(leads.map { $0["id"] as? String } == ["org-a-lead"])
                #expect(leads.first?["campaign_id"] as? String == "org-a-campaign")
            }
            try await client.execute(uri: "/api/leads", method: .get, headers: .bearer(fixture.tokenB)) { response in
                let leads = try json(response.body)["leads"] as? [[String: Any]] ?? []
                #expect(leads.map { $0["id"] as? String } == ["org-b-lead"])
            }
            // Filters: another org's campaign yields nothing; a bad state is a 400.
            try await client.execute(uri: "/api/leads?campaign=org-b-campaign", method: .get, headers: .bearer(fixture.tokenA)) { response in
                let leads = try json(response.body)["leads"] as? [Any]
                #expect(leads?.isEmpty == true)
            }
            try await client.execute(uri: "/api/leads?state=nonsense", method: .get, headers: .bearer(fixture.tokenA)) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/api/leads?state=attempting&limit=1", method: .get, headers: .bearer(fixture.tokenA)) { response in
                let body = try json(response.body)
                #expect((body["leads"] as? [Any])?.count == 1)
                #expect(body["limit"] as? Int == 1)
            }
        }
    }

    @Test func timelineIsOrderedScopedAndSaysWhy() async throws {
        let fixture = try await Fixture.make()
        let store = fixture.store
        let org = Fixture.orgA
        let lead: LeadID = "org-a-lead"
        let t0 = Fixture.now
        func touch(_ id: String, step: Int, at: Date, status: TouchStatus, reason: String) -> TouchRun {
            TouchRun(
                id: TouchID(id), orgID: org, leadID: lead, campaignID: "org-a-campaign", channel: .sms, step: step, status: status,
                scheduledAt: at, payload: TouchPayload(message: "Hola", template: "intro", reason: reason, kind: .cadence, language: .es),
                idempotencyKey: "key-\(id)", playbookHash: "h")
        }
        try await store.enqueue([
            touch("t2", step: 2, at: t0.addingTimeInterval(7200), status: .queued, reason: "deferred: quiet hours until 09:00"),
            touch("t1", step: 1, at: t0.addingTimeInterval(60), status: .queued, reason: "step 1"),
        ], org: org)
        try await store.appendMessage(
            Message(id: "m1", orgID: org, leadID: lead, channel: .sms, direction: .inbound, body: "sí", at: t0.addingTimeInterval(3600)), org: org)
        try await store.updateLeadState(LeadStateChange(leadID: lead, to: .engaged, reason: "replied on sms"), org: org, at: t0.addingTimeInterval(3601))
        let app = Application(router: fixture.router())
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/leads/org-a-lead/timeline", method: .get, headers: .bearer(fixture.tokenA)) { response in
                #expect(response.status == .ok)
                let entries = try json(response.body)["entries"] as? [[String: Any]] ?? []
                #expect(entries.map { $0["kind"] as? String } == ["touch", "message", "state_change", "touch"])
                #expect(entries.last?["reason"] as? String == "deferred: quiet hours until 09:00")
                #expect(entries[2]["to"] as? String == "engaged")
            }
            // Org B's token never sees org A's lead.
            try await client.execute(uri: "/api/leads/org-a-lead/timeline", method: .get, headers: .bearer(fixture.tokenB)) { response in
                #expect(response.status == .notFound)
                #expect(!response.body.text.contains("Ana"))
            }
        }
    }

    @Test func bookingAndOutcomeMoveTheLeadAndStayInTheOrg() async throws {
        let fixture = try await Fixture.make()
        let app = Application(router: fixture.router())
        let appointmentID = try await app.test(.router) { client in
            let booking = #"{"lead_id":"org-a-lead","starts_at":"2026-09-22T15:00:00Z","zone":"America/Chicago"}"#
            let appointmentID = try await client.execute(
                uri: "/api/appointments", method: .post, headers: .bearer(fixture.tokenA), body: ByteBuffer(string: booking)
            ) { response in
                #expect(response.status == .created)
                let appointment = try json(response.body)["appointment"] as? [String: Any]
                #expect(appointment?["status"] as? String == "scheduled")
                return appointment?["id"] as? String ?? ""
            }
            // Org B cannot book for org A's lead, nor set the outcome of org A's appointment.
            try await client.execute(
                uri: "/api/appointments", method: .post, headers: .bearer(fixture.tokenB), body: ByteBuffer(string: booking)
            ) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(
                uri: "/api/appointments/\(appointmentID)/outcome", method: .post, headers: .bearer(fixture.tokenB),
                body: ByteBuffer(string: #"{"outcome":"show"}"#)
            ) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(
                uri: "/api/appointments", method: .post, headers: .bearer(fixture.tokenA),
                body: ByteBuffer(string: #"{"lead_id":"org-a-lead","starts_at":"2026-09-22T15:00:00Z","zone":"Mars/Olympus"}"#)
            ) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(
                uri: "/api/appointments/\(appointmentID)/outcome", method: .post, headers: .bearer(fixture.tokenA),
                body: ByteBuffer(string: #"{"outcome":"maybe"}"#)
            ) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(
                uri: "/api/appointments/\(appointmentID)/outcome", method: .post, headers: .bearer(fixture.tokenA),
                body: ByteBuffer(string: #"{"outcome":"cancelled"}"#)
            ) { response in
                // `show`/`no_show` wait for the start (APIErrorContractTests); cancelling may come first.
                #expect(response.status == .ok)
                let appointment = try json(response.body)["appointment"] as? [String: Any]
                #expect(appointment?["status"] as? String == "cancelled")
            }
            return appointmentID
        }
        let appointment = try await fixture.store.appointment(AppointmentID(appointmentID), org: Fixture.orgA)
        #expect(appointment?.outcome == .cancelled)
        #expect(try await fixture.store.appointment(AppointmentID(appointmentID), org: Fixture.orgB) == nil)
        let states = try await fixture.store.leadStateEvents(lead: "org-a-lead", org: Fixture.orgA).map(\.to)
        #expect(states == [.appointmentScheduled, .engaged])
    }

    @Test func healthReportsLoopsAndQueueOfTheOrg() async throws {
        let fixture = try await Fixture.make()
        let app = Application(router: fixture.router())
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/health", method: .get, headers: .bearer(fixture.tokenA)) { response in
                #expect(response.status == .ok)
                let body = try json(response.body)
                #expect(body["status"] as? String == "ok")
                #expect((body["loops"] as? [[String: Any]])?.first?["name"] as? String == "dispatch")
                #expect(body["queue_depth"] as? Int == 0)
            }
        }
    }

    @Test func metricsAreExposedInPrometheusText() async throws {
        let fixture = try await Fixture.make()
        let registry = PrometheusCollectorRegistry()
        let app = Application(router: fixture.router(metrics: registry))
        try await app.test(.router) { client in
            try await client.execute(uri: "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1", method: .get) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                let text = response.body.text
                #expect(text.contains(#"revasi_webhook_requests_total{route="/webhooks/whatsapp",status="404"} 1"#))
                #expect(text.contains(#"revasi_queue_depth{channel="sms"} 0"#))
            }
        }
    }
}
