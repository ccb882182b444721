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

    func enrol(campaign: Campaign, now: Date) async throws -> Int {
        let org = campaign.orgID
        // `new` leads wait for the enrichment loop: planning needs their zone.
        let leads = try await store.leads(org: org, state: .enriched, campaign: campaign.id, limit: configuration.batchSize)
        guard !leads.isEmpty else { return 0 }
        let context = try await directory.context(org: org, campaign: campaign.id, playbookHash: nil)
        var count = 0
        for lead in leads {
            let history = try await store.touches(lead: lead.id, org: org)
            let plan = context.orchestrator.plan(lead: lead, history: history, appointments: [], now: now)
            if !plan.touches.isEmpty { try await store.enqueue(plan.touches, org: org) }
            if let change = plan.stateChanges.last {
                try await store.updateLeadState(LeadStateChange(leadID: lead.id, to: change.to, reason: "enrolled in \(campaign.id.rawValue)"), org: org, at: now)
                count += 1
            } else if plan.touches.isEmpty {
                try await store.updateLeadState(LeadStateChange(leadID: lead.id, to: .unqualified, reason: "unreachable on every allowed channel"), org: org, at: now)
                await events.record(engine: "enrolment", org: org, campaign: campaign.id, lead: lead.id, errorCode: "unreachable",
                                    "lead not enrolled: no allowed channel reaches it", at: now)
            }
        }
        if count > 0 {
            await events.record(engine: "enrolment", org: org, campaign: campaign.id,
                                "\(count) leads enrolled on \(context.campaign.playbookID) \(context.orchestrator.playbook.contentHash.prefix(12))", at: now)
        }
        return count
    }
}
