import Foundation
import RevenueCore
import Runtime
import Yams

/// `revasi.yaml`: the daemon's settings. Every key is optional; unknown keys are an error naming the file and key.
enum DaemonConfigFile {
    static let keys: Set<String> = [
        "daemon_id", "batch_size", "lease_seconds", "poll_interval_seconds", "public_base_url", "send_concurrency",
        "retry_max_attempts", "retry_base_delay_seconds", "retry_max_delay_seconds", "retry_jitter", "missing_variable_retry_seconds",
    ]

    /// Reads `path` (nil or missing default file = defaults).
    static func load(_ path: String?) throws -> RuntimeConfiguration {
        var config = RuntimeConfiguration()
        guard let path else { return config }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw CLIError.usage("cannot read \(path)") }
        let node: [String: Any]
        do {
            guard let parsed = try Yams.load(yaml: text) else { return config }
            guard let map = parsed as? [String: Any] else { throw CLIError.usage("\(path): expected a mapping of settings") }
            node = map
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError.usage("\(path): not valid YAML")
        }
        for key in node.keys.sorted() where !keys.contains(key) {
            throw CLIError.usage("\(path): unknown key '\(key)' (known: \(keys.sorted().joined(separator: ", ")))")
        }
        func number(_ key: String) throws -> Double? {
            guard let value = node[key] else { return nil }
            if let n = value as? Int { return Double(n) }
            if let d = value as? Double { return d }
            throw CLIError.usage("\(path): '\(key)' must be a number")
        }
        func string(_ key: String) throws -> String? {
            guard let value = node[key] else { return nil }
            guard let s = value as? String else { throw CLIError.usage("\(path): '\(key)' must be text") }
            return s
        }
        if let v = try string("daemon_id") { config.daemonID = v }
        if let v = try number("batch_size") { config.batchSize = max(1, Int(v)) }
        if let v = try number("lease_seconds") { config.leaseSeconds = max(1, v) }
        if let v = try number("poll_interval_seconds") { config.pollIntervalSeconds = max(0.01, v) }
        if let v = try string("public_base_url") { config.publicBaseURL = v }
        if let v = try number("send_concurrency") { config.sendConcurrency = max(1, Int(v)) }
        if let v = try number("retry_max_attempts") { config.retry.maxAttempts = max(1, Int(v)) }
        if let v = try number("retry_base_delay_seconds") { config.retry.baseDelay = max(0, v) }
        if let v = try number("retry_max_delay_seconds") { config.retry.maxDelay = max(0, v) }
        if let v = try number("retry_jitter") { config.retryJitter = max(0, v) }
        if let v = try number("missing_variable_retry_seconds") { config.missingVariableRetrySeconds = max(60, v) }
        return config
    }
}
