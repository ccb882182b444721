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

    @OptionGroup var store: StoreOptions

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
        guard TimeZoneNames.isIANA(defaultTimeZone) else {
            throw ValidationError("--default-time-zone must be an IANA time zone such as America/New_York or America/Puerto_Rico (got \(defaultTimeZone))")
        }
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
            let ioProblem = if case .unreadable = error { true } else { false }
            throw CLIError(message: error.description, exitCode: ioProblem ? CLIError.usageExitCode : CLIError.invalidExitCode)
        }
        progress?.finish()
        let report = ImportReport(batch: batch, path: file)

        switch (format, dryRun) {
        case (.text, true):
            Output.out(report.text(limit: maxReported) + "dry run: nothing written\n")
        case (.text, false):
            // The report first: if the store refuses the batch, the problem rows are still listed.
            Output.out(report.text(limit: maxReported))
            let written = try await write(batch.accepted.map(\.lead))
            Output.out("stored: \(written.inserted) new leads, \(written.alreadyKnown) already known (campaign \(campaign))\n")
        case (.json, _):
            let written = dryRun ? nil : try await write(batch.accepted.map(\.lead))
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let document = ImportOutput(report: report, dryRun: dryRun, written: written)
            Output.out(String(decoding: try encoder.encode(document), as: UTF8.self) + "\n")
        }
    }

    /// Stores the leads in one transaction through the store's deduplicating `importLeads`.
    private func write(_ leads: [Lead]) async throws -> ImportWriteSummary {
        let location: StoreLocation
        do {
            location = try store.location()
        } catch let error as StoreError {
            throw CLIError.usage(error.message)
        }
        // StoreFactory never creates a store here (an import into a file nobody migrated is a mistake)
        // and fails fast on an unreachable PostgreSQL.
        let target = ImportTarget(org: OrgID(org), campaign: CampaignID(campaign), leads: leads)
        do {
            return try await StoreFactory.withStore(location) { store in try await target.write(to: store) }
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError(message: "nothing was written: \(error)", exitCode: CLIError.invalidExitCode)
        }
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
}

/// `--format` of `revasi import`.
enum ImportOutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// The leads of one import and where they go; checks the store before writing.
struct ImportTarget: Sendable {
    var org: OrgID
    var campaign: CampaignID
    var leads: [Lead]

    /// How long the checks before writing may take: an unreachable database fails fast.
    static let reachTimeout: Duration = .seconds(15)

    func write(to store: any Store) async throws -> ImportWriteSummary {
        try await withReachTimeout { try await check(store) }
        let summary = try await store.importLeads(leads, org: org, campaign: campaign)
        return ImportWriteSummary(inserted: summary.inserted.count, alreadyKnown: summary.duplicates)
    }

    private func check(_ store: any Store) async throws {
        guard try await !store.appliedMigrations().isEmpty else {
            throw CLIError(message: "the store has no schema yet: run `revasi migrate` on it first", exitCode: CLIError.invalidExitCode)
        }
        guard try await store.org(org) != nil else {
            throw CLIError(message: "org \(org) does not exist in the store", exitCode: CLIError.invalidExitCode)
        }
        guard try await store.campaign(campaign, org: org) != nil else {
            throw CLIError(message: "campaign \(campaign) does not exist in org \(org)", exitCode: CLIError.invalidExitCode)
        }
    }

    private func withReachTimeout(_ body: @escaping @Sendable () async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                try await body()
                return true
            }
            group.addTask {
                try await Task.sleep(for: Self.reachTimeout)
                return false
            }
            let finished = try await group.next() ?? false
            group.cancelAll()
            guard finished else {
                throw CLIError(message: "cannot reach the store within \(Self.reachTimeout): nothing was written", exitCode: CLIError.invalidExitCode)
            }
        }
    }
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
