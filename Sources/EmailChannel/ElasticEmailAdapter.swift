import Foundation
import ProviderHTTP
import RevenueCore

/// Elastic Email v4 `/emails/transactional`, its notification webhooks (bounce, complaint, unsubscribe, open),
/// its inbound routing notifications (replies) and the generic raw-MIME inbound route.
public struct ElasticEmailAdapter: ChannelAdapter {
    /// Elastic Email's API host unless the config overrides it.
    public static let defaultBaseURL = "https://api.elasticemail.com"

    public let kind = ProviderKind.elasticEmail
    public let from: String
    public let fromName: String?
    public let replyTo: String?
    public let baseURL: String
    public let timeoutSeconds: Double
    private let apiKey: String
    /// Shared token our notification URL carries (`?token=`): Elastic Email does not sign webhooks.
    private let webhookToken: String?
    /// Shared token of the raw-MIME inbound route (`/webhooks/email/inbound`); none: that route refuses everything.
    private let inboundToken: String?
    private let transport: any HTTPTransport

    public init(
        apiKey: String, from: String, fromName: String? = nil, replyTo: String? = nil, webhookToken: String? = nil,
        inboundToken: String? = nil, baseURL: String = ElasticEmailAdapter.defaultBaseURL, timeoutSeconds: Double = 15, transport: any HTTPTransport
    ) {
        self.apiKey = apiKey
        self.from = from
        self.fromName = fromName
        self.replyTo = replyTo
        self.webhookToken = webhookToken
        self.inboundToken = inboundToken
        self.baseURL = baseURL
        self.timeoutSeconds = timeoutSeconds
        self.transport = transport
    }

    /// Builds from config settings: credentials `api_key` (optional `webhook_token`, `inbound_token`); options `from`, `from_name`, `reply_to`.
    public init(settings: ProviderSettings, transport: any HTTPTransport) throws(ChannelError) {
        self.init(
            apiKey: try settings.credential("api_key"), from: try settings.option("from"),
            fromName: settings.options["from_name"], replyTo: settings.options["reply_to"],
            webhookToken: settings.credentials["webhook_token"], inboundToken: settings.credentials["inbound_token"], baseURL: settings.baseURL ?? Self.defaultBaseURL,
            transport: transport)
    }

    public var capabilities: ChannelCapabilities {
        ChannelCapabilities([.init(channel: .email, outcomes: [.delivered, .opened, .bounced])], signsWebhooks: false)
    }

    /// The JSON body for a touch (exposed for tests and dry-runs).
    public func requestBody(_ touch: OutboundMessage) throws(ChannelError) -> [String: Any] {
        var parts: [[String: Any]] = [["ContentType": "PlainText", "Charset": "utf-8", "Content": touch.body]]
        if let html = touch.htmlBody { parts.append(["ContentType": "HTML", "Charset": "utf-8", "Content": html]) }
        var content: [String: Any] = [
            "From": fromName.map { "\($0) <\(from)>" } ?? from,
            "Subject": touch.subject ?? "",
            "Body": parts,
            "Postback": touch.touchID.rawValue,
        ]
        if let replyTo { content["ReplyTo"] = replyTo }
        let headers = try ListUnsubscribe.headers(for: touch, provider: kind)
        if !headers.isEmpty {
            content["Headers"] = Dictionary(uniqueKeysWithValues: headers.map { ($0.name, $0.value) })
        }
        return ["Recipients": ["To": [touch.to]], "Content": content, "Options": ["TrackOpens": true, "TrackClicks": false]]
    }

