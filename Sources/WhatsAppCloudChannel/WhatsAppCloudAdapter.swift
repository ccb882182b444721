import Crypto
import Foundation
import ProviderHTTP
import RevenueCore

/// Meta's WhatsApp Cloud API: text inside the 24-hour window, approved templates outside it; signed webhooks.
public struct WhatsAppCloudAdapter: ChannelAdapter {
    /// The Graph API host unless the config overrides it.
    public static let defaultBaseURL = "https://graph.facebook.com"
    /// The Graph API version used unless the config sets `api_version`.
    public static let defaultAPIVersion = "v21.0"
    /// Longest text body WhatsApp accepts.
    public static let maxBodyLength = 4096

    public let kind = ProviderKind.whatsAppCloud
    public let phoneNumberID: String
    public let apiVersion: String
    public let baseURL: String
    public let timeoutSeconds: Double
    private let accessToken: String
    private let appSecret: SymmetricKey
    private let verifyToken: String
    private let transport: any HTTPTransport

    public init(
        phoneNumberID: String, accessToken: String, appSecret: String, verifyToken: String,
        apiVersion: String = WhatsAppCloudAdapter.defaultAPIVersion, baseURL: String = WhatsAppCloudAdapter.defaultBaseURL,
        timeoutSeconds: Double = 15, transport: any HTTPTransport
    ) {
        self.phoneNumberID = phoneNumberID
        self.accessToken = accessToken
        self.appSecret = SymmetricKey(data: Data(appSecret.utf8))
        self.verifyToken = verifyToken
        self.apiVersion = apiVersion
        self.baseURL = baseURL
        self.timeoutSeconds = timeoutSeconds
        self.transport = transport
    }

    /// Builds from config settings: credentials `access_token`, `app_secret`, `verify_token`; options
    /// `phone_number_id`, `api_version`.
    public init(settings: ProviderSettings, transport: any HTTPTransport) throws(ChannelError) {
        self.init(
            phoneNumberID: try settings.option("phone_number_id"), accessToken: try settings.credential("access_token"),
            appSecret: try settings.credential("app_secret"), verifyToken: try settings.credential("verify_token"),
            apiVersion: settings.options["api_version"] ?? Self.defaultAPIVersion,
            baseURL: settings.baseURL ?? Self.defaultBaseURL, transport: transport)
    }

    public var capabilities: ChannelCapabilities {
        ChannelCapabilities([
            .init(channel: .whatsapp, outcomes: [.delivered, .replied, .failed], maxBodyLength: Self.maxBodyLength, needsTemplateOutsideSession: true),
        ], signsWebhooks: true)
    }

    // MARK: Sending

    /// The JSON body for a touch: text inside the session window, the approved template outside it.
    public func requestBody(_ touch: OutboundMessage) throws(ChannelError) -> (body: [String: Any], usedTemplate: Bool) {
        var body: [String: Any] = [
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": touch.to.filter(\.isNumber),
        ]
        if touch.isInsideSessionWindow {
            guard touch.body.count <= Self.maxBodyLength else { throw ChannelError(.invalidContent, provider: kind, code: "body_too_long") }
            body["type"] = "text"
            body["text"] = ["preview_url": false, "body": touch.body]
            return (body, false)
        }
        guard let template = touch.template else { throw ChannelError(.outsideSessionWindow, provider: kind, code: "no_template") }
        var templateObject: [String: Any] = ["name": template.name, "language": ["code": template.languageCode]]
        if !template.variables.isEmpty {
            templateObject["components"] = [[
                "type": "body",
                "parameters": template.variables.map { ["type": "text", "text": $0] },
            ]]
        }
        body["type"] = "template"
        body["template"] = templateObject
        return (body, true)
    }

    public func send(_ touch: OutboundMessage) async throws(ChannelError) -> SendReceipt {
        guard touch.channel == .whatsapp else { throw ChannelError(.unsupportedChannel, provider: kind, code: touch.channel.rawValue) }
        let (body, usedTemplate) = try requestBody(touch)
        let request = TransportRequest(
            method: "POST", url: ProviderResponse.join(baseURL, "/\(apiVersion)/\(phoneNumberID)/messages"),
            headers: [HeaderField("Authorization", "Bearer \(accessToken)"), HeaderField("Content-Type", "application/json")],
            body: ProviderResponse.jsonBytes(body), timeoutSeconds: timeoutSeconds)
        let response = try await ProviderResponse.send(request, via: transport, provider: kind)
        let json = ProviderResponse.jsonObject(response.body)
        guard (200..<300).contains(response.status) else {
            if let error = json?["error"] as? [String: Any], let code = error["code"] as? Int {
                var failure = MetaErrorCode.error(code: code, message: error["message"] as? String)
                if failure.isRetryable { failure.retryAfterSeconds = ProviderResponse.retryAfter(response) }
                throw failure
            }
            throw ProviderResponse.classify(status: response.status, provider: kind, response: response)
        }
        guard let messages = json?["messages"] as? [[String: Any]], let id = messages.first?["id"] as? String else {
            throw ChannelError(.retryable, provider: kind, code: "no_message_id")
        }
        return SendReceipt(provider: kind, providerMessageID: id, usedTemplate: usedTemplate)
    }

    // MARK: Webhooks

    /// `sha256=<hex>` of the raw body with the app secret, as Meta sends in `X-Hub-Signature-256`.
    public func signature(for body: [UInt8]) -> String {
        "sha256=" + DigestText.hex(HMAC<SHA256>.authenticationCode(for: body, using: appSecret))
    }

    public func verifyWebhook(_ request: WebhookRequest) throws(ChannelError) {
        if request.method == "GET" {
            let query = FormFields(query: request.url)
            guard query["hub.mode"] == "subscribe", let token = query["hub.verify_token"],
                  ConstantTime.equals(token, verifyToken), query["hub.challenge"] != nil
            else { throw ChannelError(.invalidSignature, provider: kind, code: "verify_token") }
            return
        }
        guard let header = request.headers.value(for: "X-Hub-Signature-256") else {
            throw ChannelError(.invalidSignature, provider: kind, code: "missing")
        }
        guard ConstantTime.equals(signature(for: request.body), header.lowercased()) else {
            throw ChannelError(.invalidSignature, provider: kind, code: "mismatch")
        }
    }

    public func parseWebhook(_ request: WebhookRequest) throws(ChannelError) -> WebhookResult {
        if request.method == "GET" {
            let challenge = FormFields(query: request.url)["hub.challenge"] ?? ""
            return WebhookResult(events: [], reply: WebhookReply(status: 200, contentType: "text/plain", body: challenge))
        }
        return WebhookResult(events: try WhatsAppCloudWebhook.events(request.body))
    }
}

extension ChannelRegistration {
    /// Meta's WhatsApp Cloud API.
    public static let whatsAppCloud = ChannelRegistration(kind: .whatsAppCloud) { settings, transport throws(ChannelError) in
        try WhatsAppCloudAdapter(settings: settings, transport: transport)
    }
}
