import Foundation

/// Who holds a claim and for how long; a lease that runs out lets another worker reconcile the touch.
public struct Lease: Sendable, Hashable {
    /// A stable worker name (`daemon-1/dispatcher`).
    public var owner: String
    public var duration: Duration

    public init(owner: String, duration: Duration) {
        self.owner = owner
        self.duration = duration
    }

    /// When a lease taken at `now` expires.
    public func expiry(from now: Date) -> Date {
        let (seconds, attoseconds) = duration.components
        return now.addingTimeInterval(Double(seconds) + Double(attoseconds) / 1e18)
    }
}

/// How failed touches are retried: exponential backoff from `baseDelay`, capped at `maxDelay`.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in total (the first send included); after the last one the touch is `failed`.
    public var maxAttempts: Int
    public var baseDelay: TimeInterval
    public var maxDelay: TimeInterval

    public init(maxAttempts: Int = 3, baseDelay: TimeInterval = 60, maxDelay: TimeInterval = 3600) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// Never retry.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// The wait before the retry that follows failed attempt number `attempt` (0-based).
    public func delay(afterAttempt attempt: Int) -> TimeInterval {
        min(maxDelay, baseDelay * pow(2, Double(max(0, attempt))))
    }

    /// Whether a touch whose attempt `attempt` (0-based) just failed may go again.
    public func allowsRetry(afterAttempt attempt: Int) -> Bool { attempt + 1 < maxAttempts }
}

/// What the dispatcher reports when a provider accepted a claimed touch.
public struct TouchCompletion: Sendable, Hashable {
    public var touchID: TouchID
    /// Usually `.sent`; `.delivered` when the provider confirms synchronously, `.skipped` when not sent by decision.
    public var status: TouchStatus
    public var providerMessageID: String?
    /// Why a touch was skipped (`missing_variable: client.phone`); nil for a sent touch.
    public var error: String?
    public var sentAt: Date

    public init(touchID: TouchID, status: TouchStatus = .sent, providerMessageID: String? = nil, error: String? = nil, sentAt: Date) {
        self.touchID = touchID
        self.status = status
        self.providerMessageID = providerMessageID
        self.error = error
        self.sentAt = sentAt
    }
}

/// The result of a touch as reported later (webhook, call end): written with the next step it causes.
public struct TouchOutcomeReport: Sendable, Hashable {
    public var status: TouchStatus
    public var outcome: Outcome?
    public var providerMessageID: String?
    /// Safe to log: an error code or provider status, never personal data.
    public var error: String?
    /// Voice only.
    public var durationSeconds: Int?
    /// Voice only.
    public var recordingURL: String?
    public var at: Date

    public init(
        status: TouchStatus, outcome: Outcome? = nil, providerMessageID: String? = nil, error: String? = nil,
        durationSeconds: Int? = nil, recordingURL: String? = nil, at: Date
    ) {
        self.status = status
        self.outcome = outcome
        self.providerMessageID = providerMessageID
        self.error = error
        self.durationSeconds = durationSeconds
        self.recordingURL = recordingURL
        self.at = at
    }
}

/// What an enqueue did: which touches were new and how many keys were already there.
public struct EnqueueResult: Sendable, Hashable {
    public var inserted: [TouchID]
    /// Touches whose idempotency key already existed (not inserted, not an error).
    public var duplicates: Int

    public init(inserted: [TouchID], duplicates: Int) {
        self.inserted = inserted
        self.duplicates = duplicates
    }
}
