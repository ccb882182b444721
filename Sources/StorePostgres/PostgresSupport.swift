import Foundation
import Logging
import PostgresNIO
import RevenueCore
import StoreSchema

/// A PostgresNIO row read through the shared record mappings.
struct PGRow: StoreRow {
    let row: PostgresRandomAccessRow

    init(_ row: PostgresRow) { self.row = row.makeRandomAccess() }

    private func cell(_ column: String) throws -> PostgresCell? {
        guard row.contains(column) else { throw StoreError.badColumn(column) }
        let cell = row[column]
        return cell.bytes == nil ? nil : cell
    }

    func text(_ column: String) throws -> String? {
        do { return try cell(column)?.decode(String.self) } catch { throw StoreError.badColumn(column) }
    }

    func int(_ column: String) throws -> Int64? {
        do { return try cell(column)?.decode(Int64.self) } catch { throw StoreError.badColumn(column) }
    }

    func date(_ column: String) throws -> Date? {
        do { return try cell(column)?.decode(Date.self) } catch { throw StoreError.badColumn(column) }
    }
}

extension StoreError {
    /// A column is missing or holds a value of the wrong type.
    static func badColumn(_ column: String) -> StoreError {
        StoreError(code: "corrupt_row", message: "column \(column) is missing or holds a value of the wrong type")
    }
}

extension PostgresBindings {
    /// Bindings for shared statement arguments.
    init(_ arguments: [StoreValue]) {
        self.init(capacity: arguments.count)
        for argument in arguments {
            switch argument {
            case .null: appendNull()
            case .text(let text): append(text)
            case .int(let int): append(int)
            case .date(let date): append(date)
            }
        }
    }
}

/// A leased connection and the logger its statements log to.
struct PGSession {
    let connection: PostgresConnection
    let logger: Logger

    /// Runs a statement; when `counting`, appends `RETURNING 1` and returns how many rows it touched.
    @discardableResult
    func run(_ sql: String, _ arguments: [StoreValue] = [], counting: Bool = true) async throws -> Int {
        let text = counting ? sql + " RETURNING 1" : sql
        var count = 0
        for try await _ in try await connection.query(PostgresQuery(unsafeSQL: text, binds: PostgresBindings(arguments)), logger: logger) {
            count += 1
        }
        return count
    }

    /// Fetches every row of a statement.
    func rows(_ sql: String, _ arguments: [StoreValue] = []) async throws -> [PGRow] {
        try await rows(PostgresQuery(unsafeSQL: sql, binds: PostgresBindings(arguments)))
    }

    /// Fetches every row of a query with its own bindings (arrays).
    func rows(_ query: PostgresQuery) async throws -> [PGRow] {
        try await connection.query(query, logger: logger).collect().map(PGRow.init)
    }

    /// Decodes every row with a record mapping.
    func fetch<R: StoreRecord>(_ record: R.Type, _ sql: String, _ arguments: [StoreValue]) async throws -> [R.Value] {
        try await rows(sql, arguments).map(R.decode)
    }
}
