import Foundation
import RevenueCore

/// Loads the dry-run's leads file and fills in each lead's zone (explicit, else the client's default).
enum DryRunLeads {
    static func load(path: String, org: OrgID, now: Date, client: ClientSettings) throws(CLIError) -> (leads: [Lead], rejected: [DryRunLeadReader.Rejected]) {
        guard let data = FileManager.default.contents(atPath: path) else { throw .usage("cannot read the leads file \(path)") }
        guard let text = String(data: data, encoding: .utf8) else { throw .usage("\(path): not UTF-8 text") }
        var (leads, rejected) = DryRunLeadReader.read(text, org: org, now: now)
        for i in leads.indices where leads[i].timeZone == nil {
            leads[i].timeZone = client.defaultTimeZone
            leads[i].timeZoneSource = .fallback
        }
        return (leads, rejected)
    }
}
