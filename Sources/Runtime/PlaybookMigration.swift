import Engine
import Foundation
import RevenueCore

/// What moving a campaign's running leads onto another playbook version would do (nothing written yet).
public struct MigrationPlan: Sendable {
    /// A lead left on its version, and why.
    public struct Kept: Sendable, Hashable {
        public var lead: LeadID
        public var reason: String
    }

    public var org: OrgID
    public var campaign: CampaignID
    public var playbookID: String
    /// The version the leads move to.
    public var target: PlaybookVersion
    /// Queued touches as they will be on the target version.
    public var touches: [TouchRun]
    /// The hash each of those touches is on now (the write is guarded by it).
    public var from: [TouchID: String]
    /// Leads that move, with the version they are on now.
    public var moving: [LeadID: Int]
    public var kept: [Kept]
    /// Running leads already on the target version.
    public var alreadyOnTarget: Int
}

/// What `apply` wrote.
public struct MigrationResult: Sendable, Hashable {
    public var movedLeads: Int
    public var movedTouches: Int
    /// Leads whose touches were claimed or settled between planning and writing (left unchanged: run again).
    public var raced: [LeadID]

    public init(movedLeads: Int, movedTouches: Int, raced: [LeadID]) {
        self.movedLeads = movedLeads
        self.movedTouches = movedTouches
        self.raced = raced
    }
}

/// `revasi campaign migrate`: moves the running leads of a campaign to another stored version of its
/// playbook. Running leads are otherwise pinned to the version they started with; this is the one
/// explicit way to move them. A lead moves when every touch it has queued has a step in the target
/// version; its queued touches keep their ids, steps and times and take the target's hash, key and copy.
public struct PlaybookMigration: Sendable {
    let store: any Store
    let directory: CampaignDirectory

    public init(store: any Store, directory: CampaignDirectory? = nil) {
        self.store = store
        self.directory = directory ?? CampaignDirectory(store: store)
    }

    /// Plans the move to `version` (nil = the newest stored version of the campaign's playbook).
    public func plan(org: OrgID, campaign id: CampaignID, toVersion version: Int?) async throws -> MigrationPlan {
        guard let campaign = try await store.campaign(id, org: org) else {
            throw RuntimeError("campaign_missing", "campaign \(id.rawValue) not found in org \(org.rawValue)")
        }
        let versions = try await store.playbookVersions(playbook: campaign.playbookID, org: org)
        let wanted = version.map { v in versions.first { $0.version == v } } ?? versions.last
        guard let target = wanted else {
            let known = versions.map { "v\($0.version)" }.joined(separator: ", ")
            throw RuntimeError("version_missing", "playbook \(campaign.playbookID) has no version \(version.map(String.init) ?? "stored")"
                                + (known.isEmpty ? "" : " (stored: \(known))"))
        }
        let versionOf = Dictionary(versions.map { ($0.contentHash, $0.version) }, uniquingKeysWith: { a, _ in a })
        let context = try await directory.context(org: org, campaign: id, playbookHash: target.contentHash)
        var plan = MigrationPlan(org: org, campaign: id, playbookID: campaign.playbookID, target: target, touches: [], from: [:],
                                 moving: [:], kept: [], alreadyOnTarget: 0)
        // Only leads with touches still queued or being sent are running: one query, not one per lead.
        let openByLead = Dictionary(grouping: try await store.openTouches(campaign: id, org: org), by: \.leadID)
        for leadID in openByLead.keys.sorted() {
            guard let open = openByLead[leadID] else { continue }
            if open.allSatisfy({ $0.playbookHash == target.contentHash }) {
                plan.alreadyOnTarget += 1
                continue
            }
            if open.contains(where: { $0.status == .sending }) {
                plan.kept.append(.init(lead: leadID, reason: "a touch is being sent now; run the migration again"))
                continue
            }
            guard let lead = try await store.lead(leadID, org: org) else { continue }
            var appointments: [Appointment] = []
            for appointmentID in Set(open.compactMap(\.appointmentID)) {
                if let a = try await store.appointment(appointmentID, org: org) { appointments.append(a) }
            }
            var moved: [TouchRun] = []
            var missing: [Int] = []
            for touch in open where touch.playbookHash != target.contentHash {
                if let m = context.orchestrator.repin(touch, lead: lead, appointments: appointments) { moved.append(m) } else { missing.append(touch.step) }
            }
            if !missing.isEmpty {
                let steps = missing.sorted().map(String.init).joined(separator: ", ")
                plan.kept.append(.init(lead: lead.id, reason: "step \(steps) (or its channel) is not in v\(target.version)"))
                continue
            }
            for (old, new) in zip(open.filter { $0.playbookHash != target.contentHash }, moved) { plan.from[new.id] = old.playbookHash }
            plan.touches += moved
            let current = open.first { $0.playbookHash != target.contentHash }?.playbookHash ?? ""
            plan.moving[lead.id] = versionOf[current] ?? 0
        }
        return plan
    }

    /// Writes the plan in one transaction and records it in core_memory_events.
    public func apply(_ plan: MigrationPlan, at now: Date) async throws -> MigrationResult {
        let missed = Set(try await store.repin(plan.touches, from: plan.from, org: plan.org))
        let raced = Set(plan.touches.filter { missed.contains($0.id) }.map(\.leadID))
        let moved = plan.touches.filter { !missed.contains($0.id) }
        let result = MigrationResult(movedLeads: Set(moved.map(\.leadID)).count, movedTouches: moved.count, raced: raced.sorted())
        try await store.recordCoreEvent(CoreMemoryEvent(
            engine: "migration", orgID: plan.org, campaignID: plan.campaign,
            message: "\(result.movedLeads) running leads (\(result.movedTouches) queued touches) moved to \(plan.playbookID) v\(plan.target.version); "
                + "\(plan.kept.count) kept on their version, \(raced.count) changed meanwhile",
            at: now))
        return result
    }
}
