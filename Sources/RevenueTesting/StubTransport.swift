import RevenueCore

/// An in-memory `HTTPTransport`: answers from a closure and records requests (for unit tests without sockets).
public actor StubTransport: HTTPTransport {
    public private(set) var requests: [TransportRequest] = []
    private let answer: @Sendable (TransportRequest) -> Result<TransportResponse, TransportError>

    public init(_ answer: @escaping @Sendable (TransportRequest) -> Result<TransportResponse, TransportError>) {
        self.answer = answer
    }

    public func send(_ request: TransportRequest) async throws(TransportError) -> TransportResponse {
        requests.append(request)
        return try answer(request).get()
    }
}
