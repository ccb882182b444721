import ArgumentParser
import Foundation
import RevenueCore

/// `revasi bench queue`: claim + complete throughput of the durable queue, against the database's
/// own CLI (`sqlite3` / `psql`) inserting and updating the same rows set-based in one transaction.
struct BenchQueueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "Claim + complete throughput (touches/s) of the touch queue.",
        discussion: """
            Works in a scratch database it creates and removes: a new SQLite file next to PATH, or a new \
            schema in the PostgreSQL database. Nothing else in the database is touched.
            """)

    @OptionGroup var store: StoreOptions

    @Option(help: "Touches to enqueue, then claim and complete.")
    var touches = 50_000

    @Option(help: "Touches per claim (and per complete).")
    var batch = 500

    @Option(help: "Concurrent claimers (each claims, then completes, its own batches).")
    var workers = 1

    @Flag(help: "Skip the sqlite3/psql baseline.")
    var noBaseline = false

    func validate() throws {
        guard touches > 0, batch > 0, workers > 0 else { throw ValidationError("--touches, --batch and --workers must be positive") }
    }

    func run() async throws {
        let location = try store.location()
        let bench = QueueBench(touches: touches, batch: batch, workers: workers)
        print("revasi bench queue: \(touches) touches, batch \(batch), \(workers) worker(s), store \(location)")
        let result: QueueBench.Result
        do {
            result = try await bench.measureStore(location)
        } catch let error as StoreError {
            throw CLIError.usage(error.description)
        } catch let error as BenchError {
            throw CLIError(message: error.message, exitCode: CLIError.invalidExitCode)
        }
        print(String(format: "  enqueue (setup)       %10.0f touches/s", result.enqueueRate))
        print(String(format: "  claim + complete      %10.0f touches/s  (%.3f s)", result.rate, result.seconds))
        if noBaseline { return }
        do {
            let baseline = try await bench.measureBaseline(location)
            print(String(format: "  baseline %-12@ %10.0f touches/s  (%.3f s, insert + 2 set-based updates, one transaction)",
                         baseline.tool as NSString, baseline.rate, baseline.seconds))
            print(String(format: "  ratio store/baseline  %10.2f", result.rate / baseline.rate))
        } catch let error as BenchError {
            print("  baseline skipped: \(error.message)")
        }
    }
}
