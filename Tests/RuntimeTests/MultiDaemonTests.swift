import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Logging
import ProviderHTTP
import RevenueCore
import RevenueTesting
import Server
import StorePostgres
import Testing
import TwilioChannel

/// Issue 11: several `revasi serve` processes on one database, as an operator scales out. Leads arrive `new`
/// (enrichment → enrolment → dispatch), a player answers as Twilio and the leads would (status callbacks,
/// replies, STOPs, some delivered to two daemons at once), the API books appointments on random daemons,
/// and daemons are killed with SIGKILL and restarted. At the end the invariants hold: every lead enrolled
/// once, every step sent at most once and every due step settled, every lead's state justified by its
/// history, nothing left claimed.
@Suite(.serialized) struct MultiDaemonTests {
    static let postgres = ProcessInfo.processInfo.environment["REVASI_TEST_POSTGRES_URL"]

    @Test(.enabled(if: RevasiCLI.binary != nil && postgres != nil, "needs the revasi executable and REVASI_TEST_POSTGRES_URL"))
    func threeDaemonsOnPostgreSQL() async throws {
        try await RuntimeHarness.withPostgres("multi", leads: 0, allowed: [.sms]) { h, url in
            try await Self.scenario(h, database: url, daemons: 3, leads: 240)
        }
    }

    @Test(.enabled(if: RevasiCLI.binary != nil, "needs the revasi executable built beside the tests"))
    func twoDaemonsOnOneSQLiteFile() async throws {
        let h = try await RuntimeHarness(leads: 0, allowed: [.sms])
        defer { h.cleanup() }
        try await Self.scenario(h, database: "sqlite:" + h.databasePath, daemons: 2, leads: 120)
    }

    /// Tuesday 10:00 in Miami, simulated time at 60× (a minute of the test is an hour of the day).
    static let start = Date(timeIntervalSince1970: 1_796_137_200)
    static let speed = 60.0
    static let twilio = FakeTwilio.Behavior()

