import Foundation
import PostgresNIO
import RevenueCore

/// A parsed `postgres://user:password@host:port/database?sslmode=…` URL. Its `description` never shows the password.
public struct PostgresURL: Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String?
    /// `disable`, `prefer` (default) or `require`.
    public var sslMode: String
    /// A unix-socket directory given as `?host=/path` (libpq style), used instead of TCP.
    public var socketDirectory: String?
    /// A schema given as `?search_path=name`: tables live there (created by `migrate`), so several
    /// environments or test runs can share one database.
    public var schema: String?
    /// Seconds to wait for a connection, from `?connect_timeout=N` (libpq's name); nil when the URL sets none.
    public var connectTimeoutSeconds: Double?

    /// Parses the URL; errors name the part that is wrong, never the password.
    public init(_ url: String) throws {
        guard let components = URLComponents(string: url), let scheme = components.scheme,
              scheme == "postgres" || scheme == "postgresql" else {
            throw StoreError.configuration("a PostgreSQL URL looks like postgres://user:password@host:5432/database")
        }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
        port = components.port ?? 5432
        guard let user = components.user, !user.isEmpty else {
            throw StoreError.configuration("the PostgreSQL URL has no user name (postgres://USER@host/database)")
        }
        username = user.removingPercentEncoding ?? user
        password = components.password.map { $0.removingPercentEncoding ?? $0 }
        let path = components.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        database = path.isEmpty ? nil : path
        sslMode = query["sslmode"] ?? "prefer"
        guard ["disable", "prefer", "require"].contains(sslMode) else {
            throw StoreError.configuration("sslmode must be disable, prefer or require")
        }
        socketDirectory = query["host"].flatMap { $0.hasPrefix("/") ? $0 : nil }
        schema = query["search_path"]
        if let text = query["connect_timeout"] {
            guard let seconds = Double(text), seconds > 0, seconds <= 3600 else {
                throw StoreError.configuration("connect_timeout must be a number of seconds between 1 and 3600 (got \(text))")
            }
            connectTimeoutSeconds = seconds
        }
        if let schema, schema.isEmpty || schema.count > 63
            || !schema.allSatisfy({ $0 == "_" || ($0.isASCII && ($0.isLowercase || $0.isNumber)) }) {
            throw StoreError.configuration("search_path must be a lower-case schema name (letters, digits, _)")
        }
    }

    /// The URL with the password replaced by `***`.
    public var description: String {
        let auth = password == nil ? username : "\(username):***"
        let parameters = [socketDirectory.map { "host=\($0)" }, schema.map { "search_path=\($0)" },
                          connectTimeoutSeconds.map { "connect_timeout=\(Self.seconds($0))" }].compactMap { $0 }
        let target = parameters.isEmpty ? "" : "?" + parameters.joined(separator: "&")
        return "postgres://\(auth)@\(host):\(port)/\(database ?? "")\(target)"
    }

    /// The client configuration (TLS per `sslmode`).
    public var configuration: PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        if let socketDirectory {
            configuration = PostgresClient.Configuration(
                unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)", username: username, password: password, database: database)
        } else {
            let tls: PostgresClient.Configuration.TLS = switch sslMode {
            case "disable": .disable
            case "require": .require(.makeClientConfiguration())
            default: .prefer(.makeClientConfiguration())
            }
            configuration = PostgresClient.Configuration(
                host: host, port: port, username: username, password: password, database: database, tls: tls)
        }
        if let schema { configuration.options.additionalStartupParameters = [("search_path", schema)] }
        if let connectTimeoutSeconds { configuration.options.connectTimeout = .milliseconds(Int64(connectTimeoutSeconds * 1000)) }
        return configuration
    }

    /// `host:port`, or the socket path: where the server was looked for, safe to print.
    public var endpoint: String {
        socketDirectory.map { "\($0)/.s.PGSQL.\(port)" } ?? "\(host):\(port)"
    }

    /// `5` for 5.0, `2.5` for 2.5.
    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
