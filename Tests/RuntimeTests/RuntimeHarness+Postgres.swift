import Foundation
import Logging
import RevenueCore
import StorePostgres

extension RuntimeHarness {
    /// The PostgreSQL the tests may create schemas in, when one is configured.
    static var postgresURL: String? { ProcessInfo.processInfo.environment["REVASI_TEST_POSTGRES_URL"] }

    /// Runs `body` with a harness on a fresh schema of the test PostgreSQL (its URL, with `search_path`,
    /// is passed too, for processes that open it themselves); the schema is dropped afterwards.
    static func withPostgres(
        _ prefix: String, leads: Int, allowed: [Channel] = [.voice, .sms], _ body: (RuntimeHarness, String) async throws -> Void
    ) async throws {
        let base = postgresURL ?? ""
        let schema = "revasi_\(prefix)_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        let raw = base + (base.contains("?") ? "&" : "?") + "search_path=\(schema)"
        var logger = Logger(label: "runtime-tests.\(prefix).pg")
        logger.logLevel = .critical
        let store = PostgresStore(url: try PostgresURL(raw), logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await store.run() }
            defer { group.cancelAll() }
            let h = try await RuntimeHarness(leads: leads, allowed: allowed, store: store)
            defer { h.cleanup() }
            do {
                try await body(h, raw)
            } catch {
                try? await store.dropSchema()
                throw error
            }
            try await store.dropSchema()
        }
    }
}
