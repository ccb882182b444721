import ArgumentParser
import Foundation
import RevenueCore
import Server

/// What `revasi org list|show --format json` prints for one org (snake_case, like the API).
struct OrgDocument: Codable, Sendable, Equatable {
    var id: String
    var name: String
    var createdAt: Date
    var clients: Int
    var campaigns: Int
    var apiTokens: Int

    /// Counts the org's clients, campaigns and API tokens.
    static func load(_ org: Org, store: any Store) async throws -> OrgDocument {
        let tokens = try await (store as? any APITokenStore)?.apiTokens(org: org.id).count ?? 0
        return OrgDocument(
            id: org.id.rawValue, name: org.name, createdAt: org.createdAt,
            clients: try await store.clients(org: org.id).count,
            campaigns: try await store.campaigns(org: org.id, status: nil).count, apiTokens: tokens)
    }
}

/// `2026-11-03 14:05Z`: the minute a row was made, in UTC.
func utcMinute(_ date: Date) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
    return String(format: "%04d-%02d-%02d %02d:%02dZ", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
}

/// `revasi org list [--format text|json]`.
struct OrgListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the orgs with their clients, campaigns and API tokens.")

    @Option(help: "Output: text or json.")
    var format: DiagnosticFormat = .text
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let docs = try await StoreFactory.withStore(try store.location()) { store in
            try await store.migrate()
            var docs: [OrgDocument] = []
            for org in try await store.orgs() { docs.append(try await OrgDocument.load(org, store: store)) }
            return docs
        }
        if format == .json {
            Output.out(try ClientText.encode(docs) + "\n")
            return
        }
        if docs.isEmpty {
            print("no orgs (create one with `revasi org create NAME`)")
            return
        }
        var rows = [["ID", "NAME", "CREATED", "CLIENTS", "CAMPAIGNS", "TOKENS"]]
        for d in docs {
            rows.append([d.id, d.name, utcMinute(d.createdAt), "\(d.clients)", "\(d.campaigns)", "\(d.apiTokens)"])
        }
        Output.out(ClientText.table(rows))
    }
}

/// `revasi org show ORG [--format text|json]`.
struct OrgShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print an org: name, created, and how many clients, campaigns and API tokens it has.")

    @Argument(help: "The org id.")
    var id: String
    @Option(help: "Output: text or json.")
    var format: DiagnosticFormat = .text
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let orgID = OrgID(id)
        let doc = try await StoreFactory.withStore(try store.location()) { store in
            try await store.migrate()
            guard let org = try await store.org(orgID) else { throw CLIError.unknownOrg(orgID) }
            return try await OrgDocument.load(org, store: store)
        }
        switch format {
        case .json: Output.out(try ClientText.encode(doc) + "\n")
        case .text:
            let rows = [
                ("name", doc.name), ("created", utcMinute(doc.createdAt)), ("clients", "\(doc.clients)"),
                ("campaigns", "\(doc.campaigns)"), ("api tokens", "\(doc.apiTokens)"),
            ]
            let width = rows.map(\.0.count).max() ?? 0
            Output.out("org \(doc.id)\n" + rows.map { "  " + $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }.joined(separator: "\n") + "\n")
        }
    }
}

extension CLIError {
    /// The org named on the command line does not exist (exit 1: the input was wrong).
    static func unknownOrg(_ org: OrgID) -> CLIError {
        CLIError(message: "org \(org) not found (see `revasi org list`)", exitCode: invalidExitCode)
    }
}
