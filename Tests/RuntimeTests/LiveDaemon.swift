import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ProviderHTTP
import RevenueCore
import RevenueTesting
import Runtime
import Server
import TwilioChannel

/// What `revasi serve` wires (server, dispatcher, enrichment, enrolment, webhook sink, API tokens), in-process
/// on a harness store and its manual clock, with the real Twilio adapter pointed at a fake Twilio.
struct LiveDaemon: Sendable {
    /// `http://127.0.0.1:<port>`: the live server, and the public base URL of every status callback.
    let base: String
    let dispatcher: DispatchService
    let enrichment: EnrichmentService
    let enrolment: EnrollmentService
    let health: RuntimeHealth
    /// The API token's secret (`Authorization: Bearer …`).
    let token: String
    let http = URLSessionTransport()

    static let twilio = FakeTwilio.Behavior()
    /// The business's sending number.
    static let sender = "+13055550100"

    /// Starts the server on a free loopback port and runs `body` with the wired daemon. Retries another
    /// port if the chosen one was taken before the server bound it.
    static func run<T: Sendable>(
        _ h: RuntimeHarness, fake: FakeProviderServer, _ body: @escaping @Sendable (LiveDaemon) async throws -> T
    ) async throws -> T {
        guard let store = h.store as? ServerStore else { throw LiveDaemonError("this store cannot serve the API") }
        // The token `revasi token create` would print: only its SHA-256 is stored.
        let made = APITokenSecret.make(org: RuntimeHarness.org, label: "e2e", now: h.time.now)
        try await store.saveAPIToken(made.token)
        var attempt = 0
        while true {
            attempt += 1
            let port = try freeLoopbackPort()
            let base = "http://127.0.0.1:\(port)"
            let (daemon, services) = wire(h, store: store, fake: fake, base: base, token: made.secret)
            let started = LockedValue(false)
            do {
                return try await withRunningServer(
                    configuration: ServerConfiguration(host: "127.0.0.1", port: port, publicBaseURL: base), services: services
                ) { _ in
                    started.withLock { $0 = true }
                    return try await body(daemon)
                }
            } catch where attempt < 3 && !started.withLock({ $0 }) {
                continue
            }
        }
    }

    /// What `ServeCommand` builds: one adapter for sending and webhooks, one directory and health for every loop.
    private static func wire(
        _ h: RuntimeHarness, store: ServerStore, fake: FakeProviderServer, base: String, token: String
    ) -> (LiveDaemon, ServerServices) {
        let twilio = adapter(fake: fake, base: base)
        let directory = CampaignDirectory(store: store)
        let health = RuntimeHealth(startedAt: h.time.now)
        let configuration = h.configuration(base: base)
        let sink = RuntimeEventSink(store: store, clock: h.clock, logger: h.logger, directory: directory, health: health)
        let time = h.time
        let services = ServerServices(
            store: store, webhooks: WebhookAdapters([twilio]), sink: sink, health: health, logger: h.logger, now: { time.now })
        let daemon = LiveDaemon(
            base: base,
            dispatcher: DispatchService(store: store, adapters: { _, _ in twilio }, configuration: configuration, clock: h.clock,
                                        logger: h.logger, health: health, directory: directory),
            enrichment: EnrichmentService(store: store, configuration: configuration, clock: h.clock, logger: h.logger, health: health),
            enrolment: EnrollmentService(store: store, configuration: configuration, clock: h.clock, logger: h.logger, health: health,
                                         directory: directory),
            health: health, token: token)
        return (daemon, services)
    }

    /// The production Twilio adapter: sends to the fake over loopback, verifies webhooks with the fake's auth token.
    static func adapter(fake: FakeProviderServer, base: String) -> TwilioAdapter {
        TwilioAdapter(accountSID: twilio.accountSID, authToken: twilio.authToken, from: sender, baseURL: fake.baseURL,
                      webhookBaseURL: base, timeoutSeconds: 5, transport: URLSessionTransport())
    }

    // MARK: Twilio's side of the webhooks

