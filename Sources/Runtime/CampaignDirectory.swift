import Engine
import Foundation
import RevenueCore


/// One campaign ready to plan: its client and the orchestrator for a pinned playbook version.
public struct CampaignContext: Sendable {
    public var campaign: Campaign
    public var client: Client
    public var orchestrator: Orchestrator
}

/// Loads campaigns, clients and pinned playbook versions from the store and builds their
/// orchestrators (keyed by org, campaign and playbook content hash). An entry is rebuilt after
/// `refreshSeconds`, so a client's rules or a campaign's offer changed while the daemon runs apply
/// within that time; compiled graphs never change for a hash.
public final class CampaignDirectory: Sendable {
    private let store: any Store
    private let refreshSeconds: TimeInterval
    /// Builds the per-lead signed URLs (unsubscribe, the default booking page).
    public let links: LeadLinks
    private let cache = LockedValue<[String: (context: CampaignContext, loadedAt: Date)]>([:])

    /// `links` signs the per-lead URLs messages carry (unsubscribe, the default booking page).
    public init(store: any Store, refreshSeconds: TimeInterval = 60, links: LeadLinks = .none) {
        self.store = store
        self.refreshSeconds = refreshSeconds
        self.links = links
    }

    /// The campaign's context for the playbook version `hash` (nil = the newest version of its playbook,
    /// looked up on every call so a version published while the daemon runs is used at once).
    public func context(org: OrgID, campaign id: CampaignID, playbookHash hash: String?) async throws -> CampaignContext {
        guard let hash else {
            let campaign = try await campaign(id, org: org)
            guard let newest = try await store.playbookVersions(playbook: campaign.playbookID, org: org).last else {
                throw RuntimeError("playbook_missing", "no stored version of playbook \(campaign.playbookID)")
            }
            return try await context(org: org, campaign: id, playbookHash: newest.contentHash)
        }
        let key = "\(org.rawValue)|\(id.rawValue)|\(hash)"
        let now = Date()
        if let hit = cache.withLock({ $0[key] }), now.timeIntervalSince(hit.loadedAt) < refreshSeconds { return hit.context }
        let campaign = try await campaign(id, org: org)
        guard let client = try await store.client(campaign.clientID, org: org) else {
            throw RuntimeError("client_missing", "client \(campaign.clientID.rawValue) not found")
        }
        guard let version = try await store.playbookVersion(contentHash: hash, org: org) else {
            throw RuntimeError("playbook_missing", "no stored version of playbook \(campaign.playbookID) with hash \(hash.prefix(12))")
        }
        let playbook: CompiledPlaybook
        do {
            playbook = try JSONDecoder().decode(CompiledPlaybook.self, from: Data(version.compiledJSON.utf8))
        } catch {
            throw RuntimeError("playbook_unreadable", "stored graph of \(version.playbookID) v\(version.version) does not decode")
        }
        let context = CampaignContext(
            campaign: campaign, client: client,
            orchestrator: Orchestrator(playbook: playbook, client: client, campaignID: campaign.id, offer: campaign.offer, links: links))
        cache.withLock { $0[key] = (context, now) }
        return context
    }

    private func campaign(_ id: CampaignID, org: OrgID) async throws -> Campaign {
        guard let campaign = try await store.campaign(id, org: org) else {
            throw RuntimeError("campaign_missing", "campaign \(id.rawValue) not found")
        }
        return campaign
    }
}
