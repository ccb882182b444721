import Foundation
import RevenueCore
import Runtime
import SandboxChannel
import Testing

/// `revasi serve` killed with SIGKILL at random points (up to 20 times) while it dispatches 1,000 touches, restarted
/// each time: afterwards every touch reached the (ledger-backed) sandbox at most once, and every due
/// touch was sent or explicitly reconciled. SIGTERM on the last run exits 0.
@Suite struct CrashTests {
    static var revasi: URL? {
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [dir, dir.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("revasi")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    @Test(.enabled(if: CrashTests.revasi != nil, "needs the revasi executable built beside the tests"))
    func killNineWhileDispatchingThenRestart() async throws {
        let h = try await RuntimeHarness(leads: 1000, allowed: [.voice, .sms, .whatsapp])
        defer { h.cleanup() }
        var config = h.configuration()
        config.batchSize = 2000
        let enrolment = EnrollmentService(store: h.store, configuration: config, clock: h.clock, logger: h.logger, health: RuntimeHealth(startedAt: h.time.now))
        #expect(await enrolment.runOnce() == 1000)
        let ledger = h.folder.appendingPathComponent("ledger.txt").path
        let channels = h.folder.appendingPathComponent("channels.yaml").path
        let routes = ["voice", "sms", "whatsapp"].map {
            "  - client: \"*\"\n    channel: \($0)\n    adapter: sandbox\n    sender:\n      from: \"+13055550100\"\n"
        }.joined()
        try "version: 1\nadapters:\n  sandbox:\n    provider: sandbox\n    options:\n      ledger: \(ledger)\n      latency_ms: 12\nroutes:\n\(routes)"
            .write(toFile: channels, atomically: true, encoding: .utf8)
        let daemon = h.folder.appendingPathComponent("revasi.yaml").path
        try "batch_size: 20\nlease_seconds: 2\npoll_interval_seconds: 0.05\nsend_concurrency: 4\n".write(toFile: daemon, atomically: true, encoding: .utf8)
        let arguments = ["serve", "--db", "sqlite:\(h.databasePath)", "--channels", channels, "--config", daemon, "--log-level", "critical",
                         // The harness's Monday 10:00 in New York: inside the calling window whatever the machine's hour.
                         "--clock-start", RuntimeHarness.start.ISO8601Format()]

        var generator = SystemRandomNumberGenerator()
        var kills = 0
        let deadline = Date().addingTimeInterval(60)
        var settledAfter: [Int] = []
        while kills < 20, Date() < deadline {
            let process = try Self.start(arguments)
            try await Task.sleep(for: .milliseconds(Int.random(in: 150...900, using: &generator)))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            kills += 1
            let left = try await Self.unsettled(h)
            settledAfter.append(1000 - left)
            if left == 0 { break }
        }
        // Last run: until nothing is queued or sending, then a graceful stop.
        let last = try Self.start(arguments)
        let finish = Date().addingTimeInterval(240)  // a bound for a busy machine, not a speed target
        while try await Self.unsettled(h) > 0, Date() < finish { try await Task.sleep(for: .milliseconds(200)) }
        last.terminate()
        last.waitUntilExit()
        #expect(last.terminationStatus == 0)

        let records = LedgerSandboxAdapter.records(at: ledger)
        var perKey: [String: Int] = [:]
        for record in records { perKey[record.key, default: 0] += 1 }
        #expect(perKey.values.allSatisfy { $0 == 1 }, "a touch reached the provider twice")
        var sent = 0, other = 0
        for i in 0..<1000 {
            for touch in try await h.touches(LeadID(String(format: "lead-%04d", i))) {
                #expect(touch.status != .queued && touch.status != .sending)
                if touch.status == .sent {
                    sent += 1
                    #expect(perKey[touch.idempotencyKey] == 1)
                } else {
                    other += 1
                }
            }
        }
        #expect(sent == perKey.count)
        #expect(sent + other == 1000)
        // Many kills landed while touches were still going out (not all before the first send or after the last).
        #expect(settledAfter.filter { $0 > 0 && $0 < 1000 }.count >= 4, "kills mid-dispatch: \(settledAfter)")
    }

    static func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = revasi
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Touches still queued or sending.
    static func unsettled(_ h: RuntimeHarness) async throws -> Int {
        var count = 0
        for i in 0..<1000 {
            count += try await h.touches(LeadID(String(format: "lead-%04d", i))).filter { $0.status == .queued || $0.status == .sending }.count
        }
        return count
    }
}
