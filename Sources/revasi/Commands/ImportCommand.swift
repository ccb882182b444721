import ArgumentParser
import Foundation
import LeadImport
import RevenueCore

/// `revasi import FILE.csv`: read, check and enrich a lead export, report every problem row, then store the leads.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import leads from a CSV export (HubSpot, Google Sheets, Excel): report problem rows by line, then store the rest.",
        discussion: """
        The file may be UTF-8 (with or without BOM), UTF-16 with BOM or Windows-1252, separated by commas, \
        semicolons or tabs. Headers are matched in English or Spanish; see docs/cli.md for the names and the \
        mapping file format.
        """
    )

    @Argument(help: "The CSV file to import.")
    var file: String

    @Option(help: "The org (tenant) the leads belong to.")
    var org: String

    @Option(help: "The campaign to enrol the leads in.")
    var campaign: String

    @Option(help: "Column mapping: auto, hubspot, sheets, or a YAML mapping file.")
    var mapping = "auto"

    @Flag(help: "Read and check the file, print the report, write nothing.")
    var dryRun = false

    @Option(help: "The store: a SQLite file path or a postgres:// URL (default: $REVASI_DB).")
    var db: String?

    @Option(help: "IANA zone for leads whose zone cannot be inferred.")
    var defaultTimeZone = "America/New_York"

    @Option(help: "Output format: text or json.")
    var format: ImportOutputFormat = .text

    @Option(help: "At most this many problem rows are listed in text output.")
    var maxReported = 100

    func validate() throws {
        guard !org.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--org must not be empty") }
        guard !campaign.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--campaign must not be empty") }
        guard maxReported >= 0 else { throw ValidationError("--max-reported must be 0 or more") }
    }

    func run() async throws {
        let columnMapping = try loadMapping()
        let progress = ImportProgressBar(label: (file as NSString).lastPathComponent)
        let batch: ImportBatch
        do {
            batch = try LeadCSVReader(mapping: columnMapping).read(
                fileAt: file, org: OrgID(org), now: Date(), defaultTimeZone: defaultTimeZone,
                progress: progress.map { bar in { bar.update($0) } }
            )
        } catch {
            progress?.finish()
            throw CLIError(message: error.description, exitCode: CLIError.invalidExitCode)
        }
        progress?.finish()
        let report = ImportReport(batch: batch, path: file)

        if dryRun {
            try emit(report, written: nil)
            return
        }
        try emit(report, written: nil)
        throw CLIError(
            message: "storage not available yet in this build: nothing was written (use --dry-run to check a file)",
            exitCode: CLIError.usageExitCode
        )
    }

    private func loadMapping() throws -> ColumnMapping {
        if let preset = ColumnMapping(preset: mapping) { return preset }
        guard FileManager.default.fileExists(atPath: mapping) else {
            throw CLIError.usage("--mapping: expected auto, hubspot, sheets or a YAML file; \(mapping) is neither")
        }
        do {
            return try ColumnMapping.load(fileAt: mapping)
        } catch let error as ImportFileError {
            throw CLIError(message: error.description, exitCode: CLIError.invalidExitCode)
        }
    }

    private func emit(_ report: ImportReport, written: ImportWriteSummary?) throws {
        switch format {
        case .text:
            var text = report.text(limit: maxReported)
            if let written {
                text += "stored: \(written.inserted) new leads, \(written.alreadyKnown) already known (campaign \(campaign))\n"
            } else if dryRun {
                text += "dry run: nothing written\n"
            }
            Output.out(text)
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let document = ImportOutput(report: report, dryRun: dryRun, written: written)
            Output.out(String(decoding: try encoder.encode(document), as: UTF8.self) + "\n")
        }
    }
}

/// `--format` of `revasi import`.
enum ImportOutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// What the store did with an import.
struct ImportWriteSummary: Codable {
    var inserted: Int
    var alreadyKnown: Int
}

/// The JSON document `revasi import --format json` prints.
struct ImportOutput: Encodable {
    var report: ImportReport
    var dryRun: Bool
    var written: ImportWriteSummary?
}

/// A one-line progress bar on standard error, drawn only when standard error is a terminal.
final class ImportProgressBar: @unchecked Sendable {
    private let label: String
    private var lastPercent = -1

    /// Nil when standard error is not a terminal (pipes and CI logs get no control characters).
    init?(label: String) {
        guard isatty(STDERR_FILENO) == 1 else { return nil }
        self.label = label
    }

    func update(_ progress: ImportProgress) {
        let percent = Int(progress.fraction * 100)
        guard percent != lastPercent else { return }
        lastPercent = percent
        let width = 30
        let filled = width * percent / 100
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        Output.err("\r\(label) \(bar) \(percent)% \(progress.rows) rows")
    }

    func finish() {
        if lastPercent >= 0 { Output.err("\r\u{1B}[K") }
    }
}
