import Foundation
import RevenueCore

/// One table's mapping: its columns (`enum Columns`), how a row decodes, how a value encodes.
///
/// Both stores use the same records, so the SQLite and PostgreSQL mappings cannot drift apart.
public protocol StoreRecord {
    associatedtype Value
    associatedtype Columns: RawRepresentable, CaseIterable where Columns.RawValue == String
    static var table: String { get }
    /// Columns holding JSON documents (bound through `CAST(? AS json)`).
    static var jsonColumns: Set<String> { get }
    static func decode(_ row: some StoreRow) throws -> Value
    /// Arguments in `Columns.allCases` order.
    static func values(_ value: Value) throws -> [StoreValue]
}

extension StoreRecord {
    public static var jsonColumns: Set<String> { [] }
    /// Column names in declaration order.
    public static var columnNames: [String] { Columns.allCases.map(\.rawValue) }
    /// `a, b, c` for a SELECT.
    public static var selectList: String { columnNames.joined(separator: ", ") }
    /// An INSERT of every column (JSON columns cast), optionally ignoring unique conflicts.
    public static func insertSQL(ignoringConflicts: Bool = false) -> String {
        let marks = columnNames.map { jsonColumns.contains($0) ? "CAST(? AS {json})" : "?" }
        return "INSERT INTO \(table) (\(selectList)) VALUES (\(marks.joined(separator: ", ")))"
            + (ignoringConflicts ? " ON CONFLICT DO NOTHING" : "")
    }
    /// An INSERT that updates every other column when the `key` columns already exist and the row
    /// is in the same org (a row of another org is left alone: the caller sees 0 changes).
    public static func upsertSQL(key: [String]) -> String {
        let updates = columnNames.filter { !key.contains($0) }.map { "\($0) = excluded.\($0)" }
        return insertSQL() + " ON CONFLICT (\(key.joined(separator: ", "))) DO UPDATE SET "
            + updates.joined(separator: ", ") + " WHERE \(table).org_id = excluded.org_id"
    }
}
