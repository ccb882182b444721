import Engine
import Foundation
import RevenueCore

/// Applies a touch's outcome: `Orchestrator.apply`, then `recordOutcome` (outcome, next touches and
/// state change in one transaction). Idempotent: a touch whose outcome is already known is left alone.
public struct OutcomeApplier: Sendable {
    let store: any Store
    let directory: CampaignDirectory
    let events: EventRecorder

    public init(store: any Store, directory: CampaignDirectory, events: EventRecorder) {
        self.store = store
        self.directory = directory
        self.events = events
    }

    /// Applies `outcome` to the touch; returns false when it was already settled (duplicate callback).
    /// The write is a compare-and-set on the touch's outcome and the lead's state: when another daemon
    /// settled the touch or moved the lead meanwhile, it reads again and decides again (at most 3 times).
    @discardableResult
    public func apply(
        _ outcome: Outcome, to touchID: TouchID, org: OrgID, providerMessageID: String? = nil, error: String? = nil,
        durationSeconds: Int? = nil, recordingURL: String? = nil, lead override: Lead? = nil, now: Date
    ) async throws -> Bool {
        var attempt = 0
        while true {
            do {
                return try await applyOnce(outcome, to: touchID, org: org, providerMessageID: providerMessageID, error: error,
                                           durationSeconds: durationSeconds, recordingURL: recordingURL, lead: override, now: now)
            } catch let lost as StoreError where lost.isConflict && attempt < 2 {
                attempt += 1
            }
        }
    }

    private func applyOnce(
        _ outcome: Outcome, to touchID: TouchID, org: OrgID, providerMessageID: String?, error: String?,
        durationSeconds: Int?, recordingURL: String?, lead override: Lead?, now: Date
    ) async throws -> Bool {
        guard let touch = try await store.touch(touchID, org: org) else {
            throw RuntimeError("touch_missing", "touch \(touchID.rawValue) not found")
        }
        // A touch settled as unreconciled after a crash had an unknown fate: a callback now proves it went out.
        let unreconciled = touch.status == .failed && touch.error?.hasPrefix("unreconciled") == true
        // A reply outranks the delivery or open reported before it (providers often report delivery first).
        let upgrade = outcome == .replied && (touch.outcome == .delivered || touch.outcome == .opened)
        if !upgrade && (touch.outcome != nil || (touch.status.isFinal && !unreconciled)) { return false }
        guard let stored = try await store.lead(touch.leadID, org: org) else {
            throw RuntimeError("lead_missing", "lead \(touch.leadID.rawValue) not found")
        }
        let lead = override ?? stored
        let context = try await directory.context(org: org, campaign: touch.campaignID, playbookHash: touch.playbookHash)
        let history = try await store.touches(lead: lead.id, org: org)
        let result = context.orchestrator.apply(outcome: outcome, to: touch, lead: lead, history: history, appointments: [], now: now)
        let change = result.stateChanges.last.map { last in
            LeadStateChange(leadID: lead.id, to: last.to, reason: "\(outcome.rawValue) on \(touch.channel.rawValue): " + result.stateChanges.map(\.trigger.rawValue).joined(separator: ", "),
                            expected: stored.state)
        }
        let report = TouchOutcomeReport(
            status: result.touch.status, outcome: outcome, providerMessageID: providerMessageID ?? touch.providerMessageID,
            error: error, durationSeconds: durationSeconds, recordingURL: recordingURL, at: now)
        try await store.recordOutcome(touch: touch.id, org: org, outcome: report, next: result.plan.touches, leadState: change?.to == stored.state ? nil : change)
        if !result.plan.cancellations.isEmpty, result.plan.touches.isEmpty, result.lead.state == .doNotContact || result.lead.state == .unqualified {
            try await store.cancelQueued(lead: lead.id, org: org, reason: "lead \(result.lead.state.rawValue)")
        }
        let next = result.plan.touches.map { "\($0.channel.rawValue) step \($0.step)" }.joined(separator: ", ")
        await events.record(
            engine: "orchestrator", org: org, campaign: touch.campaignID, lead: lead.id,
            "touch \(touch.id.rawValue) \(outcome.rawValue)" + (next.isEmpty ? "; nothing planned" : "; next: \(next)")
                + (change.map { "; state \($0.to.rawValue)" } ?? ""),
            at: now)
        return true
    }
}
