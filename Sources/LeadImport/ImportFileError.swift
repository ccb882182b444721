/// Why a whole lead file cannot be imported. Names the file (and line); never quotes a cell's value.
public enum ImportFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file could not be read from disk.
    case unreadable(path: String, reason: String)
    /// No bytes, or nothing but blank lines.
    case empty(path: String)
    /// The first line looks like data (phone numbers, e-mail addresses), not column names.
    case noHeader(path: String, line: Int)
    /// No column maps to a phone or an e-mail address; lists the headers that were found.
    case noContactColumn(path: String, line: Int, headers: [String], mapping: String)
    /// Binary content, or text in an encoding we cannot detect.
    case unreadableEncoding(path: String, line: Int, detail: String)
    /// A spreadsheet or archive rather than CSV text.
    case notCSV(path: String, detected: String)
    /// A quoted field opened on `line` never closes: the rest of the file would be one cell.
    case unterminatedQuote(path: String, line: Int)
    /// The column-mapping YAML file is wrong.
    case invalidMapping(path: String, line: Int, message: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "\(path): cannot read the file: \(reason)"
        case .empty(let path):
            return "\(path): the file is empty (no header and no rows)"
        case .noHeader(let path, let line):
            return "\(path):\(line): no header row: the first line looks like data; add a line of column names (e.g. first_name,last_name,phone,email)"
        case .noContactColumn(let path, let line, let headers, let mapping):
            let shown = headers.prefix(12).map { "\"\($0)\"" }.joined(separator: ", ") + (headers.count > 12 ? ", …" : "")
            return "\(path):\(line): no phone or e-mail column found with the \(mapping) mapping (columns: \(shown)); rename a column (e.g. \"phone\", \"Teléfono\", \"email\") or pass --mapping FILE.yaml"
        case .unreadableEncoding(let path, let line, let detail):
            return "\(path):\(line): cannot read the text: \(detail); save it as \"CSV UTF-8\""
        case .notCSV(let path, let detected):
            return "\(path): this is \(detected), not CSV; export or \"Save As\" CSV UTF-8 first"
        case .unterminatedQuote(let path, let line):
            return "\(path):\(line): a quoted field starting on this line never closes (a missing \" ?)"
        case .invalidMapping(let path, let line, let message):
            return "\(path):\(line): \(message)"
        }
    }
}
