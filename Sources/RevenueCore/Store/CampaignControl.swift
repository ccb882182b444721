import Foundation

/// What a campaign holds now: its touches by status, its leads by state, and how many leads each
/// playbook version (content hash) of its touches reaches.
public struct CampaignCounts: Sendable, Codable, Hashable {
    public var touches: [TouchStatus: Int]
    public var leads: [LeadState: Int]
    /// Playbook content hash → leads with touches pinned to it.
    public var leadsByPlaybookHash: [String: Int]

    public init(touches: [TouchStatus: Int] = [:], leads: [LeadState: Int] = [:], leadsByPlaybookHash: [String: Int] = [:]) {
        self.touches = touches
        self.leads = leads
        self.leadsByPlaybookHash = leadsByPlaybookHash
    }
}

/// Operator controls over a campaign (`revasi campaign pause|resume|archive`, `POST /api/campaigns/{id}/…`).
public protocol CampaignControlStore: Sendable {
    /// In ONE transaction: sets the campaign's status, cancels its queued touches with `reason` when one
    /// is given (archive), and records `event`. Returns how many touches were cancelled; throws
    /// `StoreError.notFound` when the org has no such campaign.
    @discardableResult
    func setCampaignStatus(
        _ id: CampaignID, org: OrgID, to status: CampaignStatus, cancellingQueued reason: String?, event: CoreMemoryEvent
    ) async throws -> Int
    /// Touch and lead counts of one campaign.
    func campaignCounts(_ id: CampaignID, org: OrgID) async throws -> CampaignCounts
}