    static func scenario(_ h: RuntimeHarness, database: String, daemons count: Int, leads n: Int) async throws {
        // Leads written `new` by "another system": no zone yet; every 20th has no phone (unreachable for real).
        let org = RuntimeHarness.org
        for i in 0..<n {
            let lead = Lead(
                id: LeadID(String(format: "m-%04d", i)), orgID: org, firstName: "Lead\(i)",
                phone: i % 20 == 19 ? nil : String(format: "+1305556%04d", i), phoneLineType: i % 20 == 19 ? .unknown : .mobile,
                email: i % 20 == 19 ? "lead\(i)@example.com" : nil, language: .es, state: .new, createdAt: start, campaignID: RuntimeHarness.campaign)
            try await h.store.upsertLead(lead, org: org)
        }
        guard let tokens = h.store as? any APITokenStore else { throw LiveDaemonError("store holds no API tokens") }
        let made = APITokenSecret.make(org: org, label: "multi", now: start)
        try await tokens.saveAPIToken(made.token)

        // One simulated clock for the fleet and the fake Twilio (its message list's dates are what a
        // reconciling daemon compares with the touch's due time).
        let launched = Date()
        var behavior = twilio
        behavior.clock = { start.addingTimeInterval(Date().timeIntervalSince(launched) * speed) }
        try await FakeTwilio.run(behavior) { fake in
            let ports = try (0..<count).map { _ in try freeLoopbackPort() }
            let cli = RevasiCLI(database: database, environment: ["MULTI_TWILIO_SID": twilio.accountSID, "MULTI_TWILIO_TOKEN": twilio.authToken],
                                folder: h.folder)
            let channels = h.folder.appendingPathComponent("channels.yaml")
            try """
                version: 1
                adapters:
                  twilio:
                    provider: twilio
                    base_url: \(fake.baseURL)
                    credentials: {account_sid: MULTI_TWILIO_SID, auth_token: MULTI_TWILIO_TOKEN}
                routes:
                  - {client: "*", channel: sms, adapter: twilio, sender: {from: "+13055550100"}}

                """.write(to: channels, atomically: true, encoding: .utf8)
            var configs: [String] = []
            for (i, port) in ports.enumerated() {
                let config = h.folder.appendingPathComponent("revasi-\(i).yaml")
                try """
                    daemon_id: daemon-\(i)
                    batch_size: 25
                    lease_seconds: 600
                    poll_interval_seconds: 0.05
                    send_concurrency: 4
                    public_base_url: http://127.0.0.1:\(port)

                    """.write(to: config, atomically: true, encoding: .utf8)
                configs.append(config.path)
            }
            let fleet = Fleet(cli: cli, ports: ports, configs: configs, channels: channels.path, launched: launched)
            func simulatedNow() -> Date { fleet.simulatedNow() }
            for i in 0..<count { try await fleet.start(i) }
            defer { fleet.stopAll() }
            let player = Player(fake: fake, ports: ports, token: made.secret)

            // Run: play the provider and the leads; every ~2 s kill one daemon with SIGKILL and start it again.
            var kills = 0
            var generator = SystemRandomNumberGenerator()
            var nextKill = Date().addingTimeInterval(Double.random(in: 1.5...2.5, using: &generator))
            let deadline = Date().addingTimeInterval(150)  // a bound for a busy machine, not a speed target
            var quiet = 0
            while Date() < deadline {
                let played = try await player.play(simulatedNow: simulatedNow())
                if Date() >= nextKill, kills < 6 {
                    let victim = Int.random(in: 0..<count, using: &generator)
                    fleet.killHard(victim)
                    kills += 1
                    try await Task.sleep(for: .milliseconds(300))
                    try await fleet.start(victim)
                    nextKill = Date().addingTimeInterval(Double.random(in: 1.5...2.5, using: &generator))
                }
                let open = try await Self.unsettled(h, n: n, before: simulatedNow())
                quiet = played == 0 && open == 0 && kills >= 3 ? quiet + 1 : 0
                if quiet >= 10 { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            fleet.stopAll()
            #expect(kills >= 3, "the daemons were killed \(kills) times")
            try await Self.checkInvariants(h, n: n, fake: fake, player: player, now: simulatedNow())
        }
    }

    /// Leads not yet enrolled plus due touches not yet settled.
    static func unsettled(_ h: RuntimeHarness, n: Int, before now: Date) async throws -> Int {
        var open = 0
        for i in 0..<n {
            let id = LeadID(String(format: "m-%04d", i))
            guard let lead = try await h.store.lead(id, org: RuntimeHarness.org) else { continue }
            if lead.state == .new || lead.state == .enriched { open += 1 }
            open += try await h.touches(id).filter { ($0.status == .queued && $0.scheduledAt <= now) || $0.status == .sending }.count
        }
        return open
    }

    static func checkInvariants(_ h: RuntimeHarness, n: Int, fake: FakeProviderServer, player: Player, now: Date) async throws {
        let org = RuntimeHarness.org
        // Every step reached Twilio at most once (the touch id rides in each send's StatusCallback URL).
        var sends: [String: Int] = [:]
        for request in await fake.log.requests where request.method == "POST" && request.path.hasSuffix("/Messages.json") {
            let touch = URLComponents(string: request.formValue("StatusCallback") ?? "")?.queryItems?.first { $0.name == "touch" }?.value ?? "?"
            sends[touch, default: 0] += 1
        }
        #expect(sends.values.allSatisfy { $0 == 1 }, "touches sent twice: \(sends.filter { $0.value > 1 }.keys.sorted())")
        let stops = await player.stopped, replies = await player.interested, booked = await player.booked
        var enrolledCount = 0
        for i in 0..<n {
            let id = LeadID(String(format: "m-%04d", i))
            let lead = try #require(try await h.store.lead(id, org: org))
            let events = try await h.store.leadStateEvents(lead: id, org: org)
            let touches = try await h.touches(id)
            // Enrolled exactly once; unreachable only without a phone.
            let enrolments = events.filter { $0.reason.hasPrefix("enrolled in") }.count
            let unreachable = events.filter { $0.reason.hasPrefix("unreachable") }.count
            if i % 20 == 19 {
                #expect(enrolments == 0 && unreachable == 1 && lead.state == .unqualified, "lead \(i) without a phone: \(events.map(\.reason))")
            } else {
                #expect(enrolments == 1 && unreachable == 0, "lead \(i) enrolled \(enrolments) times, unreachable \(unreachable): \(events.map(\.reason))")
                enrolledCount += 1
            }
            // The history is one chain (each change starts where the last ended) and ends in the lead's state.
            for (a, b) in zip(events, events.dropFirst()) { #expect(b.from == a.to, "lead \(i): \(a.to) then a change from \(b.from)") }
            #expect(events.last?.to == lead.state, "lead \(i) is \(lead.state) but its history ends in \(events.last?.to.rawValue ?? "nothing")")
            // The state is justified by what happened to the lead.
            switch lead.state {
            case .doNotContact: #expect(stops.contains(i), "lead \(i) do_not_contact without a STOP")
            case .engaged: #expect(replies.contains(i), "lead \(i) engaged without a reply")
            case .appointmentScheduled: #expect(booked.contains(i), "lead \(i) booked without a booking")
            case .new, .enriched: Issue.record("lead \(i) never enrolled (\(lead.state))")
            default: break
            }
            if stops.contains(i) { #expect(lead.state == .doNotContact, "lead \(i) sent STOP but is \(lead.state)") }
            // Nothing left claimed; every due touch settled, explicitly.
            for touch in touches {
                #expect(touch.status != .sending && touch.leaseOwner == nil, "touch \(touch.id) still claimed")
                if touch.status == .queued { #expect(touch.scheduledAt > now.addingTimeInterval(-120), "touch \(touch.id) due and never sent") }
                if touch.status == .failed { #expect(touch.error?.isEmpty == false, "touch \(touch.id) failed without a reason") }
                if touch.status == .sent || touch.status == .delivered, touch.channel == .sms {
                    #expect(sends[touch.id.rawValue] == 1, "touch \(touch.id) settled as sent but Twilio got it \(sends[touch.id.rawValue] ?? 0) times")
                }
            }
        }
        #expect(enrolledCount == n - n / 20)
    }
}

/// The daemon processes of one run, by index (the same port and settings when restarted).
final class Fleet: @unchecked Sendable {
    let cli: RevasiCLI
    let ports: [Int]
    let configs: [String]
    let channels: String
    private var handles: [Int: ServeHandle] = [:]
    private let lock = NSLock()
    /// When the shared simulated clock read `MultiDaemonTests.start`.
    let launched: Date

    /// The simulated time every daemon reads: one clock for the fleet, a restarted daemon joins it where it is.
    func simulatedNow() -> Date { MultiDaemonTests.start.addingTimeInterval(Date().timeIntervalSince(launched) * MultiDaemonTests.speed) }

    init(cli: RevasiCLI, ports: [Int], configs: [String], channels: String, launched: Date) {
        self.launched = launched
        self.cli = cli
        self.ports = ports
        self.configs = configs
        self.channels = channels
    }

    func start(_ i: Int) async throws {
        let handle = try await cli.serve(port: ports[i], channels: channels, config: configs[i], clockStart: MultiDaemonTests.start,
                                         speed: MultiDaemonTests.speed, anchor: launched)
        lock.withLock { handles[i] = handle }
    }

    /// SIGKILL: no graceful shutdown, leases left behind.
    func killHard(_ i: Int) {
        guard let handle = lock.withLock({ handles.removeValue(forKey: i) }) else { return }
        kill(handle.process.processIdentifier, SIGKILL)
        handle.process.waitUntilExit()
    }

    func stopAll() {
        let all = lock.withLock { () -> [ServeHandle] in defer { handles = [:] }; return Array(handles.values) }
        for handle in all { handle.stop() }
    }
}

/// Plays Twilio and the leads against the daemons: a signed `delivered` callback for each SMS (a third of
/// them delivered to two daemons at once), a reply from every fifth lead (to two daemons at once), a STOP
/// from every seventh, and a booking through the API for those who said yes.
actor Player {
    let fake: FakeProviderServer
    let ports: [Int]
    let token: String
    let http = URLSessionTransport()
    private var seen = 0
    private(set) var stopped: Set<Int> = []
    private(set) var interested: Set<Int> = []
    private(set) var booked: Set<Int> = []

    init(fake: FakeProviderServer, ports: [Int], token: String) {
        self.fake = fake
        self.ports = ports
        self.token = token
    }

    /// Answers the sends that arrived since the last call; returns how many.
    func play(simulatedNow: Date) async throws -> Int {
        let all = await fake.log.requests.filter { $0.method == "POST" && $0.path.hasSuffix("/Messages.json") }
        let fresh = Array(all.dropFirst(seen))
        seen = all.count
        for request in fresh {
            guard let callback = request.formValue("StatusCallback"), let to = request.formValue("To"),
                  let i = Int(to.suffix(4)) else { continue }
            let sid = "SM" + (URLComponents(string: callback)?.queryItems?.first { $0.name == "touch" }?.value ?? UUID().uuidString)
                .filter { $0.isLetter || $0.isNumber }.suffix(30)
            let status: [(String, String)] = [("MessageSid", sid), ("MessageStatus", "delivered"), ("To", to), ("From", "+13055550100"),
                                              ("AccountSid", MultiDaemonTests.twilio.accountSID)]
            try await post(callback, status, twice: i % 3 == 0)
            guard !stopped.contains(i), !interested.contains(i) else { continue }
            if i % 7 == 0 {
                stopped.insert(i)
                try await inbound(from: to, body: "STOP", sid: "SMin-stop-\(i)", twice: false)
                if i % 5 == 0 { try await inbound(from: to, body: "Sí, me interesa", sid: "SMin-yes-\(i)", twice: false) }
            } else if i % 5 == 0 {
                interested.insert(i)
                try await inbound(from: to, body: "Sí, me interesa", sid: "SMin-yes-\(i)", twice: true)
                let starts = simulatedNow.addingTimeInterval(2 * 86_400)
                let body = #"{"lead_id":"\#(String(format: "m-%04d", i))","starts_at":"\#(starts.ISO8601Format())","zone":"America/New_York"}"#
                for port in ports.shuffled() {
                    let url = "http://127.0.0.1:\(port)/api/appointments"
                    let headers = [HeaderField("Authorization", "Bearer \(token)"), HeaderField("Content-Type", "application/json")]
                    if let r = try? await http.send(TransportRequest(method: "POST", url: url, headers: headers, body: Array(body.utf8), timeoutSeconds: 10)),
                       r.status == 201 {
                        booked.insert(i)
                        break
                    }
                }
            }
        }
        return fresh.count
    }

    /// An inbound SMS from the lead, to one daemon (or two at once).
    func inbound(from: String, body: String, sid: String, twice: Bool) async throws {
        let form: [(String, String)] = [("MessageSid", sid), ("SmsSid", sid), ("SmsStatus", "received"), ("Body", body), ("From", from),
                                        ("To", "+13055550100"), ("AccountSid", MultiDaemonTests.twilio.accountSID)]
        try await post("http://127.0.0.1:\(ports[0])/webhooks/twilio", form, twice: twice)
    }

    /// POSTs a signed form to `url`'s path on a live daemon (the URL's own first); with `twice`, to two daemons at once.
    func post(_ url: String, _ form: [(String, String)], twice: Bool) async throws {
        guard let components = URLComponents(string: url) else { return }
        let suffix = components.percentEncodedPath + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
        let own = components.port ?? ports[0]
        let order = [own] + ports.filter { $0 != own }.shuffled()
        let targets = twice && ports.count > 1 ? Array(order.prefix(2)) : [order[0]]
        await withTaskGroup(of: Void.self) { group in
            for first in targets {
                group.addTask { [http] in
                    // A killed daemon refuses the connection: the provider retries on another one.
                    for port in [first] + order.filter({ $0 != first }) {
                        let target = "http://127.0.0.1:\(port)" + suffix
                        let signature = TwilioSignature(authToken: MultiDaemonTests.twilio.authToken).compute(url: target, parameters: form)
                        let request = TransportRequest(
                            method: "POST", url: target,
                            headers: [HeaderField("Content-Type", "application/x-www-form-urlencoded"), HeaderField("X-Twilio-Signature", signature)],
                            body: FormEncoding.encode(form), timeoutSeconds: 10)
                        if let response = try? await http.send(request), response.status == 200 { return }
                    }
                }
            }
        }
    }
}
