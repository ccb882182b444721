import Foundation
import Logging
import RevenueCore
import StorePostgres
import StoreSQLite

/// Opens the store a `StoreLocation` names: the one place that picks SQLite or PostgreSQL.
enum StoreFactory {
    /// Opens the store, runs `body` with it, and closes it (PostgreSQL: its pool runs only meanwhile).
    static func withStore<T: Sendable>(
        _ location: StoreLocation, logger: Logger = storeLogger, _ body: @Sendable (any Store) async throws -> T
    ) async throws -> T {
        switch location {
        case .sqlite(let path):
            return try await body(try SQLiteStore(path: path))
        case .postgres(let url):
            return try await PostgresStore.withStore(url: url, logger: logger) { try await body($0) }
        }
    }

    /// Store and driver background messages: errors only, on stderr (the pool warns about start-up races).
    static var storeLogger: Logger {
        var logger = Logger(label: "revasi.store") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = .error
        return logger
    }
}
