import Foundation
import RevenueCore
import StorePostgres

/// The daemons benchmark: K real `revasi serve` processes on one PostgreSQL schema take N `new`
/// leads through enrichment, enrolment and the first SMS (sandbox); timed until every lead is
/// enrolled and its first touch sent, polling the store.
struct DaemonsBench: Sendable {
    /// The URL the user gave (may hold a password: never printed).
    let databaseURL: String
    let leads: Int
    let batch: Int
    let timeoutSeconds: Double
    let executable: String

    static let org = OrgID("bench-daemons")
    static let client = ClientID("bench-daemons-client")
    static let campaign = CampaignID("bench-daemons-campaign")
    /// Tuesday 3 March 2026, 15:00 UTC (10:00 in Miami): inside the calling window of every lead.
    static let clockStart = "2026-03-03T15:00:00Z"

    /// Figures of one run with K daemons.
    struct Result: Sendable {
        var daemons: Int
        /// From launching the daemons until no lead was left `new` (enriched).
        var enrichedSeconds: Double
        /// From launching the daemons until every lead had its touch written (enrolled).
        var enrolledSeconds: Double
        /// From launching the daemons until every first touch was sent.
        var sentSeconds: Double
        /// From launching the daemons until the first lead left `new` (process start, connect, first pass).
        var startupSeconds: Double
        var touchesWritten: Int
        var enrolledRate: Double
        var sentRate: Double
        /// Why this K did not finish correctly (the figures are then meaningless), or nil.
        var failure: String?
    }

    /// Runs one scratch schema per K (seeded, driven by K daemons, dropped); results in the order given.
    func measure(daemons counts: [Int], progress: @Sendable (String) -> Void) async throws -> [Result] {
        var results: [Result] = []
        for k in counts {
            progress("  running \(k) daemon(s) …")
            results.append(try await measure(daemons: k))
        }
        return results
    }

