import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ProviderHTTP
import RevenueCore

/// The `revasi` executable built beside the tests, run as a user runs it: one-shot commands and `revasi serve`.
struct RevasiCLI: Sendable {
    /// `sqlite:PATH` or `postgres://…`.
    let database: String
    /// Extra environment (provider credentials named in the channels file).
    let environment: [String: String]
    /// Where each serve process writes its log (read when a test fails).
    let folder: URL

    /// The executable, when it was built (`swift build --build-tests` builds it).
    static var binary: URL? { CrashTests.revasi }

    /// What a finished command printed.
    struct Output: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `revasi ARGS --db DATABASE` to completion.
    @discardableResult
    func run(_ arguments: [String], database withDatabase: Bool = true) throws -> Output {
        guard let binary = Self.binary else { throw LiveDaemonError("revasi is not built") }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments + (withDatabase ? ["--db", database] : [])
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.currentDirectoryURL = Self.packageRoot
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Runs a command that must succeed; its standard output.
    @discardableResult
    func must(_ arguments: [String]) throws -> String {
        let output = try run(arguments)
        guard output.status == 0 else {
            throw LiveDaemonError("revasi \(arguments.prefix(2).joined(separator: " ")) exited \(output.status): \(output.stderr)")
        }
        return output.stdout
    }

    /// Starts `revasi serve` on `port` and waits until `/api/ping` answers; the caller stops it.
    func serve(port: Int, channels: String, config: String, clockStart: Date, speed: Double, anchor: Date? = nil) async throws -> ServeHandle {
        guard let binary = Self.binary else { throw LiveDaemonError("revasi is not built") }
        let log = folder.appendingPathComponent("serve-\(port).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = binary
        process.arguments = [
            "serve", "--db", database, "--channels", channels, "--config", config, "--port", "\(port)", "--log-level", "info",
            "--clock-start", clockStart.ISO8601Format(), "--clock-speed", "\(speed)",
        ] + (anchor.map { ["--clock-anchor", $0.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))] } ?? [])
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.currentDirectoryURL = Self.packageRoot
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let serve = ServeHandle(process: process, base: "http://127.0.0.1:\(port)", log: log)
        let http = URLSessionTransport()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if !process.isRunning { throw LiveDaemonError("revasi serve exited \(process.terminationStatus): \(serve.logText)") }
            if let response = try? await http.send(TransportRequest(method: "GET", url: serve.base + "/api/ping", timeoutSeconds: 2)),
               response.status == 200 { return serve }
            try await Task.sleep(for: .milliseconds(100))
        }
        serve.stop()
        throw LiveDaemonError("revasi serve did not answer /api/ping within 30 s: \(serve.logText)")
    }

    /// The package root (where `playbooks/` lives): found from the executable's path.
    static var packageRoot: URL {
        var dir = binary?.deletingLastPathComponent() ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        for _ in 0..<6 {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) { return dir }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }
}

/// A running `revasi serve`.
struct ServeHandle: Sendable {
    let process: Process
    /// `http://127.0.0.1:<port>`.
    let base: String
    let log: URL

    /// What the daemon logged so far.
    var logText: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// SIGTERM, then wait: the daemon finishes its batch and exits.
    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}


/// Polls `probe` every 100 ms until it returns a value or `seconds` pass (a bound for a busy machine, not a speed target).
func eventually<T>(_ seconds: Double = 60, _ what: String, _ probe: () async throws -> T?) async throws -> T {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if let value = try await probe() { return value }
        try await Task.sleep(for: .milliseconds(100))
    }
    throw LiveDaemonError("timed out waiting for \(what)")
}
