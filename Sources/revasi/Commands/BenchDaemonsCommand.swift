import ArgumentParser
import Foundation
import RevenueCore

/// `revasi bench daemons`: end-to-end throughput of 1, 2, 4 … `revasi serve` processes on one PostgreSQL.
struct BenchDaemonsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daemons",
        abstract: "Leads enrolled/s and first touches sent/s with K daemons on one PostgreSQL (sandbox), and the scaling ratio vs the first K.",
        discussion: """
            For each K it creates a scratch schema in the database, seeds an org, a client, a one-SMS-step \
            campaign and --leads `new` leads, starts K `revasi serve` processes of this executable on it \
            (sandbox channel, a rehearsal clock inside the calling window), polls the store until every lead \
            is enrolled and its first text sent, stops the daemons with SIGTERM and drops the schema. \
            The first K in --daemons is the baseline of the ratio.
            """)

    @Option(help: ArgumentHelp("The PostgreSQL database: postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE.", valueName: "url"))
    var db: String

    @Option(help: "Leads taken from `new` to their first text.")
    var leads = 5_000

    @Option(help: "Comma-separated daemon counts, run one after another.")
    var daemons = "1,2,4"

    @Option(help: "Leads and touches each daemon takes per pass (revasi.yaml batch_size).")
    var batch = 100

    @Option(help: "Seconds one K may take before the run fails.")
    var timeout = 600

    var counts: [Int] { daemons.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

    func validate() throws {
        guard db.hasPrefix("postgres://") || db.hasPrefix("postgresql://") else {
            throw ValidationError("--db must be a postgres:// URL (several daemons need one shared PostgreSQL)")
        }
        do { _ = try StoreLocation(db) } catch let error as StoreError { throw ValidationError(error.message) }
        let parts = daemons.split(separator: ",", omittingEmptySubsequences: false)
        guard !parts.isEmpty, parts.count == counts.count, counts.allSatisfy({ $0 >= 1 && $0 <= 32 }) else {
            throw ValidationError("--daemons must be a comma-separated list of counts between 1 and 32, like 1,2,4")
        }
        guard leads > 0, batch > 0, timeout > 0 else { throw ValidationError("--leads, --batch and --timeout must be positive") }
    }

    func run() async throws {
        let location = try StoreLocation(db)
        let bench = DaemonsBench(databaseURL: db, leads: leads, batch: batch, timeoutSeconds: Double(timeout),
                                 executable: DaemonProcess.currentExecutable())
        print("revasi bench daemons: \(leads) leads, daemons \(counts.map(String.init).joined(separator: ",")), batch \(batch), store \(location)")
        let results: [DaemonsBench.Result]
        do {
            results = try await bench.measure(daemons: counts) { print($0) }
        } catch let error as StoreError {
            throw CLIError.usage(error.description)
        } catch let error as BenchError {
            throw CLIError(message: error.message, exitCode: CLIError.invalidExitCode)
        }
        guard let baseline = results.first else { return }
        print("  daemons  start-up s  enriched in s  enrolled in s  leads enrolled/s  sent in s  first touches sent/s  scaling enrolled  scaling sent")
        for r in results {
            if let failure = r.failure {
                print(String(format: "  %7d  FAILED: %@", r.daemons, failure as NSString))
                continue
            }
            print(String(format: "  %7d  %10.2f  %13.2f  %13.2f  %16.0f  %9.2f  %20.0f  %15.2fx  %11.2fx",
                         r.daemons, r.startupSeconds, r.enrichedSeconds, r.enrolledSeconds, r.enrolledRate, r.sentSeconds, r.sentRate,
                         r.enrolledRate / baseline.enrolledRate, r.sentRate / baseline.sentRate))
        }
        print("  baseline: \(baseline.daemons) daemon(s), same run; rates count from launching the daemons (start-up included)")
        let failed = results.filter { $0.failure != nil }.map(\.daemons)
        if !failed.isEmpty {
            throw CLIError(message: "the run with \(failed.map(String.init).joined(separator: ", ")) daemon(s) did not finish correctly (see above)",
                           exitCode: CLIError.invalidExitCode)
        }
    }
}
