import Foundation
import Testing

/// Wrong input to the real `revasi` binary: the exit status, a message naming the flag or path, and nothing created or changed.
@Suite(.enabled(if: RevasiCLI.binary != nil, "needs the revasi executable built beside the tests"))
struct CLIMistakeTests {
    /// A scratch folder and a CLI whose default `--db` is a SQLite path in it that does not exist yet.
    struct Scratch {
        let folder: URL
        let cli: RevasiCLI
        var dbPath: String { folder.appendingPathComponent("store.sqlite").path }
        var missingPath: String { folder.appendingPathComponent("typo.sqlite").path }

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("revasi-cli-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            cli = RevasiCLI(database: "sqlite:" + folder.appendingPathComponent("store.sqlite").path, environment: [:], folder: folder)
        }

        /// Runs `revasi ARGS` with no `--db` added.
        func run(_ arguments: [String]) throws -> RevasiCLI.Output { try cli.run(arguments, database: false) }

        /// A migrated store with org `clinic`: what a new operator has after the first steps.
        func makeStore() throws {
            try cli.must(["migrate"])
            try cli.must(["org", "create", "Clinic", "--id", "clinic"])
        }

        func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }
        func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }
        func remove() { try? FileManager.default.removeItem(at: folder) }
    }

    /// Commands that read or write the store, each given a SQLite path that does not exist.
    static let storeCommands: [[String]] = [
        ["serve", "--port", "1"],
        ["org", "create", "Clinic"],
        ["token", "create", "--org", "clinic"],
        ["client", "show", "x", "--org", "clinic"],
        ["campaign", "create", "spring", "--org", "clinic", "--client", "Clinic", "--playbook", "playbooks/dentists.yaml"],
        ["import", "docs/examples/leads-sample.csv", "--org", "clinic", "--campaign", "spring"],
    ]

    @Test(arguments: storeCommands)
    func aMissingSQLiteFileIsRefusedAndNotCreated(_ command: [String]) throws {
        let s = try Scratch()
        defer { s.remove() }
        let out = try s.run(command + ["--db", "sqlite:\(s.missingPath)"])
        #expect(out.status == 2, "\(command): \(out.stderr)")
        #expect(out.stderr.contains(s.missingPath), "\(out.stderr)")
        #expect(out.stderr.contains("revasi migrate --db sqlite:\(s.missingPath)"), "\(out.stderr)")
        #expect(!s.exists(s.missingPath))
    }

    @Test func migrateCreatesTheStoreTheOthersNeed() throws {
        let s = try Scratch()
        defer { s.remove() }
        let status = try s.run(["migrate", "--status", "--db", "sqlite:\(s.dbPath)"])
        #expect(status.status == 2 && !s.exists(s.dbPath), "migrate --status must not create: \(status.stderr)")
        try s.makeStore()
        #expect(s.exists(s.dbPath))
    }

    @Test(arguments: ["99999", "0", "-1"])
    func servePortOutOfRangeIsAUsageError(_ port: String) throws {
        let s = try Scratch()
        defer { s.remove() }
        let out = try s.run(["serve", "--port", port, "--db", "sqlite:\(s.missingPath)"])
        #expect(out.status == 2)
        #expect(out.stderr.contains("--port"), "\(out.stderr)")
        #expect(!s.exists(s.missingPath))
    }

    @Test(arguments: [["--max-body-bytes", "10"], ["--public-url", "hooks.example.com"]])
    func serveOptionsAreChecked(_ option: [String]) throws {
        let s = try Scratch()
        defer { s.remove() }
        let out = try s.run(["serve"] + option + ["--db", "sqlite:\(s.missingPath)"])
        #expect(out.status == 2)
        #expect(out.stderr.contains(option[0]), "\(out.stderr)")
        #expect(!s.exists(s.missingPath))
    }

    @Test func importRefusesAZoneThatIsNotIANA() throws {
        let s = try Scratch()
        defer { s.remove() }
        try s.makeStore()
        let before = try s.bytes(s.dbPath)
        let out = try s.run(["import", "docs/examples/leads-sample.csv", "--org", "clinic", "--campaign", "spring",
                             "--default-time-zone", "Mars/Olympus", "--db", "sqlite:\(s.dbPath)"])
        #expect(out.status == 2)
        #expect(out.stderr.contains("--default-time-zone") && out.stderr.contains("Mars/Olympus"), "\(out.stderr)")
        #expect(try s.bytes(s.dbPath) == before)
    }

    @Test func aSendWindowBeyondTheLawWarnsAndTheLawStillApplies() throws {
        let s = try Scratch()
        defer { s.remove() }
        try s.makeStore()
        let out = try s.run(["campaign", "create", "spring", "--org", "clinic", "--client", "Clinic", "--playbook", "playbooks/dentists.yaml",
                             "--send-window", "mon,tue 07:00-22:00", "--db", "sqlite:\(s.dbPath)"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stderr.contains("warning: --send-window 07:00-22:00"), "\(out.stderr)")
        #expect(out.stderr.contains("08:00-21:00"), "\(out.stderr)")
        let inside = try s.run(["campaign", "create", "fall", "--org", "clinic", "--client", "Clinic", "--playbook", "playbooks/dentists.yaml",
                                "--send-window", "mon,tue 09:00-18:00", "--db", "sqlite:\(s.dbPath)"])
        #expect(inside.status == 0 && !inside.stderr.contains("--send-window"), "\(inside.stderr)")
    }

    /// What `demo` finds at its target, and whether it must leave it alone.
    @Test(arguments: ["store", "csv", "sqlite"])
    func demoRefusesToReplaceAFileItDidNotMake(_ kind: String) throws {
        let s = try Scratch()
        defer { s.remove() }
        let target: String
        switch kind {
        case "store":
            try s.makeStore()
            target = s.dbPath
        case "csv":
            target = s.folder.appendingPathComponent("clinic.sqlite").path
            try Data("name,phone\nAna,3055550100\n".utf8).write(to: URL(fileURLWithPath: target))
        default:
            target = s.folder.appendingPathComponent("other.sqlite").path
            // A SQLite header over bytes that are no revasi schema.
            try (Data("SQLite format 3\u{0}".utf8) + Data(repeating: 0, count: 4080)).write(to: URL(fileURLWithPath: target))
        }
        let before = try s.bytes(target)
        for flag in [["--db", "sqlite:\(target)"], ["--database", target]] {
            let out = try s.run(["demo", "--days", "1", "--leads", "1"] + flag)
            #expect(out.status == 2, "\(flag): \(out.stderr)")
            #expect(out.stderr.contains(target) && out.stderr.contains("--force"), "\(out.stderr)")
            #expect(try s.bytes(target) == before)
        }
    }

    @Test func aFailedDemoLeavesNothingBehind() throws {
        let s = try Scratch()
        defer { s.remove() }
        let target = s.folder.appendingPathComponent("demo.sqlite").path
        let out = try s.run(["demo", "--days", "1", "--leads", "1", "--playbooks", s.folder.appendingPathComponent("no-such-folder").path,
                             "--db", "sqlite:\(target)"])
        #expect(out.status == 2)
        #expect(out.stderr.contains("no-such-folder"), "\(out.stderr)")
        for suffix in ["", "-wal", "-shm"] { #expect(!s.exists(target + suffix)) }
        let postgres = try s.run(["demo", "--db", "postgres://revasi@127.0.0.1:1/x"])
        #expect(postgres.status == 2 && postgres.stderr.contains("--db"), "\(postgres.stderr)")
    }

    @Test func demoReplacesItsOwnDatabaseAndForceReplacesAnother() throws {
        let s = try Scratch()
        defer { s.remove() }
        let target = s.folder.appendingPathComponent("demo.sqlite").path
        for _ in 0..<2 {
            let out = try s.run(["demo", "--days", "1", "--leads", "2", "--db", "sqlite:\(target)"])
            #expect(out.status == 0, "\(out.stderr)")
        }
        try s.makeStore()
        let forced = try s.run(["demo", "--days", "1", "--leads", "2", "--db", "sqlite:\(s.dbPath)", "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
    }

    /// Nothing listens on port 1: every command gives up within the connect timeout, naming host and port, never the password.
    @Test(arguments: [
        ["migrate"], ["org", "create", "Clinic"], ["serve", "--port", "1"],
        ["import", "docs/examples/leads-sample.csv", "--org", "clinic", "--campaign", "spring"],
    ])
    func anUnreachablePostgresFailsFastOnEveryCommand(_ command: [String]) throws {
        let s = try Scratch()
        defer { s.remove() }
        let out = try s.run(command + ["--db", "postgres://revasi:s3cretpw@127.0.0.1:1/x?connect_timeout=2"])
        #expect(out.status == 2, "\(command): \(out.stderr)")
        #expect(out.stderr.contains("127.0.0.1:1"), "\(out.stderr)")
        #expect(!out.stderr.contains("s3cretpw"))
    }

    @Test func aBadConnectTimeoutIsAUsageError() throws {
        let s = try Scratch()
        defer { s.remove() }
        let out = try s.run(["migrate", "--db", "postgres://revasi@127.0.0.1:1/x?connect_timeout=soon"])
        #expect(out.status == 2)
        #expect(out.stderr.contains("connect_timeout"), "\(out.stderr)")
    }
}
