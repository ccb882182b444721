import Foundation
import GRDB
import RevenueCore
import StoreSchema

/// The embedded `Store`: one SQLite file in WAL mode, one writer at a time (`BEGIN IMMEDIATE`),
/// readers in parallel, foreign keys on, a busy timeout so a second process waits instead of failing.
public final class SQLiteStore: Store {
    let pool: DatabasePool
    let sql = Statements(.sqlite)

    /// Opens (creating if needed) the database at `path`. Call `migrate()` before use.
    public init(path: String, busyTimeout: TimeInterval = 10) throws {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(busyTimeout)
        config.label = "revasi.store"
        config.prepareDatabase { db in
            // WAL + NORMAL: a commit survives a process crash; only an OS crash can lose the last commits.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: config)
        } catch let error as DatabaseError {
            throw StoreError.configuration("cannot open SQLite database (\(error.resultCode)): \(error.message ?? "unknown")")
        }
    }

    /// The migrator: each `Migration` of the shared schema registered by id, raw SQL only.
    var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in Migrations.all(for: .sqlite) {
            migrator.registerMigration(migration.id) { db in
                for statement in migration.statements { try db.execute(sql: statement) }
            }
        }
        return migrator
    }

    @discardableResult
    public func migrate() async throws -> [String] {
        let migrator = self.migrator
        return try await mapErrors {
            let before = try await pool.read { db in try migrator.appliedIdentifiers(db) }
            try migrator.migrate(pool)
            return try await pool.read { db in try migrator.appliedMigrations(db) }.filter { !before.contains($0) }
        }
    }

    public func appliedMigrations() async throws -> [String] {
        let migrator = self.migrator
        return try await read { db in try migrator.appliedMigrations(db) }
    }

    public func columns(of relation: String) async throws -> [String] {
        try await read { db in
            try db.rows("SELECT name FROM pragma_table_info(?) ORDER BY cid", [.text(relation)]).map { try $0.requiredText("name") }
        }
    }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction: committed if it returns, rolled back if it throws.
    @discardableResult
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await mapErrors {
            try await pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        }
    }

    /// Runs `body` on a reader (a snapshot; never blocks the writer).
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await mapErrors { try await pool.read(body) }
    }

    /// Turns SQLite constraint errors into `StoreError.constraint` (message names columns, never values).
    func mapErrors<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw StoreError.constraint(error.message ?? "constraint failed")
        } catch let error as DatabaseError {
            throw StoreError(code: "database", message: "SQLite error \(error.resultCode): \(error.message ?? "unknown")")
        }
    }
}
