import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One `revasi serve` child process of the daemons benchmark: the same executable, its output in a log file.
final class DaemonProcess {
    let process = Process()
    let logFile: URL

    /// Starts `executable serve …` with `REVASI_DB` in its environment (the URL never appears in `ps`).
    init(executable: String, arguments: [String], databaseURL: String, logFile: URL) throws {
        self.logFile = logFile
        guard FileManager.default.createFile(atPath: logFile.path, contents: nil) else {
            throw BenchError(message: "cannot create \(logFile.path)")
        }
        let log = try FileHandle(forWritingTo: logFile)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["serve"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["REVASI_DB"] = databaseURL
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = log
        process.standardError = log
        try process.run()
    }

    /// Whether the daemon is still running.
    var isRunning: Bool { process.isRunning }

    /// Sends SIGTERM (the daemon finishes its batch and exits 0); after `grace` seconds, SIGKILL.
    /// Returns the exit status, or nil when it had to be killed.
    func stop(grace: Double = 15) async -> Int32? {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        let deadline = ContinuousClock.now + .milliseconds(Int64(grace * 1000))
        while process.isRunning && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
        guard !process.isRunning else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// The executable of this process (children run the same build).
    static func currentExecutable() -> String {
        if let path = Bundle.main.executablePath, FileManager.default.isExecutableFile(atPath: path) { return path }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }
}
