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

        /// Wall and CPU (this thread) seconds of one simulation.
        func simulate(enforce: Bool) -> (SimulationResult, wall: Double, cpu: Double) {
            let sim = Simulator(.init(playbook: book, client: client, start: start, days: days, seed: seed, enforceCompliance: enforce))
            var result: SimulationResult?
            let cpu0 = ProcessMemory.threadCPUSeconds()
            let elapsed = clock.measure { result = sim.run(leads: generated) }
            let cpu = ProcessMemory.threadCPUSeconds() - cpu0
            return (result!, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18, cpu)
        }
        func rate(_ n: Int, _ s: Double) -> String { String(Int(Double(n) / s)) }

        let (result, wall, cpu) = simulate(enforce: true)
        let peak = ProcessMemory.peakResidentBytes()
        let touches = result.touches.count
        Output.out("engine dry-run: \(leads) leads × \(days) days, playbook \(book.id)\n")
        Output.out("  simulation:  \(touches) touches (\(result.attempted) sent) + \(result.events.count - touches) other events\n")
        Output.out("               wall \(fmt(wall)) s = \(rate(touches, wall)) touches/s; CPU \(fmt(cpu)) s = \(rate(touches, cpu)) touches/s per core\n")
        Output.out("  peak RSS:    \(peak.map { "\($0 / 1_048_576) MB" } ?? "n/a") (VmHWM after the simulation)\n")

        let (base, baseWall, baseCPU) = simulate(enforce: false)
        Output.out("  baseline:    same loop without compliance (no windows, caps, throttles): \(base.touches.count) touches\n")
        Output.out("               wall \(fmt(baseWall)) s = \(rate(base.touches.count, baseWall)) touches/s; CPU \(fmt(baseCPU)) s = \(rate(base.touches.count, baseCPU)) touches/s per core\n")

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
