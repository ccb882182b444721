import Foundation
import RevenueCore

/// Operator controls over campaigns and clients, shared by the API and `revasi campaign|client …`:
/// pause, resume and archive with their checks, and the `core_memory_events` row each one writes.
public struct CampaignControls: Sendable {
    /// An operator action on a campaign.
    public enum Action: String, Sendable, CaseIterable {
        case pause, resume, archive

        /// The status the action leads to.
        public var target: CampaignStatus {
            switch self {
            case .pause: .paused
            case .resume: .active
            case .archive: .archived
            }
        }
    }

    /// What an action did.
    public struct Result: Sendable, Hashable {
        public var campaign: Campaign
        /// The status before the action.
        public var previous: CampaignStatus
        /// False when the campaign already had the target status (nothing written).
        public var changed: Bool
        /// Queued touches cancelled (archive only).
        public var cancelled: Int
    }

    /// Why an action was refused: the campaign does not exist, or its status does not allow it.
    public enum Refusal: Error, Sendable, Hashable, CustomStringConvertible {
        case notFound(CampaignID)
        case notAllowed(CampaignID, CampaignStatus, Action)

        public var description: String {
            switch self {
            case .notFound(let id): "campaign \(id) not found"
            case .notAllowed(let id, let status, let action): "campaign \(id) is \(status.rawValue) and cannot \(action.rawValue)"
            }
        }
    }

    /// The reason archived campaigns' queued touches carry.
    public static let archiveReason = "campaign archived"
    /// The engine name operator events are recorded under.
    public static let engine = "operator"

    let store: any Store & CampaignControlStore

    public init(store: any Store & CampaignControlStore) { self.store = store }

    /// Applies `action` to campaign `id`. `source` says who asked (`cli`, `api tok_…`) and is recorded in the event.
    public func apply(_ action: Action, campaign id: CampaignID, org: OrgID, source: String, at now: Date) async throws -> Result {
        guard var campaign = try await store.campaign(id, org: org) else { throw Refusal.notFound(id) }
        let previous = campaign.status
        if previous == action.target { return Result(campaign: campaign, previous: previous, changed: false, cancelled: 0) }
        switch (action, previous) {
        case (.pause, .archived), (.pause, .completed), (.resume, .archived), (.resume, .completed):
            throw Refusal.notAllowed(id, previous, action)
        default: break
        }
        let reason = action == .archive ? Self.archiveReason : nil
        let event = CoreMemoryEvent(
            engine: Self.engine, orgID: org, campaignID: id,
            message: "campaign \(action.target.rawValue) (was \(previous.rawValue)) by \(source)", at: now)
        let cancelled = try await store.setCampaignStatus(id, org: org, to: action.target, cancellingQueued: reason, event: event)
        campaign.status = action.target
        return Result(campaign: campaign, previous: previous, changed: true, cancelled: cancelled)
    }

    /// Saves `updated` over `old` and, when its status changed (a client-wide pause or resume), records the event.
    public func saveClient(_ updated: Client, old: Client?, org: OrgID, source: String, at now: Date) async throws {
        try await store.saveClient(updated, org: org)
        if let old, old.status != updated.status {
            try await store.recordCoreEvent(CoreMemoryEvent(
                engine: Self.engine, orgID: org,
                message: "client \(updated.id) \(updated.status.rawValue) (was \(old.status.rawValue)) by \(source)", at: now))
        }
    }
}

/// One campaign with what it holds now: what `GET /api/campaigns/{id}` answers and `revasi campaign show` prints.
public struct CampaignOverview: Encodable, Sendable {
    /// A stored version of the campaign's playbook and how many of the campaign's leads are on it.
    public struct Version: Encodable, Sendable, Hashable {
        public var version: Int
        public var contentHash: String
        public var leads: Int
    }

    public var id: String
    public var name: String
    public var clientId: String
    public var clientStatus: String?
    public var playbookId: String
    public var status: String
    public var offer: String?
    public var niche: String?
    public var geography: String?
    public var monthlyAppointmentTarget: Int?
    public var createdAt: Date
    /// Versions of the playbook, oldest first (the newest is what new leads start on).
    public var playbookVersions: [Version]
    /// Touches by status (`queued`, `sending`, `sent`, …).
    public var touches: [String: Int]
    /// Leads by state.
    public var leads: [String: Int]

    /// Reads the campaign's client, playbook versions and counts.
    public static func load(_ campaign: Campaign, store: any Store & CampaignControlStore) async throws -> CampaignOverview {
        let org = campaign.orgID
        let counts = try await store.campaignCounts(campaign.id, org: org)
        let client = try await store.client(campaign.clientID, org: org)
        let versions = try await store.playbookVersions(playbook: campaign.playbookID, org: org).map {
            Version(version: $0.version, contentHash: $0.contentHash, leads: counts.leadsByPlaybookHash[$0.contentHash] ?? 0)
        }
        return CampaignOverview(
            id: campaign.id.rawValue, name: campaign.name, clientId: campaign.clientID.rawValue, clientStatus: client?.status.rawValue,
            playbookId: campaign.playbookID, status: campaign.status.rawValue, offer: campaign.offer, niche: campaign.niche,
            geography: campaign.geography, monthlyAppointmentTarget: campaign.monthlyAppointmentTarget, createdAt: campaign.createdAt,
            playbookVersions: versions,
            touches: Dictionary(uniqueKeysWithValues: counts.touches.map { ($0.key.rawValue, $0.value) }),
            leads: Dictionary(uniqueKeysWithValues: counts.leads.map { ($0.key.rawValue, $0.value) }))
    }
}
