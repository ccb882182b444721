import Foundation
import RevenueCore

/// Loads the dry-run's leads file and fills in each lead's zone and state: explicit, else from the
/// phone number (NANP area code, Mexico), else from the state, else the client's default.
enum DryRunLeads {
    static func load(path: String, org: OrgID, now: Date, client: ClientSettings) throws(CLIError) -> (leads: [Lead], rejected: [DryRunLeadReader.Rejected]) {
        guard let data = FileManager.default.contents(atPath: path) else { throw .usage("cannot read the leads file \(path)") }
        guard let text = String(data: data, encoding: .utf8) else { throw .usage("\(path): not UTF-8 text") }
        var (leads, rejected) = DryRunLeadReader.read(text, org: org, now: now)
        for i in leads.indices {
            let phone = leads[i].phone.flatMap { try? PhoneNumber(parsing: $0) }
            let zone = TimeZoneInference.infer(explicitTimeZone: leads[i].timeZone, usState: leads[i].usState, phone: phone, fallback: client.defaultTimeZone)
            leads[i].timeZone = zone.timeZone
            leads[i].timeZoneSource = zone.source
            leads[i].usState = zone.usState
        }
        return (leads, rejected)
    }
}
