import Foundation
import PlaybookDSL
import RevenueCore

/// The warnings `revasi client update` and `revasi campaign create` print: a template variable a
/// playbook of the client's campaigns uses that the client's profile (or the campaign) leaves empty.
/// At send time such a touch is deferred with `missing_variable: …`; the warning says so before.
enum ProfileVariableWarnings {
    /// The variables that come from the stored profile or campaign, and the key that fills each.
    static let sources: [String: String] = [
        "client.phone": "phone",
        "client.address": "address",
        "client.website": "website",
        "booking_link": "booking_link",
        "reschedule_link": "reschedule_link",
        "campaign.offer": "offer",
    ]

    /// Every variable `playbook`'s templates use (bodies, subjects, HTML, voicemail, info, approved template variables).
    static func variables(of playbook: CompiledPlaybook) -> Set<String> {
        var names: Set<String> = []
        for step in playbook.steps {
            for variant in step.content {
                let t = variant.template
                for text in [t.body, t.subject, t.html, t.voicemail, t.info].compactMap({ $0 }) {
                    for occurrence in TemplateVariables.scan(text) where !occurrence.name.isEmpty { names.insert(occurrence.name) }
                }
                names.formUnion(t.approvedTemplateVariables ?? [])
            }
        }
        return names
    }

    /// The warning lines for `playbook` run for `client` (and `campaign`, whose offer it checks), sorted.
    static func lines(playbook: CompiledPlaybook, client: Client, campaign: Campaign?) -> [String] {
        let used = variables(of: playbook)
        var lines: [String] = []
        for name in used.sorted() {
            guard let key = sources[name] else { continue }
            let empty: Bool
            switch name {
            case "client.phone": empty = isEmpty(client.profile.phone)
            case "client.address": empty = isEmpty(client.profile.address)
            case "client.website": empty = isEmpty(client.profile.website)
            case "booking_link": empty = isEmpty(client.profile.bookingLink)
            case "reschedule_link": empty = isEmpty(client.profile.rescheduleLink)
            case "campaign.offer": empty = campaign != nil && isEmpty(campaign?.offer)
            default: empty = false
            }
            guard empty else { continue }
            if name == "campaign.offer", let campaign {
                lines.append("warning: playbook \(playbook.id) uses {{\(name)}} but campaign \(campaign.id) has no offer")
            } else {
                lines.append("warning: playbook \(playbook.id) uses {{\(name)}} but client \(client.id) has no \(key)")
            }
        }
        return lines
    }

    /// Warnings for every campaign of `client` that is not archived or completed, newest playbook version each.
    static func lines(for client: Client, store: any Store) async throws -> [String] {
        var out: [String] = []
        var seen: Set<String> = []
        let campaigns = try await store.campaigns(org: client.orgID, status: nil)
            .filter { $0.clientID == client.id && $0.status != .archived && $0.status != .completed }
        for campaign in campaigns {
            guard let version = try await store.playbookVersions(playbook: campaign.playbookID, org: client.orgID).last,
                  let playbook = try? JSONDecoder().decode(CompiledPlaybook.self, from: Data(version.compiledJSON.utf8))
            else { continue }
            for line in lines(playbook: playbook, client: client, campaign: campaign) where seen.insert(line).inserted { out.append(line) }
        }
        return out
    }

    private static func isEmpty(_ text: String?) -> Bool { (text ?? "").trimmingCharacters(in: .whitespaces).isEmpty }
}