    public func send(_ touch: OutboundMessage) async throws(ChannelError) -> SendReceipt {
        guard touch.channel == .email else { throw ChannelError(.unsupportedChannel, provider: kind, code: touch.channel.rawValue) }
        guard touch.subject?.isEmpty == false else { throw ChannelError(.invalidContent, provider: kind, code: "no_subject") }
        let request = TransportRequest(
            method: "POST", url: ProviderResponse.join(baseURL, "/v4/emails/transactional"),
            headers: [HeaderField("X-ElasticEmail-ApiKey", apiKey), HeaderField("Content-Type", "application/json")],
            body: ProviderResponse.jsonBytes(try requestBody(touch)), timeoutSeconds: timeoutSeconds)
        let response = try await ProviderResponse.send(request, via: transport, provider: kind)
        let json = ProviderResponse.jsonObject(response.body)
        guard (200..<300).contains(response.status) else {
            throw ProviderResponse.classify(status: response.status, provider: kind, response: response, detail: json?["Error"] as? String)
        }
        guard let id = (json?["MessageID"] as? String) ?? (json?["TransactionID"] as? String) else {
            throw ChannelError(.retryable, provider: kind, code: "no_message_id")
        }
        return SendReceipt(provider: kind, providerMessageID: id)
    }

    public func verifyWebhook(_ request: WebhookRequest) throws(ChannelError) {
        if InboundMailWebhook.isInbound(request.url) {
            return try InboundMailWebhook.verify(request, token: inboundToken, provider: kind)
        }
        guard let webhookToken else { return }
        guard let token = FormFields(query: request.url)["token"], ConstantTime.equals(token, webhookToken) else {
            throw ChannelError(.invalidSignature, provider: kind, code: "token")
        }
    }

    /// Notifications arrive as query (GET) or form (POST) fields: `status`, `category`, `messageid`, `to` ….
    /// A POST without `status` but with a sender is an inbound routing notification (a reply).
    public func parseWebhook(_ request: WebhookRequest) throws(ChannelError) -> WebhookResult {
        if InboundMailWebhook.isInbound(request.url) { return try InboundMailWebhook.parse(request, provider: kind) }
        var fields = FormFields(query: request.url)
        if fields["status"] == nil { fields = FormFields(request.body) }
        if fields["status"] == nil, request.method == "POST", let (mail, raw) = ElasticEmailInbound.mail(request) {
            return WebhookResult(events: [InboundMailWebhook.event(mail, provider: kind, raw: raw)])
        }
        guard let status = fields["status"]?.lowercased(), let id = fields.nonEmpty("messageid") ?? fields.nonEmpty("transaction") else {
            throw ChannelError(.malformedWebhook, provider: kind, code: "no_status")
        }
        let recipient = fields["to"] ?? ""
        let event: ChannelEvent
        switch status {
        case "sent": event = .messageStatus(MessageStatusEvent(provider: kind, providerMessageID: id, status: .delivered))
        case "opened", "clicked": event = .emailOpened(EmailOpenedEvent(provider: kind, providerMessageID: id))
        case "error", "bounced", "bounce":
            let category = fields["category"] ?? "Unknown"
            event = .emailBounce(EmailBounceEvent(
                provider: kind, providerMessageID: id, recipient: recipient,
                kind: Self.hardBounceCategories.contains(category.lowercased()) ? .hard : .soft, reason: category))
        case "abusereport", "complaint": event = .complaint(ComplaintEvent(provider: kind, providerMessageID: id, recipient: recipient))
        case "unsubscribed", "unsubscribe":
            event = .unsubscribe(UnsubscribeEvent(provider: kind, providerMessageID: id, recipient: recipient, channel: .email))
        default:
            throw ChannelError(.malformedWebhook, provider: kind, code: "unknown_status")
        }
        return WebhookResult(events: [event])
    }

    /// Elastic Email bounce categories that mean the address is dead (everything else is soft).
    public static let hardBounceCategories: Set<String> = ["nomailbox", "accountproblem", "dnsproblem", "notdelivered"]
}

extension ChannelRegistration {
    /// Elastic Email's transactional API.
    public static let elasticEmail = ChannelRegistration(kind: .elasticEmail) { settings, transport throws(ChannelError) in
        try ElasticEmailAdapter(settings: settings, transport: transport)
    }
}
