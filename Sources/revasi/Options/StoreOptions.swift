import ArgumentParser
import Foundation
import RevenueCore
import StorePostgres

/// Where the store lives: `--db sqlite:PATH` or `--db postgres://…`, else `REVASI_DB`, else `sqlite:./revasi.sqlite`.
struct StoreOptions: ParsableArguments {
    /// The default when neither `--db` nor `REVASI_DB` is given.
    static let defaultDatabase = "sqlite:./revasi.sqlite"

    @Option(name: .long, help: ArgumentHelp(
        "The store: sqlite:PATH or postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE (default: $REVASI_DB, else \(defaultDatabase)).",
        valueName: "url"))
    var db: String?

    /// The database URL in effect (may hold a password: never print it; print `location` instead).
    var databaseURL: String { db ?? ProcessInfo.processInfo.environment["REVASI_DB"] ?? Self.defaultDatabase }

    /// The parsed location.
    func location() throws -> StoreLocation { try StoreLocation(databaseURL) }

    func validate() throws {
        do {
            _ = try location()
        } catch let error as StoreError {
            throw ValidationError(error.message)
        }
    }
}

/// A parsed database URL. `description` is safe to print: passwords are masked.
enum StoreLocation: CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresURL)

    init(_ url: String) throws {
        if url.hasPrefix("sqlite:") {
            var path = String(url.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path = String(path.dropFirst(2)) }
            guard !path.isEmpty else { throw StoreError.configuration("--db sqlite: needs a file path, like sqlite:./revasi.sqlite") }
            self = .sqlite(path: path)
        } else if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            self = .postgres(try PostgresURL(url))
        } else {
            let scheme = url.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
            throw StoreError.configuration(
                "--db must be sqlite:PATH or postgres://… (got \(scheme.isEmpty || scheme == url ? "no scheme" : "scheme '\(scheme)'"))")
        }
    }

    var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let url): url.description
        }
    }
}
