import Engine
import Foundation
import Logging
import RevenueCore
import Runtime
import SandboxChannel

/// The dispatch benchmark: the real `DispatchService` against the sandbox on a scratch store.
struct DispatchBench: Sendable {
    let touches: Int
    let batch: Int
    let concurrency: Int
    /// Leads in the store besides those with touches (memory with a big store).
    let storeLeads: Int
    /// Touches per second scheduled in the latency phase.
    let latencyRate: Int
    let latencySeconds: Int

    static let org = OrgID("bench-dispatch")
    static let campaign = CampaignID("bench-dispatch-campaign")
    static let client = ClientID("bench-dispatch-client")
    /// 2026-03-03T16:00:00Z: Tuesday 11:00 in New York, inside every calling window.
    static let rehearsal = Date(timeIntervalSince1970: 1_772_553_600)

    struct Result {
        var seconds: Double
        var rate: Double
        var p50: Double
        var p99: Double
        var latencyTouches: Int
        var peakBytes: Int?
    }

    func measure(_ base: StoreLocation) async throws -> Result {
        let scratch = ScratchDatabase(base)
        defer { scratch.removeFiles() }
        return try await StoreFactory.withStore(scratch.location, creating: true) { store in
            do {
                let result = try await run(store)
                try await scratch.dropSchema(store)
                return result
            } catch {
                try? await scratch.dropSchema(store)
                throw error
            }
        }
    }

    func run(_ store: any Store) async throws -> Result {
        try await store.migrate()
        let playbook = DemoPlaybook.make()
        let t0 = Date()
        try await store.saveOrg(Org(id: Self.org, name: "Bench", createdAt: t0))
        try await store.saveClient(Client(id: Self.client, orgID: Self.org, name: "Bench", timeZone: "America/New_York", createdAt: t0), org: Self.org)
        try await store.savePlaybookVersion(PlaybookVersion(
            orgID: Self.org, playbookID: playbook.id, version: 1, contentHash: playbook.contentHash, sourceYAML: "",
            compiledJSON: String(decoding: try JSONEncoder().encode(playbook), as: UTF8.self), createdAt: t0), org: Self.org)
        // Paused: the enrolment loop must not plan for the benchmark's leads.
        try await store.saveCampaign(Campaign(id: Self.campaign, orgID: Self.org, clientID: Self.client, name: "Bench", playbookID: playbook.id,
                                              status: .paused, createdAt: t0), org: Self.org)
        let withTouches = touches + latencyRate * latencySeconds
        let totalLeads = max(withTouches, storeLeads)
        for chunk in stride(from: 0, to: totalLeads, by: 5000) {
            let leads = (chunk..<min(totalLeads, chunk + 5000)).map { n in
                Lead(id: LeadID("bl-\(n)"), orgID: Self.org, firstName: "Lead", phone: String(format: "+1305%07d", n), phoneLineType: .mobile,
                     timeZone: "America/New_York", language: .es, state: .attempting, createdAt: t0, campaignID: Self.campaign)
            }
            _ = try await store.importLeads(leads, org: Self.org, campaign: Self.campaign)
        }
        var log = Logger(label: "revasi.bench")
        log.logLevel = .critical
        let logger = log
        let adapter = SandboxAdapter(seed: 7)
        var config = RuntimeConfiguration(daemonID: "bench", batchSize: batch, leaseSeconds: 300, pollIntervalSeconds: 0.02)
        config.sendConcurrency = concurrency
        // A Tuesday 11:00 in New York at real pace: the send-time window re-check passes whatever the machine's hour.
        let clock = RuntimeClock.starting(at: Self.rehearsal)
        let dispatcher = DispatchService(store: store, adapters: { _, _ in adapter }, configuration: config, clock: clock, logger: logger,
                                         health: RuntimeHealth(startedAt: t0))

        // Throughput: every touch due at once.
        let past = clock.now().addingTimeInterval(-60)
        for chunk in stride(from: 0, to: touches, by: 1000) {
            try await store.enqueue((chunk..<min(touches, chunk + 1000)).map { touch($0, at: past, playbook: playbook) }, org: Self.org)
        }
        let start = ContinuousClock.now
        var sent = 0
        while true {
            let report = await dispatcher.runOnce()
            sent += report.sent
            if report.claimed == 0 { break }
        }
        let seconds = (ContinuousClock.now - start).seconds
        guard sent == touches else { throw BenchError(message: "sent \(sent) of \(touches) touches") }

        // Latency: touches due at a steady rate while the dispatcher polls.
        let latencyCount = latencyRate * latencySeconds
        let begin = clock.now().addingTimeInterval(1)
        for chunk in stride(from: 0, to: latencyCount, by: 1000) {
            try await store.enqueue((chunk..<min(latencyCount, chunk + 1000)).map { i in
                touch(touches + i, at: begin.addingTimeInterval(Double(i) / Double(latencyRate)), playbook: playbook)
            }, org: Self.org)
        }
        let until = begin.addingTimeInterval(Double(latencySeconds) + 2)
        while clock.now() < until {
            let report = await dispatcher.runOnce()
            if report.claimed == 0 { try await Task.sleep(for: .milliseconds(20)) }
        }
        var delays: [Double] = []
        for i in 0..<latencyCount {
            for t in try await store.touches(lead: LeadID("bl-\(touches + i)"), org: Self.org) {
                if let sentAt = t.sentAt { delays.append(sentAt.timeIntervalSince(t.scheduledAt)) }
            }
        }
        delays.sort()
        func pct(_ p: Double) -> Double { delays.isEmpty ? .nan : delays[min(delays.count - 1, Int(Double(delays.count) * p))] }
        return Result(seconds: seconds, rate: Double(touches) / seconds, p50: pct(0.50), p99: pct(0.99), latencyTouches: delays.count,
                      peakBytes: ProcessMemory.peakResidentBytes())
    }

    func touch(_ i: Int, at: Date, playbook: CompiledPlaybook) -> TouchRun {
        let lead = LeadID("bl-\(i)")
        return TouchRun(
            id: TouchID("bt-\(i)"), orgID: Self.org, leadID: lead, campaignID: Self.campaign, channel: .sms, step: 1, scheduledAt: at,
            payload: TouchPayload(message: "Hola, le escribimos de la clínica.", template: "bench", reason: "bench", kind: .cadence, language: .es),
            idempotencyKey: IdempotencyKey.make(lead: lead, campaign: Self.campaign, playbookHash: playbook.contentHash, step: 1, attempt: 0),
            playbookHash: playbook.contentHash)
    }
}
