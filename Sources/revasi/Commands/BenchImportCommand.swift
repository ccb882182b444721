import ArgumentParser
import Foundation
import LeadImport
import RevenueCore

/// `revasi bench import`: read + enrich a generated HubSpot-style CSV; baselines: a byte scan and a line split of the same file.
struct BenchImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read and enrich a generated lead CSV of --rows rows; baselines: counting its newlines, splitting it into lines."
    )

    @Option(help: "Data rows in the generated file.")
    var rows = 100_000

    @Option(help: "Timed repetitions (the median is reported).")
    var iterations = 7

    func validate() throws {
        guard rows > 0 else { throw ValidationError("--rows must be positive") }
    }

    func run() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("revasi-bench-import-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("leads.csv").path
        let text = SyntheticLeadCSV.text(rows: rows)
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
            throw CLIError(message: "cannot write the generated file in \(directory.path)", exitCode: CLIError.usageExitCode)
        }

        let reader = LeadCSVReader(mapping: .auto)
        let now = Date(timeIntervalSince1970: 1_796_130_000)
        let batch = try reader.read(fileAt: path, org: "bench", now: now)
        let importMs = Stopwatch.medianMilliseconds(iterations) { _ = try? reader.read(fileAt: path, org: "bench", now: now) }
        var newlines = 0
        let scanMs = Stopwatch.medianMilliseconds(iterations) { newlines = Self.countNewlines(path) }
        var lines = 0
        let splitMs = Stopwatch.medianMilliseconds(iterations) { lines = Self.splitLines(path) }

        let bytes = text.utf8.count
        func show(_ ms: Double) -> String { "\(Stopwatch.format(ms)) ms = \(Self.grouped(Int(Double(rows) / (ms / 1000)))) rows/s" }
        Output.out("""
        lead import: \(rows) rows, \(bytes / 1024) KiB generated HubSpot-style CSV (UTF-8, quoted notes, \(newlines) physical lines)
        median thread CPU time of \(iterations) runs:
          read + enrich:                  \(show(importMs))
                                          [\(batch.accepted.count) accepted, \(batch.rejected.count) rejected, \(batch.duplicatesInFile.count) duplicates, \(batch.warnings.count) warnings]
          baseline, byte scan (count \\n):  \(show(scanMs))
          baseline, split into lines:     \(show(splitMs)) (\(lines) lines)
          import cost over a line split:  \(Stopwatch.format(importMs / max(splitMs, 0.001)))x
          target ≥100,000 rows/s:         \(Double(rows) / (importMs / 1000) >= 100_000 ? "met" : "NOT met")

        """)
    }

    /// Reads the file and counts `\n` bytes: the least any reader must do.
    private static func countNewlines(_ path: String) -> Int {
        guard let data = FileManager.default.contents(atPath: path) else { return 0 }
        return data.withUnsafeBytes { raw in raw.reduce(0) { $0 &+ ($1 == 0x0A ? 1 : 0) } }
    }

    /// Reads the file and splits it into line strings: what a naive line-based importer starts with.
    private static func splitLines(_ path: String) -> Int {
        guard let data = FileManager.default.contents(atPath: path) else { return 0 }
        let lines = [UInt8](data).split(separator: 0x0A).map { String(decoding: $0, as: UTF8.self) }
        return lines.count
    }

    private static func grouped(_ value: Int) -> String {
        let digits = String(value)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return out
    }
}

/// A deterministic HubSpot-style export: accented names, phones typed many ways (US, Puerto Rico,
/// Mexico), quoted notes with commas and line breaks, a few bad and duplicate rows.
enum SyntheticLeadCSV {
    static func text(rows: Int) -> String {
        let firstNames = ["María", "José", "Lucía", "Juan", "Guadalupe", "Ramón", "Sofía", "Miguel", "Ana", "Luis"]
        let lastNames = ["Núñez", "Peña", "Guzmán", "Hernández", "García", "Martínez", "López", "Díaz", "Pérez", "Ruiz"]
        let areaCodes = ["305", "786", "212", "713", "210", "602", "213", "787", "312", "404", "915", "520"]
        let states = ["FL", "Florida", "TX", "Texas", "CA", "NY", "", "PR", "AZ", "IL"]
        let languages = ["es", "Spanish", "English", "Español", "", "en"]
        var out = "\"Record ID\",\"First Name\",\"Last Name\",\"Email\",\"Phone Number\",\"Mobile Phone Number\",\"State/Region\",\"Preferred language\",\"Notes\",\"Company Name\"\n"
        out.reserveCapacity(rows * 140)
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: seed >> 33)
        }
        for row in 0..<rows {
            let first = firstNames[next() % firstNames.count]
            let last = lastNames[next() % lastNames.count]
            // Every 100th row repeats an earlier phone; every 97th has too few digits and no e-mail.
            let number = row % 100 == 99 ? row - 50 : row
            let area = areaCodes[number % areaCodes.count]
            let exchange = 200 + number / 10_000 % 800
            let line = String(number % 10_000).leftPadded(to: 4)
            let phone: String
            switch row % 7 {
            case 0: phone = "(\(area)) \(exchange)-\(line)"
            case 1: phone = "\(area)-\(exchange)-\(line)"
            case 2: phone = "+1 \(area) \(exchange) \(line)"
            case 3: phone = "\(area).\(exchange).\(line)"
            case 4: phone = "1\(area)\(exchange)\(line)"
            case 5: phone = "+52 1 55 \(exchange % 900 + 100)\(line.prefix(1)) \(line)"
            default: phone = "\(area)\(exchange)\(line)"
            }
            let typed = row % 97 == 96 ? String(phone.dropLast(3)) : phone
            let mobile = row % 3 == 0 ? typed : ""
            let notes = row % 50 == 0 ? "\"Called, no answer\nretry after 6pm\"" : (row % 10 == 0 ? "\"Prefers WhatsApp, evenings\"" : "")
            let email = row % 97 == 96 ? "" : "\(first.lowercased().prefix(1))\(row)@example.com"
            out += "\(row + 1),\(first),\(last),\(email),\"\(row % 3 == 0 ? "" : typed)\",\"\(mobile)\","
            out += "\(states[next() % states.count]),\(languages[next() % languages.count]),\(notes),\(row % 4 == 0 ? "\(last) Auto" : "")\n"
        }
        return out
    }
}

extension String {
    /// The string with leading zeros up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
