import Foundation
import GRDB
import RevenueCore
import StoreSchema

/// A GRDB row read through the shared record mappings.
struct GRDBRow: StoreRow {
    let row: Row
    /// Column name → index, built once per statement (GRDB's by-name lookup lower-cases per call).
    let columns: [String: Int]

    private func value(_ column: String) -> DatabaseValue? {
        guard let index = columns[column] else { return nil }
        let value: DatabaseValue = row[index]
        return value.isNull ? nil : value
    }

    func text(_ column: String) throws -> String? {
        guard let value = value(column) else { return nil }
        guard let text = String.fromDatabaseValue(value) else { throw StoreError.badColumn(column) }
        return text
    }

    func int(_ column: String) throws -> Int64? {
        guard let value = value(column) else { return nil }
        guard let int = Int64.fromDatabaseValue(value) else { throw StoreError.badColumn(column) }
        return int
    }

    func date(_ column: String) throws -> Date? {
        guard let value = value(column) else { return nil }
        guard let date = Date.fromDatabaseValue(value) else { throw StoreError.badColumn(column) }
        return date
    }
}

extension StoreError {
    /// A column holds a value of the wrong type.
    static func badColumn(_ column: String) -> StoreError {
        StoreError(code: "corrupt_row", message: "column \(column) holds a value of the wrong type")
    }
}

extension StoreValue {
    /// The GRDB binding.
    var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .text(let text): text.databaseValue
        case .int(let int): int.databaseValue
        case .date(let date): date.databaseValue
        }
    }
}

extension Database {
    /// Runs a cached statement; returns how many rows it changed.
    @discardableResult
    func run(_ sql: String, _ arguments: [StoreValue]) throws -> Int {
        let statement = try cachedStatement(sql: sql)
        try statement.execute(arguments: StatementArguments(arguments.map(\.databaseValue)))
        return changesCount
    }

    /// Fetches rows of a cached statement.
    func rows(_ sql: String, _ arguments: [StoreValue]) throws -> [GRDBRow] {
        let statement = try cachedStatement(sql: sql)
        let columns = Dictionary(statement.columnNames.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return try Row.fetchAll(statement, arguments: StatementArguments(arguments.map(\.databaseValue)))
            .map { GRDBRow(row: $0, columns: columns) }
    }

    /// Decodes every row with a record mapping.
    func fetch<R: StoreRecord>(_ record: R.Type, _ sql: String, _ arguments: [StoreValue]) throws -> [R.Value] {
        try rows(sql, arguments).map(R.decode)
    }
}
