import Foundation
import ProviderHTTP
import RevenueCore

/// Twilio voice (`Calls.json` + TwiML), SMS and WhatsApp (`Messages.json`), and its webhooks.
public struct TwilioAdapter: ChannelAdapter {
    /// Where Twilio's REST API lives unless the config overrides it.
    public static let defaultBaseURL = "https://api.twilio.com"
    /// Longest SMS/WhatsApp body Twilio accepts.
    public static let maxBodyLength = 1600

    public let kind = ProviderKind.twilio
    public let accountSID: String
    private let authToken: String
    /// The sender: E.164 number for voice/SMS/WhatsApp, or nil when a Messaging Service sends.
    public let from: String?
    /// Messaging Service SID (`MG…`) used instead of `from` for SMS when set.
    public let messagingServiceSID: String?
    public let baseURL: String
    /// Public base URL for status callbacks (`…/webhooks/twilio`), if configured.
    public let webhookBaseURL: String?
    /// Polly/Google voice for `<Say>`, if set (`Polly.Mia`).
    public let voice: String?
    /// Whether calls are recorded (recording URL reported for voice insights).
    public let recordCalls: Bool
    public let timeoutSeconds: Double
    let transport: any HTTPTransport
    private let signature: TwilioSignature

    public init(
        accountSID: String, authToken: String, from: String?, messagingServiceSID: String? = nil,
        baseURL: String = TwilioAdapter.defaultBaseURL, webhookBaseURL: String? = nil, voice: String? = nil,
        recordCalls: Bool = false, timeoutSeconds: Double = 15, transport: any HTTPTransport
    ) {
        self.accountSID = accountSID
        self.authToken = authToken
        self.from = from
        self.messagingServiceSID = messagingServiceSID
        self.baseURL = baseURL
        self.webhookBaseURL = webhookBaseURL
        self.voice = voice
        self.recordCalls = recordCalls
        self.timeoutSeconds = timeoutSeconds
        self.transport = transport
        self.signature = TwilioSignature(authToken: authToken)
    }

    /// Builds from config settings: credentials `account_sid`, `auth_token`; options `from`,
    /// `messaging_service_sid`, `voice`, `record`.
    public init(settings: ProviderSettings, transport: any HTTPTransport) throws(ChannelError) {
        let from = settings.options["from"]
        let service = settings.options["messaging_service_sid"]
        guard from != nil || service != nil else {
            throw ChannelError(.misconfigured, provider: .twilio, detail: "twilio needs a `from` number or a messaging_service_sid")
        }
        self.init(
            accountSID: try settings.credential("account_sid"), authToken: try settings.credential("auth_token"),
            from: from, messagingServiceSID: service, baseURL: settings.baseURL ?? Self.defaultBaseURL,
            webhookBaseURL: settings.webhookBaseURL, voice: settings.options["voice"],
            recordCalls: settings.options["record"] == "true", transport: transport
        )
    }

    public var capabilities: ChannelCapabilities {
        ChannelCapabilities([
            .init(channel: .voice, outcomes: [.answered, .noAnswer, .voicemail, .busy, .failed]),
            .init(channel: .sms, outcomes: [.delivered, .replied, .failed], maxBodyLength: Self.maxBodyLength),
            .init(channel: .whatsapp, outcomes: [.delivered, .replied, .failed], maxBodyLength: Self.maxBodyLength, needsTemplateOutsideSession: true),
        ], signsWebhooks: true)
    }

    /// The webhook URL Twilio calls for everything (status, inbound, gather, recordings).
    public var callbackURL: String? { webhookBaseURL.map { ProviderResponse.join($0, "/webhooks/twilio") } }

    // MARK: Sending

    public func send(_ touch: OutboundMessage) async throws(ChannelError) -> SendReceipt {
        switch touch.channel {
        case .voice: return try await call(touch)
        case .sms: return try await message(touch, whatsapp: false)
        case .whatsapp: return try await message(touch, whatsapp: true)
        case .email: throw ChannelError(.unsupportedChannel, provider: kind, code: "email")
        }
    }

    /// The form fields for a message (`Messages.json`); exposed for tests and dry-runs.
    public func messageFields(_ touch: OutboundMessage, whatsapp: Bool) throws(ChannelError) -> (fields: [(String, String)], usedTemplate: Bool) {
        var fields: [(String, String)] = [("To", whatsapp ? "whatsapp:" + touch.to : touch.to)]
        if whatsapp {
            guard let from else { throw ChannelError(.misconfigured, provider: kind, detail: "WhatsApp needs a `from` number") }
            fields.append(("From", from.hasPrefix("whatsapp:") ? from : "whatsapp:" + from))
        } else if let messagingServiceSID {
            fields.append(("MessagingServiceSid", messagingServiceSID))
        } else if let from {
            fields.append(("From", from))
        }
        var usedTemplate = false
        if whatsapp && !touch.isInsideSessionWindow {
            guard let template = touch.template else {
                throw ChannelError(.outsideSessionWindow, provider: kind, code: "no_template")
            }
            fields.append(("ContentSid", template.name))
            if !template.variables.isEmpty {
                var variables: [String: String] = [:]
                for (index, value) in template.variables.enumerated() { variables[String(index + 1)] = value }
                fields.append(("ContentVariables", String(decoding: ProviderResponse.jsonBytes(variables), as: UTF8.self)))
            }
            usedTemplate = true
        } else {
            guard touch.body.count <= Self.maxBodyLength else {
                throw ChannelError(.invalidContent, provider: kind, code: "body_too_long")
            }
            fields.append(("Body", touch.body))
        }
        if let callback = touch.statusCallbackURL ?? callbackURL { fields.append(("StatusCallback", callback)) }
        return (fields, usedTemplate)
    }

