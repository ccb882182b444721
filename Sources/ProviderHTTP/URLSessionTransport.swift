import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import RevenueCore

/// `HTTPTransport` over URLSession (libcurl via FoundationNetworking on Linux), with per-request timeouts.
public struct URLSessionTransport: HTTPTransport {
    private let session: URLSession

    /// Uses an ephemeral session (no cookies, no cache: provider APIs are stateless).
    public init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        self.session = URLSession(configuration: configuration)
    }

    public init(session: URLSession) {
        self.session = session
    }

    public func send(_ request: TransportRequest) async throws(TransportError) -> TransportResponse {
        guard let url = URL(string: request.url), url.scheme == "http" || url.scheme == "https" else {
            throw .invalidURL
        }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method
        urlRequest.timeoutInterval = request.timeoutSeconds
        for field in request.headers { urlRequest.addValue(field.value, forHTTPHeaderField: field.name) }
        if !request.body.isEmpty { urlRequest.httpBody = Data(request.body) }
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await withDeadline(seconds: request.timeoutSeconds) { [session, urlRequest] in
                try await session.data(for: urlRequest)
            }
        } catch let error as TransportError {
            throw error
        } catch let error as URLError {
            switch error.code {
            case .timedOut: throw .timedOut
            case .cannotConnectToHost, .networkConnectionLost, .cannotFindHost, .notConnectedToInternet, .dnsLookupFailed:
                throw .connectionFailed
            default: throw .other("URLError \(error.code.rawValue)")
            }
        } catch {
            throw .other("request failed")
        }
        guard let http = response as? HTTPURLResponse else { throw .other("not an HTTP response") }
        var headers: [HeaderField] = []
        for (name, value) in http.allHeaderFields {
            headers.append(HeaderField(String(describing: name), String(describing: value)))
        }
        return TransportResponse(status: http.statusCode, headers: headers, body: [UInt8](data))
    }

    /// Runs `work`, failing with `.timedOut` once `seconds` have passed in total (URLSession's own
    /// `timeoutInterval` is an idle timeout: a server dripping bytes would never trip it).
    private func withDeadline<T: Sendable>(seconds: Double, _ work: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await work() }
            group.addTask {
                try await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
                throw TransportError.timedOut
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw TransportError.timedOut }
            return first
        }
    }
}
