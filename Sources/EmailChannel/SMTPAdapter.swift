import Foundation
import RevenueCore

/// SMTP submission: the universal e-mail fallback (any relay or provider's SMTP endpoint).
///
/// STARTTLS (587) or implicit TLS (465) with certificate verification; plain text only when asked.
/// AUTH PLAIN is never sent in clear except to a loopback relay or with `allow_plaintext_auth`.
/// SMTP has no webhooks (bounces come back as mail); replies arrive on the raw-MIME inbound route
/// (`/webhooks/email/inbound`, credential `inbound_token`) when a relay posts received mail there.
public struct SMTPAdapter: ChannelAdapter {
    public let kind = ProviderKind.smtp
    public let host: String
    public let port: Int
    public let from: String
    public let fromName: String?
    public let replyTo: String?
    /// The name sent in `EHLO`.
    public let heloName: String
    public let timeoutSeconds: Double
    private let username: String?
    private let password: String?
    private let allowPlaintextAuth: Bool
    public let security: SMTPSecurity
    /// PEM certificates to trust instead of the system roots (a private relay, tests).
    private let trustRootsPEM: String?
    /// Shared token of the raw-MIME inbound route; none: that route refuses everything.
    private let inboundToken: String?

    public init(
        host: String, port: Int = 587, from: String, fromName: String? = nil, replyTo: String? = nil,
        username: String? = nil, password: String? = nil, allowPlaintextAuth: Bool = false,
        heloName: String = "revasi.localhost", timeoutSeconds: Double = 30, security: SMTPSecurity? = nil, trustRootsPEM: String? = nil,
        inboundToken: String? = nil
    ) {
        self.inboundToken = inboundToken
        self.security = security ?? (port == 465 ? .implicit : .startTLS)
        self.trustRootsPEM = trustRootsPEM
        self.host = host
        self.port = port
        self.from = from
        self.fromName = fromName
        self.replyTo = replyTo
        self.username = username
        self.password = password
        self.allowPlaintextAuth = allowPlaintextAuth
        self.heloName = heloName
        self.timeoutSeconds = timeoutSeconds
    }

