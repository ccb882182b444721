import Foundation

/// How the HTTP server listens and what it accepts.
public struct ServerConfiguration: Sendable, Hashable {
    /// Interface to bind (`127.0.0.1`, `0.0.0.0`).
    public var host: String
    /// Port to bind; `0` picks a free one (tests).
    public var port: Int
    /// The public base URL providers call (`https://hooks.example.com`): signatures cover the URL as
    /// the provider saw it, which behind a proxy is not the address we bind. `nil`: `http://host:port`.
    public var publicBaseURL: String?
    /// Largest webhook or API request body accepted; larger ones get 413.
    public var maxBodyBytes: Int
    /// Largest page `GET /api/leads` returns.
    public var maxPageSize: Int
    /// Server name in logs.
    public var serverName: String

    public init(
        host: String = "127.0.0.1", port: Int = 8080, publicBaseURL: String? = nil, maxBodyBytes: Int = 64 * 1024,
        maxPageSize: Int = 500, serverName: String = "revasi"
    ) {
        self.host = host
        self.port = port
        self.publicBaseURL = publicBaseURL
        self.maxBodyBytes = maxBodyBytes
        self.maxPageSize = maxPageSize
        self.serverName = serverName
    }

    /// The base URL webhook signatures are checked against, without a trailing slash.
    public var webhookBaseURL: String {
        var base = publicBaseURL ?? "http://\(host):\(port)"
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }
}
