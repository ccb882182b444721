import ArgumentParser
import RevenueCore

/// `revasi migrate`: applies the store's pending schema migrations (same logical schema on SQLite and PostgreSQL).
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending schema migrations to the store.",
        discussion: "Safe to run again: applied migrations are recorded and skipped. Several daemons may run it at once.")

    @OptionGroup var store: StoreOptions

    @Flag(name: .long, help: "Only list applied and pending migrations; change nothing.")
    var status = false

    func run() async throws {
        let location = try store.location()
        let status = self.status
        do {
            let lines = try await StoreFactory.withStore(location, creating: !status) { store in
                try await MigrateReport.lines(store: store, statusOnly: status, location: location.description)
            }
            for line in lines { print(line) }
        } catch let error as StoreError {
            throw CLIError.usage(error.description)
        }
    }
}

/// What `revasi migrate` prints.
enum MigrateReport {
    static func lines(store: any Store, statusOnly: Bool, location: String) async throws -> [String] {
        if statusOnly {
            let applied = try await store.appliedMigrations()
            let pending = MigrationCatalog.ids.filter { !applied.contains($0) }
            return ["\(location)", "applied: \(applied.isEmpty ? "none" : applied.joined(separator: ", "))",
                    "pending: \(pending.isEmpty ? "none" : pending.joined(separator: ", "))"]
        }
        let applied = try await store.migrate()
        if applied.isEmpty { return ["\(location): schema up to date (\(MigrationCatalog.ids.last ?? "none"))"] }
        return applied.map { "\(location): applied \($0)" }
    }
}
