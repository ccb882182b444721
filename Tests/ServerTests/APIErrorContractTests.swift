import Foundation
import Hummingbird
import HummingbirdTesting
import RevenueCore
import Server
import Testing

/// The API's error contract (always JSON, snake_case, unknown parameters and fields refused, dates named) and the
/// appointment rules, over the real router on SQLite: each wrong input's status, that the message names the place,
/// and that the store is unchanged afterwards.
@Suite struct APIErrorContractTests {
    static let lead: LeadID = "org-a-lead"
    static let future = "2026-12-04T15:00:00Z"

    /// What a wrong request must not change: the org's appointments, the lead's state and its state history.
    struct Snapshot: Equatable {
        var appointments: [Appointment]
        var state: LeadState?
        var stateEvents: Int
        var campaigns: [CampaignStatus]

        static func take(_ fixture: Fixture) async throws -> Snapshot {
            let store = fixture.store
            return Snapshot(
                appointments: try await store.appointments(org: Fixture.orgA, from: .distantPast, to: .distantFuture),
                state: try await store.lead(lead, org: Fixture.orgA)?.state,
                stateEvents: try await store.leadStateEvents(lead: lead, org: Fixture.orgA).count,
                campaigns: try await store.campaigns(org: Fixture.orgA, status: nil).map(\.status))
        }
    }

    /// The `error` object of a JSON error answer.
    static func error(_ response: TestResponse) throws -> (code: String, message: String) {
        let error = try json(response.body)["error"] as? [String: Any]
        return (error?["code"] as? String ?? "<no code>", error?["message"] as? String ?? "<no message>")
    }

