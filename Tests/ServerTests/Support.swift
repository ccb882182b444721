import Foundation
import Hummingbird
import Logging
import Prometheus
import RevenueCore
import Server
import StoreSQLite

/// Records every batch of events the server hands over.
actor RecordingSink: ChannelEventSink {
    private(set) var batches: [([ChannelEvent], WebhookContext)] = []
    var failing = false

    func handle(_ events: [ChannelEvent], context: WebhookContext) async throws -> CallInstruction? {
        if failing { throw StoreError(code: "database", message: "down") }
        batches.append((events, context))
        return nil
    }

    func fail(_ on: Bool) { failing = on }
}

/// A fixed health snapshot.
struct FixedHealth: HealthSource {
    let value: HealthSnapshot
    func snapshot() async -> HealthSnapshot { value }
}

/// A SQLite store in a temporary directory with two orgs, each with a token, a campaign and a lead.
struct Fixture {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)
    static let base = "https://hooks.example.test"
    static let orgA: OrgID = "org-a"
    static let orgB: OrgID = "org-b"

    let store: SQLiteStore
    let tokenA: String
    let tokenB: String
    let sink = RecordingSink()

    static func make() async throws -> Fixture {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("server-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: dir.appendingPathComponent("revasi.sqlite").path)
        try await store.migrate()
        var tokens: [String] = []
        for org in [orgA, orgB] {
            try await store.saveOrg(Org(id: org, name: org.rawValue, createdAt: now))
            let client = ClientID("\(org)-client")
            try await store.saveClient(Client(id: client, orgID: org, name: "Client", timeZone: "America/Chicago", createdAt: now), org: org)
            let campaign = CampaignID("\(org)-campaign")
            try await store.saveCampaign(
                Campaign(id: campaign, orgID: org, clientID: client, name: "Campaign \(org)", playbookID: "dealers", status: .active, createdAt: now),
                org: org)
            try await store.upsertLead(
                Lead(id: LeadID("\(org)-lead"), orgID: org, firstName: "Ana", phone: org == orgA ? "+13125550101" : "+13125550202",
                     timeZone: "America/Chicago", state: .attempting, createdAt: now, campaignID: campaign),
                org: org)
            let made = APITokenSecret.make(org: org, label: "test", now: now)
            try await store.saveAPIToken(made.token)
            tokens.append(made.secret)
        }
        return Fixture(store: store, tokenA: tokens[0], tokenB: tokens[1])
    }

    func services(webhooks: WebhookAdapters = .init(), metrics: PrometheusCollectorRegistry? = nil) -> ServerServices {
        ServerServices(
            store: store, webhooks: webhooks, sink: sink,
            health: FixedHealth(value: HealthSnapshot(startedAt: Self.now, loops: [LoopHealth(name: "dispatch", lastRunAt: Self.now, runs: 3)])),
            metrics: metrics, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }), now: { Self.now })
    }

    func router(webhooks: WebhookAdapters = .init(), metrics: PrometheusCollectorRegistry? = nil, maxBodyBytes: Int = 64 * 1024) -> Router<BasicRequestContext> {
        buildRouter(
            configuration: ServerConfiguration(publicBaseURL: Self.base, maxBodyBytes: maxBodyBytes),
            services: services(webhooks: webhooks, metrics: metrics))
    }
}

extension HTTPFields {
    /// `Authorization: Bearer …`.
    static func bearer(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)"] }
}

extension ByteBuffer {
    var text: String { String(buffer: self) }
}

/// JSON of a response body.
func json(_ buffer: ByteBuffer) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: Any] ?? [:]
}
