import RevenueCore

/// The result of reading one lead file: leads ready to store, and every row that was not, with why.
public struct ImportBatch: Sendable {
    /// Enriched leads, in file order, already unique by phone, e-mail and id within the file.
    public var accepted: [ImportedLead]
    /// Rows that cannot become a lead (no usable phone or e-mail, …).
    public var rejected: [RejectedRow]
    /// Rows that repeat an earlier row's phone, e-mail or id; `duplicateOf` is that row's line.
    public var duplicatesInFile: [RejectedRow]
    /// Rows kept, with one field dropped or left unset (an invalid e-mail beside a good phone, …).
    public var warnings: [RejectedRow]
    /// Data rows read (blank lines excluded).
    public var rowCount: Int
    /// The encoding the file was read as.
    public var encoding: DetectedEncoding
    /// The field separator found on the header line (`,`, `;` or tab).
    public var delimiter: Character
    /// Header text → field, for every column the mapping used (in file order).
    public var columns: [MappedColumn]

    public init(
        accepted: [ImportedLead] = [], rejected: [RejectedRow] = [], duplicatesInFile: [RejectedRow] = [],
        warnings: [RejectedRow] = [], rowCount: Int = 0, encoding: DetectedEncoding = .utf8, delimiter: Character = ",",
        columns: [MappedColumn] = []
    ) {
        self.accepted = accepted
        self.rejected = rejected
        self.duplicatesInFile = duplicatesInFile
        self.warnings = warnings
        self.rowCount = rowCount
        self.encoding = encoding
        self.delimiter = delimiter
        self.columns = columns
    }
}

/// One accepted row: the enriched lead and where it came from.
public struct ImportedLead: Sendable, Hashable {
    /// The physical line the record starts on (1 is the header).
    public var line: Int
    /// The file's own id for the row (HubSpot "Record ID", an `id` column), if any.
    public var externalID: String?
    /// The lead, in state `.enriched`, with a deterministic id.
    public var lead: Lead

    public init(line: Int, externalID: String?, lead: Lead) {
        self.line = line
        self.externalID = externalID
        self.lead = lead
    }
}

/// A row not imported (or a field dropped): line, field, and a reason that never quotes the value.
public struct RejectedRow: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The physical line the record starts on.
    public var line: Int
    /// The field at fault (`phone`, `email` …), when one is.
    public var field: String?
    /// Why, in words safe to log: no phone number or e-mail address in it.
    public var reason: String
    /// For in-file duplicates: the line of the row that was kept.
    public var duplicateOf: Int?

    public init(line: Int, field: String?, reason: String, duplicateOf: Int? = nil) {
        self.line = line
        self.field = field
        self.reason = reason
        self.duplicateOf = duplicateOf
    }

    public var description: String { "line \(line): " + (field.map { "\($0): " } ?? "") + reason }
}

/// A header the mapping recognised.
public struct MappedColumn: Sendable, Hashable {
    /// 0-based column index.
    public var index: Int
    /// The header text as written in the file.
    public var header: String
    public var field: LeadField

    public init(index: Int, header: String, field: LeadField) {
        self.index = index
        self.header = header
        self.field = field
    }
}
