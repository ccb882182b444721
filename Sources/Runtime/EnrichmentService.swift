import Foundation
import Logging
import RevenueCore
import ServiceLifecycle

/// The enrichment loop: leads that arrive `new` (written by another system rather than through
/// `revasi import`, which enriches as it reads) get their time zone and US state inferred —
/// an explicit zone, else the phone's area code, else their state, else the client's zone — and
/// move to `enriched`, which is what the enrolment loop plans for.
public final class EnrichmentService: Service {
    let store: any Store
    let configuration: RuntimeConfiguration
    let clock: RuntimeClock
    let health: RuntimeHealth
    let events: EventRecorder
    let logger: Logger

    public init(store: any Store, configuration: RuntimeConfiguration, clock: RuntimeClock = .system, logger: Logger, health: RuntimeHealth) {
        self.logger = logger
        self.store = store
        self.configuration = configuration
        self.clock = clock
        self.health = health
        events = EventRecorder(store: store, logger: logger)
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            if await runOnce() == 0 {
                try? await cancelWhenGracefulShutdown { [clock, configuration] in
                    try await clock.sleep(.milliseconds(Int64(configuration.pollIntervalSeconds * 1000)))
                }
            }
        }
    }

    /// One pass: up to one batch of `new` leads per org. Returns how many were enriched.
    @discardableResult
    public func runOnce() async -> Int {
        let now = clock.now()
        var done = 0
        do {
            for org in try await store.orgs() {
                var zones: [CampaignID: String] = [:]
                // Each daemon works through the shared oldest batch in its own order (see EnrollmentService).
                for lead in try await store.leads(org: org.id, state: .new, campaign: nil, limit: configuration.batchSize).shuffled() {
                    let fallback = try await clientZone(of: lead, cache: &zones)
                    do {
                        if try await enrich(lead.id, org: org.id, fallback: fallback, now: now) { done += 1 }
                    } catch {
                        // One lead that cannot be written must not hold back the others.
                        await events.error(engine: "enrichment", org: org.id, campaign: lead.campaignID, lead: lead.id, error,
                                           context: "lead \(lead.id.rawValue) not enriched", at: now)
                    }
                }
            }
            health.record("enrichment", at: now, error: nil)
        } catch {
            health.record("enrichment", at: now, error: error)
            await events.error(engine: "enrichment", org: nil, error, context: "enrichment pass failed", at: now)
        }
        return done
    }

    /// Fills the lead's zone and state and moves it to `enriched`, as one compare-and-set from `new`: a lead
    /// no longer `new` (an opt-out arrived meanwhile, or another daemon enriched it) is left alone.
    func enrich(_ id: LeadID, org: OrgID, fallback: String, now: Date) async throws -> Bool {
        guard let lead = try await store.lead(id, org: org), lead.state == .new else { return false }
        let phone = lead.phone.flatMap { try? PhoneNumber(parsing: $0) }
        let explicit = lead.timeZoneSource == nil || lead.timeZoneSource == .explicit ? lead.timeZone : nil
        let zone = TimeZoneInference.infer(explicitTimeZone: explicit, usState: lead.usState, phone: phone, fallback: fallback)
        var enriched = lead
        enriched.timeZone = zone.timeZone
        enriched.timeZoneSource = zone.source
        enriched.usState = zone.usState
        let change = LeadStateChange(leadID: lead.id, to: .enriched, reason: "enriched: time zone from \(zone.source.rawValue)", expected: .new)
        do {
            try await store.transitionLead(change, fields: enriched, enqueue: [], org: lead.orgID, at: now)
        } catch let error as StoreError where error.isConflict {
            logger.debug("lead no longer new; left alone", metadata: ["lead.id": "\(lead.id.rawValue)"])
            return false
        }
        await events.record(engine: "enrichment", org: lead.orgID, campaign: lead.campaignID, lead: lead.id,
                            "lead enriched: zone \(zone.timeZone) from \(zone.source.rawValue)", at: now)
        return true
    }

    /// The zone of the client running the lead's campaign (America/New_York without one).
    func clientZone(of lead: Lead, cache: inout [CampaignID: String]) async throws -> String {
        guard let id = lead.campaignID else { return "America/New_York" }
        if let hit = cache[id] { return hit }
        var zone = "America/New_York"
        if let campaign = try await store.campaign(id, org: lead.orgID), let client = try await store.client(campaign.clientID, org: lead.orgID) {
            zone = client.timeZone
        }
        cache[id] = zone
        return zone
    }
}
