import ArgumentParser
import Conversations
import Foundation
import Logging
import RevenueCore
import Runtime
import Engine
import SandboxChannel
import StoreSQLite


/// `revasi demo`: a month of the real services against the sandbox on an accelerated clock, in seconds.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run a month of simulated outreach against the sandbox channel and print what happened (no account, no network).")

    @Option(name: .long, help: ArgumentHelp(
        "The demo's store: sqlite:PATH (default: sqlite:./revasi-demo.sqlite). A previous demo database there is replaced; any other file is refused without --force.",
        valueName: "url"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("Same as --db sqlite:PATH (the earlier name).", visibility: .hidden))
    var database: String?

    @Flag(name: .long, help: "Replace the file at --db even if it is not a demo database (its data is lost).")
    var force = false

    @Option(name: .long, help: "Folder with the playbooks to load.")
    var playbooks = "playbooks"

    @Option(name: .long, help: "Sample leads to load (1–100).")
    var leads = 48

    @Option(name: .long, help: "Simulated days.")
    var days = 30

    @Option(name: .long, help: "Sandbox seed (same seed, same month).")
    var seed: UInt64 = 42

    /// The default demo database.
    static let defaultPath = "./revasi-demo.sqlite"

    func validate() throws {
        guard (1...100).contains(leads) else { throw ValidationError("--leads must be between 1 and 100") }
        guard (1...365).contains(days) else { throw ValidationError("--days must be between 1 and 365") }
        if db != nil, database != nil { throw ValidationError("give --db or --database, not both") }
        _ = try path()
    }

    /// The SQLite file the demo writes: `--db sqlite:PATH`, else `--database PATH`, else the default.
    func path() throws -> String {
        if let database { return database }
        guard let db else { return Self.defaultPath }
        switch try? StoreLocation(db) {
        case .sqlite(let path): return path
        case .postgres: throw ValidationError("--db: the demo runs on SQLite only; give --db sqlite:PATH")
        case nil: throw ValidationError("--db must be sqlite:PATH, like sqlite:./revasi-demo.sqlite (got \(db))")
        }
    }

    func run() async throws {
        let database = try path()
        // Playbooks first: a typo in --playbooks costs nothing.
        let files = try PlaybookFiles.expand([playbooks])
        try DemoTarget.checkReplaceable(database, force: force)
        DemoTarget.remove(database)
        do {
            try await runDemo(database: database, files: files)
        } catch {
            // A failed demo leaves nothing half-made behind.
            DemoTarget.remove(database)
            throw error
        }
    }

    private func runDemo(database: String, files: [String]) async throws {
        let store: SQLiteStore
        do {
            store = try SQLiteStore(path: database)
            try await store.migrate()
        } catch {
            throw CLIError.usage("cannot create \(database): \(error)")
        }
        var log = Logger(label: "revasi.demo") { StreamLogHandler.standardError(label: $0) }
        log.logLevel = .error
        let logger = log
        // Monday 2 March 2026, 08:00 in Miami.
        let start = Date(timeIntervalSince1970: 1_772_456_400)
        let time = ManualTime(start)
        let clock = RuntimeClock.manual(time)
        let org = OrgID("demo")
        try await store.saveOrg(Org(id: org, name: "Revenue ASI demo", createdAt: start))
        let client = Client(
            id: ClientID("demo-client"), orgID: org, name: "Demo Motors & Clinics", timeZone: "America/New_York",
            profile: ClientProfile(agentName: "Ana", phone: "+13055550100", address: "100 Calle Ocho, Miami, FL 33130",
                                   website: "https://demo.example", bookingLink: "https://demo.example/book",
                                   rescheduleLink: "https://demo.example/move"),
            createdAt: start)
        try await store.saveClient(client, org: org)
        let compiled = try await PlaybookLoader.load(files, into: store, org: org, now: start)
        var campaigns: [CampaignID] = []
        for playbook in compiled {
            let id = CampaignID("demo-\(playbook.id)")
            try await store.saveCampaign(Campaign(
                id: id, orgID: org, clientID: client.id, name: "Demo \(playbook.id)", playbookID: playbook.id,
                offer: "una cita gratis", status: .active, createdAt: start), org: org)
            campaigns.append(id)
        }
        let sample = DemoSample.leads(count: leads, org: org, campaigns: campaigns, now: start)
        for (i, campaign) in campaigns.enumerated() {
            _ = try await store.importLeads(sample.enumerated().filter { $0.offset % campaigns.count == i }.map(\.element), org: org, campaign: campaign)
        }

        let configuration = RuntimeConfiguration(daemonID: "demo", batchSize: 200, leaseSeconds: 600, pollIntervalSeconds: 1)
        let health = RuntimeHealth(startedAt: start)
        let directory = CampaignDirectory(store: store, links: DemoPlaybook.links)
        let adapter = RecordingAdapter(inner: SandboxAdapter(seed: seed))
        let sink = RuntimeEventSink(store: store, clock: clock, logger: logger, directory: directory, health: health)
        let notifier = AppointmentNotifier(store: store, directory: directory, logger: logger)
        let tally = DemoTally()
        let dispatcher = DispatchService(
            store: store, adapters: { _, _ in adapter }, configuration: configuration, clock: clock, logger: logger, health: health,
            directory: directory)
        let applier = OutcomeApplier(store: store, directory: directory, events: EventRecorder(store: store, logger: logger))
        let enrollment = EnrollmentService(store: store, configuration: configuration, clock: clock, logger: logger, health: health, directory: directory)

        let wall = ContinuousClock.now
        let step: TimeInterval = 15 * 60
        let end = start.addingTimeInterval(Double(days) * 86_400)
        while time.now < end {
            await enrollment.runOnce()
            while await dispatcher.runOnce().claimed > 0 {
                // The sandbox has no webhooks: its receipts carry the outcome, applied once the pass settled the touches.
                for sent in adapter.drain() {
                    guard sent.isCampaign, let outcome = sent.receipt.simulatedOutcome else { continue }
                    try await applier.apply(outcome, to: sent.touchID, org: sent.orgID, providerMessageID: sent.receipt.providerMessageID, now: time.now)
                    guard let touch = try await store.touch(sent.touchID, org: sent.orgID) else { continue }
                    await DemoCommand.simulateReply(touch, sent.receipt, store: store, sink: sink, notifier: notifier, tally: tally, now: time.now)
                }
            }
            try await DemoCommand.settleAppointments(store: store, org: org, notifier: notifier, tally: tally, now: time.now)
            time.advance(by: step)
        }
        let elapsed = ContinuousClock.now - wall
        try await DemoReport.print(store: store, org: org, tally: tally, days: days, elapsed: elapsed, database: database)
    }

    /// A sandbox `replied` outcome becomes an inbound message through the real event sink; interested leads book.
    static func simulateReply(_ touch: TouchRun, _ receipt: SendReceipt, store: any Store, sink: RuntimeEventSink, notifier: AppointmentNotifier,
                              tally: DemoTally, now: Date) async {
        guard receipt.simulatedOutcome == .replied, touch.channel == .sms || touch.channel == .whatsapp,
              let lead = try? await store.lead(touch.leadID, org: touch.orgID), let phone = lead.phone else { return }
        let pick = abs(touch.id.rawValue.hashValueStable) % DemoSample.replies.count
        let text = DemoSample.replies[pick].0
        let event = InboundMessageEvent(provider: .sandbox, channel: touch.channel, providerMessageID: "SBXIN-\(touch.id.rawValue)",
                                        from: phone, to: "+13055550100", body: text, at: now.addingTimeInterval(300))
        _ = try? await sink.handle([.inboundMessage(event)], context: WebhookContext(provider: .sandbox, url: "http://demo.invalid/webhooks/sandbox?org=\(touch.orgID.rawValue)", receivedAt: now))
        tally.reply()
        let classification = ReplyClassifier.classify(text)
        guard classification.consent == nil, classification.intent == .interested || classification.intent == .reschedule,
              let current = try? await store.lead(lead.id, org: touch.orgID), current.state == .engaged else { return }
        let day = (Int(now.timeIntervalSince1970) / 86_400 + 2) * 86_400
        let appointment = Appointment(
            id: AppointmentID("appt-\(lead.id.rawValue)"), orgID: touch.orgID, leadID: lead.id, campaignID: touch.campaignID, channel: touch.channel,
            startsAt: Date(timeIntervalSince1970: Double(day + 15 * 3600)), timeZone: lead.timeZone ?? "America/New_York")
        if (try? await notifier.book(appointment, now: now)) != nil { tally.book() }
    }

    /// Appointments that have started get an outcome (most show), which queues the follow-ups.
    static func settleAppointments(store: any Store, org: OrgID, notifier: AppointmentNotifier, tally: DemoTally, now: Date) async throws {
        for appointment in try await store.appointments(org: org, from: now.addingTimeInterval(-7 * 86_400), to: now.addingTimeInterval(-3600))
        where appointment.status == .scheduled {
            let show = abs(appointment.id.rawValue.hashValueStable) % 4 != 0
            try await notifier.setOutcome(appointment.id, org: org, outcome: show ? .show : .noShow, now: now)
            tally.outcome(show: show)
        }
    }
}

/// Counts the demo keeps beside the store (replies simulated, bookings, shows).
final class DemoTally: Sendable {
    private let counts = LockedValue<[String: Int]>([:])
    func reply() { counts.withLock { $0["replies", default: 0] += 1 } }
    func book() { counts.withLock { $0["bookings", default: 0] += 1 } }
    func outcome(show: Bool) { counts.withLock { $0[show ? "shows" : "no_shows", default: 0] += 1 } }
    subscript(_ key: String) -> Int { counts.withLock { $0[key, default: 0] } }
}

extension String {
    /// FNV-1a: a hash stable across runs (Swift's `hashValue` is seeded per process).
    var hashValueStable: Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return Int(truncatingIfNeeded: h >> 1)
    }
}
