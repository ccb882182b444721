import Foundation
import RevenueCore

/// A fake Twilio REST API: `Messages.json` and `Calls.json` with Basic auth, Twilio-shaped JSON and error bodies;
/// POST creates, GET lists what was created (filtered by `To` and `From`, newest first), as Twilio does.
public enum FakeTwilio {
    /// How the fake behaves.
    public struct Behavior: Sendable {
        public var accountSID: String
        public var authToken: String
        /// Error to return by the `To` field: HTTP status and Twilio error code.
        public var failures: [String: (status: Int, code: Int)]
        /// The `date_created` the fake stamps on what it creates.
        public var clock: @Sendable () -> Date
        public init(accountSID: String = "AC00000000000000000000000000000001", authToken: String = "test-token",
                    failures: [String: (status: Int, code: Int)] = [:], clock: @escaping @Sendable () -> Date = { Date() }) {
            self.accountSID = accountSID
            self.authToken = authToken
            self.failures = failures
            self.clock = clock
        }
    }

    /// What the fake created, per resource (`Messages.json`, `Calls.json`), oldest first.
    final class Created: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [String: [[String: Any]]] = [:]
        func add(_ item: [String: Any], to resource: String) { lock.withLock { items[resource, default: []].append(item) } }
        func list(_ resource: String) -> [[String: Any]] { lock.withLock { items[resource] ?? [] } }
    }

    /// Runs the fake for the duration of `body`.
    public static func run<T>(_ behavior: Behavior = .init(), _ body: (FakeProviderServer) async throws -> T) async throws -> T {
        let created = Created()
        return try await FakeProviderServer.run(handler: { handle($0, behavior, created) }, body)
    }

    static func handle(_ request: RecordedRequest, _ behavior: Behavior, _ created: Created) -> FakeReply {
        let prefix = "/2010-04-01/Accounts/\(behavior.accountSID)/"
        guard request.method == "POST" || request.method == "GET", request.path.hasPrefix(prefix) else {
            return error(404, 20404, "The requested resource was not found")
        }
        let expected = "Basic " + Data("\(behavior.accountSID):\(behavior.authToken)".utf8).base64EncodedString()
        guard request.header("Authorization") == expected else { return error(401, 20003, "Authenticate") }
        if request.method == "GET" { return list(request, resource: String(request.path.dropFirst(prefix.count)), created) }
        guard request.header("Content-Type")?.hasPrefix("application/x-www-form-urlencoded") == true else {
            return error(400, 21620, "Invalid content type")
        }
        let resource = String(request.path.dropFirst(prefix.count))
        guard let to = request.formValue("To"), !to.isEmpty else { return error(400, 21604, "A 'To' phone number is required.") }
        if let failure = behavior.failures[to] {
            return error(failure.status, failure.code, "Error \(failure.code)", retryAfter: failure.status == 429 ? "7" : nil)
        }
        let sidSuffix = String(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(32))
        switch resource {
        case "Messages.json":
            guard request.formValue("Body") != nil || request.formValue("ContentSid") != nil else {
                return error(400, 21602, "Message body is required.")
            }
            let sid = "SM" + sidSuffix
            let message: [String: Any] = [
                "date_created": rfc2822(behavior.clock()),
                "sid": sid, "account_sid": behavior.accountSID, "to": to, "from": request.formValue("From") ?? NSNull(),
                "messaging_service_sid": request.formValue("MessagingServiceSid") ?? NSNull(),
                "body": request.formValue("Body") ?? "", "status": "queued", "direction": "outbound-api",
                "num_segments": "1", "api_version": "2010-04-01", "price": NSNull(), "error_code": NSNull(), "error_message": NSNull(),
                "uri": "/2010-04-01/Accounts/\(behavior.accountSID)/Messages/\(sid).json",
            ]
            created.add(message, to: resource)
            return .json(201, message)
        case "Calls.json":
            guard request.formValue("Twiml") != nil || request.formValue("Url") != nil else {
                return error(400, 21205, "Url parameter is required.")
            }
            let sid = "CA" + sidSuffix
            let call: [String: Any] = [
                "sid": sid, "account_sid": behavior.accountSID, "to": to, "from": request.formValue("From") ?? "",
                "status": "queued", "direction": "outbound-api", "api_version": "2010-04-01", "date_created": rfc2822(behavior.clock()),
                "uri": "/2010-04-01/Accounts/\(behavior.accountSID)/Calls/\(sid).json",
            ]
            created.add(call, to: resource)
            return .json(201, call)
        default:
            return error(404, 20404, "The requested resource was not found")
        }
    }

    /// `GET Messages.json` / `Calls.json`: what was created, filtered by `To` and `From`, newest first, in Twilio's page shape.
    static func list(_ request: RecordedRequest, resource: String, _ created: Created) -> FakeReply {
        guard resource == "Messages.json" || resource == "Calls.json" else { return error(404, 20404, "The requested resource was not found") }
        let items = created.list(resource).reversed().filter { item in
            (request.queryValue("To").map { $0 == item["to"] as? String } ?? true)
                && (request.queryValue("From").map { $0 == item["from"] as? String } ?? true)
        }
        let key = resource == "Calls.json" ? "calls" : "messages"
        return .json(200, [key: Array(items.prefix(Int(request.queryValue("PageSize") ?? "") ?? 50)), "page": 0, "page_size": 50,
                           "next_page_uri": NSNull(), "uri": request.path])
    }

    /// Twilio's date format (RFC 2822, GMT).
    static func rfc2822(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }

    /// Twilio's error body: `{"code", "message", "more_info", "status"}`.
    static func error(_ status: Int, _ code: Int, _ message: String, retryAfter: String? = nil) -> FakeReply {
        .json(status, ["code": code, "message": message, "more_info": "https://www.twilio.com/docs/errors/\(code)", "status": status],
              headers: retryAfter.map { [HeaderField("Retry-After", $0)] } ?? [])
    }
}
