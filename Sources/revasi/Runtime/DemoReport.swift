import Foundation
import RevenueCore

/// Prints what the demo month did, from the store.
enum DemoReport {
    static func print(store: any Store, org: OrgID, tally: DemoTally, days: Int, elapsed: Duration, database: String) async throws {
        let leads = try await store.leads(org: org, state: nil, campaign: nil, limit: 1000)
        var byChannel: [Channel: [TouchStatus: Int]] = [:]
        var outcomes: [Outcome: Int] = [:]
        var confirmations = 0
        for lead in leads {
            for touch in try await store.touches(lead: lead.id, org: org) {
                byChannel[touch.channel, default: [:]][touch.status, default: 0] += 1
                if let outcome = touch.outcome { outcomes[outcome, default: 0] += 1 }
                if touch.payload.kind == .confirmation, touch.status == .sent { confirmations += 1 }
            }
        }
        var states: [LeadState: Int] = [:]
        for lead in leads { states[lead.state, default: 0] += 1 }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        var out = "Revenue ASI demo: \(leads.count) leads, 4 playbooks, \(days) simulated days against the sandbox in \(String(format: "%.1f", seconds)) s\n\n"
        out += "Touches by channel and status\n"
        for channel in Channel.allCases {
            let row = byChannel[channel] ?? [:]
            let parts = TouchStatus.allCases.compactMap { s in row[s].map { "\(s.rawValue) \($0)" } }
            out += "  \(channel.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(parts.isEmpty ? "-" : parts.joined(separator: ", "))\n"
        }
        out += "\nOutcomes: " + Outcome.allCases.compactMap { o in outcomes[o].map { "\(o.rawValue) \($0)" } }.joined(separator: ", ") + "\n"
        let optOuts = states[.doNotContact] ?? 0
        out += "Replies: \(tally["replies"])   opt-outs: \(optOuts)   compliance replies sent (opt-out, opt-in, help): \(confirmations)\n"
        out += "Bookings: \(tally["bookings"])   shows: \(tally["shows"])   no-shows: \(tally["no_shows"])\n"
        out += "\nFinal lead states\n"
        for state in LeadState.allCases { if let n = states[state] { out += "  \(state.rawValue.padding(toLength: 22, withPad: " ", startingAt: 0)) \(n)\n" } }
        out += "\nThe database stays at \(database): explore it with revasi commands (--db sqlite:\(database)) or sqlite3.\n"
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}
