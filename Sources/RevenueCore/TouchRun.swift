import Foundation

/// The lifecycle of one `touch_runs` row.
public enum TouchStatus: String, CaseIterable, Codable, Sendable, Hashable, CustomStringConvertible {
    /// Planned, waiting for its `scheduled_at`.
    case queued
    /// Claimed under a lease; the provider call may be in flight.
    case sending
    /// Accepted by the provider.
    case sent
    /// The provider confirmed delivery (or the call connected).
    case delivered
    /// Failed for good (after retries, if any).
    case failed
    /// Withdrawn before sending (exit condition, opt-out, reschedule).
    case cancelled
    /// Not sent by decision (compliance, unreachable); the payload's reason says why.
    case skipped

    public var description: String { rawValue }

    /// Whether the row will not change any more.
    public var isFinal: Bool { [.delivered, .failed, .cancelled, .skipped].contains(self) }
}

/// Why a touch exists: the design's payload `kind`.
public enum TouchKind: String, CaseIterable, Codable, Sendable, Hashable {
    /// A step of the cadence.
    case cadence
    /// A step re-routed to another channel after the first could not deliver.
    case fallback
    /// The same step again after a retryable failure.
    case retry
    /// An appointment reminder (steps 200, 201, 202).
    case reminder
    /// An appointment outcome follow-up (steps 210, 220).
    case followUp = "follow_up"
    /// A compliance confirmation (opt-out acknowledged, help text).
    case confirmation
}

/// The design's `touch_runs.payload`: what is sent and why.
public struct TouchPayload: Sendable, Codable, Hashable {
    /// The rendered message (or voice script) in the lead's language.
    public var message: String
    /// The e-mail subject, for e-mail touches.
    public var subject: String?
    /// The playbook template id the message came from.
    public var template: String
    /// Why this touch was planned (human-readable, no personal data).
    public var reason: String
    public var kind: TouchKind
    public var language: Language

    public init(message: String, subject: String? = nil, template: String, reason: String, kind: TouchKind, language: Language) {
        self.message = message
        self.subject = subject
        self.template = template
        self.reason = reason
        self.kind = kind
        self.language = language
    }
}

/// One planned or executed touch: a row of `touch_runs`.
public struct TouchRun: Sendable, Codable, Hashable, Identifiable {
    public var id: TouchID
    public var orgID: OrgID
    public var leadID: LeadID
    public var campaignID: CampaignID
    public var channel: Channel
    public var step: Int
    public var status: TouchStatus
    public var scheduledAt: Date
    public var sentAt: Date?
    public var payload: TouchPayload
    public var error: String?
    public var attempt: Int
    public var idempotencyKey: String
    /// The content hash of the playbook version the lead is pinned to.
    public var playbookHash: String
    public var leaseOwner: String?
    public var leaseExpiresAt: Date?
    public var providerMessageID: String?
    /// What the touch produced, once known (drives the next step).
    public var outcome: Outcome?
    /// The appointment a reminder or follow-up belongs to.
    public var appointmentID: AppointmentID?

    public init(
        id: TouchID, orgID: OrgID, leadID: LeadID, campaignID: CampaignID, channel: Channel, step: Int,
        status: TouchStatus = .queued, scheduledAt: Date, sentAt: Date? = nil, payload: TouchPayload,
        error: String? = nil, attempt: Int = 0, idempotencyKey: String, playbookHash: String,
        leaseOwner: String? = nil, leaseExpiresAt: Date? = nil, providerMessageID: String? = nil,
        outcome: Outcome? = nil, appointmentID: AppointmentID? = nil
    ) {
        self.id = id
        self.orgID = orgID
        self.leadID = leadID
        self.campaignID = campaignID
        self.channel = channel
        self.step = step
        self.status = status
        self.scheduledAt = scheduledAt
        self.sentAt = sentAt
        self.payload = payload
        self.error = error
        self.attempt = attempt
        self.idempotencyKey = idempotencyKey
        self.playbookHash = playbookHash
        self.leaseOwner = leaseOwner
        self.leaseExpiresAt = leaseExpiresAt
        self.providerMessageID = providerMessageID
        self.outcome = outcome
        self.appointmentID = appointmentID
    }
}

/// Deterministic idempotency keys: the same (lead, campaign, playbook version, step, attempt) always
/// gives the same key, so a replanned or redelivered touch is recognised, never doubled.
public enum IdempotencyKey {
    /// Builds the key `lead/campaign/playbook-hash-prefix/step/attempt`.
    public static func make(lead: LeadID, campaign: CampaignID, playbookHash: String, step: Int, attempt: Int) -> String {
        "\(lead.rawValue)/\(campaign.rawValue)/\(playbookHash.prefix(16))/\(step)/\(attempt)"
    }
}
