import Engine
import Foundation
import Logging
import RevenueCore
import ServiceLifecycle

/// The campaign engine: enrols enriched leads of active campaigns into the campaign's current
/// playbook version (pinned by content hash on every touch) and enqueues their first touches.
public final class EnrollmentService: Service {
    let store: any Store
    let configuration: RuntimeConfiguration
    let clock: RuntimeClock
    let logger: Logger
    let health: RuntimeHealth
    let directory: CampaignDirectory
    let events: EventRecorder

    public init(store: any Store, configuration: RuntimeConfiguration, clock: RuntimeClock = .system, logger: Logger, health: RuntimeHealth,
                directory: CampaignDirectory? = nil) {
        self.store = store
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        self.health = health
        self.directory = directory ?? CampaignDirectory(store: store)
        events = EventRecorder(store: store, logger: logger)
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let enrolled = await runOnce()
            if enrolled == 0 {
                try? await cancelWhenGracefulShutdown { [clock, configuration] in
                    try await clock.sleep(.milliseconds(Int64(configuration.pollIntervalSeconds * 1000)))
                }
            }
        }
    }

    /// One pass: up to one batch of leads per active campaign. Returns how many leads were enrolled.
    @discardableResult
    public func runOnce() async -> Int {
        let now = clock.now()
        var enrolled = 0
        do {
            for org in try await store.orgs() {
                for campaign in try await store.campaigns(org: org.id, status: .active) {
                    enrolled += try await enrol(campaign: campaign, now: now)
                }
            }
            health.record("enrolment", at: now, error: nil)
        } catch {
            health.record("enrolment", at: now, error: error)
            await events.error(engine: "enrolment", org: nil, error, context: "enrolment pass failed", at: now)
        }
        return enrolled
    }

    /// Enrols one batch of the campaign's `enriched` leads. Each lead is claimed by a compare-and-set from
    /// `enriched`, in the same transaction as its first touches: with several daemons exactly one plans
    /// a lead; the others lose the set and leave it (a debug line, nothing written).
    func enrol(campaign: Campaign, now: Date) async throws -> Int {
        let org = campaign.orgID
        // `new` leads wait for the enrichment loop: planning needs their zone.
        let leads = try await store.leads(org: org, state: .enriched, campaign: campaign.id, limit: configuration.batchSize)
        guard !leads.isEmpty else { return 0 }
        let context = try await directory.context(org: org, campaign: campaign.id, playbookHash: nil)
        var count = 0
        // Several daemons read the same oldest batch: each works through it in its own order, so they
        // meet on a lead rarely instead of on every lead; a lead another daemon took is skipped by one read.
        for candidate in leads.shuffled() {
            guard let lead = try await store.lead(candidate.id, org: org), lead.state == .enriched else { continue }
            let history = try await store.touches(lead: lead.id, org: org)
            let plan = context.orchestrator.plan(lead: lead, history: history, appointments: [], now: now)
            let change: LeadStateChange
            if let next = plan.stateChanges.last {
                change = LeadStateChange(leadID: lead.id, to: next.to, reason: "enrolled in \(campaign.id.rawValue)", expected: .enriched)
            } else if plan.touches.isEmpty, !history.contains(where: { $0.campaignID == campaign.id }) {
                // Only a reason about the lead makes it unreachable: no allowed channel reaches it. Touches
                // that already exist (another daemon's work) are never such a reason.
                change = LeadStateChange(leadID: lead.id, to: .unqualified, reason: "unreachable on every allowed channel", expected: .enriched)
            } else {
                logger.debug("lead already planned; left to its enrolment", metadata: ["lead.id": "\(lead.id.rawValue)", "campaign.id": "\(campaign.id.rawValue)"])
                continue
            }
            do {
                try await store.transitionLead(change, fields: nil, enqueue: plan.touches, org: org, at: now)
            } catch let error as StoreError where error.isConflict {
                logger.debug("lead enrolled by another daemon", metadata: ["lead.id": "\(lead.id.rawValue)", "campaign.id": "\(campaign.id.rawValue)"])
                continue
            }
            if change.to == .unqualified {
                await events.record(engine: "enrolment", org: org, campaign: campaign.id, lead: lead.id, errorCode: "unreachable",
                                    "lead not enrolled: no allowed channel reaches it", at: now)
            } else {
                count += 1
            }
        }
        if count > 0 {
            await events.record(engine: "enrolment", org: org, campaign: campaign.id,
                                "\(count) leads enrolled on \(context.campaign.playbookID) \(context.orchestrator.playbook.contentHash.prefix(12))", at: now)
        }
        return count
    }
}
