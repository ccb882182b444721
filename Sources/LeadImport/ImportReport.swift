/// What `revasi import` prints about a batch: counts, mapped columns and every problem row by line.
/// Holds no phone numbers or e-mail addresses, so it is safe to log or attach to a ticket.
public struct ImportReport: Sendable, Codable, Hashable {
    public var file: String
    public var encoding: String
    public var delimiter: String
    /// Data rows read (blank lines excluded).
    public var rows: Int
    public var accepted: Int
    /// Header text → field name, in file order.
    public var columns: [Column]
    public var rejected: [RejectedRow]
    public var duplicates: [RejectedRow]
    public var warnings: [RejectedRow]

    /// One mapped column of the report.
    public struct Column: Sendable, Codable, Hashable {
        public var header: String
        public var field: String
    }

    public init(batch: ImportBatch, path: String) {
        file = path
        encoding = batch.encoding.rawValue
        delimiter = batch.delimiter == "\t" ? "tab" : String(batch.delimiter)
        rows = batch.rowCount
        accepted = batch.accepted.count
        columns = batch.columns.map { Column(header: $0.header, field: $0.field.rawValue) }
        rejected = batch.rejected
        duplicates = batch.duplicatesInFile
        warnings = batch.warnings
    }

    /// Compiler-style text: a summary line, the column map, then `file:line: kind: field: reason`
    /// lines in line order, at most `limit` of them.
    public func text(limit: Int = 100) -> String {
        var out = "\(file): \(rows) rows (\(encoding), delimiter \(delimiter == "tab" ? "tab" : "'\(delimiter)'")): "
        out += "\(accepted) accepted, \(rejected.count) rejected, \(duplicates.count) duplicates in file, \(warnings.count) warnings\n"
        out += "columns: " + columns.map { "\"\($0.header)\" → \($0.field)" }.joined(separator: ", ") + "\n"
        let issues = (rejected.map { ("rejected", $0) } + duplicates.map { ("duplicate", $0) } + warnings.map { ("warning", $0) })
            .sorted { ($0.1.line, $0.0) < ($1.1.line, $1.0) }
        for (kind, row) in issues.prefix(max(0, limit)) {
            out += "\(file):\(row.line): \(kind): " + (row.field.map { "\($0): " } ?? "") + row.reason + "\n"
        }
        if issues.count > limit { out += "… and \(issues.count - limit) more (raise --max-reported to see them)\n" }
        return out
    }
}
