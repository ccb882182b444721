import ArgumentParser
import Foundation
import RevenueCore

/// `revasi campaign …`: campaigns (a client's offer run with one playbook).
struct CampaignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "campaign", abstract: "Manage campaigns.", subcommands: [
            CampaignCreateCommand.self, CampaignListCommand.self, CampaignShowCommand.self, CampaignPauseCommand.self,
            CampaignResumeCommand.self, CampaignArchiveCommand.self, CampaignMigrateCommand.self,
        ])
}

/// `revasi campaign create ID --org ORG --client NAME --playbook FILE`: stores the playbook version
/// (compiled, pinned by content hash), the client if new, and the campaign, so leads can be imported.
struct CampaignCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a campaign: a client, a compiled playbook version and the campaign that runs it.")

    @Argument(help: "The campaign id (letters, digits, - and _).")
    var id: String
    @Option(help: "The org (create it first with `revasi org create`).")
    var org: String
    @Option(help: "The client business's name; created in the org if it does not exist.")
    var client: String
    @Option(help: "The playbook file the campaign runs (validated and compiled first).")
    var playbook: String
    @Option(help: "The client's IANA time zone (used when a lead's own zone is unknown).")
    var timeZone = "America/New_York"
    @Option(help: "The campaign's offer, one line ({{campaign.offer}} in templates).")
    var offer: String?
    @Option(help: "Booked appointments per month this campaign aims for.")
    var monthlyTarget: Int?
    @Flag(help: "Create the campaign paused (the daemon enrols nobody until it is active).")
    var paused = false
    @OptionGroup(title: "The client's own rules") var rules: ClientRuleOptions
    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard !id.isEmpty, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw ValidationError("the campaign id may only hold letters, digits, - and _")
        }
        guard TimeZone(identifier: timeZone) != nil else { throw ValidationError("--time-zone \(timeZone) is not an IANA zone") }
    }

    func run() async throws {
        guard FileManager.default.fileExists(atPath: playbook) else { throw CLIError.usage("no such file: \(playbook)") }
        let orgID = OrgID(org)
        let clientID = ClientID(OrgCreateCommand.slug(client))
        let now = Date()
        do {
            try await StoreFactory.withStore(try store.location()) { store in
                try await store.migrate()
                guard try await store.org(orgID) != nil else { throw CLIError.usage("org \(orgID) does not exist (create it with `revasi org create`)") }
                if try await store.campaign(CampaignID(id), org: orgID) != nil { throw CLIError.usage("campaign \(id) already exists in org \(orgID)") }
                let existing = try await store.client(clientID, org: orgID)
                let base = existing ?? Client(id: clientID, orgID: orgID, name: client, timeZone: timeZone, createdAt: now)
                let ruled = try rules.applied(to: base)
                if existing == nil || ruled != existing { try await store.saveClient(ruled, org: orgID) }
                let compiled = try await PlaybookLoader.load([playbook], into: store, org: orgID, now: now)
                let campaign = Campaign(
                    id: CampaignID(id), orgID: orgID, clientID: clientID, name: id, playbookID: compiled[0].id, offer: offer,
                    monthlyAppointmentTarget: monthlyTarget, status: paused ? .paused : .active, createdAt: now)
                try await store.saveCampaign(campaign, org: orgID)
                print("campaign \(id): client \(clientID), playbook \(compiled[0].id) v\(compiled[0].version) (\(compiled[0].contentHash.prefix(12)))")
                for line in ProfileVariableWarnings.lines(playbook: compiled[0], client: ruled, campaign: campaign) { Output.err(line + "\n") }
            }
        } catch let error as StoreError {
            throw CLIError.usage(error.description)
        }
    }
}
