import Foundation

/// One wrk run's figures.
public struct LoadResult: Sendable, Hashable {
    public var requestsPerSecond: Double
    public var p50Milliseconds: Double
    public var p99Milliseconds: Double
    public var requests: Int
    /// Responses that were not 2xx/3xx, and socket errors.
    public var errors: Int
}

/// Runs `wrk` (if installed) against a URL and parses its `--latency` report.
public enum WrkRunner {
    /// The `wrk` executable on PATH, if any.
    public static func find() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/wrk"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs wrk with `threads`, `connections`, `seconds` and an optional Lua `script` file.
    public static func run(wrk: String, url: String, threads: Int, connections: Int, seconds: Int, script: String?) throws -> LoadResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: wrk)
        var arguments = ["-t\(threads)", "-c\(connections)", "-d\(seconds)s", "--latency"]
        if let script { arguments += ["-s", script] }
        process.arguments = arguments + [url]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return parse(output)
    }

    /// Parses `Requests/sec:`, the `50%`/`99%` latency lines, `N requests in` and error lines.
    public static func parse(_ output: String) -> LoadResult {
        var result = LoadResult(requestsPerSecond: 0, p50Milliseconds: 0, p99Milliseconds: 0, requests: 0, errors: 0)
        for raw in output.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            let fields = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            if line.hasPrefix("Requests/sec:"), fields.count > 1 { result.requestsPerSecond = Double(fields[1]) ?? 0 }
            if line.hasPrefix("50%"), fields.count > 1 { result.p50Milliseconds = milliseconds(fields[1]) }
            if line.hasPrefix("99%"), fields.count > 1 { result.p99Milliseconds = milliseconds(fields[1]) }
            if line.contains(" requests in "), let n = Int(fields[0]) { result.requests = n }
            if line.hasPrefix("Non-2xx or 3xx responses:"), let n = fields.last.flatMap(Int.init) { result.errors += n }
            if line.hasPrefix("Socket errors:") {
                // Socket errors: connect 0, read 0, write 0, timeout 0
                result.errors += fields.compactMap { Int($0.trimmingCharacters(in: CharacterSet(charactersIn: ","))) }.reduce(0, +)
            }
        }
        return result
    }

    /// `812.00us`, `1.20ms`, `2.01s` → milliseconds.
    static func milliseconds(_ text: String) -> Double {
        if text.hasSuffix("us") { return (Double(text.dropLast(2)) ?? 0) / 1000 }
        if text.hasSuffix("ms") { return Double(text.dropLast(2)) ?? 0 }
        if text.hasSuffix("s") { return (Double(text.dropLast(1)) ?? 0) * 1000 }
        return Double(text) ?? 0
    }
}
