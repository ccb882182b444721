import Foundation
import GRDB

/// What an existing file holds, as far as a command about to replace it needs to know.
public enum SQLiteFileContents: Sendable, Equatable {
    /// The file has no bytes.
    case empty
    /// Not a SQLite database (a CSV, a text file, something else).
    case notSQLite
    /// A SQLite database without the revasi schema.
    case otherDatabase
    /// A revasi store holding these org ids (sorted).
    case revasi(orgs: [String])
}

extension SQLiteStore {
    /// Looks at the file at `path` without changing it: only reads (no journal-mode change, no migration).
    public static func inspect(path: String) -> SQLiteFileContents {
        guard let handle = FileHandle(forReadingAtPath: path) else { return .notSQLite }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        try? handle.close()
        if header.isEmpty { return .empty }
        guard header == Data("SQLite format 3\u{0}".utf8) else { return .notSQLite }
        // Read-only first; a WAL file without its -shm may need a read-write open (which still only reads).
        for readonly in [true, false] {
            if let contents = try? read(path: path, readonly: readonly) { return contents }
        }
        return .otherDatabase
    }

    private static func read(path: String, readonly: Bool) throws -> SQLiteFileContents {
        var configuration = Configuration()
        configuration.readonly = readonly
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in
            guard try db.tableExists("orgs") else { return .otherDatabase }
            return .revasi(orgs: try String.fetchAll(db, sql: "SELECT id FROM orgs ORDER BY id"))
        }
    }
}
