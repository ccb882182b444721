import Foundation
import Hummingbird
import HummingbirdTesting
import RevenueCore
import Server
import Testing

/// `GET`/`PATCH /api/clients…` and `GET`/`POST /api/campaigns…`, over the router with a real SQLite store.
@Suite struct ClientCampaignRouteTests {
    static func body(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

    @Test func clientsAreListedAndShownPerOrgOnly() async throws {
        let fixture = try await Fixture.make()
        let app = Application(router: fixture.router())
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/clients", method: .get, headers: .bearer(fixture.tokenA)) { response in
                #expect(response.status == .ok)
                let clients = try json(response.body)["clients"] as? [[String: Any]] ?? []
                #expect(clients.map { $0["id"] as? String } == ["org-a-client"])
                #expect(clients.first?["time_zone"] as? String == "America/Chicago")
                #expect(clients.first?.keys.contains("phone") == true, "unset values are null, not missing")
            }
            try await client.execute(uri: "/api/clients/org-a-client", method: .get, headers: .bearer(fixture.tokenA)) { response in
                #expect(response.status == .ok)
                let value = try json(response.body)["status"] as? String
                #expect(value == "active")
            }
            // Another org's client does not exist for this token.
            for method in [HTTPRequest.Method.get, .patch] {
                try await client.execute(uri: "/api/clients/org-b-client", method: method, headers: .bearer(fixture.tokenA),
                                         body: Self.body(#"{"name": "taken"}"#)) { response in
                    #expect(response.status == .notFound)
                    let error = try json(response.body)["error"] as? [String: Any]
                    #expect(error?["code"] as? String == "not_found")
                }
            }
            try await client.execute(uri: "/api/clients", method: .get) { response in #expect(response.status == .unauthorized) }
        }
        #expect(try await fixture.store.client("org-b-client", org: Fixture.orgB)?.name == "Client")
    }

    @Test func patchAppliesTheFileKeysAndRecordsAClientPause() async throws {
        let fixture = try await Fixture.make()
        let app = Application(router: fixture.router())
        let patch = #"""
            {"agent_name": "Sofía", "phone": "+13125550100", "booking_link": "https://sonrisa.example/citas",
             "send_window": {"days": ["mon", "tue"], "start": "09:00", "end": "18:00"},
             "limits": {"calls_per_day": 40, "per_channel_per_hour": {"sms": 100}}, "status": "paused"}
            """#
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/clients/org-a-client", method: .patch, headers: .bearer(fixture.tokenA), body: Self.body(patch)) { response in
                #expect(response.status == .ok)
                let body = try json(response.body)
                #expect(body["phone"] as? String == "+13125550100")
                #expect(body["status"] as? String == "paused")
                #expect((body["send_window"] as? [String: Any])?["start"] as? String == "09:00")
                #expect((body["limits"] as? [String: Any])?["calls_per_day"] as? Int == 40)
            }
            // null clears an optional value; absent keys stay.
            try await client.execute(uri: "/api/clients/org-a-client", method: .patch, headers: .bearer(fixture.tokenA),
                                     body: Self.body(#"{"booking_link": null}"#)) { response in
                let body = try json(response.body)
                #expect(body["booking_link"] is NSNull)
                #expect(body["agent_name"] as? String == "Sofía")
            }
        }
        let stored = try #require(try await fixture.store.client("org-a-client", org: Fixture.orgA))
        #expect(stored.profile.agentName == "Sofía")
        #expect(stored.profile.bookingLink == nil)
        #expect(stored.schedule == SendWindow(days: [.mon, .tue], startMinute: 540, endMinute: 1080))
        #expect(stored.limits.perChannelPerHour == [.sms: 100])
        #expect(stored.status == .paused)
        let events = try await fixture.store.coreEvents(org: Fixture.orgA, engine: "operator", limit: 10)
        #expect(events.map(\.message) == ["client org-a-client paused (was active) by api"])
    }

    @Test func badBodiesAre400sNamingTheFieldAndWriteNothing() async throws {
        let fixture = try await Fixture.make()
        let app = Application(router: fixture.router())
        let cases: [(String, String)] = [
            (#"{"name": "New name", "phnoe": "+13125550100"}"#, "phnoe: unknown key `phnoe` at the top level (did you mean `phone`?)"),
            (#"{"name": "New name", "phone": "555-0100"}"#, "phone: "),
            (#"{"name": "New name", "time_zone": "Mars/Olympus"}"#, "time_zone: `time_zone` is not an IANA time zone"),
            (#"{"name": "New name", "limits": {"calls_per_day": 0}}"#, "limits.calls_per_day: "),
            (#"{"name": "New name", "id": "someone-else"}"#, "id: "),
            (#"["name"]"#, "body: "),
            ("not json", "body: "),
        ]
        try await app.test(.router) { client in
            for (body, prefix) in cases {
                try await client.execute(uri: "/api/clients/org-a-client", method: .patch, headers: .bearer(fixture.tokenA), body: Self.body(body)) { response in
                    #expect(response.status == .badRequest, "\(body)")
                    let error = try json(response.body)["error"] as? [String: Any]
                    #expect(error?["code"] as? String == "bad_request")
                    let message = error?["message"] as? String ?? ""
                    #expect(message.hasPrefix(prefix), "\(message)")
                    #expect(!message.contains("555-0100"), "the value is never echoed")
                }
            }
        }
        #expect(try await fixture.store.client("org-a-client", org: Fixture.orgA)?.name == "Client")
    }

    @Test func campaignsListShowAndControls() async throws {
        let fixture = try await Fixture.make()
        let store = fixture.store
        let org = Fixture.orgA
        let campaign: CampaignID = "org-a-campaign"
        let touches = (1...3).map { step in
            TouchRun(
                id: TouchID("t\(step)"), orgID: org, leadID: "org-a-lead", campaignID: campaign, channel: .sms, step: step,
                scheduledAt: Fixture.now.addingTimeInterval(Double(step) * 60),
                payload: TouchPayload(message: "Hola", template: "intro", reason: "step", kind: .cadence, language: .es),
                idempotencyKey: "k\(step)", playbookHash: "h1")
        }
        try await store.enqueue(touches, org: org)
        let app = Application(router: fixture.router())
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/campaigns", method: .get, headers: .bearer(fixture.tokenA)) { response in
                let rows = try json(response.body)["campaigns"] as? [[String: Any]] ?? []
                #expect(rows.map { $0["id"] as? String } == ["org-a-campaign"])
                #expect(rows.first?["client_id"] as? String == "org-a-client")
            }
            try await client.execute(uri: "/api/campaigns?status=paused", method: .get, headers: .bearer(fixture.tokenA)) { response in
                let rows = try json(response.body)["campaigns"] as? [Any]
                #expect(rows?.isEmpty == true)
            }
            try await client.execute(uri: "/api/campaigns?status=sleeping", method: .get, headers: .bearer(fixture.tokenA)) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/api/campaigns/org-a-campaign", method: .get, headers: .bearer(fixture.tokenA)) { response in
                let body = try json(response.body)
                #expect(body["status"] as? String == "active")
                #expect(body["touches"] as? [String: Int] == ["queued": 3])
                #expect(body["leads"] as? [String: Int] == ["attempting": 1])
            }
            try await client.execute(uri: "/api/campaigns/org-b-campaign", method: .get, headers: .bearer(fixture.tokenA)) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/campaigns/org-b-campaign/pause", method: .post, headers: .bearer(fixture.tokenA)) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/campaigns/org-a-campaign/pause", method: .post, headers: .bearer(fixture.tokenA)) { response in
                let body = try json(response.body)
                #expect(body["status"] as? String == "paused")
                #expect(body["previous_status"] as? String == "active")
                #expect(body["changed"] as? Bool == true)
            }
            try await client.execute(uri: "/api/campaigns/org-a-campaign/pause", method: .post, headers: .bearer(fixture.tokenA)) { response in
                #expect(response.status == .ok)
                let value = try json(response.body)["changed"] as? Bool
                #expect(value == false)
            }
            try await client.execute(uri: "/api/campaigns/org-a-campaign/resume", method: .post, headers: .bearer(fixture.tokenA)) { response in
                let value = try json(response.body)["status"] as? String
                #expect(value == "active")
            }
            try await client.execute(uri: "/api/campaigns/org-a-campaign/archive", method: .post, headers: .bearer(fixture.tokenA)) { response in
                let body = try json(response.body)
                #expect(body["status"] as? String == "archived")
                #expect(body["cancelled_touches"] as? Int == 3)
            }
            try await client.execute(uri: "/api/campaigns/org-a-campaign/resume", method: .post, headers: .bearer(fixture.tokenA)) { response in
                #expect(response.status == .conflict)
                let error = try json(response.body)["error"] as? [String: Any]
                #expect(error?["code"] as? String == "conflict")
            }
        }
        #expect(try await store.touches(lead: "org-a-lead", org: org).map(\.status) == [.cancelled, .cancelled, .cancelled])
        #expect(try await store.touches(lead: "org-a-lead", org: org).map(\.error) == Array(repeating: "campaign archived", count: 3))
        #expect(try await store.campaign("org-b-campaign", org: Fixture.orgB)?.status == .active)
        let events = try await store.coreEvents(org: org, engine: "operator", limit: 10).map(\.message)
        #expect(events == [
            "campaign archived (was active) by api", "campaign active (was paused) by api", "campaign paused (was active) by api",
        ])
    }
}