    /// One run: a fresh schema, seeded; K daemons started; polled until done; daemons stopped; schema dropped.
    func measure(daemons k: Int) async throws -> Result {
        let base = try StoreLocation(databaseURL)
        let scratch = ScratchDatabase(base)
        guard case .postgres(let url) = scratch.location, let schema = url.schema else {
            throw BenchError(message: "revasi bench daemons needs a PostgreSQL --db")
        }
        let childURL = try Self.url(databaseURL, schema: schema)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("revasi-bench-daemons-\(schema)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        do {
            let files = try DaemonsBenchFiles.write(in: folder, batch: batch, daemons: k)
            let result = try await StoreFactory.withStore(scratch.location, creating: true) { store in
                do {
                    try await store.migrate()
                    try await seed(store, playbook: files.playbook)
                    let result = try await drive(store, daemons: k, url: childURL, files: files, folder: folder)
                    try await scratch.dropSchema(store)
                    return result
                } catch {
                    try? await scratch.dropSchema(store)
                    throw error
                }
            }
            // A failed run keeps its daemons' logs for reading.
            if result.failure == nil { try? FileManager.default.removeItem(at: folder) }
            return result
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
    }

    /// Starts K daemons, polls the campaign's counts until every lead is enrolled and texted, stops them.
    private func drive(_ store: any Store, daemons k: Int, url: String, files: DaemonsBenchFiles, folder: URL) async throws -> Result {
        guard let counts = store as? any Store & CampaignControlStore else { throw BenchError(message: "this store cannot count a campaign") }
        var children: [DaemonProcess] = []
        let start = ContinuousClock.now
        do {
            for i in 0..<k {
                children.append(try DaemonProcess(
                    executable: executable,
                    arguments: [
                        "--channels", files.channels.path, "--config", files.config(i).path, "--port", "\(BenchWebhooksCommand.freePort())",
                        "--log-level", "warning", "--clock-start", Self.clockStart,
                    ],
                    databaseURL: url, logFile: folder.appendingPathComponent("daemon-\(i + 1).log")))
            }
        } catch {
            for child in children { _ = await child.stop() }
            throw BenchError(message: "cannot start \(executable) serve: \(error)")
        }
        var startup: Double?, enrichedAt: Double?, enrolledAt: Double?, sentAt: Double?
        var last = CampaignCounts()
        var failure: String?
        while sentAt == nil || enrolledAt == nil {
            let elapsed = (ContinuousClock.now - start).seconds
            last = try await counts.campaignCounts(Self.campaign, org: Self.org)
            if startup == nil, (last.leads[.new] ?? 0) < leads { startup = elapsed }
            if enrichedAt == nil, (last.leads[.new] ?? 0) == 0 { enrichedAt = elapsed }
            if enrolledAt == nil, last.leadsByPlaybookHash.values.reduce(0, +) >= leads { enrolledAt = elapsed }
            if sentAt == nil, (last.touches[.sent] ?? 0) + (last.touches[.delivered] ?? 0) >= leads { sentAt = elapsed }
            if sentAt != nil && enrolledAt != nil { break }
            if let dead = children.firstIndex(where: { !$0.isRunning }) {
                failure = "daemon \(dead + 1) exited early (see \(children[dead].logFile.path))"
                break
            }
            if Self.settled(last), (last.leads[.new] ?? 0) + (last.leads[.enriched] ?? 0) == 0 {
                failure = "every lead settled but not every first touch was sent: \(Self.describe(last))"
                break
            }
            if elapsed > timeoutSeconds {
                failure = "timed out after \(Int(timeoutSeconds)) s: \(Self.describe(last))"
                break
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        var unclean: [Int] = []
        for (i, child) in children.enumerated() where await child.stop() != 0 { unclean.append(i + 1) }
        let written = last.touches.values.reduce(0, +)
        if failure == nil, !unclean.isEmpty {
            failure = "daemon(s) \(unclean.map(String.init).joined(separator: ", ")) did not exit 0 on SIGTERM"
        }
        if failure == nil, written != leads {
            failure = "\(written) touches written for \(leads) leads (a lead enrolled twice?): \(Self.describe(last))"
        }
        let enrolled = enrolledAt ?? .nan, sent = sentAt ?? .nan
        var result = Result(daemons: k, enrichedSeconds: enrichedAt ?? .nan, enrolledSeconds: enrolled, sentSeconds: sent, startupSeconds: startup ?? .nan, touchesWritten: written,
                            enrolledRate: Double(leads) / enrolled, sentRate: Double(leads) / sent)
        if let failure {
            result.failure = "\(failure) (daemon logs kept in \(folder.path))"
        }
        return result
    }

    /// Nothing queued or in flight.
    static func settled(_ counts: CampaignCounts) -> Bool {
        (counts.touches[.queued] ?? 0) + (counts.touches[.sending] ?? 0) == 0 && !counts.touches.isEmpty
    }

    /// `leads: new=…, touches: sent=…` for an error.
    static func describe(_ counts: CampaignCounts) -> String {
        let leads = counts.leads.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key)=\($0.value)" }
        let touches = counts.touches.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key)=\($0.value)" }
        return "leads \(leads.joined(separator: " ")); touches \(touches.joined(separator: " "))"
    }

    /// The org, a client with a full profile, the one-step playbook, an active campaign and N `new` leads.
    func seed(_ store: any Store, playbook file: URL) async throws {
        let now = Date()
        try await store.saveOrg(Org(id: Self.org, name: "Bench daemons", createdAt: now))
        let profile = ClientProfile(
            agentName: "Sofía", phone: "+13055550100", address: "100 Calle Ocho, Miami, FL", website: "https://sonrisa.example",
            bookingLink: "https://sonrisa.example/citas", rescheduleLink: "https://sonrisa.example/cambiar", brandName: "Sonrisa")
        try await store.saveClient(Client(id: Self.client, orgID: Self.org, name: "Clínica Sonrisa", timeZone: "America/New_York",
                                          allowedChannels: [.sms], profile: profile, createdAt: now), org: Self.org)
        guard let playbook = try await PlaybookLoader.load([file.path], into: store, org: Self.org, now: now).first else {
            throw BenchError(message: "the benchmark playbook did not load")
        }
        try await store.saveCampaign(Campaign(id: Self.campaign, orgID: Self.org, clientID: Self.client, name: "Bench daemons",
                                              playbookID: playbook.id, offer: "limpieza gratis", status: .active, createdAt: now), org: Self.org)
        for chunk in stride(from: 0, to: leads, by: 5000) {
            let batch = (chunk..<min(leads, chunk + 5000)).map { Self.lead($0, at: now) }
            _ = try await store.importLeads(batch, org: Self.org, campaign: Self.campaign)
        }
    }

    /// The `n`th lead: `new`, a 305 (Miami) mobile with a valid exchange (2xx–9xx), so enrichment
    /// infers New York time from the area code; Spanish and English alternate.
    static func lead(_ n: Int, at now: Date) -> Lead {
        let spanish = n % 2 == 0
        let phone = String(format: "+1305%03d%04d", 200 + n / 10_000, n % 10_000)
        return Lead(id: LeadID(String(format: "bd-%07d", n)), orgID: org, firstName: spanish ? "María" : "John", phone: phone,
                    phoneLineType: .mobile, language: spanish ? .es : .en, state: .new, createdAt: now, campaignID: campaign)
    }

    /// The user's URL with `search_path` set to the scratch schema (password and other parameters kept).
    static func url(_ url: String, schema: String) throws -> String {
        guard var components = URLComponents(string: url) else { throw BenchError(message: "--db is not a URL") }
        var items = (components.queryItems ?? []).filter { $0.name != "search_path" }
        items.append(URLQueryItem(name: "search_path", value: schema))
        components.queryItems = items
        guard let text = components.string else { throw BenchError(message: "--db is not a URL") }
        return text
    }
}

/// The files the daemons read: the one-SMS-step playbook, the sandbox channels file, one settings file per daemon.
struct DaemonsBenchFiles: Sendable {
    let folder: URL
    let playbook: URL
    let channels: URL

