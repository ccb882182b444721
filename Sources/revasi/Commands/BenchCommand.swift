import ArgumentParser

/// `revasi bench …`: benchmarks that print their figure next to a baseline measured in the same run.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run a benchmark; each prints its result next to a baseline measured in the same run (see docs/performance.md).",
        subcommands: [
            BenchCompileCommand.self,
            BenchDryRunCommand.self,
            BenchImportCommand.self,
            BenchWebhooksCommand.self,
            BenchQueueCommand.self,
            BenchDispatchCommand.self,
            BenchDaemonsCommand.self,
        ]
    )
}
