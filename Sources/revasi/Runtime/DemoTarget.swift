import Foundation
import StoreSQLite

/// The file `revasi demo` writes: replaced only when it is a previous demo database (or empty), else refused unless `--force`.
enum DemoTarget {
    /// The only org a demo database holds.
    static let demoOrg = "demo"

    /// Exit 2 when `path` holds something other than a previous demo database and `force` is not set.
    static func checkReplaceable(_ path: String, force: Bool) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return }
        if isDirectory.boolValue { throw CLIError.usage("--db sqlite:\(path) is a folder; give a file path for the demo database") }
        if force { return }
        let what: String
        switch SQLiteStore.inspect(path: path) {
        case .empty: return
        case .revasi(let orgs) where orgs.isEmpty || orgs == [demoOrg]: return
        case .revasi(let orgs): what = "a revasi store with \(orgs.count == 1 ? "org" : "orgs") \(orgs.prefix(5).joined(separator: ", "))"
        case .otherDatabase: what = "a SQLite database that is not a revasi demo"
        case .notSQLite: what = "a file that is not a SQLite database"
        }
        throw CLIError.usage(
            "\(path) already exists and holds \(what); the demo replaces only its own database. "
            + "Give another path (--db sqlite:./revasi-demo.sqlite) or add --force to replace it")
    }

    /// Deletes the database file and its WAL companions (what a demo run makes).
    static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
