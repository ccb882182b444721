import Foundation
import LeadImport
import RevenueCore

/// Loads the dry-run's leads file with LeadImport: zones and states inferred (explicit, else the
/// phone number, else the state, else the client's default), bad rows reported by line.
enum DryRunLeads {
    /// Leads in file order with their ids from the file, the rows skipped and the row warnings.
    static func load(path: String, org: OrgID, now: Date, client: Client) throws(CLIError)
        -> (leads: [Lead], externalIDs: [String?], skipped: [RejectedRow], warnings: [RejectedRow]) {
        let batch: ImportBatch
        do {
            batch = try LeadCSVReader(mapping: .auto).read(fileAt: path, org: org, now: now, defaultTimeZone: client.timeZone)
        } catch {
            throw .usage(error.description)
        }
        let skipped = (batch.rejected + batch.duplicatesInFile).sorted { $0.line < $1.line }
        return (batch.accepted.map(\.lead), batch.accepted.map(\.externalID), skipped, batch.warnings)
    }
}
