import ArgumentParser
import Engine
import Foundation
import PlaybookDSL
import RevenueCore

/// `revasi bench dry-run`: simulated touches per second for many leads, peak memory, and baselines.
struct BenchDryRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dry-run",
        abstract: "Simulate generated leads on one playbook; print touches/s, peak RSS, a no-compliance baseline and jsonl cost."
    )

    @Option(help: "Generated leads.")
    var leads: Int = 100_000

    @Option(help: "Simulated days.")
    var days: Int = 30

    @Option(help: "A playbook file (default: the built-in demo dental playbook).")
    var playbook: String?

    @Option(help: "Seed for leads and outcomes.")
    var seed: UInt64 = 42

    @Option(help: "Events encoded as jsonl to measure output cost (0 to skip).")
    var jsonlEvents: Int = 200_000

    func run() async throws {
        var book = DemoPlaybook.make()
        if let playbook {
            let compiled = PlaybookCompiler().compile(fileAt: playbook)
            guard let p = compiled.playbook else {
                Output.err(DiagnosticRenderer().render(compiled) + "\n")
                throw ExitCode(CLIError.invalidExitCode)
            }
            book = p
        }
        let start = Date(timeIntervalSince1970: 1_796_130_000)  // 2026-12-01T13:00:00Z
        let generated = SyntheticLeads.generate(count: leads, seed: seed, createdAt: start)
        let client = DemoPlaybook.client
        let clock = ContinuousClock()

        func simulate(enforce: Bool) -> (SimulationResult, Double) {
            let sim = Simulator(.init(playbook: book, client: client, start: start, days: days, seed: seed, enforceCompliance: enforce))
            var result: SimulationResult?
            let elapsed = clock.measure { result = sim.run(leads: generated) }
            return (result!, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }

        let (result, seconds) = simulate(enforce: true)
        let peak = ProcessMemory.peakResidentBytes()
        let touches = result.touches.count
        Output.out("engine dry-run: \(leads) leads × \(days) days, playbook \(book.id)\n")
        Output.out("  simulation:  \(touches) touches (\(result.attempted) sent) + \(result.events.count - touches) other events in \(fmt(seconds)) s = \(Int(Double(touches) / seconds)) touches/s\n")
        Output.out("  peak RSS:    \(peak.map { "\($0 / 1_048_576) MB" } ?? "n/a") (VmHWM after the simulation)\n")

        let (base, baseSeconds) = simulate(enforce: false)
        Output.out("  baseline:    same loop without compliance (no windows, caps, throttles): \(base.touches.count) touches in \(fmt(baseSeconds)) s = \(Int(Double(base.touches.count) / baseSeconds)) touches/s\n")

        if jsonlEvents > 0 {
            var sample = result
            sample.events = Array(result.events.prefix(jsonlEvents))
            let report = DryRunReport(result: sample, leads: generated, playbook: book, client: client, campaignID: "bench")
            var bytes = 0
            let elapsed = clock.measure { bytes = (try? report.jsonl().count) ?? 0 }
            let s = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            Output.out("  jsonl:       \(sample.events.count) events rendered + encoded in \(fmt(s)) s = \(Int(Double(sample.events.count) / s)) lines/s, \(bytes / 1_048_576) MB\n")
        }
    }

    private func fmt(_ s: Double) -> String { String(format: "%.3f", s) }
}
