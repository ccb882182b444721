import Foundation
import RevenueCore

/// The queue rules both stores apply around their statements.
public enum QueuePlan {
    /// `(id, insert arguments)` per touch; throws `tenantMismatch` before anything is written.
    public static func rows(_ touches: [TouchRun], org: OrgID) throws -> [(TouchID, [StoreValue])] {
        try TenantCheck.require(touches.map(\.orgID), equal: org, "touch")
        return try touches.map { ($0.id, try TouchRunRecord.values($0)) }
    }

    /// Claimed rows in the order they were due (RETURNING does not promise one).
    public static func inClaimOrder(_ touches: [TouchRun]) -> [TouchRun] {
        touches.sorted { ($0.scheduledAt, $0.id) < ($1.scheduledAt, $1.id) }
    }

    /// Rejects completions with a status a send cannot end in (`queued`, `sending`, `cancelled`).
    public static func checkCompletable(_ completions: [TouchCompletion]) throws {
        for c in completions where !completableStatuses.contains(c.status) {
            throw StoreError(code: "invalid_status", message: "a claimed touch cannot be completed as \(c.status)")
        }
    }

    /// When a touch whose attempt `attempt` failed goes again, or `nil` when it has failed for good.
    public static func retryAt(afterAttempt attempt: Int, retry: RetryPolicy, now: Date) -> Date? {
        guard retry.allowsRetry(afterAttempt: attempt) else { return nil }
        return now.addingTimeInterval(retry.delay(afterAttempt: attempt))
    }

    /// Arguments of `Statements.recordOutcome`.
    public static func outcomeArguments(touch: TouchID, org: OrgID, outcome: TouchOutcomeReport) -> [StoreValue] {
        [
            .raw(outcome.status), .raw(outcome.outcome), .text(outcome.providerMessageID), .text(outcome.error),
            .int(outcome.durationSeconds), .text(outcome.recordingURL),
            .date([.sent, .delivered].contains(outcome.status) ? outcome.at : nil), .raw(org), .raw(touch),
            .text(outcome.outcome?.rawValue ?? ""),
        ]
    }

    /// Arguments of `Statements.repinTouch`; throws when `from` does not name the touch's old hash.
    public static func repinArguments(_ touch: TouchRun, from: [TouchID: String], org: OrgID) throws -> [StoreValue] {
        guard let old = from[touch.id] else {
            throw StoreError(code: "invalid_repin", message: "touch \(touch.id.rawValue) has no previous playbook version named")
        }
        return [.text(touch.playbookHash), .text(touch.idempotencyKey), .text(try StoreJSON.encode(touch.payload)), .raw(org), .raw(touch.id), .text(old)]
    }
}
