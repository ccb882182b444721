import Foundation
import RevenueCore

extension Store {
    /// Moves the lead to `to` when `allowed` says its current state permits it, as a compare-and-set from the
    /// state just read: when another daemon moved the lead in between, it reads again and asks `allowed`
    /// again (at most 3 times). Returns whether this call made the move; losing the race is not an error.
    @discardableResult
    func move(
        _ id: LeadID, org: OrgID, to: LeadState, reason: String, at now: Date, when allowed: (LeadState) -> Bool
    ) async throws -> Bool {
        for _ in 0..<3 {
            guard let lead = try await lead(id, org: org), allowed(lead.state) else { return false }
            do {
                try await updateLeadState(LeadStateChange(leadID: id, to: to, reason: reason, expected: lead.state), org: org, at: now)
                return true
            } catch let lost as StoreError where lost.isConflict {
                continue
            }
        }
        return false
    }
}
