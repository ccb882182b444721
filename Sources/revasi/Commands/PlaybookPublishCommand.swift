import ArgumentParser
import Foundation
import RevenueCore

/// `revasi playbook …`: stored playbook versions.
struct PlaybookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "playbook", abstract: "Manage the playbook versions an org's campaigns run.",
        subcommands: [PlaybookPublishCommand.self])
}

/// `revasi playbook publish FILE… --org ORG`: compiles and stores a new version of each playbook.
/// New enrolments of the campaigns running it take the new version; running leads stay on theirs
/// until `revasi campaign migrate` moves them.
struct PlaybookPublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Compile playbooks and store them as new versions (an unchanged playbook keeps its version).")

    @Argument(help: "Playbook files.")
    var files: [String]
    @Option(help: "The org whose campaigns use the playbooks.")
    var org: String
    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one playbook file") }
    }

    func run() async throws {
        for file in files where !FileManager.default.fileExists(atPath: file) { throw CLIError.usage("no such file: \(file)") }
        let orgID = OrgID(org)
        do {
            try await StoreFactory.withStore(try store.location()) { store in
                try await store.migrate()
                guard try await store.org(orgID) != nil else { throw CLIError.usage("org \(orgID) does not exist (create it with `revasi org create`)") }
                for playbook in try await PlaybookLoader.load(files, into: store, org: orgID, now: Date()) {
                    let versions = try await store.playbookVersions(playbook: playbook.id, org: orgID)
                    let stored = versions.first { $0.contentHash == playbook.contentHash }
                    let newest = versions.last?.contentHash == playbook.contentHash
                    print("\(playbook.id): v\(stored?.version ?? 0) (\(playbook.contentHash.prefix(12)))"
                          + (newest ? "" : " — an older version; new enrolments keep taking v\(versions.last?.version ?? 0)"))
                }
            }
        } catch let error as StoreError {
            throw CLIError.usage(error.description)
        }
    }
}
