import Foundation
import RevenueCore

/// Reads a lead CSV export (HubSpot, Google Sheets, Excel) into enriched, de-duplicated leads.
///
/// Detects the encoding (UTF-8, UTF-8 with BOM, UTF-16 with BOM, else Windows-1252) and the
/// delimiter (`,`, `;`, tab), maps headers to fields, then normalizes and checks every row.
/// Pure: no I/O beyond the bytes given, `now` injected.
public struct LeadCSVReader: Sendable {
    public var mapping: ColumnMapping

    public init(mapping: ColumnMapping = .auto) {
        self.mapping = mapping
    }

    /// Decodes, maps and enriches `data`; `path` only names the file in errors.
    /// `progress`, if given, is called every few thousand rows and once at the end.
    public func read(
        _ data: Data, path: String, org: OrgID, now: Date, defaultTimeZone: String = "America/New_York",
        progress: ((ImportProgress) -> Void)? = nil
    ) throws(ImportFileError) -> ImportBatch {
        let (bytes, encoding) = try TextDecoder.utf8Bytes(of: data, path: path)
        let result: Result<ImportBatch, ImportFileError> = bytes.withUnsafeBufferPointer { buffer in
            do throws(ImportFileError) {
                var pass = ReadPass(
                    buffer: buffer, path: path, mapping: mapping,
                    enricher: RowEnricher(org: org, now: now, defaultTimeZone: defaultTimeZone), progress: progress
                )
                var batch = try pass.run()
                batch.encoding = encoding
                return .success(batch)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Reads the file at `path` from disk, then `read(_:path:…)`.
    public func read(
        fileAt path: String, org: OrgID, now: Date, defaultTimeZone: String = "America/New_York",
        progress: ((ImportProgress) -> Void)? = nil
    ) throws(ImportFileError) -> ImportBatch {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
        } catch {
            throw .unreadable(path: path, reason: FileManager.default.fileExists(atPath: path) ? "permission denied or not a regular file" : "no such file")
        }
        return try read(data, path: path, org: org, now: now, defaultTimeZone: defaultTimeZone, progress: progress)
    }
}

/// How far a read has got, for a progress bar.
public struct ImportProgress: Sendable, Hashable {
    /// Data rows read so far.
    public var rows: Int
    /// UTF-8 bytes consumed so far.
    public var bytesRead: Int
    /// Total UTF-8 bytes to read.
    public var totalBytes: Int

    /// Completion in 0…1.
    public var fraction: Double { totalBytes == 0 ? 1 : Double(bytesRead) / Double(totalBytes) }
}

/// One pass over the decoded bytes: header, then rows through the enricher and the in-file dedupe.
private struct ReadPass {
    let buffer: UnsafeBufferPointer<UInt8>
    let path: String
    let mapping: ColumnMapping
    var enricher: RowEnricher
    let progress: ((ImportProgress) -> Void)?

    init(buffer: UnsafeBufferPointer<UInt8>, path: String, mapping: ColumnMapping, enricher: RowEnricher, progress: ((ImportProgress) -> Void)?) {
        self.buffer = buffer
        self.path = path
        self.mapping = mapping
        self.enricher = enricher
        self.progress = progress
    }

    mutating func run() throws(ImportFileError) -> ImportBatch {
        let (delimiter, sepLineLength) = CSVScanner.detectDelimiter(in: buffer)
        var scanner = CSVScanner(bytes: buffer, delimiter: delimiter)
        scanner.skipLine(ofLength: sepLineLength)
        var spans: [FieldSpan] = []
        guard let firstLine = try next(&scanner, into: &spans) else { throw .empty(path: path) }
        let headers = spans.map { scanner.string($0) }
        var plan = ColumnPlan(mapping: mapping, headers: headers)
        var titleWarning: RejectedRow?
        if !plan.hasContactColumn {
            if headers.contains(where: Self.looksLikeData) { throw .noHeader(path: path, line: firstLine) }
            // Report exports sometimes start with a title line or two above the real header.
            guard let (headerLine, laterPlan) = try header(below: &scanner, spans: &spans) else {
                throw .noContactColumn(path: path, line: firstLine, headers: headers, mapping: mapping.description)
            }
            plan = laterPlan
            let skipped = headerLine - 1 == firstLine ? "line \(firstLine)" : "lines \(firstLine)–\(headerLine - 1)"
            titleWarning = RejectedRow(line: firstLine, field: nil, reason: "\(skipped) above the header on line \(headerLine) skipped (a title?)")
        }

        var batch = ImportBatch(delimiter: Character(Unicode.Scalar(delimiter)), columns: plan.columns)
        if let titleWarning { batch.warnings.append(titleWarning) }
        // Lead rows are rarely shorter than 40 bytes: reserve once instead of rehashing as we go.
        let expectedRows = buffer.count / 40
        batch.accepted.reserveCapacity(expectedRows)
        var dedupe = InFileDedupe(expectedRows: expectedRows)
        while let line = try next(&scanner, into: &spans) {
            batch.rowCount += 1
            if batch.rowCount % 4096 == 0 {
                progress?(ImportProgress(rows: batch.rowCount, bytesRead: scanner.position, totalBytes: buffer.count))
            }
            let row = plan.rawRow(line: line, spans: spans, scanner: scanner)
            switch enricher.enrich(row) {
            case .rejected(let rejection):
                batch.rejected.append(rejection)
            case .accepted(let imported, let warnings):
                if let duplicate = dedupe.duplicate(of: imported) {
                    batch.duplicatesInFile.append(duplicate)
                } else {
                    batch.accepted.append(imported)
                    batch.warnings.append(contentsOf: warnings)
                }
            }
        }
        progress?(ImportProgress(rows: batch.rowCount, bytesRead: buffer.count, totalBytes: buffer.count))
        return batch
    }

    /// The first of the next few records that works as a header (maps a phone or e-mail column);
    /// the scanner is left after it. Nil (scanner untouched) when none does.
    private func header(below scanner: inout CSVScanner, spans: inout [FieldSpan]) throws(ImportFileError) -> (Int, ColumnPlan)? {
        var probe = scanner
        for _ in 0..<4 {
            guard let line = try next(&probe, into: &spans) else { return nil }
            let headers = spans.map { probe.string($0) }
            if headers.contains(where: Self.looksLikeData) { return nil }
            let plan = ColumnPlan(mapping: mapping, headers: headers)
            if plan.hasContactColumn {
                scanner = probe
                return (line, plan)
            }
        }
        return nil
    }

    /// The next record that is not blank (empty line, or only empty cells as Excel writes them).
    private func next(_ scanner: inout CSVScanner, into spans: inout [FieldSpan]) throws(ImportFileError) -> Int? {
        do {
            while let line = try scanner.nextRecord(into: &spans) {
                if !spans.allSatisfy(scanner.isBlank) { return line }
            }
            return nil
        } catch {
            throw .unterminatedQuote(path: path, line: error.line)
        }
    }

    /// A header cell holding an e-mail address or a phone-like run of digits means there is no header.
    private static func looksLikeData(_ cell: String) -> Bool {
        cell.contains("@") || cell.unicodeScalars.filter { ("0"..."9").contains($0) }.count >= 7
    }
}

/// Which columns feed which field, in reading order; builds a row's raw values without touching others.
struct ColumnPlan {
    /// Every mapped column, in file order.
    let columns: [MappedColumn]
    /// Per field, the column indexes to read, best first.
    private let sources: [(field: LeadField, indexes: [Int])]

    init(mapping: ColumnMapping, headers: [String]) {
        var resolved = mapping.resolve(headers: headers)
        // A lone Spanish "Nombre" column usually holds the whole name ("María Guzmán").
        let hasLastName = resolved.contains { $0.column.field == .lastName }
        if !hasLastName, case .auto = mapping {
            resolved = resolved.map { entry in
                guard entry.column.field == .firstName, ["nombre", "nombres"].contains(HeaderKey.normalize(entry.column.header)) else { return entry }
                var column = entry.column
                column.field = .name
                return (column, entry.priority)
            }
        }
        columns = resolved.map(\.column).sorted { $0.index < $1.index }
        var sources: [(field: LeadField, indexes: [Int])] = []
        for field in LeadField.allCases {
            let indexes = resolved.filter { $0.column.field == field }
                .sorted { ($0.priority, $0.column.index) < ($1.priority, $1.column.index) }
                .map(\.column.index)
            if !indexes.isEmpty { sources.append((field, indexes)) }
        }
        self.sources = sources
    }

    var hasContactColumn: Bool { sources.contains { $0.field.isContact } }

    /// The row's non-empty values per field (phones and e-mails keep every candidate, in order).
    func rawRow(line: Int, spans: [FieldSpan], scanner: CSVScanner) -> RawRow {
        var row = RawRow(line: line)
        for (field, indexes) in sources {
            for index in indexes where index < spans.count && !scanner.isBlank(spans[index]) {
                let value = scanner.string(spans[index])
                guard !value.isEmpty else { continue }
                if row.set(field, value) { break }
            }
        }
        return row
    }
}

/// Remembers the first row per external id, phone and e-mail; later ones are duplicates.
/// (Ids derived from a phone or e-mail repeat only when those do, so only external ids need a table.)
private struct InFileDedupe {
    private var byExternalID: [String: Int] = [:]
    /// Keyed by the E.164 digits as an integer: hashing a UInt64 is several times cheaper than a String.
    private var byPhone: [UInt64: Int]
    private var byEmail: [String: Int]

    init(expectedRows: Int) {
        byPhone = Dictionary(minimumCapacity: expectedRows)
        byEmail = Dictionary(minimumCapacity: expectedRows)
    }

    /// The duplicate report for `imported`, or nil after recording it as the first of its kind.
    mutating func duplicate(of imported: ImportedLead) -> RejectedRow? {
        let lead = imported.lead
        let phoneKey = lead.phone.map(Self.phoneKey)
        if let phoneKey, let first = byPhone[phoneKey] {
            return RejectedRow(line: imported.line, field: "phone", reason: "same phone number as line \(first)", duplicateOf: first)
        }
        if let email = lead.email, let first = byEmail[email] {
            return RejectedRow(line: imported.line, field: "email", reason: "same e-mail address as line \(first)", duplicateOf: first)
        }
        if let id = imported.externalID, let first = byExternalID[id] {
            return RejectedRow(line: imported.line, field: "id", reason: "same id as line \(first)", duplicateOf: first)
        }
        if let id = imported.externalID { byExternalID[id] = imported.line }
        if let phoneKey { byPhone[phoneKey] = imported.line }
        if let email = lead.email { byEmail[email] = imported.line }
        return nil
    }

    /// `+13055550100` → 13055550100 (E.164 has at most 15 digits, so it fits).
    private static func phoneKey(_ e164: String) -> UInt64 {
        e164.utf8.reduce(0) { key, byte in (0x30...0x39).contains(byte) ? key &* 10 &+ UInt64(byte - 0x30) : key }
    }
}
