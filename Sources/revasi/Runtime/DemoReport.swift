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
        out += "(sent: the provider took the touch, no delivery report yet; delivered: it confirmed delivery or the call connected;\n"
        out += " cancelled: withdrawn before sending because the lead opted out or the cadence ended)\n"
        out += try await perPlaybook(store: store, org: org, leads: leads, days: days)
        out += "\nFinal lead states\n"
        for state in LeadState.allCases { if let n = states[state] { out += "  \(state.rawValue.padding(toLength: 22, withPad: " ", startingAt: 0)) \(n)\n" } }
        out += "\nThe database stays at \(database): explore it with revasi commands (--db sqlite:\(database)) or sqlite3.\n"
        out += "Next: browse the month through the daemon and its API —\n"
        out += "  revasi token create --org \(org.rawValue) --db sqlite:\(database)\n"
        out += "  revasi serve --db sqlite:\(database)   then   curl -H 'Authorization: Bearer <token>' http://127.0.0.1:8080/api/leads\n"
        FileHandle.standardOutput.write(Data(out.utf8))
    }

    /// One line per campaign (one per shipped playbook): leads, touches sent, replies, bookings, shows.
    static func perPlaybook(store: any Store, org: OrgID, leads: [Lead], days: Int) async throws -> String {
        let campaigns = try await store.campaigns(org: org, status: nil)
        let start = Date(timeIntervalSince1970: 0), end = Date().addingTimeInterval(Double(days + 400) * 86_400)
        let appointments = try await store.appointments(org: org, from: start, to: end)
        var out = "\nBy playbook            leads  touches  replied  booked  showed\n"
        for campaign in campaigns {
            let mine = leads.filter { $0.campaignID == campaign.id }
            var touches = 0, replied = 0
            for lead in mine {
                for touch in try await store.touches(lead: lead.id, org: org) where touch.campaignID == campaign.id {
                    if touch.status == .sent || touch.status == .delivered { touches += 1 }
                    if touch.outcome == .replied { replied += 1 }
                }
            }
            let booked = appointments.filter { $0.campaignID == campaign.id }
            let showed = booked.filter { $0.outcome == .show }.count
            func col(_ n: Int, _ width: Int) -> String { String(repeating: " ", count: max(0, width - String(n).count)) + String(n) }
            out += "  \(campaign.playbookID.padding(toLength: 20, withPad: " ", startingAt: 0))\(col(mine.count, 6))\(col(touches, 9))"
                + "\(col(replied, 9))\(col(booked.count, 8))\(col(showed, 8))\n"
        }
        return out
    }
}
