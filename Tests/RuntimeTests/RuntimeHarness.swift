import Engine
import Foundation
import Logging
import RevenueCore
import Runtime
import StoreSQLite

/// A fresh SQLite store in a temp folder with one org, client, active campaign (the demo playbook) and leads.
struct RuntimeHarness {
    /// The harness client's profile: every variable the demo playbook uses has a value.
    static let profile = ClientProfile(
        agentName: "Ana", phone: "+13055550100", address: "100 Calle Ocho, Miami, FL", bookingLink: "https://sonrisa.example/citas",
        rescheduleLink: "https://sonrisa.example/cambiar")
    static let org = OrgID("org-rt")
    static let campaign = CampaignID("camp-rt")
    /// Monday 2 March 2026, 10:00 in New York.
    static let start = Date(timeIntervalSince1970: 1_772_463_600)

    let store: any Store
    let folder: URL
    /// The SQLite file (also when a PostgreSQL store is used, nothing is written there).
    var databasePath: String { folder.appendingPathComponent("store.sqlite").path }
    let time = ManualTime(RuntimeHarness.start)
    var clock: RuntimeClock { .manual(time) }
    let logger: Logger = {
        var logger = Logger(label: "runtime-tests")
        logger.logLevel = .critical
        return logger
    }()

    init(leads: Int, allowed: [Channel] = [.voice, .sms], store given: (any Store)? = nil) async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("revasi-runtime-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try given ?? SQLiteStore(path: folder.appendingPathComponent("store.sqlite").path)
        try await store.migrate()
        let org = Self.org
        try await store.saveOrg(Org(id: org, name: "Runtime tests", createdAt: Self.start))
        try await store.saveClient(Client(id: ClientID("client-rt"), orgID: org, name: "Clínica Sonrisa", timeZone: "America/New_York",
                                          allowedChannels: allowed, profile: Self.profile, createdAt: Self.start), org: org)
        let playbook = DemoPlaybook.make()
        try await store.savePlaybookVersion(PlaybookVersion(
            orgID: org, playbookID: playbook.id, version: 1, contentHash: playbook.contentHash, sourceYAML: "",
            compiledJSON: String(decoding: try JSONEncoder().encode(playbook), as: UTF8.self), createdAt: Self.start), org: org)
        try await store.saveCampaign(Campaign(id: Self.campaign, orgID: org, clientID: ClientID("client-rt"), name: "Test", playbookID: playbook.id,
                                              offer: "limpieza gratis", status: .active, createdAt: Self.start), org: org)
        let batch = (0..<leads).map { i in
            Lead(id: LeadID(String(format: "lead-%04d", i)), orgID: org, firstName: i % 2 == 0 ? "María" : "John",
                 phone: String(format: "+1305555%04d", i), phoneLineType: .mobile, usState: "FL", timeZone: "America/New_York",
                 timeZoneSource: .explicit, language: i % 2 == 0 ? .es : .en, state: .enriched, createdAt: Self.start, campaignID: Self.campaign)
        }
        _ = try await store.importLeads(batch, org: org, campaign: Self.campaign)
    }

    func configuration(owner: String = "test-daemon", base: String? = "http://127.0.0.1:9/") -> RuntimeConfiguration {
        RuntimeConfiguration(daemonID: owner, batchSize: 50, leaseSeconds: 60, retry: RetryPolicy(maxAttempts: 3, baseDelay: 60, maxDelay: 600),
                             pollIntervalSeconds: 0.01, publicBaseURL: base, sendConcurrency: 4)
    }

    func touches(_ lead: LeadID) async throws -> [TouchRun] { try await store.touches(lead: lead, org: Self.org) }

    func cleanup() { try? FileManager.default.removeItem(at: folder) }
}