    /// `revasi.yaml` of daemon `i` (its own daemon id).
    func config(_ i: Int) -> URL { folder.appendingPathComponent("revasi-\(i + 1).yaml") }

    /// Writes every file into `folder`, with `daemons` settings files.
    static func write(in folder: URL, batch: Int, daemons: Int) throws -> DaemonsBenchFiles {
        let files = DaemonsBenchFiles(
            folder: folder, playbook: folder.appendingPathComponent("bench-one-sms.yaml"), channels: folder.appendingPathComponent("channels.yaml"))
        try playbookYAML.write(to: files.playbook, atomically: true, encoding: .utf8)
        try channelsYAML.write(to: files.channels, atomically: true, encoding: .utf8)
        for i in 0..<daemons {
            try "daemon_id: bench-daemon-\(i + 1)\nbatch_size: \(batch)\npoll_interval_seconds: 0.05\nlease_seconds: 120\n"
                .write(to: files.config(i), atomically: true, encoding: .utf8)
        }
        return files
    }

    /// One SMS, in the lead's language, every variable filled by the client's profile.
    static let playbookYAML = """
        id: bench-one-sms
        version: 1
        vertical: dentists
        description: One text message (revasi bench daemons)
        locales: [es, en]
        default_locale: es
        channels: [sms]
        send_window:
          days: [mon, tue, wed, thu, fri, sat]
          start: "09:00"
          end: "19:00"
        caps:
          touches_per_day: 2
        exit_on: [replied, booked, opted_out]
        steps:
          - id: texto
            channel: sms
        templates:
          texto:
            sms:
              es: "Hola {{lead.first_name}}, le escribe {{agent.name}} de {{client.name}}. Agende: {{booking_link}} Responda BAJA para no recibir mas."
              en: "Hi {{lead.first_name}}, this is {{agent.name}} at {{client.name}}. Book: {{booking_link}} Reply STOP to opt out."

        """

    /// Every SMS to the sandbox, always delivered, no latency, no rate limit.
    static let channelsYAML = """
        version: 1
        adapters:
          sandbox:
            provider: sandbox
            options:
              seed: 42
              latency_ms: 0
              rate.sms.delivered: 1
        routes:
          - client: "*"
            channel: sms
            adapter: sandbox
            sender:
              from: "+13055550100"

        """
}
