import Foundation

/// A decision or observation the Director wrote (pause a campaign, new cadence proposed …).
public struct DirectorEvent: Sendable, Codable, Hashable {
    /// Assigned by the store; `nil` before it is recorded.
    public var id: Int64?
    public var orgID: OrgID
    public var campaignID: CampaignID?
    /// A stable kind (`campaign.paused`, `playbook.proposed`).
    public var kind: String
    public var summary: String
    /// Structured detail as JSON text.
    public var detailJSON: String?
    public var at: Date

    public init(id: Int64? = nil, orgID: OrgID, campaignID: CampaignID? = nil, kind: String, summary: String, detailJSON: String? = nil, at: Date) {
        self.id = id
        self.orgID = orgID
        self.campaignID = campaignID
        self.kind = kind
        self.summary = summary
        self.detailJSON = detailJSON
        self.at = at
    }
}

/// A row of the central log every engine writes to (`core_memory_events`). No personal data.
public struct CoreMemoryEvent: Sendable, Codable, Hashable {
    /// Assigned by the store; `nil` before it is recorded.
    public var id: Int64?
    /// Which engine wrote it (`dispatcher`, `orchestrator`, `import`).
    public var engine: String
    /// `nil` for process-wide events (daemon start).
    public var orgID: OrgID?
    public var campaignID: CampaignID?
    public var leadID: LeadID?
    public var appointmentID: AppointmentID?
    public var errorCode: String?
    public var message: String
    public var at: Date

    public init(
        id: Int64? = nil, engine: String, orgID: OrgID?, campaignID: CampaignID? = nil, leadID: LeadID? = nil,
        appointmentID: AppointmentID? = nil, errorCode: String? = nil, message: String, at: Date
    ) {
        self.id = id
        self.engine = engine
        self.orgID = orgID
        self.campaignID = campaignID
        self.leadID = leadID
        self.appointmentID = appointmentID
        self.errorCode = errorCode
        self.message = message
        self.at = at
    }
}

/// A recorded move of a lead from one state to another, with the reason (the lead's timeline).
public struct LeadStateEvent: Sendable, Codable, Hashable {
    public var orgID: OrgID
    public var leadID: LeadID
    public var from: LeadState
    public var to: LeadState
    public var reason: String
    public var at: Date

    public init(orgID: OrgID, leadID: LeadID, from: LeadState, to: LeadState, reason: String, at: Date) {
        self.orgID = orgID
        self.leadID = leadID
        self.from = from
        self.to = to
        self.reason = reason
        self.at = at
    }
}

/// A requested state change, applied atomically with the write that causes it.
public struct LeadStateChange: Sendable, Codable, Hashable {
    public var leadID: LeadID
    public var to: LeadState
    /// Why (no personal data): `replied on sms`, `opted out`.
    public var reason: String
    /// The state the decision was made from: the store writes the change only while the lead is still
    /// in it (compare-and-set) and throws `StoreError.conflict` otherwise. Nil: unconditional (opt-outs).
    public var expected: LeadState?

    public init(leadID: LeadID, to: LeadState, reason: String, expected: LeadState? = nil) {
        self.leadID = leadID
        self.to = to
        self.reason = reason
        self.expected = expected
    }
}
