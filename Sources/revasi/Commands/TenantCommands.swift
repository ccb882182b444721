import ArgumentParser
import Foundation
import RevenueCore
import Server

/// `revasi org …`: tenants.
struct OrgCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "org", abstract: "Manage orgs (tenants).", subcommands: [OrgCreateCommand.self, OrgListCommand.self, OrgShowCommand.self])
}

/// `revasi org create NAME`: adds an org and prints its id.
struct OrgCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create an org and print its id.")

    @Argument(help: "The org's display name.")
    var name: String
    @Option(help: "The org id (default: the name, lower-cased, non-alphanumerics as '-').")
    var id: String?
    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("NAME must not be empty") }
        guard !Self.slug(id ?? name).isEmpty else { throw ValidationError("the org id must contain a letter or digit") }
    }

    /// `Acme Motors` → `acme-motors`.
    static func slug(_ text: String) -> String {
        let lowered = text.lowercased().folding(options: .diacriticInsensitive, locale: nil)
        var out = ""
        for ch in lowered {
            if ch.isASCII && (ch.isLetter || ch.isNumber) { out.append(ch) } else if !out.hasSuffix("-") { out.append("-") }
        }
        return out.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
    }

    func run() async throws {
        let org = Org(id: OrgID(Self.slug(id ?? name)), name: name, createdAt: Date())
        do {
            try await StoreFactory.withStore(try store.location()) { store in
                try await store.migrate()
                if try await store.org(org.id) != nil {
                    throw CLIError(message: "org \(org.id) already exists (see `revasi org show \(org.id)`)", exitCode: CLIError.invalidExitCode)
                }
                try await store.saveOrg(org)
            }
        } catch let error as StoreError {
            throw CLIError.usage(error.description)
        }
        print(org.id.rawValue)
    }
}

/// `revasi token …`: API tokens.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Manage API tokens.", subcommands: [TokenCreateCommand.self, TokenListCommand.self, TokenRevokeCommand.self])
}

/// `revasi token create --org ORG`: prints a new token once; only its SHA-256 is stored.
struct TokenCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create an API token for an org and print it once.")

    @Option(help: "The org the token may read and write.")
    var org: String
    @Option(help: "What the token is for (shown in listings).")
    var label: String?
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let orgID = OrgID(org)
        let made = APITokenSecret.make(org: orgID, label: label, now: Date())
        do {
            try await StoreFactory.withStore(try store.location()) { store in
                try await store.migrate()
                guard try await store.org(orgID) != nil else { throw CLIError.unknownOrg(orgID) }
                guard let tokens = store as? any APITokenStore else { throw CLIError.usage("this store cannot hold API tokens") }
                try await tokens.saveAPIToken(made.token)
            }
        } catch let error as StoreError {
            throw CLIError.usage(error.description)
        }
        print("\(made.token.id)  org \(orgID)\(label.map { "  label \($0)" } ?? "")")
        print(made.secret)
        FileHandle.standardError.write(Data("store this token now: it is not shown again (only its SHA-256 is kept)\n".utf8))
    }
}
