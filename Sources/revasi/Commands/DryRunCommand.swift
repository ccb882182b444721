import ArgumentParser
import Engine
import ClientConfig
import Foundation
import PlaybookDSL
import RevenueCore

/// The dry-run output formats.
enum DryRunFormat: String, ExpressibleByArgument, CaseIterable {
    case table, jsonl
}

/// `revasi dry-run PLAYBOOK --leads FILE.csv`: simulate the engine over simulated time with seeded outcomes.
struct DryRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dry-run",
        abstract: "Simulate a playbook over leads: every touch, deferral, state change and appointment, nothing sent.",
        discussion: "Same inputs and seed give byte-identical output. Exit status: 0 ok, 1 invalid playbook, 2 usage or I/O errors."
    )

    @Argument(help: "The playbook file.")
    var playbook: String

    @Option(help: "Leads CSV: header row; id, first_name, last_name, phone, email, state, timezone, language.")
    var leads: String

    @Option(help: "Simulated days.")
    var days: Int = 30

    @Option(help: "Simulation start, ISO-8601 UTC (e.g. 2026-12-01T13:00:00Z).")
    var start: String = "2026-12-01T13:00:00Z"

    @Option(help: "Seed of the outcome generator.")
    var seed: UInt64 = 42

    @Option(help: "Outcome model YAML overriding the default rates.")
    var outcomes: String?

    @Option(help: "A client file (docs/clients.md): the profile, rules and limits the touches speak for; the demo clinic when absent.")
    var client: String?

    @Option(help: "The campaign's offer ({{campaign.offer}}); the demo offer when absent.")
    var offer: String?

    @Option(help: "Output format: table (per-lead timeline) or jsonl.")
    var format: DryRunFormat = .table

    func validate() throws {
        guard days > 0, days <= 366 else { throw ValidationError("--days must be between 1 and 366") }
    }

    func run() async throws {
        let progress = isatty(STDERR_FILENO) == 1
        guard let startDate = ISO8601DateFormatter().date(from: start) else {
            throw CLIError.usage("--start: expected ISO-8601 UTC like 2026-12-01T13:00:00Z, got `\(start)`")
        }
        guard FileManager.default.fileExists(atPath: playbook) else { throw CLIError.usage("no such file: \(playbook)") }
        let compiled = PlaybookCompiler().compile(fileAt: playbook)
        if !compiled.diagnostics.isEmpty {
            Output.err(DiagnosticRenderer(colors: Output.colors(fileDescriptor: STDERR_FILENO)).render(compiled) + "\n")
        }
        guard let book = compiled.playbook else { throw ExitCode(CLIError.invalidExitCode) }
        let model = try outcomes.map { path throws(CLIError) in try OutcomeModelFile.load(path) } ?? .default
        let client = try self.client.map { path in try DryRunClient.load(path, over: DemoPlaybook.client) } ?? DemoPlaybook.client
        let offer = self.offer ?? DemoPlaybook.offer
        let loaded = try DryRunLeads.load(path: leads, org: "org-dry-run", now: startDate, client: client)
        for row in loaded.warnings { Output.err("\(leads):\(row.line): warning: " + (row.field.map { "\($0): " } ?? "") + row.reason + "\n") }
        for row in loaded.skipped { Output.err("\(leads):\(row.line): skipped: " + (row.field.map { "\($0): " } ?? "") + row.reason + "\n") }
        if progress { Output.err("simulating \(loaded.leads.count) leads over \(days) days…\n") }
        let simulator = Simulator(.init(playbook: book, client: client, offer: offer, start: startDate, days: days, seed: seed, model: model))
        let result = simulator.run(leads: loaded.leads)
        if progress { Output.err("\(result.touches.count) touches; writing \(format.rawValue)…\n") }
        let report = DryRunReport(
            result: result, leads: loaded.leads, playbook: book, client: client, offer: offer, links: DemoPlaybook.links,
            campaignID: CampaignID("dry-run-\(book.id)"), labels: loaded.externalIDs)
        switch format {
        case .jsonl: try report.jsonl(chunkBytes: 1 << 20) { FileHandle.standardOutput.write($0) }
        case .table: Output.out(report.table())
        }
    }
}

/// The client a dry-run speaks for: a client file read through ClientConfig over the demo client.
enum DryRunClient {
    /// Every problem is printed like a compiler; any error stops with exit 2 (a bad input file).
    static func load(_ path: String, over base: Client) throws -> Client {
        guard FileManager.default.fileExists(atPath: path) else { throw CLIError.usage("no such client file: \(path)") }
        let checked = ClientFile.check(fileAt: path)
        if !checked.issues.isEmpty {
            let renderer = DiagnosticRenderer(colors: Output.colors(fileDescriptor: STDERR_FILENO))
            let lines = ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n", omittingEmptySubsequences: false)
            Output.err(checked.diagnostics.map { d in renderer.render(d, line: d.line <= lines.count ? lines[d.line - 1] : nil) }
                .joined(separator: "\n") + "\n")
        }
        guard let patch = checked.patch else { throw CLIError.usage("\(path): invalid client file (see above)") }
        return patch.applied(to: base)
    }
}