    @Test func unknownRoutesAndMethodsAnswerJSON() async throws {
        let fixture = try await Fixture.make()
        let app = Application(router: fixture.router())
        try await app.test(.router) { client in
            for uri in ["/api/nope", "/api/leads/org-a-lead/nothing", "/nothing"] {
                try await client.execute(uri: uri, method: .get, headers: .bearer(fixture.tokenA)) { response in
                    #expect(response.status == .notFound, "\(uri)")
                    #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                    let error = try Self.error(response)
                    #expect(error.code == "not_found")
                }
            }
            try await client.execute(uri: "/api/leads", method: .delete, headers: .bearer(fixture.tokenA)) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET")
                let error = try Self.error(response)
                #expect(error.code == "method_not_allowed")
                #expect(error.message.contains("GET"))
            }
            try await client.execute(uri: "/api/appointments/apt_1/outcome", method: .get, headers: .bearer(fixture.tokenA)) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "POST")
            }
        }
    }

    @Test(arguments: [
        ("/api/leads?stat=engaged", "stat", "state, campaign, channel, limit, offset"),
        ("/api/leads/org-a-lead/timeline?since=1", "since", "no query parameters"),
        ("/api/health?verbose=1", "verbose", "no query parameters"),
        ("/api/clients?status=active", "status", "no query parameters"),
        ("/api/clients/org-a-client?x=1", "x", "no query parameters"),
        ("/api/campaigns?stauts=paused", "stauts", "accepted: status"),
        ("/api/campaigns/org-a-campaign?full=1", "full", "no query parameters"),
    ])
    func unknownQueryParametersAre400(uri: String, parameter: String, accepted: String) async throws {
        let fixture = try await Fixture.make()
        let app = Application(router: fixture.router())
        try await app.test(.router) { client in
            try await client.execute(uri: uri, method: .get, headers: .bearer(fixture.tokenA)) { response in
                #expect(response.status == .badRequest)
                let error = try Self.error(response)
                #expect(error.code == "bad_request")
                #expect(error.message.contains("unknown query parameter \(parameter)"), "\(error.message)")
                #expect(error.message.contains(accepted), "\(error.message)")
            }
        }
    }

    @Test func writesWithUnknownQueryParametersChangeNothing() async throws {
        let fixture = try await Fixture.make()
        let before = try await Snapshot.take(fixture)
        let app = Application(router: fixture.router())
        try await app.test(.router) { client in
            let requests: [(String, HTTPRequest.Method, String?)] = [
                ("/api/campaigns/org-a-campaign/pause?now=1", .post, nil),
                ("/api/clients/org-a-client?dry=1", .patch, #"{"name":"Other"}"#),
                ("/api/appointments?force=1", .post, #"{"lead_id":"org-a-lead","starts_at":"\#(Self.future)","zone":"America/Chicago"}"#),
            ]
            for (uri, method, body) in requests {
                try await client.execute(uri: uri, method: method, headers: .bearer(fixture.tokenA), body: body.map { ByteBuffer(string: $0) }) { response in
                    #expect(response.status == .badRequest, "\(uri)")
                    let error = try Self.error(response)
                    #expect(error.message.contains("unknown query parameter"))
                }
            }
        }
        #expect(try await Snapshot.take(fixture) == before)
        #expect(try await fixture.store.client("org-a-client", org: Fixture.orgA)?.name == "Client")
    }

    @Test(arguments: [
        (#"{"lead_id":"org-a-lead","starts_at":"2026-12-04T15:00:00Z","zone":"America/Chicago","lead":"x"}"#, ["unknown field lead", "lead_id"]),
        (#"{"lead_id":5,"starts_at":"2026-12-04T15:00:00Z","zone":"America/Chicago"}"#, ["lead_id", "wrong type"]),
        (#"{"lead_id":"org-a-lead","starts_at":"2026-12-04","zone":"America/Chicago"}"#, ["starts_at", "ISO 8601", "with a zone"]),
        (#"{"lead_id":"org-a-lead","starts_at":"2026-12-04T10:00:00","zone":"America/Chicago"}"#, ["starts_at", "ISO 8601"]),
        (#"{"lead_id":"org-a-lead","starts_at":1790000000,"zone":"America/Chicago"}"#, ["starts_at"]),
        (#"{"lead_id":"org-a-lead","starts_at":"2026-12-04T15:00:00Z"}"#, ["missing field zone"]),
        (#"{"lead_id":"org-a-lead","starts_at":"2026-12-04T15:00:00Z","zone":"Mars/Olympus"}"#, ["zone", "IANA"]),
        (#"{"lead_id":"org-a-lead","starts_at":"2026-12-04T15:00:00Z","zone":"EST"}"#, ["zone", "IANA"]),
        (#"{"lead_id":"org-a-lead","starts_at":"2026-12-04T15:00:00Z","zone":"America/Chicago","channel":"fax"}"#, ["channel", "sms"]),
        (#"{"lead_id":"org-a-lead","starts_at":"2026-09-20T15:00:00Z","zone":"America/Chicago"}"#, ["starts_at", "future"]),
        (#"{"lead_id":"org-a-lead","starts_at":"2026-12-04T15:00:00Z","zone":"America/Chicago","reschedules":"apt_nope"}"#, ["reschedules"]),
        (#"["org-a-lead"]"#, ["JSON object"]),
        (#"{"lead_id":"org-a-lead","#, ["not valid JSON"]),
    ])
    func badBookingsNameTheFieldAndChangeNothing(body: String, mentions: [String]) async throws {
        let fixture = try await Fixture.make()
        let before = try await Snapshot.take(fixture)
        let app = Application(router: fixture.router())
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/appointments", method: .post, headers: .bearer(fixture.tokenA), body: ByteBuffer(string: body)) { response in
                #expect(response.status == (mentions == ["reschedules"] ? .conflict : .badRequest))
                let error = try Self.error(response)
                for word in mentions { #expect(error.message.contains(word), "\(error.message) should name \(word)") }
                #expect(!error.message.contains("leadId") && !error.message.contains("startsAt"))
            }
        }
        #expect(try await Snapshot.take(fixture) == before)
    }

    /// Books `body` and returns the answer's JSON.
    static func book(_ client: some TestClientProtocol, _ fixture: Fixture, _ body: String, expect status: HTTPResponse.Status) async throws -> [String: Any] {
        try await client.execute(uri: "/api/appointments", method: .post, headers: .bearer(fixture.tokenA), body: ByteBuffer(string: body)) { response in
            #expect(response.status == status, "\(response.body.text)")
            return try json(response.body)
        }
    }

    @Test func aSecondLiveAppointmentIsRefusedUnlessItReschedules() async throws {
        let fixture = try await Fixture.make()
        let app = Application(router: fixture.router())
        let booking = #"{"lead_id":"org-a-lead","starts_at":"\#(Self.future)","zone":"America/Chicago"}"#
        let (first, second) = try await app.test(.router) { client in
            let first = try await Self.book(client, fixture, booking, expect: .created)
            let firstID = (first["appointment"] as? [String: Any])?["id"] as? String ?? ""
            #expect((first["warnings"] as? [Any])?.isEmpty == true)
            let before = try await Snapshot.take(fixture)
            let refused = try await Self.book(client, fixture, booking, expect: .conflict)
            let message = (refused["error"] as? [String: Any])?["message"] as? String ?? ""
            #expect(message.contains("reschedules") && message.contains(firstID))
            #expect(try await Snapshot.take(fixture) == before)
            let moved = #"{"lead_id":"org-a-lead","starts_at":"2026-12-05T15:00:00Z","zone":"America/Chicago","reschedules":"\#(firstID)"}"#
            let second = try await Self.book(client, fixture, moved, expect: .created)
            #expect(second["rescheduled"] as? String == firstID)
            // The replaced appointment is settled: it cannot be rescheduled again.
            let again = #"{"lead_id":"org-a-lead","starts_at":"2026-12-06T15:00:00Z","zone":"America/Chicago","reschedules":"\#(firstID)"}"#
            _ = try await Self.book(client, fixture, again, expect: .conflict)
            return (firstID, (second["appointment"] as? [String: Any])?["id"] as? String ?? "")
        }
        let all = try await fixture.store.appointments(org: Fixture.orgA, from: .distantPast, to: .distantFuture)
        #expect(all.filter { $0.status == .scheduled }.map(\.id.rawValue) == [second])
        #expect(all.first { $0.id.rawValue == first }?.status == .rescheduled)
        #expect(try await fixture.store.lead(Self.lead, org: Fixture.orgA)?.state == .appointmentScheduled)
    }

    @Test func aZoneAwayFromTheLeadsIsAcceptedWithAWarning() async throws {
        let fixture = try await Fixture.make()
        let app = Application(router: fixture.router())
        try await app.test(.router) { client in
            let answer = try await Self.book(
                client, fixture, #"{"lead_id":"org-a-lead","starts_at":"\#(Self.future)","zone":"Asia/Tokyo"}"#, expect: .created)
            let warnings = answer["warnings"] as? [String] ?? []
            #expect(warnings.count == 1)
            #expect(warnings.first?.contains("America/Chicago") == true && warnings.first?.contains("Asia/Tokyo") == true)
        }
    }

    @Test func outcomesOnlyInASensibleOrderAndTime() async throws {
        let fixture = try await Fixture.make()
        let store = fixture.store
        // One appointment that already started (written directly) and one two days ahead (booked through the API).
        let past = Appointment(
            id: "apt_past", orgID: Fixture.orgA, leadID: Self.lead, campaignID: "org-a-campaign",
            startsAt: Fixture.now.addingTimeInterval(-3600), timeZone: "America/Chicago")
        try await store.createAppointment(past, notifications: [], reminders: [], org: Fixture.orgA)
        try await store.updateLeadState(LeadStateChange(leadID: Self.lead, to: .appointmentScheduled, reason: "test"), org: Fixture.orgA, at: Fixture.now)
        let app = Application(router: fixture.router())
        try await app.test(.router) { client in
            func outcome(_ id: String, _ body: String, expect status: HTTPResponse.Status, naming words: [String] = []) async throws {
                let before = try await Snapshot.take(fixture)
                try await client.execute(
                    uri: "/api/appointments/\(id)/outcome", method: .post, headers: .bearer(fixture.tokenA), body: ByteBuffer(string: body)
                ) { response in
                    #expect(response.status == status, "\(id) \(body): \(response.body.text)")
                    if status != .ok {
                        let message = try Self.error(response).message
                        for word in words { #expect(message.contains(word), "\(message) should name \(word)") }
                    }
                }
                if status != .ok { #expect(try await Snapshot.take(fixture) == before, "\(id) \(body)") }
            }
            // A settled appointment first: the API refuses a second live one, so settle `apt_past` by a show.
            try await outcome("apt_past", #"{"outcome":"show","note":"x"}"#, expect: .badRequest, naming: ["unknown field note", "outcome"])
            try await outcome("apt_past", #"{"outcome":"maybe"}"#, expect: .badRequest, naming: ["outcome", "no_show"])
            try await outcome("apt_past", #"{"outcome":"show"}"#, expect: .ok)
            try await outcome("apt_past", #"{"outcome":"no_show"}"#, expect: .conflict, naming: ["settled", "completed"])
            try await outcome("apt_past", #"{"outcome":"cancelled"}"#, expect: .conflict, naming: ["settled"])
            #expect(try await store.lead(Self.lead, org: Fixture.orgA)?.state == .appointmentCompleted)
            #expect(try await store.appointment("apt_past", org: Fixture.orgA)?.outcome == .show)

            let ahead = try await Self.book(
                client, fixture, #"{"lead_id":"org-a-lead","starts_at":"2026-09-23T15:00:00Z","zone":"America/Chicago"}"#, expect: .created)
            let id = (ahead["appointment"] as? [String: Any])?["id"] as? String ?? ""
            try await outcome(id, #"{"outcome":"show"}"#, expect: .badRequest, naming: ["outcome", "before the appointment starts"])
            try await outcome(id, #"{"outcome":"no_show"}"#, expect: .badRequest, naming: ["outcome", "before the appointment starts"])
            try await outcome(id, #"{"outcome":"cancelled"}"#, expect: .ok)
            try await outcome(id, #"{"outcome":"no_show"}"#, expect: .conflict, naming: ["settled", "cancelled"])
            #expect(try await store.lead(Self.lead, org: Fixture.orgA)?.state == .engaged)
            #expect(try await store.appointment(AppointmentID(id), org: Fixture.orgA)?.outcome == .cancelled)
        }
    }
}
