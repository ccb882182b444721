import Foundation
import RevenueCore
import StorePostgres
import StoreSchema

/// A benchmark that cannot run (missing tool, failed baseline); printed, not fatal.
struct BenchError: Error {
    let message: String
}

/// The queue benchmark: seeds a scratch database, then drains it with claim + complete.
struct QueueBench: Sendable {
    let touches: Int
    let batch: Int
    let workers: Int

    static let org = OrgID("bench")
    static let campaign = CampaignID("bench-campaign")
    static let now = Date(timeIntervalSince1970: 1_790_000_000)
    static let playbookHash = "benchhash0000000"
    static let payload = TouchPayload(
        message: "Hola, le escribimos de parte del concesionario.", template: "intro", reason: "cadence step", kind: .cadence, language: .es)

    var leadCount: Int { max(1, touches / 10) }

    /// Figures of one timed run.
    struct Result {
        var seconds: Double
        var rate: Double
        var enqueueRate: Double
    }

    /// Seeds a scratch store beside `location`, drains it, checks every touch was sent once, removes it.
    func measureStore(_ location: StoreLocation) async throws -> Result {
        try await withScratch(location) { store, _ in
            let enqueueStart = ContinuousClock.now
            for chunk in stride(from: 0, to: touches, by: 1000) {
                try await store.enqueue((chunk..<min(touches, chunk + 1000)).map(touch), org: Self.org)
            }
            let enqueueSeconds = (ContinuousClock.now - enqueueStart).seconds

            let start = ContinuousClock.now
            let drained = try await withThrowingTaskGroup(of: Int.self) { group in
                for worker in 0..<workers {
                    group.addTask { try await drain(store, owner: "bench-\(worker)") }
                }
                return try await group.reduce(0, +)
            }
            let seconds = (ContinuousClock.now - start).seconds
            guard drained == touches else {
                throw BenchError(message: "claimed \(drained) touches, expected \(touches): the queue lost or doubled work")
            }
            return Result(seconds: seconds, rate: Double(touches) / seconds, enqueueRate: Double(touches) / enqueueSeconds)
        }
    }

    /// Claims and completes batches until nothing is due; returns how many it handled.
    func drain(_ store: any Store, owner: String) async throws -> Int {
        let lease = Lease(owner: owner, duration: .seconds(300))
        var handled = 0
        while true {
            let claimed = try await store.claimDue(org: Self.org, now: Self.now, limit: batch, lease: lease)
            if claimed.isEmpty { return handled }
            let lost = try await store.complete(
                claimed.map { TouchCompletion(touchID: $0.id, providerMessageID: "p-\($0.id)", sentAt: Self.now) },
                org: Self.org, owner: owner)
            guard lost.isEmpty else { throw BenchError(message: "\(lost.count) leases lost during the benchmark") }
            handled += claimed.count
        }
    }

    /// The `i`th benchmark touch (distinct idempotency keys, the engine's shape).
    func touch(_ i: Int) -> TouchRun {
        let lead = LeadID("bench-lead-\(i % leadCount)")
        let step = i / leadCount + 1
        let key = IdempotencyKey.make(lead: lead, campaign: Self.campaign, playbookHash: Self.playbookHash, step: step, attempt: 0)
        return TouchRun(
            id: TouchID("bench-\(i)"), orgID: Self.org, leadID: lead, campaignID: Self.campaign, channel: .sms, step: step,
            scheduledAt: Self.now, payload: Self.payload, idempotencyKey: key, playbookHash: Self.playbookHash)
    }

    /// Creates a scratch store (migrated, with the bench org, campaign and leads), runs `body`, removes it.
    func withScratch<T: Sendable>(
        _ location: StoreLocation, _ body: @Sendable (any Store, StoreLocation) async throws -> T
    ) async throws -> T {
        let scratch = ScratchDatabase(location)
        defer { scratch.removeFiles() }
        return try await StoreFactory.withStore(scratch.location, creating: true) { store in
            do {
                try await store.migrate()
                try await seed(store)
                let result = try await body(store, scratch.location)
                try await scratch.dropSchema(store)
                return result
            } catch {
                try? await scratch.dropSchema(store)
                throw error
            }
        }
    }

    /// The org, client, campaign and leads the touches point at.
    func seed(_ store: any Store) async throws {
        try await store.saveOrg(Org(id: Self.org, name: "Bench", createdAt: Self.now))
        try await store.saveClient(
            Client(id: "bench-client", orgID: Self.org, name: "Bench", timeZone: "America/New_York", createdAt: Self.now), org: Self.org)
        try await store.saveCampaign(
            Campaign(id: Self.campaign, orgID: Self.org, clientID: "bench-client", name: "Bench", playbookID: "bench", status: .active, createdAt: Self.now),
            org: Self.org)
        let leads = (0..<leadCount).map { n in
            Lead(id: LeadID("bench-lead-\(n)"), orgID: Self.org, name: "Lead \(n)", phone: String(format: "+1305%07d", n), createdAt: Self.now)
        }
        _ = try await store.importLeads(leads, org: Self.org, campaign: Self.campaign)
    }
}

/// A throw-away database beside the one the user named: a new SQLite file, or a new PostgreSQL schema.
struct ScratchDatabase: Sendable {
    let location: StoreLocation
    let sqlitePath: String?

    init(_ base: StoreLocation) {
        let tag = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        switch base {
        case .sqlite(let path):
            let dir = URL(fileURLWithPath: path).deletingLastPathComponent()
            let scratch = dir.appendingPathComponent("revasi-bench-\(tag).sqlite").path
            location = .sqlite(path: scratch)
            sqlitePath = scratch
        case .postgres(var url):
            url.schema = "revasi_bench_\(tag)"
            location = .postgres(url)
            sqlitePath = nil
        }
    }

    /// Removes the scratch SQLite file and its WAL files.
    func removeFiles() {
        guard let sqlitePath else { return }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: sqlitePath + suffix) }
    }

    /// Drops the scratch PostgreSQL schema.
    func dropSchema(_ store: any Store) async throws {
        if let store = store as? PostgresStore { try await store.dropSchema() }
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
}
