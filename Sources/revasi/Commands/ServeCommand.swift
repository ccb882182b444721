import ArgumentParser
import Foundation
import Logging
import Metrics
import Prometheus
import RevenueCore
import Runtime
import Server
import ServiceLifecycle
import SignedLinks

/// `revasi serve`: the daemon. One ServiceGroup runs the HTTP server (webhooks, JSON API, metrics),
/// the dispatcher, the enrichment and enrolment loops; SIGTERM/SIGINT stop claiming, finish the batch in flight, exit 0.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the daemon: dispatch due touches, enrol leads, apply webhooks. SIGTERM/SIGINT stop it cleanly.")

    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: "Daemon settings (batch size, lease, retries, poll interval, public base URL).")
    var config: String?

    @Option(name: .long, help: "Channel configuration: which adapter sends which channel.")
    var channels = "channels/sandbox.yaml"

    @Option(name: .long, help: "Interface the HTTP server binds.")
    var host = "127.0.0.1"

    @Option(name: .long, help: "Port the HTTP server binds.")
    var port = 8080

    @Option(name: .long, help: ArgumentHelp(
        "The public https address providers and leads reach this server at (overrides revasi.yaml's public_base_url).",
        valueName: "url"))
    var publicURL: String?

    @Option(name: .long, help: "Largest request body the server reads, in bytes (larger is 413).")
    var maxBodyBytes = 64 * 1024

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel = "info"

    @Option(name: .long, help: "Log format on standard error: text, or json (one JSON object per line, dotted metadata keys).")
    var logFormat = "text"

    @Option(name: .long, help: ArgumentHelp(
        "Run on a clock that starts at this ISO 8601 instant and moves at real pace (rehearsals and tests; never in production).",
        visibility: .hidden))
    var clockStart: String?

    @Option(name: .long, help: ArgumentHelp(
        "With --clock-start: how many times faster than the wall clock simulated time runs (rehearsals and tests).",
        visibility: .hidden))
    var clockSpeed: Double = 1

    @Option(name: .long, help: ArgumentHelp(
        "With --clock-start: the wall-clock ISO 8601 instant at which simulated time reads --clock-start (default: when the daemon starts), so several daemons share one rehearsal clock.",
        visibility: .hidden))
    var clockAnchor: String?

    func validate() throws {
        guard (1...65_535).contains(port) else { throw ValidationError("--port must be between 1 and 65535 (got \(port))") }
        guard (1024...(64 * 1024 * 1024)).contains(maxBodyBytes) else {
            throw ValidationError("--max-body-bytes must be between 1024 and 67108864 (got \(maxBodyBytes))")
        }
        if let publicURL, !Self.isBaseURL(publicURL) {
            throw ValidationError("--public-url must be an http or https address such as https://hooks.example.com (got \(publicURL))")
        }
        guard clockSpeed >= 1, clockSpeed <= 100_000 else { throw ValidationError("--clock-speed must be between 1 and 100000") }
        if clockSpeed != 1, clockStart == nil { throw ValidationError("--clock-speed needs --clock-start") }
        if let clockAnchor {
            guard clockStart != nil else { throw ValidationError("--clock-anchor needs --clock-start") }
            guard Self.instant(clockAnchor) != nil else { throw ValidationError("--clock-anchor must be an ISO 8601 instant such as 2026-03-02T15:00:00.250Z") }
        }
        if let clockStart, Self.instant(clockStart) == nil {
            throw ValidationError("--clock-start must be an ISO 8601 instant such as 2026-03-02T15:00:00Z")
        }
        guard LogFormat(rawValue: logFormat) != nil else { throw ValidationError("--log-format must be text or json") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical") }
    }

    func run() async throws {
        var settings = try DaemonConfigFile.load(config ?? (FileManager.default.fileExists(atPath: "revasi.yaml") ? "revasi.yaml" : nil))
        let (routes, webhookBaseURL) = try ChannelWiring.load(channels)
        if let publicURL { settings.publicBaseURL = publicURL }
        // Where providers post callbacks: revasi.yaml's public_base_url, else the channels file's
        // webhook_base_url, else this server's own address (fine for the sandbox only).
        if settings.publicBaseURL == nil { settings.publicBaseURL = webhookBaseURL ?? "http://\(host):\(port)" }
        let level = Logger.Level(rawValue: logLevel) ?? .info
        let logger = Logger(label: "revasi.serve", factory: (LogFormat(rawValue: logFormat) ?? .text).makeHandler(level: level))
        let location = try store.location()
        let clock = clockStart.flatMap(Self.instant).map { RuntimeClock.starting(at: $0, speed: clockSpeed, anchor: clockAnchor.flatMap(Self.instant)) } ?? .system
        let configuredSettings = settings
        try await StoreFactory.withStore(location) { store in
            try await store.migrate()
            let health = RuntimeHealth(startedAt: clock.now())
            // One signing key for every daemon on this database: links signed by one verify on all.
            let signer = try await LinkSigner.load(from: store, now: clock.now())
            let directory = CampaignDirectory(store: store, links: signer.leadLinks(publicBaseURL: configuredSettings.publicBaseURL ?? "http://\(host):\(port)"))
            let dispatcher = DispatchService(
                store: store, adapters: ChannelWiring.resolver(routes), configuration: configuredSettings, clock: clock, logger: logger, health: health,
                directory: directory)
            let enrichment = EnrichmentService(store: store, configuration: configuredSettings, clock: clock, logger: logger, health: health)
            let enrollment = EnrollmentService(store: store, configuration: configuredSettings, clock: clock, logger: logger, health: health, directory: directory)
            guard let serverStore = store as? ServerStore else {
                throw CLIError(message: "this store cannot serve the API (no token or queue statistics support)", exitCode: CLIError.usageExitCode)
            }
            // The one metrics bootstrap of the process: the runtime's counters and the server's
            // webhook timings land in the registry `/metrics` renders.
            let registry = PrometheusCollectorRegistry()
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
            let sink = RuntimeEventSink(store: store, clock: clock, logger: logger, directory: directory, health: health)
            let services = ServerServices(
                store: serverStore, webhooks: WebhookAdapters(Array(routes.adapters.values)), sink: sink, health: health,
                appointments: EngineAppointmentPlanning(notifier: AppointmentNotifier(store: store, directory: directory, logger: logger)),
                metrics: registry, logger: logger, now: clock.now,
                unsubscribeLinks: { signer.verify($0, purpose: .unsubscribe) })
            let server = buildApplication(
                configuration: ServerConfiguration(host: host, port: port, publicBaseURL: configuredSettings.publicBaseURL, maxBodyBytes: maxBodyBytes), services: services)
            let group = ServiceGroup(configuration: .init(
                services: [.init(service: server), .init(service: dispatcher), .init(service: enrichment), .init(service: enrollment)],
                gracefulShutdownSignals: [.sigterm, .sigint], cancellationSignals: [], logger: logger))
            logger.info("revasi serve started", metadata: ["daemon.id": "\(configuredSettings.daemonID)", "db": "\(location)"])
            let real = Set(routes.adapters.values.map(\.kind)).subtracting([.sandbox])
            if let base = configuredSettings.publicBaseURL, !real.isEmpty, Self.isLocal(base) {
                logger.warning("status callbacks go to a local address providers cannot reach; set public_base_url in revasi.yaml or webhook_base_url in the channels file",
                               metadata: ["public_base_url": "\(base)", "providers": "\(real.sorted().map(\.rawValue).joined(separator: ","))"])
            }
            try await group.run()
            logger.info("revasi serve stopped")
        }
    }

    static func instant(_ text: String) -> Date? {
        (try? Date(text, strategy: .iso8601)) ?? (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
    }

    /// Whether `text` is an absolute http(s) URL with a host (what `--public-url` takes).
    static func isBaseURL(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty else { return false }
        return true
    }

    /// Whether a base URL points at this machine only (loopback, localhost, an unspecified address).
    static func isLocal(_ base: String) -> Bool {
        guard let host = URL(string: base)?.host?.lowercased() else { return true }
        return host == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "[::1]" || host == "0.0.0.0"
    }
}
