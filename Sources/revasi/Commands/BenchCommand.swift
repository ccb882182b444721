import ArgumentParser

/// `revasi bench …`: throughput benchmarks, each against a baseline measured in the same run.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure throughput against a baseline (build with -c release for real figures).",
        subcommands: [BenchQueueCommand.self])
}
