import Foundation
import RevenueCore

/// A fake Meta WhatsApp Cloud API: `POST /{version}/{phone_number_id}/messages` with Bearer auth and Graph error bodies.
public enum FakeWhatsAppCloud {
    /// How the fake behaves.
    public struct Behavior: Sendable {
        public var accessToken: String
        public var phoneNumberID: String
        /// Graph error to return by the `to` field: HTTP status and error code.
        public var failures: [String: (status: Int, code: Int)]
        public init(accessToken: String = "test-access-token", phoneNumberID: String = "106540352242922", failures: [String: (status: Int, code: Int)] = [:]) {
            self.accessToken = accessToken
            self.phoneNumberID = phoneNumberID
            self.failures = failures
        }
    }

    /// Runs the fake for the duration of `body`.
    public static func run<T>(_ behavior: Behavior = .init(), _ body: (FakeProviderServer) async throws -> T) async throws -> T {
        try await FakeProviderServer.run(handler: { handle($0, behavior) }, body)
    }

    static func handle(_ request: RecordedRequest, _ behavior: Behavior) -> FakeReply {
        let parts = request.path.split(separator: "/")
        guard request.method == "POST", parts.count == 3, parts[0].hasPrefix("v"), parts[2] == "messages" else {
            return error(400, 100, "Unsupported post request.", type: "GraphMethodException")
        }
        guard request.header("Authorization") == "Bearer \(behavior.accessToken)" else {
            return error(401, 190, "Invalid OAuth access token - Cannot parse access token", type: "OAuthException")
        }
        guard parts[1] == Substring(behavior.phoneNumberID) else {
            return error(400, 100, "Unsupported post request. Object does not exist", type: "GraphMethodException")
        }
        guard let json = request.json, json["messaging_product"] as? String == "whatsapp", let to = json["to"] as? String,
              let type = json["type"] as? String, json[type] != nil
        else { return error(400, 100, "Invalid parameter", type: "OAuthException") }
        if let failure = behavior.failures[to] {
            return error(failure.status, failure.code, "Error \(failure.code)", type: "OAuthException")
        }
        let id = "wamid.HBgL" + String(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(24))
        return .json(200, [
            "messaging_product": "whatsapp",
            "contacts": [["input": to, "wa_id": to.filter(\.isNumber)]],
            "messages": [["id": id]],
        ])
    }

    /// Graph API error body.
    static func error(_ status: Int, _ code: Int, _ message: String, type: String) -> FakeReply {
        .json(status, ["error": ["message": message, "type": type, "code": code, "error_data": ["messaging_product": "whatsapp", "details": message], "fbtrace_id": "AbCdEf123"]])
    }
}
