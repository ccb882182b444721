import Foundation

/// One background loop's health, for `GET /api/health`.
public struct LoopHealth: Sendable, Codable, Hashable {
    /// `dispatch`, `enrolment`, `notifications`, `reconcile` …
    public var name: String
    public var lastRunAt: Date?
    /// The last error's safe description (no personal data), if the last run failed.
    public var lastError: String?
    public var runs: Int

    public init(name: String, lastRunAt: Date? = nil, lastError: String? = nil, runs: Int = 0) {
        self.name = name
        self.lastRunAt = lastRunAt
        self.lastError = lastError
        self.runs = runs
    }
}

/// What the daemon's loops report about themselves.
public struct HealthSnapshot: Sendable, Codable, Hashable {
    public var startedAt: Date
    public var loops: [LoopHealth]

    public init(startedAt: Date, loops: [LoopHealth]) {
        self.startedAt = startedAt
        self.loops = loops
    }
}

/// Provides loop health to the HTTP server without the server depending on the runtime.
public protocol HealthSource: Sendable {
    func snapshot() async -> HealthSnapshot
}
