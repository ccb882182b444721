import ArgumentParser
import Foundation

/// `revasi bench dispatch`: the daemon's dispatcher against the sandbox, next to the store's raw claim + complete loop.
struct BenchDispatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dispatch",
        abstract: "Dispatch throughput (touches/s), schedule-to-send latency p50/p99 and peak memory, against the sandbox.",
        discussion: """
            Works in a scratch database it creates and removes (a new SQLite file next to PATH, or a new schema \
            in the PostgreSQL database). The baseline is the store's own claim + complete loop without sending \
            (revasi bench queue), measured in the same run.
            """)

    @OptionGroup var store: StoreOptions

    @Option(help: "Touches dispatched in the throughput phase.")
    var touches = 5_000

    @Option(help: "Touches claimed per pass.")
    var batch = 200

    @Option(help: "Provider calls in flight per batch.")
    var concurrency = 8

    @Option(help: "Leads in the store (memory figure with a big store; at least the touches).")
    var storeLeads = 0

    @Option(help: "Touches per second coming due in the latency phase.")
    var latencyRate = 100

    @Option(help: "Seconds of the latency phase.")
    var latencySeconds = 10

    func validate() throws {
        guard touches > 0, batch > 0, concurrency > 0, latencyRate > 0, latencySeconds > 0, storeLeads >= 0 else {
            throw ValidationError("every count must be positive")
        }
    }

    func run() async throws {
        let location = try store.location()
        print("revasi bench dispatch: \(touches) touches, batch \(batch), concurrency \(concurrency), store \(location)")
        let result = try await DispatchBench(touches: touches, batch: batch, concurrency: concurrency, storeLeads: storeLeads,
                                             latencyRate: latencyRate, latencySeconds: latencySeconds).measure(location)
        print(String(format: "  dispatch (sandbox)        %10.0f touches/s  (%.3f s)", result.rate, result.seconds))
        print(String(format: "  schedule-to-send p50      %10.3f s", result.p50))
        print(String(format: "  schedule-to-send p99      %10.3f s  (%d touches at %d/s)", result.p99, result.latencyTouches, latencyRate))
        if let peak = result.peakBytes {
            print(String(format: "  peak memory               %10.1f MB  (%d leads in the store)", Double(peak) / 1_048_576, max(storeLeads, touches)))
        }
        let baseline = try await QueueBench(touches: touches, batch: batch, workers: 1).measureStore(location)
        print(String(format: "  baseline claim+complete   %10.0f touches/s  (%.3f s, no send, no checks)", baseline.rate, baseline.seconds))
        print(String(format: "  ratio dispatch/baseline   %10.2f", result.rate / baseline.rate))
    }
}
