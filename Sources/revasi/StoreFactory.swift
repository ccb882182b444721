import Foundation
import Logging
import RevenueCore
import StorePostgres
import StoreSQLite

/// Opens the store a `StoreLocation` names: the one place that picks SQLite or PostgreSQL.
enum StoreFactory {
    /// The environment variable that sets the PostgreSQL connect timeout in seconds when the URL has no `connect_timeout`.
    static let connectTimeoutVariable = "REVASI_DB_CONNECT_TIMEOUT"
    /// The connect timeout when neither the URL nor the environment sets one.
    static let defaultConnectTimeout: Double = 5

    /// Opens the store, runs `body` with it, and closes it (PostgreSQL: its pool runs only meanwhile).
    ///
    /// A SQLite file that does not exist is refused (exit 2) unless `creating` is set: only `revasi migrate`
    /// (and the benchmarks' scratch stores) create one. A PostgreSQL server that does not answer within the
    /// connect timeout is refused (exit 2) before `body` runs, naming host and port, never the password.
    static func withStore<T: Sendable>(
        _ location: StoreLocation, creating: Bool = false, logger: Logger = storeLogger, _ body: @Sendable (any Store) async throws -> T
    ) async throws -> T {
        switch location {
        case .sqlite(let path):
            if !creating { try requireExisting(path) }
            return try await body(try SQLiteStore(path: path))
        case .postgres(let url):
            try await requireReachable(url, logger: logger)
            return try await PostgresStore.withStore(url: url, logger: logger) { try await body($0) }
        }
    }

    /// Exit 2 when the SQLite file `path` does not exist: commands other than `revasi migrate` never create one.
    static func requireExisting(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { throw CLIError.usage("--db sqlite:\(path) is a folder, not a SQLite file") }
            return
        }
        throw CLIError.usage("no SQLite store at \(path); create it with `revasi migrate --db sqlite:\(path)`")
    }

    /// Exit 2 when PostgreSQL cannot be reached and logged into within the connect timeout.
    static func requireReachable(_ url: PostgresURL, logger: Logger) async throws {
        let seconds = try connectTimeout(for: url)
        do {
            try await PostgresStore.checkReachable(url: url, timeoutSeconds: seconds, logger: logger)
        } catch let error as StoreError {
            throw CLIError.usage(error.message)
        }
    }

    /// The URL's `connect_timeout`, else `$REVASI_DB_CONNECT_TIMEOUT`, else 5 seconds.
    static func connectTimeout(for url: PostgresURL) throws -> Double {
        if let seconds = url.connectTimeoutSeconds { return seconds }
        guard let text = ProcessInfo.processInfo.environment[connectTimeoutVariable], !text.isEmpty else { return defaultConnectTimeout }
        guard let seconds = Double(text), seconds > 0, seconds <= 3600 else {
            throw CLIError.usage("\(connectTimeoutVariable) must be a number of seconds between 1 and 3600 (got \(text))")
        }
        return seconds
    }

    /// Store and driver background messages: errors only, on stderr (the pool warns about start-up races).
    static var storeLogger: Logger {
        var logger = Logger(label: "revasi.store") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = .error
        return logger
    }
}