    /// How a webhook is signed.
    enum Signing {
        /// `X-Twilio-Signature` over the URL and the sorted form, with the account's auth token.
        case valid
        /// No signature header.
        case none
        /// Signed with a token that is not the account's.
        case wrongToken
        /// Signed over `signed`, but the body sent is the form passed to `post`.
        case over([(String, String)])
        /// A valid signature for another URL (a callback replayed to a different touch).
        case forURL(String)
    }

    /// POSTs a Twilio form webhook to `url` (what Twilio does), signed with the production signer.
    func postTwilio(_ url: String, _ form: [(String, String)], signing: Signing = .valid) async throws -> TransportResponse {
        var headers = [HeaderField("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")]
        let signer = TwilioSignature(authToken: Self.twilio.authToken)
        switch signing {
        case .valid: headers.append(HeaderField("X-Twilio-Signature", signer.compute(url: url, parameters: form)))
        case .none: break
        case .wrongToken: headers.append(HeaderField("X-Twilio-Signature", TwilioSignature(authToken: "not-the-token").compute(url: url, parameters: form)))
        case .over(let signed): headers.append(HeaderField("X-Twilio-Signature", signer.compute(url: url, parameters: signed)))
        case .forURL(let other): headers.append(HeaderField("X-Twilio-Signature", signer.compute(url: other, parameters: form)))
        }
        return try await http.send(TransportRequest(method: "POST", url: url, headers: headers, body: FormEncoding.encode(form), timeoutSeconds: 10))
    }

    /// A message status callback as Twilio posts it.
    static func statusForm(sid: String, status: String, to: String) -> [(String, String)] {
        [("SmsSid", sid), ("SmsStatus", status), ("MessageStatus", status), ("To", to), ("MessageSid", sid),
         ("AccountSid", twilio.accountSID), ("From", sender), ("ApiVersion", "2010-04-01")]
    }

    /// An inbound SMS as Twilio posts it to the number's messaging webhook.
    static func inboundForm(sid: String, from: String, body: String) -> [(String, String)] {
        [("ToCountry", "US"), ("ToState", "FL"), ("SmsMessageSid", sid), ("NumMedia", "0"), ("ToCity", "MIAMI"), ("FromZip", ""),
         ("SmsSid", sid), ("FromState", ""), ("SmsStatus", "received"), ("FromCity", ""), ("Body", body), ("FromCountry", "US"),
         ("To", sender), ("ToZip", ""), ("NumSegments", "1"), ("MessageSid", sid), ("AccountSid", twilio.accountSID),
         ("From", from), ("ApiVersion", "2010-04-01")]
    }

    // MARK: The JSON API

    /// `GET` an API path with the bearer token (or none), decoded like the cockpit does.
    func api<T: Decodable>(_ path: String, as type: T.Type, token: String? = nil) async throws -> T {
        let response = try await get(path, token: token ?? self.token)
        guard response.status == 200 else { throw LiveDaemonError("GET \(path) answered \(response.status)") }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(T.self, from: Data(response.body))
    }

    /// A raw `GET`, with `Authorization: Bearer <token>` when a token is given.
    func get(_ path: String, token: String?) async throws -> TransportResponse {
        let headers = token.map { [HeaderField("Authorization", "Bearer \($0)")] } ?? []
        return try await http.send(TransportRequest(method: "GET", url: base + path, headers: headers, timeoutSeconds: 10))
    }
}

/// A test setup problem.
struct LiveDaemonError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// `GET /api/leads/{id}/timeline`.
struct TimelineDocument: Decodable {
    var leadId: String
    var state: LeadState
    var entries: [TimelineEntry]
}

/// `GET /api/leads`.
struct LeadPageDocument: Decodable {
    var leads: [LeadEnriched]
}

/// A port nobody listens on right now (bind to 0, read it back, close).
func freeLoopbackPort() throws -> Int {
    #if canImport(Glibc)
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
    let fd = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard fd >= 0 else { throw LiveDaemonError("no socket") }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let named = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
    }
    guard named else { throw LiveDaemonError("cannot bind a loopback port") }
    return Int(UInt16(bigEndian: address.sin_port))
}
