import ArgumentParser

/// `revasi`: validate, compile and dry-run playbooks, import leads, migrate the store, run the daemon.
@main
struct Revasi: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revasi",
        abstract: "Revenue ASI: outbound cadences that book appointments, inside the law.",
        version: RevasiVersion.current,
        subcommands: [
            ValidateCommand.self,
            CompileCommand.self,
            SchemaCommand.self,
            MigrateCommand.self,
            BenchCommand.self,
        ]
    )
}

/// The version `revasi --version` prints.
enum RevasiVersion {
    static let current = "0.1.0"
}