    /// Builds from config settings: options `host`, `port`, `from`, `from_name`, `reply_to`, `helo`,
    /// `allow_plaintext_auth`, `tls` (`starttls` | `implicit` | `none`), `ca_file` (PEM); optional
    /// credentials `username`, `password`, `inbound_token`.
    public init(settings: ProviderSettings) throws(ChannelError) {
        let port = settings.options["port"].map { Int($0) } ?? 587
        guard let port, (1...65_535).contains(port) else {
            throw ChannelError(.misconfigured, provider: .smtp, detail: "option port is not a TCP port")
        }
        var security: SMTPSecurity?
        if let raw = settings.options["tls"] {
            guard let value = SMTPSecurity(rawValue: raw) else {
                throw ChannelError(.misconfigured, provider: .smtp, detail: "option tls must be starttls, implicit or none")
            }
            security = value
        }
        var trustRoots: String?
        if let path = settings.options["ca_file"] {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ChannelError(.misconfigured, provider: .smtp, detail: "cannot read ca_file")
            }
            trustRoots = String(decoding: data, as: UTF8.self)
        }
        self.init(
            host: try settings.option("host"), port: port, from: try settings.option("from"),
            fromName: settings.options["from_name"], replyTo: settings.options["reply_to"],
            username: settings.credentials["username"], password: settings.credentials["password"],
            allowPlaintextAuth: settings.options["allow_plaintext_auth"] == "true",
            heloName: settings.options["helo"] ?? "revasi.localhost", security: security, trustRootsPEM: trustRoots,
            inboundToken: settings.credentials["inbound_token"])
    }

    public var capabilities: ChannelCapabilities {
        ChannelCapabilities([.init(channel: .email, outcomes: [.delivered, .bounced])], signsWebhooks: false)
    }

    /// The Message-ID for a touch: stable, so bounces can be matched back.
    public func messageID(for touch: OutboundMessage) -> String {
        let domain = from.split(separator: "@").last.map(String.init) ?? "revasi.localhost"
        return "\(touch.touchID.rawValue.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." })@\(domain)"
    }

    public func send(_ touch: OutboundMessage) async throws(ChannelError) -> SendReceipt {
        guard touch.channel == .email else { throw ChannelError(.unsupportedChannel, provider: kind, code: touch.channel.rawValue) }
        guard !touch.to.contains(where: { $0 == "\r" || $0 == "\n" || $0 == ">" || $0 == "<" }), touch.to.contains("@") else {
            throw ChannelError(.invalidEmail, provider: kind, code: "address")
        }
        let id = messageID(for: touch)
        let message = MIMEMessage.build(
            touch: touch, from: from, fromName: fromName, replyTo: replyTo, messageID: id,
            extraHeaders: try ListUnsubscribe.headers(for: touch, provider: kind))
        do {
            try await withTimeout { try await self.deliver(to: touch.to, message: message) }
        } catch let error as ChannelError {
            throw error
        } catch {
            throw ChannelError(.retryable, provider: kind, code: "connection")
        }
        return SendReceipt(provider: kind, providerMessageID: id)
    }

    private func withTimeout(_ work: @escaping @Sendable () async throws -> Void) async throws {
        let seconds = timeoutSeconds
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await work() }
            group.addTask {
                try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
                throw ChannelError(.retryable, provider: .smtp, code: "timeout")
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    private func deliver(to recipient: String, message: String) async throws {
        var auth: (String, String)?
        if let username, let password {
            guard security != .none || allowPlaintextAuth || ["127.0.0.1", "localhost", "::1"].contains(host) else {
                throw ChannelError(.misconfigured, provider: kind, code: "plaintext_auth", detail: "refusing AUTH without TLS to a non-loopback relay")
            }
            auth = (username, password)
        }
        do {
            try await SMTPSession.deliver(
                host: host, port: port, heloName: heloName, security: security, trustRootsPEM: trustRootsPEM, auth: auth,
                from: from, recipient: recipient, payload: MIMEMessage.dataPayload(message), connectTimeoutSeconds: timeoutSeconds)
        } catch let rejected as SMTPRejected {
            throw Self.classify(rejected.reply, stage: rejected.stage)
        } catch is SMTPNoStartTLS {
            throw ChannelError(.misconfigured, provider: kind, code: "no_starttls", detail: "the server does not offer STARTTLS")
        } catch let error as ChannelError {
            throw error
        } catch let failure as SMTPTLSFailure {
            throw ChannelError(.misconfigured, provider: kind, code: "tls", detail: failure.reason)
        }
    }

    /// SMTP reply codes → channel errors (4xx retry, 5xx on RCPT = dead address, 535 = bad credentials).
    static func classify(_ reply: SMTPReply, stage: String) -> ChannelError {
        let code = "\(reply.code) \(stage)"
        switch reply.code {
        case 535, 530, 534: return ChannelError(.unauthorized, provider: .smtp, code: code, detail: reply.text)
        case 421, 450, 451, 452: return ChannelError(.retryable, provider: .smtp, code: code, detail: reply.text)
        case 550, 551, 553 where stage == "rcpt": return ChannelError(.invalidEmail, provider: .smtp, code: code, detail: reply.text)
        case 552: return ChannelError(.softBounce, provider: .smtp, code: code, detail: reply.text)
        case 400..<500: return ChannelError(.retryable, provider: .smtp, code: code, detail: reply.text)
        default: return ChannelError(.permanent, provider: .smtp, code: code, detail: reply.text)
        }
    }

    /// Only the raw-MIME inbound route, checked by its shared token.
    public func verifyWebhook(_ request: WebhookRequest) throws(ChannelError) {
        guard InboundMailWebhook.isInbound(request.url) else { throw ChannelError(.malformedWebhook, provider: kind, code: "no_webhooks") }
        try InboundMailWebhook.verify(request, token: inboundToken, provider: kind)
    }

    public func parseWebhook(_ request: WebhookRequest) throws(ChannelError) -> WebhookResult {
        guard InboundMailWebhook.isInbound(request.url) else { throw ChannelError(.malformedWebhook, provider: kind, code: "no_webhooks") }
        return try InboundMailWebhook.parse(request, provider: kind)
    }
}

extension ChannelRegistration {
    /// SMTP submission.
    public static let smtp = ChannelRegistration(kind: .smtp) { settings, _ throws(ChannelError) in
        try SMTPAdapter(settings: settings)
    }
}
