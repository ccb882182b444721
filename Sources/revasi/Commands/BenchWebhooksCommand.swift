import ArgumentParser
import BenchTools
import Foundation
import Logging
import RevenueCore
import Server
import StoreSQLite
import TwilioChannel

/// `revasi bench webhooks`: signed Twilio status webhooks per second and p99 through the real server
/// (verify + parse + sink), against `GET /api/ping` on the same server as the baseline.
struct BenchWebhooksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhooks",
        abstract: "Load the HTTP server with signed Twilio webhooks (wrk); baseline: GET /api/ping on the same server.",
        discussion: "Starts the server on 127.0.0.1 with a discarding event sink and a throw-away SQLite store. Needs wrk on PATH (apt-get install wrk); without it, only prints the server command to load by hand."
    )

    @Option(help: "Port to bind (0: any free port).")
    var port = 0
    @Option(help: "Seconds per wrk run.")
    var duration = 10
    @Option(help: "Open connections.")
    var connections = 64
    @Option(help: "wrk threads.")
    var threads = 2
    @Flag(help: "Keep serving until interrupted instead of running wrk (load it yourself).")
    var serveOnly = false

    func validate() throws {
        guard duration > 0, connections > 0, threads > 0 else { throw ValidationError("--duration, --connections and --threads must be positive") }
    }

    static let authToken = "bench-auth-token"
    static let form = "MessageSid=SM0123456789abcdef0123456789abcdef&MessageStatus=delivered&AccountSid=AC0123&To=%2B13125550101&From=%2B13125550000&ApiVersion=2010-04-01"

    func run() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("revasi-bench-webhooks-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteStore(path: directory.appendingPathComponent("bench.sqlite").path)
        try await store.migrate()
        let twilio = TwilioAdapter(accountSID: "AC0123", authToken: Self.authToken, from: "+13125550000", transport: NoTransport())
        let services = ServerServices(
            store: store, webhooks: WebhookAdapters(twilio: twilio), sink: DiscardingEventSink(),
            health: StaticHealthSource(startedAt: Date()), logger: Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() }))
        let wrk = WrkRunner.find()
        let (port, duration, connections, threads, serveOnly) = (self.port, self.duration, self.connections, self.threads, self.serveOnly)
        // The public URL must equal what wrk calls: Twilio signs the URL.
        let bound = port == 0 ? Self.freePort() : port
        let configuration = ServerConfiguration(host: "127.0.0.1", port: bound, publicBaseURL: "http://127.0.0.1:\(bound)")
        let lines = try await withRunningServer(configuration: configuration, services: services) { port in
            let base = "http://127.0.0.1:\(port)"
            let path = "/webhooks/twilio/status"
            let signature = TwilioSignature(authToken: Self.authToken)
                .compute(url: base + path, parameters: Self.pairs(Self.form))
            let script = directory.appendingPathComponent("webhook.lua").path
            let lua = """
                wrk.method = "POST"
                wrk.body = "\(Self.form)"
                wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
                wrk.headers["X-Twilio-Signature"] = "\(signature)"
                """
            try Data(lua.utf8).write(to: URL(fileURLWithPath: script))
            guard let wrk, !serveOnly else {
                Output.out("""
                serving on \(base) (Ctrl-C to stop); load it with:
                  wrk -t\(threads) -c\(connections) -d\(duration)s --latency \(base)/api/ping
                  wrk -t\(threads) -c\(connections) -d\(duration)s --latency -s \(script) \(base)\(path)

                """)
                try await Task.sleep(for: .seconds(365 * 24 * 3600))
                return [String]()
            }
            let ping = try WrkRunner.run(wrk: wrk, url: base + "/api/ping", threads: threads, connections: connections, seconds: duration, script: nil)
            let hook = try WrkRunner.run(wrk: wrk, url: base + path, threads: threads, connections: connections, seconds: duration, script: script)
            func row(_ name: String, _ r: LoadResult) -> String {
                String(format: "  %@ %10.0f req/s   p50 %6.2f ms   p99 %6.2f ms   %d requests, %d errors",
                       name, r.requestsPerSecond, r.p50Milliseconds, r.p99Milliseconds, r.requests, r.errors)
            }
            let met = hook.requestsPerSecond >= 5_000 && hook.p99Milliseconds < 10 && hook.errors == 0
            return [
                "webhook load: wrk -t\(threads) -c\(connections) -d\(duration)s against \(base), discarding sink, \(ProcessInfo.processInfo.activeProcessorCount) cores",
                row("baseline GET /api/ping:            ", ping),
                row("POST /webhooks/twilio/status (signed):", hook),
                String(format: "  webhook cost over the baseline:    %.2fx throughput", ping.requestsPerSecond / max(hook.requestsPerSecond, 1)),
                "  target ≥5,000 req/s with p99 <10 ms: \(met ? "met" : "NOT met")",
            ]
        }
        Output.out(lines.joined(separator: "\n") + "\n")
    }

    /// Form pairs, decoded as Twilio signs them.
    static func pairs(_ form: String) -> [(String, String)] {
        form.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            return (parts[0], parts.count > 1 ? parts[1] : "")
        }
    }

    /// A free loopback port (bound then released), so the signed URL can name it before the server starts.
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// The benchmark never sends: any send fails.
private struct NoTransport: HTTPTransport {
    func send(_ request: TransportRequest) async throws(TransportError) -> TransportResponse { throw .connectionFailed }
}
