import ArgumentParser
import ClientConfig
import Foundation
import RevenueCore
import Server

/// `revasi client …`: a client business's profile and rules, without SQL.
struct ClientCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "client", abstract: "Manage clients: profile, rules and the client-wide pause.",
        subcommands: [ClientCreateCommand.self, ClientShowCommand.self, ClientUpdateCommand.self, ClientListCommand.self])
}

/// `revasi client create ID --org ORG [--file client.yaml] [flags]`.
struct ClientCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a client from a client file and/or flags (checked before anything is written).")

    @Argument(help: "The client id (letters, digits, - and _).")
    var id: String
    @Option(help: "The org (create it first with `revasi org create`).")
    var org: String
    @OptionGroup(title: "Profile") var profile: ClientProfileOptions
    @OptionGroup var store: StoreOptions

    func validate() throws { try ClientIDRule.check(id) }

    func run() async throws {
        let patches = try profile.patches()
        if let other = patches.compactMap(\.id).first(where: { $0.rawValue != id }) {
            throw CLIError(message: "the file's id is \(other), not \(id)", exitCode: CLIError.invalidExitCode)
        }
        guard patches.contains(where: { $0.name != nil }) else {
            throw CLIError.usage("a client needs a name: give --name or `name:` in the file")
        }
        let orgID = OrgID(org)
        let blank = Client(id: ClientID(id), orgID: orgID, name: id, createdAt: Date())
        let client = patches.reduce(blank) { $1.applied(to: $0) }
        do {
            try await StoreFactory.withStore(try store.location()) { store in
                try await store.migrate()
                guard try await store.org(orgID) != nil else { throw CLIError.usage("org \(orgID) does not exist (create it with `revasi org create`)") }
                if try await store.client(client.id, org: orgID) != nil {
                    throw CLIError.usage("client \(id) already exists in org \(orgID) (change it with `revasi client update`)")
                }
                try await store.saveClient(client, org: orgID)
            }
        } catch let error as StoreError {
            throw CLIError.usage(error.description)
        }
        print("client \(id): \(client.name) (\(client.timeZone), \(client.status.rawValue))")
    }
}

/// The formats `revasi client show` prints.
enum ClientShowFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, yaml
}

/// `revasi client show ID --org ORG [--format text|json|yaml]`.
struct ClientShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Print a client's profile and rules (yaml: a client file ready to edit and `update --file`).")

    @Argument(help: "The client id.")
    var id: String
    @Option(help: "The org.")
    var org: String
    @Option(help: "Output: text, json (as GET /api/clients/{id}) or yaml (a client file).")
    var format: ClientShowFormat = .text
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let orgID = OrgID(org)
        let client = try await StoreFactory.withStore(try store.location()) { store in
            try await store.migrate()
            guard let client = try await store.client(ClientID(id), org: orgID) else { throw CLIError.usage("client \(id) not found in org \(orgID)") }
            return client
        }
        switch format {
        case .json: Output.out(try ClientText.json(client) + "\n")
        case .yaml: Output.out(ClientFileWriter.yaml(client))
        case .text: Output.out(ClientText.describe(client))
        }
    }
}

/// `revasi client update ID --org ORG [--file] [flags] [--pause|--resume]`.
struct ClientUpdateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Change a client's profile or rules, or pause/resume all its campaigns at once.",
        discussion: "Keys absent from the file and flags not given stay as they were. Then warns about template variables the client's playbooks use that the profile leaves empty.")

    @Argument(help: "The client id.")
    var id: String
    @Option(help: "The org.")
    var org: String
    @OptionGroup(title: "Profile") var profile: ClientProfileOptions
    @Flag(help: "Pause the client: none of its campaigns sends until --resume (queued touches stay queued).")
    var pause = false
    @Flag(help: "Resume the client.")
    var resume = false
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if pause && resume { throw ValidationError("give --pause or --resume, not both") }
    }

    func run() async throws {
        var patches = try profile.patches()
        if let other = patches.compactMap(\.id).first(where: { $0.rawValue != id }) {
            throw CLIError(message: "the file's id is \(other), not \(id)", exitCode: CLIError.invalidExitCode)
        }
        if pause || resume {
            var status = ClientPatch()
            status.status = pause ? .paused : .active
            patches.append(status)
        }
        guard !patches.isEmpty else { throw CLIError.usage("nothing to change: give --file, a profile flag, --pause or --resume") }
        let orgID = OrgID(org)
        let all = patches
        let (updated, changed, warnings) = try await StoreFactory.withStore(try store.location()) { store in
            try await store.migrate()
            let controls = try controlStore(store)
            guard let old = try await store.client(ClientID(id), org: orgID) else { throw CLIError.usage("client \(id) not found in org \(orgID)") }
            let updated = all.reduce(old) { $1.applied(to: $0) }
            let changed = ClientText.changedKeys(old, updated)
            if !changed.isEmpty {
                try await CampaignControls(store: controls).saveClient(updated, old: old, org: orgID, source: "cli", at: Date())
            }
            return (updated, changed, try await ProfileVariableWarnings.lines(for: updated, store: store))
        }
        print(changed.isEmpty ? "client \(id): unchanged" : "client \(id) updated: \(changed.joined(separator: ", "))")
        if changed.contains("status") {
            print(updated.status == .paused
                ? "client \(id) is paused: none of its campaigns sends until `revasi client update \(id) --org \(org) --resume`"
                : "client \(id) is active: its active campaigns send again (windows and caps are checked at send time)")
        }
        for line in warnings { Output.err(line + "\n") }
    }
}

/// `revasi client list --org ORG`.
struct ClientListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the org's clients.")

    @Option(help: "The org.")
    var org: String
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let orgID = OrgID(org)
        let (clients, campaigns) = try await StoreFactory.withStore(try store.location()) { store in
            try await store.migrate()
            return (try await store.clients(org: orgID), try await store.campaigns(org: orgID, status: nil))
        }
        if clients.isEmpty {
            print("no clients in org \(orgID)")
            return
        }
        var rows = [["ID", "NAME", "STATUS", "TIME ZONE", "CAMPAIGNS"]]
        for client in clients {
            let count = campaigns.filter { $0.clientID == client.id }.count
            rows.append([client.id.rawValue, client.name, client.status.rawValue, client.timeZone, "\(count)"])
        }
        Output.out(ClientText.table(rows))
    }
}
