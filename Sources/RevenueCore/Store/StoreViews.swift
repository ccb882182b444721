import Foundation

/// A row of the `lead_enriched` view: a lead with its last touch and campaign.
public struct LeadEnriched: Sendable, Codable, Hashable {
    public var id: LeadID
    public var fullName: String?
    public var email: String?
    public var phone: String?
    public var state: LeadState
    public var lastTouchAt: Date?
    public var campaignID: CampaignID?
    public var campaignName: String?
    public var channelLast: Channel?

    public init(
        id: LeadID, fullName: String?, email: String?, phone: String?, state: LeadState, lastTouchAt: Date?,
        campaignID: CampaignID?, campaignName: String?, channelLast: Channel?
    ) {
        self.id = id
        self.fullName = fullName
        self.email = email
        self.phone = phone
        self.state = state
        self.lastTouchAt = lastTouchAt
        self.campaignID = campaignID
        self.campaignName = campaignName
        self.channelLast = channelLast
    }

    /// The view's columns, in order: the contract the UI reads.
    public static let columns = [
        "id", "full_name", "email", "phone", "state", "last_touch_at", "campaign_id", "campaign_name", "channel_last",
    ]
}

/// A row of `voice_insights_calls_v1`: one voice touch that was placed.
public struct VoiceCall: Sendable, Codable, Hashable {
    public var touchID: TouchID
    public var leadID: LeadID
    public var campaignID: CampaignID
    public var status: TouchStatus
    public var durationSeconds: Int?
    public var outcome: Outcome?
    public var recordingURL: String?
    public var startedAt: Date

    public init(
        touchID: TouchID, leadID: LeadID, campaignID: CampaignID, status: TouchStatus, durationSeconds: Int?,
        outcome: Outcome?, recordingURL: String?, startedAt: Date
    ) {
        self.touchID = touchID
        self.leadID = leadID
        self.campaignID = campaignID
        self.status = status
        self.durationSeconds = durationSeconds
        self.outcome = outcome
        self.recordingURL = recordingURL
        self.startedAt = startedAt
    }

    /// The view's columns, in order.
    public static let columns = [
        "id", "org_id", "lead_id", "campaign_id", "status", "duration_seconds", "outcome", "recording_url", "started_at",
    ]
}

/// What an import did: how many leads were new, how many were already known.
public struct ImportSummary: Sendable, Codable, Hashable {
    /// Leads written, in batch order.
    public var inserted: [LeadID]
    /// Leads skipped because the org already had (or the batch repeated) their phone, e-mail or id.
    public var duplicates: Int

    public init(inserted: [LeadID], duplicates: Int) {
        self.inserted = inserted
        self.duplicates = duplicates
    }
}
