/// An outbound HTTP request to a provider API.
public struct TransportRequest: Sendable, Hashable {
    public var method: String
    public var url: String
    public var headers: [HeaderField]
    public var body: [UInt8]
    /// Whole-request timeout in seconds.
    public var timeoutSeconds: Double

    public init(method: String, url: String, headers: [HeaderField] = [], body: [UInt8] = [], timeoutSeconds: Double = 15) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeoutSeconds = timeoutSeconds
    }
}

/// A provider's HTTP answer.
public struct TransportResponse: Sendable, Hashable {
    public var status: Int
    public var headers: [HeaderField]
    public var body: [UInt8]
    public init(status: Int, headers: [HeaderField] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }
    /// The body as UTF-8 text.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// Why a request got no HTTP answer at all. Descriptions carry no URL (it may hold ids or tokens).
public enum TransportError: Error, Sendable, Hashable, CustomStringConvertible {
    case timedOut
    case connectionFailed
    case invalidURL
    case other(String)

    public var description: String {
        switch self {
        case .timedOut: "request timed out"
        case .connectionFailed: "connection failed"
        case .invalidURL: "invalid URL"
        case .other(let reason): "transport error: \(reason)"
        }
    }
}

/// Request → response with a timeout. ProviderHTTP implements it over URLSession; tests may use any double.
public protocol HTTPTransport: Sendable {
    func send(_ request: TransportRequest) async throws(TransportError) -> TransportResponse
}
