import Foundation
import Logging
import PostgresNIO
import RevenueCore
import StoreSchema

/// The shared `Store`: PostgreSQL through a `PostgresClient` pool. Claims use `FOR UPDATE SKIP LOCKED`,
/// so several daemons can drain one queue without taking the same touch.
///
/// The client must be running: use `PostgresStore.withStore(url:logger:_:)`, or call `run()` in a
/// task (it is a service: it returns when its task is cancelled).
public final class PostgresStore: Store {
    let client: PostgresClient
    let logger: Logger
    let sql = Statements(.postgres)
    /// The `search_path` schema of the URL, created by `migrate()`.
    let schema: String?
    /// The URL without its password, for error messages.
    let target: String

    public init(url: PostgresURL, logger: Logger) {
        var configuration = url.configuration
        configuration.options.maximumConnections = 16
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.logger = logger
        self.schema = url.schema
        self.target = url.description
    }

    /// Runs the connection pool until the calling task is cancelled.
    public func run() async { await client.run() }

    /// Opens a store on `url`, runs its pool for the duration of `body`, then shuts it down.
    public static func withStore<T: Sendable>(
        url: PostgresURL, logger: Logger, _ body: @Sendable (PostgresStore) async throws -> T
    ) async throws -> T {
        let store = PostgresStore(url: url, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await store.run() }
            defer { group.cancelAll() }
            return try await body(store)
        }
    }

    @discardableResult
    public func migrate() async throws -> [String] {
        try await transaction { [sql] conn in
            // One migrator at a time across daemons; released at commit.
            try await conn.run("SELECT pg_advisory_xact_lock(7262707)", [], counting: false)
            if let schema = self.schema { try await conn.run("CREATE SCHEMA IF NOT EXISTS \(schema)", [], counting: false) }
            try await conn.run("""
                CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
                """, [], counting: false)
            let applied = Set(try await conn.rows("SELECT id FROM schema_migrations").map { try $0.requiredText("id") })
            var done: [String] = []
            for migration in Migrations.all(for: sql.dialect) where !applied.contains(migration.id) {
                for statement in migration.statements {
                    try await conn.run(statement, [], counting: false)
                }
                try await conn.run("INSERT INTO schema_migrations (id) VALUES ($1)", [.text(migration.id)], counting: false)
                done.append(migration.id)
            }
            return done
        }
    }

    /// Drops the URL's `search_path` schema and everything in it (tests, throw-away environments).
    public func dropSchema() async throws {
        guard let schema else { throw StoreError.configuration("the URL names no search_path schema to drop") }
        try await connection { conn in try await conn.run("DROP SCHEMA IF EXISTS \(schema) CASCADE", [], counting: false) }
    }

    public func appliedMigrations() async throws -> [String] {
        try await connection { conn in
            let exists = try await conn.rows("SELECT to_regclass('schema_migrations')::text AS t")
            guard try exists.first?.text("t") != nil else { return [] }
            return try await conn.rows("SELECT id FROM schema_migrations ORDER BY applied_at, id")
                .map { try $0.requiredText("id") }
        }
    }

    public func columns(of relation: String) async throws -> [String] {
        try await connection { conn in
            try await conn.rows("""
                SELECT column_name::text AS name FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position
                """, [.text(relation)]).map { try $0.requiredText("name") }
        }
    }

    /// Runs `body` in one transaction: committed if it returns, rolled back if it throws.
    @discardableResult
    func transaction<T: Sendable>(_ body: (PGSession) async throws -> T) async throws -> T {
        try await mapErrors {
            try await client.withConnection { connection in
                let session = PGSession(connection: connection, logger: logger)
                try await session.run("BEGIN", counting: false)
                do {
                    let result = try await body(session)
                    try await session.run("COMMIT", counting: false)
                    return result
                } catch {
                    _ = try? await session.run("ROLLBACK", counting: false)
                    throw error
                }
            }
        }
    }

    /// Runs `body` on a pooled connection outside any explicit transaction (reads, single statements).
    @discardableResult
    func connection<T: Sendable>(_ body: (PGSession) async throws -> T) async throws -> T {
        try await mapErrors { try await client.withConnection { try await body(PGSession(connection: $0, logger: logger)) } }
    }

    /// Turns integrity violations (SQLSTATE class 23) into `StoreError.constraint`; other server
    /// errors keep their SQLSTATE and message, never statement arguments.
    func mapErrors<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as StoreError {
            throw error
        } catch let error as PSQLError {
            guard let info = error.serverInfo else {
                throw StoreError(code: "connection", message: "cannot reach PostgreSQL at \(target) (\(error.code))")
            }
            let state = info[.sqlState] ?? ""
            let message = info[.message] ?? "\(error.code)"
            if state.hasPrefix("23") { throw StoreError.constraint(message) }
            throw StoreError(code: "database", message: "PostgreSQL error \(state): \(message)")
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw StoreError(code: "connection", message: "cannot reach PostgreSQL at \(target) (\(type(of: error)))")
        }
    }
}
