import Foundation
import Logging
import RevenueCore
import StorePostgres
import StoreSQLite
import Testing

/// The store implementations the conformance suite runs on.
enum StoreKind: String, CaseIterable, CustomStringConvertible, Sendable {
    case sqlite, postgres

    var description: String { rawValue }

    static let postgresURLVariable = "REVASI_TEST_POSTGRES_URL"

    /// Both stores; PostgreSQL is left out only when `REVASI_ALLOW_NO_POSTGRES=1` and no URL is set,
    /// and then a warning says so. Without either, the PostgreSQL cases fail loudly.
    static let testable: [StoreKind] = {
        let env = ProcessInfo.processInfo.environment
        if env[postgresURLVariable] == nil, env["REVASI_ALLOW_NO_POSTGRES"] == "1" {
            FileHandle.standardError.write(Data(
                "warning: PostgreSQL store tests SKIPPED: \(postgresURLVariable) is not set and REVASI_ALLOW_NO_POSTGRES=1\n".utf8))
            return [.sqlite]
        }
        return allCases
    }()
}

/// A logger that discards everything (tests never bootstrap logging).
let quietLogger = Logger(label: "revasi.store.tests", factory: { _ in SwiftLogNoOpLogHandler() })

/// Opens `handles` stores on ONE fresh database of `kind` (several handles act like several
/// processes), migrated unless told otherwise, runs `body`, then removes the database.
func withStores(
    _ kind: StoreKind, handles: Int = 1, migrate: Bool = true, _ body: @Sendable ([any Store]) async throws -> Void
) async throws {
    switch kind {
    case .sqlite:
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("revasi-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("test.sqlite").path
        let stores: [any Store] = try (0..<handles).map { _ in try SQLiteStore(path: path) }
        if migrate { try await stores[0].migrate() }
        try await body(stores)
    case .postgres:
        guard let base = ProcessInfo.processInfo.environment[StoreKind.postgresURLVariable] else {
            Issue.record("""
                \(StoreKind.postgresURLVariable) is not set: run scripts/test (it starts a throw-away PostgreSQL 15), \
                or set REVASI_ALLOW_NO_POSTGRES=1 to skip the PostgreSQL cases
                """)
            return
        }
        let schema = "revasi_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        let url = try PostgresURL(base + (base.contains("?") ? "&" : "?") + "search_path=\(schema)")
        let stores = (0..<handles).map { _ in PostgresStore(url: url, logger: quietLogger) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for store in stores { group.addTask { await store.run() } }
            defer { group.cancelAll() }
            do {
                if migrate { try await stores[0].migrate() }
                try await body(stores)
            } catch {
                try? await stores[0].dropSchema()
                throw error
            }
            try await stores[0].dropSchema()
        }
    }
}

/// One store on a fresh database.
func withStore(_ kind: StoreKind, migrate: Bool = true, _ body: @Sendable (any Store) async throws -> Void) async throws {
    try await withStores(kind, handles: 1, migrate: migrate) { try await body($0[0]) }
}
