import ArgumentParser
import Foundation
import RevenueCore
import Server

/// `revasi campaign list --org ORG [--status S]`.
struct CampaignListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the org's campaigns with their client and status.")

    @Option(help: "The org.")
    var org: String
    @Option(help: "Only campaigns with this status (draft, active, paused, completed, archived).")
    var status: String?
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if let status, CampaignStatus(rawValue: status) == nil {
            throw ValidationError("--status must be one of \(CampaignStatus.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() async throws {
        let orgID = OrgID(org)
        let filter = status.flatMap(CampaignStatus.init(rawValue:))
        let (campaigns, clients) = try await StoreFactory.withStore(try store.location()) { store in
            try await store.migrate()
            return (try await store.campaigns(org: orgID, status: filter), try await store.clients(org: orgID))
        }
        if campaigns.isEmpty {
            print("no campaigns in org \(orgID)")
            return
        }
        var rows = [["ID", "STATUS", "CLIENT", "PLAYBOOK"]]
        for c in campaigns {
            let clientPaused = clients.first { $0.id == c.clientID }?.status == .paused
            rows.append([c.id.rawValue, c.status.rawValue, c.clientID.rawValue + (clientPaused ? " (paused)" : ""), c.playbookID])
        }
        Output.out(ClientText.table(rows))
    }
}

/// `revasi campaign show ID --org ORG [--format text|json]`.
struct CampaignShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Print a campaign: status, client, playbook versions, touches by status and leads by state.")

    @Argument(help: "The campaign id.")
    var id: String
    @Option(help: "The org.")
    var org: String
    @Option(help: "Output: text or json (as GET /api/campaigns/{id}).")
    var format: DiagnosticFormat = .text
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let orgID = OrgID(org)
        let overview = try await StoreFactory.withStore(try store.location()) { store in
            try await store.migrate()
            guard let campaign = try await store.campaign(CampaignID(id), org: orgID) else {
                throw CLIError.usage("campaign \(id) not found in org \(orgID)")
            }
            return try await CampaignOverview.load(campaign, store: try controlStore(store))
        }
        switch format {
        case .json: Output.out(try ClientText.encode(overview) + "\n")
        case .text: Output.out(Self.text(overview))
        }
    }

    static func text(_ o: CampaignOverview) -> String {
        func counts(_ d: [String: Int]) -> String {
            d.isEmpty ? "none" : d.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        }
        var lines = [
            "campaign \(o.id): \(o.status)",
            "  client    \(o.clientId)" + (o.clientStatus == "paused" ? " (paused: nothing sends until the client resumes)" : ""),
            "  playbook  \(o.playbookId)",
        ]
        for v in o.playbookVersions {
            lines.append("    v\(v.version) (\(v.contentHash.prefix(12)))  \(v.leads) lead\(v.leads == 1 ? "" : "s")")
        }
        if let offer = o.offer { lines.append("  offer     \(offer)") }
        lines.append("  touches   \(counts(o.touches))")
        lines.append("  leads     \(counts(o.leads))")
        return lines.joined(separator: "\n") + "\n"
    }
}

/// `revasi campaign pause|resume|archive ID --org ORG`.
struct CampaignControlOptions: ParsableArguments {
    @Argument(help: "The campaign id.")
    var id: String
    @Option(help: "The org.")
    var org: String
    @OptionGroup var store: StoreOptions

    /// Applies `action` and prints what it did.
    func run(_ action: CampaignControls.Action) async throws {
        let orgID = OrgID(org)
        let (result, client) = try await StoreFactory.withStore(try store.location()) { store in
            try await store.migrate()
            do {
                let result = try await CampaignControls(store: try controlStore(store))
                    .apply(action, campaign: CampaignID(id), org: orgID, source: "cli", at: Date())
                return (result, try await store.client(result.campaign.clientID, org: orgID))
            } catch let refusal as CampaignControls.Refusal {
                if case .notFound = refusal { throw CLIError.usage("campaign \(id) not found in org \(orgID)") }
                throw CLIError(message: refusal.description, exitCode: CLIError.invalidExitCode)
            }
        }
        guard result.changed else {
            print("campaign \(id): already \(result.campaign.status.rawValue)")
            return
        }
        switch action {
        case .pause: print("campaign \(id): paused (was \(result.previous.rawValue)); sending stops now, queued touches stay queued")
        case .resume:
            print("campaign \(id): active (was \(result.previous.rawValue)); queued touches go out as windows and caps allow")
            if client?.status == .paused {
                Output.err("warning: client \(result.campaign.clientID) is paused: nothing sends until `revasi client update \(result.campaign.clientID) --org \(org) --resume`\n")
            }
        case .archive: print("campaign \(id): archived (was \(result.previous.rawValue)); \(result.cancelled) queued touch\(result.cancelled == 1 ? "" : "es") cancelled")
        }
    }
}

/// `revasi campaign pause ID --org ORG`.
struct CampaignPauseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pause", abstract: "Stop a campaign's sending at once; its queued touches stay queued for resume.")
    @OptionGroup var options: CampaignControlOptions
    func run() async throws { try await options.run(.pause) }
}

/// `revasi campaign resume ID --org ORG`.
struct CampaignResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume", abstract: "Make a paused campaign active again (windows and caps are re-checked at send time).")
    @OptionGroup var options: CampaignControlOptions
    func run() async throws { try await options.run(.resume) }
}

/// `revasi campaign archive ID --org ORG`.
struct CampaignArchiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive", abstract: "End a campaign for good: archived, and every queued touch cancelled (\"campaign archived\").")
    @OptionGroup var options: CampaignControlOptions
    func run() async throws { try await options.run(.archive) }
}
