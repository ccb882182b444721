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
/// orchestrators once (keyed by org, campaign and playbook content hash).
public final class CampaignDirectory: Sendable {
    private let store: any Store
    private let cache = LockedValue<[String: CampaignContext]>([:])

    public init(store: any Store) { self.store = store }

    /// The campaign's context for the playbook version `hash` (nil = the newest version of its playbook).
    public func context(org: OrgID, campaign id: CampaignID, playbookHash hash: String?) async throws -> CampaignContext {
        let key = "\(org.rawValue)|\(id.rawValue)|\(hash ?? "")"
        if let hit = cache.withLock({ $0[key] }) { return hit }
        guard let campaign = try await store.campaign(id, org: org) else {
            throw RuntimeError("campaign_missing", "campaign \(id.rawValue) not found")
        }
        guard let client = try await store.client(campaign.clientID, org: org) else {
            throw RuntimeError("client_missing", "client \(campaign.clientID.rawValue) not found")
        }
        let version: PlaybookVersion?
        if let hash {
            version = try await store.playbookVersion(contentHash: hash, org: org)
        } else {
            version = try await store.playbookVersions(playbook: campaign.playbookID, org: org).last
        }
        guard let version else {
            throw RuntimeError("playbook_missing", "no stored version of playbook \(campaign.playbookID)")
        }
        let playbook: CompiledPlaybook
        do {
            playbook = try JSONDecoder().decode(CompiledPlaybook.self, from: Data(version.compiledJSON.utf8))
        } catch {
            throw RuntimeError("playbook_unreadable", "stored graph of \(version.playbookID) v\(version.version) does not decode")
        }
        let settings = ClientSettings(
            clientID: client.id, allowedChannels: client.allowedChannels, defaultTimeZone: client.timeZone,
            sendWindow: client.schedule, touchesPerLeadPerDay: client.limits.touchesPerLeadPerDay,
            profile: ClientProfile(name: client.name, agentName: client.name, offer: campaign.offer ?? ""))
        let context = CampaignContext(
            campaign: campaign, client: client,
            orchestrator: Orchestrator(playbook: playbook, client: settings, campaignID: campaign.id))
        cache.withLock { $0[key] = context }
        if hash == nil { cache.withLock { $0["\(org.rawValue)|\(id.rawValue)|\(playbook.contentHash)"] = context } }
        return context
    }
}
