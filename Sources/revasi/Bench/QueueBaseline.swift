import Foundation
import RevenueCore
import StoreSchema

/// Figures of the baseline run.
struct BaselineResult {
    var tool: String
    var seconds: Double
    var rate: Double
}

extension QueueBench {
    /// Times the database's own CLI inserting the same number of touch rows and updating them
    /// (queued → sending → sent) set-based in one transaction, on a scratch copy of the same schema.
    func measureBaseline(_ location: StoreLocation) async throws -> BaselineResult {
        let script = baselineSQL
        let touches = self.touches
        return try await withScratch(location) { _, scratch in
            switch scratch {
            case .sqlite(let path):
                let seconds = try CommandTimer.run("sqlite3", ["-bail", path], input: script(.sqlite), environment: [:])
                return BaselineResult(tool: "sqlite3", seconds: seconds, rate: Double(touches) / seconds)
            case .postgres(let url):
                var environment = ["PGSSLMODE": url.sslMode]
                if let password = url.password { environment["PGPASSWORD"] = password }
                let arguments = [
                    "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", url.socketDirectory ?? url.host, "-p", "\(url.port)",
                    "-U", url.username, "-d", url.database ?? url.username,
                ]
                let input = "SET search_path TO \(url.schema ?? "public");\n" + script(.postgres)
                let seconds = try CommandTimer.run("psql", arguments, input: input, environment: environment)
                return BaselineResult(tool: "psql", seconds: seconds, rate: Double(touches) / seconds)
            }
        }
    }

    /// The set-based script: one INSERT … SELECT over a series, two UPDATEs, one transaction.
    func baselineSQL(_ dialect: SQLDialect) -> String {
        let sqlite = dialect == .sqlite
        let series = sqlite ? "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < \(touches))\n" : ""
        let from = sqlite ? "FROM n" : "FROM generate_series(0, \(touches - 1)) AS n(i)"
        let at = sqlite ? "'2026-09-21 12:00:00.000'" : "TIMESTAMPTZ '2026-09-21 12:00:00Z'"
        let later = sqlite ? "'2026-09-21 12:05:00.000'" : "TIMESTAMPTZ '2026-09-21 12:05:00Z'"
        let payload = ((try? StoreJSON.encode(Self.payload)) ?? "{}").replacingOccurrences(of: "'", with: "''")
        let cast = sqlite ? "" : "::jsonb"
        return """
            BEGIN;
            \(series)INSERT INTO touch_runs (id, org_id, lead_id, campaign_id, channel, step, status, scheduled_at, payload, attempt, idempotency_key, playbook_hash)
            SELECT 'base-' || i, 'bench', 'bench-lead-' || (i % \(leadCount)), 'bench-campaign', 'sms', i / \(leadCount) + 1, 'queued', \(at),
                '\(payload)'\(cast), 0, 'base-key-' || i, '\(Self.playbookHash)'
            \(from);
            UPDATE touch_runs SET status = 'sending', lease_owner = 'baseline', lease_expires_at = \(later)
            WHERE org_id = 'bench' AND status = 'queued';
            UPDATE touch_runs SET status = 'sent', sent_at = \(at), provider_message_id = 'p-' || id, lease_owner = NULL, lease_expires_at = NULL
            WHERE org_id = 'bench' AND status = 'sending';
            COMMIT;

            """
    }
}

/// Runs a command-line tool and times it, wall clock, start to exit.
enum CommandTimer {
    /// Runs `tool` (looked up on PATH) with `input` on stdin; returns the elapsed seconds.
    static func run(_ tool: String, _ arguments: [String], input: String, environment: [String: String]) throws -> Double {
        guard let path = locate(tool) else {
            throw BenchError(message: "\(tool) not found on PATH (apt-get install \(tool == "psql" ? "postgresql-client" : tool))")
        }
        let inputFile = FileManager.default.temporaryDirectory.appendingPathComponent("revasi-bench-\(UUID().uuidString).sql")
        try input.write(to: inputFile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: inputFile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardInput = try FileHandle(forReadingFrom: inputFile)
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        let start = ContinuousClock.now
        try process.run()
        process.waitUntilExit()
        let seconds = (ContinuousClock.now - start).seconds
        guard process.terminationStatus == 0 else {
            let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw BenchError(message: "\(tool) failed (exit \(process.terminationStatus)): \(text.prefix(300))")
        }
        return seconds
    }

    private static func locate(_ tool: String) -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.map { "\($0)/\(tool)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
