import ArgumentParser

/// `revasi bench …`: speed figures recorded in docs/performance.md.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks: print throughput and peak memory with a baseline measured in the same run.",
        subcommands: [BenchDryRunCommand.self]
    )
}
