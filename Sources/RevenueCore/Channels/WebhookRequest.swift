/// A provider webhook as plain data: adapters never see the web framework's request type.
public struct WebhookRequest: Sendable, Hashable {
    /// `GET`, `POST` (upper case).
    public var method: String
    /// The full public URL the provider called, with scheme, host, path and query (what it signed).
    public var url: String
    public var headers: [HeaderField]
    public var body: [UInt8]

    public init(method: String, url: String, headers: [HeaderField] = [], body: [UInt8] = []) {
        self.method = method.uppercased()
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// The body as UTF-8 text (invalid bytes replaced).
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// What an adapter answers to a webhook: the events it carried and the HTTP reply the provider expects.
public struct WebhookResult: Sendable, Hashable {
    public var events: [ChannelEvent]
    public var reply: WebhookReply
    public init(events: [ChannelEvent], reply: WebhookReply = .ok) {
        self.events = events
        self.reply = reply
    }
}

/// The HTTP response to send back to the provider (Twilio wants TwiML, Meta wants the challenge echoed).
public struct WebhookReply: Sendable, Hashable {
    public var status: Int
    public var contentType: String
    public var body: String
    public init(status: Int = 200, contentType: String = "text/plain", body: String = "") {
        self.status = status
        self.contentType = contentType
        self.body = body
    }
    /// An empty `200 OK`.
    public static let ok = WebhookReply()
}
