import ArgumentParser
import Foundation
import RevenueCore
import Server

/// What `revasi token list --format json` prints for one token: never the secret or its hash.
struct TokenDocument: Codable, Sendable, Equatable {
    var id: String
    var orgId: String
    var label: String?
    var createdAt: Date

    init(_ token: APIToken) {
        id = token.id
        orgId = token.orgID.rawValue
        label = token.label
        createdAt = token.createdAt
    }
}

/// The store's token operations, or exit 2 when this store cannot hold tokens.
func tokenStore(_ store: any Store) throws -> any APITokenStore {
    guard let tokens = store as? any APITokenStore else { throw CLIError.usage("this store cannot hold API tokens") }
    return tokens
}

/// `revasi token list --org ORG [--format text|json]`.
struct TokenListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List an org's API tokens: id, label and when made (never the secret).")

    @Option(help: "The org.")
    var org: String
    @Option(help: "Output: text or json.")
    var format: DiagnosticFormat = .text
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let orgID = OrgID(org)
        let tokens = try await StoreFactory.withStore(try store.location()) { store in
            try await store.migrate()
            guard try await store.org(orgID) != nil else { throw CLIError.unknownOrg(orgID) }
            return try await tokenStore(store).apiTokens(org: orgID)
        }
        if format == .json {
            Output.out(try ClientText.encode(tokens.map(TokenDocument.init)) + "\n")
            return
        }
        if tokens.isEmpty {
            print("no API tokens in org \(orgID) (create one with `revasi token create --org \(orgID)`)")
            return
        }
        var rows = [["ID", "LABEL", "CREATED"]]
        for t in tokens { rows.append([t.id, t.label ?? "-", utcMinute(t.createdAt)]) }
        Output.out(ClientText.table(rows))
    }
}

/// `revasi token revoke ID --org ORG`: deletes the token; the API refuses it (401) from then on.
struct TokenRevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "Revoke an API token by id: the API answers 401 to it at once.",
        discussion: "The token's row is deleted, so it cannot be listed or restored; create a new token to replace it.")

    @Argument(help: "The token id (tok_…, as `revasi token list` shows it).")
    var id: String
    @Option(help: "The org the token belongs to.")
    var org: String
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let orgID = OrgID(org)
        let tokenID = id
        try await StoreFactory.withStore(try store.location()) { store in
            try await store.migrate()
            guard try await store.org(orgID) != nil else { throw CLIError.unknownOrg(orgID) }
            guard try await tokenStore(store).revokeAPIToken(tokenID, org: orgID) else {
                throw CLIError(message: "token \(tokenID) not found in org \(orgID) (see `revasi token list --org \(orgID)`)",
                               exitCode: CLIError.invalidExitCode)
            }
        }
        print("token \(tokenID) revoked: the API of org \(orgID) refuses it from now on")
    }
}
