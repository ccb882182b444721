import Foundation
import Logging
import NIOCore
import PostgresNIO
import RevenueCore

extension PostgresStore {
    /// Opens one connection to `url` (TCP or socket, TLS per `sslmode`, logged in) and closes it, within
    /// `timeoutSeconds`; a `StoreError.configuration` naming host and port (never the password) otherwise.
    /// The pool retries unreachable servers for a long time; callers run this first to fail fast.
    public static func checkReachable(url: PostgresURL, timeoutSeconds: Double, logger: Logger) async throws {
        let configuration: PostgresConnection.Configuration
        do {
            configuration = try url.connectionConfiguration(timeoutSeconds: timeoutSeconds)
        } catch {
            throw StoreError.configuration("cannot set up TLS for PostgreSQL at \(url.endpoint): \(error)")
        }
        let shown = PostgresURL.seconds(timeoutSeconds)
        let outcome: Result<Void, any Error>? = await withTaskGroup(of: Result<Void, any Error>?.self) { group in
            group.addTask {
                do {
                    let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
                    try? await connection.close()
                    return .success(())
                } catch {
                    return .failure(error)
                }
            }
            group.addTask {
                try? await Task.sleep(for: .milliseconds(Int64(timeoutSeconds * 1000)))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        switch outcome {
        case .success: return
        case .none:
            throw StoreError.configuration("cannot reach PostgreSQL at \(url.endpoint) within \(shown) s (set ?connect_timeout=N in the URL or REVASI_DB_CONNECT_TIMEOUT)")
        case .failure(let error):
            throw StoreError.configuration("cannot connect to PostgreSQL at \(url.endpoint): \(reason(error, timeout: shown))")
        }
    }

    /// A short, password-free reason for a failed connection attempt.
    static func reason(_ error: any Error, timeout: String) -> String {
        guard let psql = error as? PSQLError else { return "\(error)" }
        if let message = psql.serverInfo?[.message] { return message }
        if psql.code == .sslUnsupported { return "the server does not offer TLS (use ?sslmode=disable or prefer)" }
        if let underlying = psql.underlying {
            if let channel = underlying as? NIOCore.ChannelError, case .connectTimeout = channel {
                return "no answer within \(timeout) s (set ?connect_timeout=N in the URL or REVASI_DB_CONNECT_TIMEOUT)"
            }
            let text = "\(underlying)"
            if text.contains("Connection refused") { return "connection refused (is PostgreSQL running and listening there?)" }
            return text
        }
        return "\(psql.code)"
    }
}

extension PostgresURL {
    /// The single-connection configuration of this URL (the probe that runs before the pool).
    func connectionConfiguration(timeoutSeconds: Double) throws -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if let socketDirectory {
            configuration = PostgresConnection.Configuration(
                unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)", username: username, password: password, database: database)
        } else {
            let tls: PostgresConnection.Configuration.TLS = switch sslMode {
            case "disable": .disable
            case "require": .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            default: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
            configuration = PostgresConnection.Configuration(
                host: host, port: port, username: username, password: password, database: database, tls: tls)
        }
        configuration.options.connectTimeout = .milliseconds(Int64(timeoutSeconds * 1000))
        if let schema { configuration.options.additionalStartupParameters = [("search_path", schema)] }
        return configuration
    }
}
