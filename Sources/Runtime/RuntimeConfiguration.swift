import Foundation
import RevenueCore

/// The daemon's settings (`revasi.yaml`): batch size, lease, retries, poll interval, callback base URL.
public struct RuntimeConfiguration: Sendable, Hashable {
    /// This daemon's name: lease owner of the touches it claims (`<host>-<pid>` by default).
    public var daemonID: String
    /// Touches claimed per org per pass.
    public var batchSize: Int
    /// How long a claim holds before another daemon may reconcile the touch.
    public var leaseSeconds: Double
    /// Retries of retryable send failures (backoff doubles from `baseDelay`, jitter added).
    public var retry: RetryPolicy
    /// Jitter added to each retry delay, as a fraction of it (0.2 = up to +20 %).
    public var retryJitter: Double
    /// Wait between passes when a loop found nothing to do.
    public var pollIntervalSeconds: Double
    /// Public base URL the provider calls back (`https://revasi.example.com`); nil = the adapter's default.
    public var publicBaseURL: String?
    /// Touches sent concurrently inside one batch.
    public var sendConcurrency: Int
    /// How long a touch whose template has an empty variable waits before it is rendered again.
    public var missingVariableRetrySeconds: Double = 900

    public init(
        daemonID: String = RuntimeConfiguration.defaultDaemonID, batchSize: Int = 100, leaseSeconds: Double = 60,
        retry: RetryPolicy = RetryPolicy(maxAttempts: 3, baseDelay: 60, maxDelay: 3600), retryJitter: Double = 0.2,
        pollIntervalSeconds: Double = 1, publicBaseURL: String? = nil, sendConcurrency: Int = 8
    ) {
        self.daemonID = daemonID
        self.batchSize = max(1, batchSize)
        self.leaseSeconds = max(1, leaseSeconds)
        self.retry = retry
        self.retryJitter = max(0, retryJitter)
        self.pollIntervalSeconds = max(0.001, pollIntervalSeconds)
        self.publicBaseURL = publicBaseURL
        self.sendConcurrency = max(1, sendConcurrency)
    }

    /// `<hostname>-<pid>`.
    public static var defaultDaemonID: String {
        "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)"
    }

    /// The lease a claim takes.
    public var lease: Lease { Lease(owner: daemonID, duration: .milliseconds(Int64(leaseSeconds * 1000))) }

    /// The status callback URL for a touch on `provider`: `<base>/webhooks/<provider>?touch=…&org=…`.
    public func callbackURL(provider: ProviderKind, touch: TouchID, org: OrgID) -> String? {
        guard let base = publicBaseURL, var components = URLComponents(string: base) else { return nil }
        components.path = (components.path.hasSuffix("/") ? String(components.path.dropLast()) : components.path)
            + "/webhooks/\(provider.rawValue)"
        components.queryItems = [URLQueryItem(name: "touch", value: touch.rawValue), URLQueryItem(name: "org", value: org.rawValue)]
        return components.string
    }
}
