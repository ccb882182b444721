import Foundation
import RevenueCore

/// A fake Elastic Email v4 API: `POST /v4/emails/transactional` with the `X-ElasticEmail-ApiKey` header.
public enum FakeElasticEmail {
    /// How the fake behaves.
    public struct Behavior: Sendable {
        public var apiKey: String
        /// HTTP status to return by recipient address.
        public var failures: [String: Int]
        public init(apiKey: String = "test-api-key", failures: [String: Int] = [:]) {
            self.apiKey = apiKey
            self.failures = failures
        }
    }

    /// Runs the fake for the duration of `body`.
    public static func run<T>(_ behavior: Behavior = .init(), _ body: (FakeProviderServer) async throws -> T) async throws -> T {
        try await FakeProviderServer.run(handler: { handle($0, behavior) }, body)
    }

    static func handle(_ request: RecordedRequest, _ behavior: Behavior) -> FakeReply {
        guard request.method == "POST", request.path == "/v4/emails/transactional" else {
            return .json(404, ["Error": "Not found"])
        }
        guard request.header("X-ElasticEmail-ApiKey") == behavior.apiKey else {
            return .json(401, ["Error": "Access Denied"])
        }
        guard let json = request.json, let recipients = json["Recipients"] as? [String: Any],
              let to = recipients["To"] as? [String], let first = to.first,
              let content = json["Content"] as? [String: Any], content["From"] is String
        else { return .json(400, ["Error": "Invalid request body"]) }
        if let status = behavior.failures[first] { return .json(status, ["Error": "Rejected"]) }
        let id = String(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20))
        return .json(200, ["TransactionID": "tx-" + id, "MessageID": "msg-" + id])
    }
}