    /// The form fields for a call (`Calls.json`) with the TwiML script inline.
    public func callFields(_ touch: OutboundMessage) throws(ChannelError) -> [(String, String)] {
        guard let from else { throw ChannelError(.misconfigured, provider: kind, detail: "voice needs a `from` number") }
        // The touch's own callback URL (with the dispatcher's `touch`/`org` query items) wins everywhere.
        let callback = touch.statusCallbackURL ?? callbackURL
        var fields: [(String, String)] = [
            ("To", touch.to),
            ("From", from),
            ("Twiml", TwiML.callScript(for: touch, voice: voice, gatherActionURL: callback)),
            ("MachineDetection", "DetectMessageEnd"),
            ("Timeout", "25"),
        ]
        if let callback {
            fields.append(("StatusCallback", callback))
            fields.append(("StatusCallbackMethod", "POST"))
            for event in ["initiated", "ringing", "answered", "completed"] { fields.append(("StatusCallbackEvent", event)) }
        }
        if recordCalls {
            fields.append(("Record", "true"))
            if let callback { fields.append(("RecordingStatusCallback", callback)) }
        }
        return fields
    }

    private func message(_ touch: OutboundMessage, whatsapp: Bool) async throws(ChannelError) -> SendReceipt {
        let (fields, usedTemplate) = try messageFields(touch, whatsapp: whatsapp)
        let sid = try await post("Messages.json", fields: fields)
        return SendReceipt(provider: kind, providerMessageID: sid, usedTemplate: usedTemplate)
    }

    private func call(_ touch: OutboundMessage) async throws(ChannelError) -> SendReceipt {
        let sid = try await post("Calls.json", fields: try callFields(touch))
        return SendReceipt(provider: kind, providerMessageID: sid)
    }

    /// A request to one of the account's REST resources (`Messages.json`, `Calls.json`), authenticated.
    func accountRequest(_ method: String, _ resource: String, query: [(String, String)] = [], form: [(String, String)]? = nil) -> TransportRequest {
        var url = ProviderResponse.join(baseURL, "/2010-04-01/Accounts/\(FormEncoding.escape(accountSID))/\(resource)")
        if !query.isEmpty { url += "?" + String(decoding: FormEncoding.encode(query), as: UTF8.self) }
        var headers = [
            HeaderField("Authorization", ProviderResponse.basicAuth(user: accountSID, password: authToken)),
            HeaderField("Accept", "application/json"),
        ]
        if form != nil { headers.append(HeaderField("Content-Type", "application/x-www-form-urlencoded")) }
        return TransportRequest(method: method, url: url, headers: headers, body: form.map(FormEncoding.encode) ?? [], timeoutSeconds: timeoutSeconds)
    }

    /// POSTs a form to the account's resource and returns the created `sid`.
    private func post(_ resource: String, fields: [(String, String)]) async throws(ChannelError) -> String {
        let request = accountRequest("POST", resource, form: fields)
        let response = try await ProviderResponse.send(request, via: transport, provider: kind)
        let json = ProviderResponse.jsonObject(response.body)
        guard (200..<300).contains(response.status) else {
            if let code = (json?["code"] as? Int) ?? (json?["code"] as? String).flatMap(Int.init) {
                var error = TwilioErrorCode.error(code: code, message: json?["message"] as? String)
                if error.isRetryable { error.retryAfterSeconds = ProviderResponse.retryAfter(response) }
                throw error
            }
            throw ProviderResponse.classify(status: response.status, provider: kind, response: response)
        }
        guard let sid = json?["sid"] as? String, !sid.isEmpty else {
            throw ChannelError(.retryable, provider: kind, code: "no_sid", detail: "Twilio answered without a sid")
        }
        return sid
    }

    // MARK: Webhooks

    public func verifyWebhook(_ request: WebhookRequest) throws(ChannelError) {
        guard let header = request.headers.value(for: "X-Twilio-Signature"), !header.isEmpty else {
            throw ChannelError(.invalidSignature, provider: kind, code: "missing")
        }
        let contentType = request.headers.value(for: "Content-Type")?.lowercased() ?? ""
        let valid: Bool
        if contentType.hasPrefix("application/json") || FormFields(query: request.url)["bodySHA256"] != nil {
            valid = signature.isValid(signature: header, url: request.url, jsonBody: request.body)
        } else {
            let parameters = request.method == "POST" ? FormEncoding.decode(request.body) : []
            valid = signature.isValid(signature: header, url: request.url, parameters: parameters)
        }
        guard valid else { throw ChannelError(.invalidSignature, provider: kind, code: "mismatch") }
    }

    public func parseWebhook(_ request: WebhookRequest) throws(ChannelError) -> WebhookResult {
        var fields = FormFields(request.body)
        if fields.pairs.isEmpty { fields = FormFields(query: request.url) }
        guard let event = TwilioWebhook.event(fields, query: FormFields(query: request.url)) else {
            throw ChannelError(.malformedWebhook, provider: kind, code: "unrecognised")
        }
        return WebhookResult(events: [event], reply: WebhookReply(status: 200, contentType: "text/xml", body: TwiML.empty))
    }
}

extension TwilioAdapter: CallInstructionRendering {
    /// TwiML for what the call does next (`<Say>`, `<Gather>` again, `<Dial>` with a whisper).
    public func reply(for instruction: CallInstruction) -> WebhookReply {
        WebhookReply(status: 200, contentType: "text/xml", body: TwiML.reply(for: instruction, voice: voice))
    }
}

extension ChannelRegistration {
    /// Twilio voice, SMS and WhatsApp.
    public static let twilio = ChannelRegistration(kind: .twilio) { settings, transport throws(ChannelError) in
        try TwilioAdapter(settings: settings, transport: transport)
    }
}
