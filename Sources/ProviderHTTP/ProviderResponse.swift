import Foundation
import RevenueCore

/// Shared handling of provider HTTP answers: JSON decoding and generic status classification.
public enum ProviderResponse {
    /// Decodes a JSON object body, or nil.
    public static func jsonObject(_ body: [UInt8]) -> [String: Any]? {
        guard !body.isEmpty else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
    }

    /// Encodes a JSON value with sorted keys (stable bytes for tests and signatures).
    public static func jsonBytes(_ value: Any) -> [UInt8] {
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return [UInt8](data)
    }

    /// Retry-After seconds from a response, when present and numeric.
    public static func retryAfter(_ response: TransportResponse) -> Int? {
        response.headers.value(for: "Retry-After").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }

    /// The error for an HTTP status when the body gave nothing more specific.
    public static func classify(status: Int, provider: ProviderKind, response: TransportResponse, detail: String? = nil) -> ChannelError {
        let code = "HTTP \(status)"
        switch status {
        case 401, 403: return ChannelError(.unauthorized, provider: provider, code: code, detail: detail)
        case 429: return ChannelError(.rateLimited, provider: provider, code: code, retryAfterSeconds: retryAfter(response), detail: detail)
        case 408, 500...599: return ChannelError(.retryable, provider: provider, code: code, retryAfterSeconds: retryAfter(response), detail: detail)
        case 404: return ChannelError(.misconfigured, provider: provider, code: code, detail: detail)
        default: return ChannelError(.permanent, provider: provider, code: code, detail: detail)
        }
    }

    /// Maps a transport failure (no HTTP answer) to a retryable channel error.
    public static func error(_ error: TransportError, provider: ProviderKind) -> ChannelError {
        switch error {
        case .invalidURL: ChannelError(.misconfigured, provider: provider, code: "invalid_url")
        case .timedOut: ChannelError(.retryable, provider: provider, code: "timeout")
        case .connectionFailed: ChannelError(.retryable, provider: provider, code: "connection")
        case .other(let reason): ChannelError(.retryable, provider: provider, code: "transport", detail: reason)
        }
    }

    /// Sends through `transport`, turning transport failures into channel errors.
    public static func send(_ request: TransportRequest, via transport: any HTTPTransport, provider: ProviderKind) async throws(ChannelError) -> TransportResponse {
        do {
            return try await transport.send(request)
        } catch {
            throw Self.error(error, provider: provider)
        }
    }

    /// `Basic` authorization header value.
    public static func basicAuth(user: String, password: String) -> String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    /// Joins a base URL and a path with exactly one slash.
    public static func join(_ base: String, _ path: String) -> String {
        var base = base
        while base.hasSuffix("/") { base.removeLast() }
        return path.hasPrefix("/") ? base + path : base + "/" + path
    }
}
