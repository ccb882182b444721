import Foundation
import Hummingbird
import Logging
import NIOCore
import RevenueCore

/// One request a fake provider server received, as bytes and parsed helpers.
public struct RecordedRequest: Sendable, Hashable {
    public var method: String
    /// Path without the query (`/2010-04-01/Accounts/AC1/Messages.json`).
    public var path: String
    /// Raw query string without `?`, if any.
    public var query: String?
    public var headers: [HeaderField]
    public var body: [UInt8]

    public init(method: String, path: String, query: String?, headers: [HeaderField], body: [UInt8]) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// Form fields in order (`application/x-www-form-urlencoded`), `+` as space.
    public var form: [(name: String, value: String)] { Self.pairs(bodyText) }

    /// Query items in order, decoded as form fields.
    public var queryItems: [(name: String, value: String)] { Self.pairs(query ?? "") }

    /// The first value of query item `name`.
    public func queryValue(_ name: String) -> String? { queryItems.first { $0.name == name }?.value }

    /// `a=1&b=x+y` → `[("a", "1"), ("b", "x y")]`.
    static func pairs(_ text: String) -> [(name: String, value: String)] {
        text.split(separator: "&").map { part in
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func unescape(_ s: Substring) -> String {
                let spaced = s.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            return (unescape(pieces[0]), pieces.count > 1 ? unescape(pieces[1]) : "")
        }
    }

    /// The first value of form field `name`.
    public func formValue(_ name: String) -> String? { form.first { $0.name == name }?.value }

    /// Every value of form field `name`, in order.
    public func formValues(_ name: String) -> [String] { form.filter { $0.name == name }.map(\.value) }

    /// The body as a JSON object.
    public var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] }

    /// A header value (case-insensitive).
    public func header(_ name: String) -> String? { headers.value(for: name) }
}

/// What a fake server answers.
public struct FakeReply: Sendable {
    public var status: Int
    public var headers: [HeaderField]
    public var body: [UInt8]

    public init(status: Int, headers: [HeaderField] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON reply (sorted keys).
    public static func json(_ status: Int, _ object: Any, headers: [HeaderField] = []) -> FakeReply {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return FakeReply(status: status, headers: [HeaderField("Content-Type", "application/json")] + headers, body: [UInt8](data))
    }

    /// A plain-text reply.
    public static func text(_ status: Int, _ text: String) -> FakeReply {
        FakeReply(status: status, headers: [HeaderField("Content-Type", "text/plain")], body: Array(text.utf8))
    }
}

/// The requests a fake server has received, in arrival order.
public actor RequestLog {
    public private(set) var requests: [RecordedRequest] = []
    public init() {}
    func append(_ request: RecordedRequest) { requests.append(request) }
    /// The last request, if any.
    public var last: RecordedRequest? { requests.last }
    /// How many requests arrived.
    public var count: Int { requests.count }
}

/// An HTTP server on 127.0.0.1 (port chosen by the OS) that records requests and answers with a handler.
/// Used by the fake provider servers; nothing leaves loopback.
public struct FakeProviderServer: Sendable {
    /// The bound port.
    public let port: Int
    /// What the server received.
    public let log: RequestLog

    /// `http://127.0.0.1:<port>`: pass as the adapter's base URL.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Runs a server for the duration of `body`, then shuts it down.
    public static func run<T>(
        handler: @escaping @Sendable (RecordedRequest) async -> FakeReply,
        _ body: (FakeProviderServer) async throws -> T
    ) async throws -> T {
        let log = RequestLog()
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            var request = request
            let buffer = try await request.collectBody(upTo: 16 * 1024 * 1024)
            var headers: [HeaderField] = []
            for field in request.headers { headers.append(HeaderField(field.name.rawName, field.value)) }
            let recorded = RecordedRequest(
                method: request.method.rawValue, path: request.uri.path, query: request.uri.query,
                headers: headers, body: Array(buffer.readableBytesView))
            await log.append(recorded)
            let reply = await handler(recorded)
            var fields = HTTPFields()
            for header in reply.headers {
                if let name = HTTPFields.Element.Name(header.name) { fields.append(HTTPFields.Element(name: name, value: header.value)) }
            }
            return Response(
                status: .init(code: reply.status), headers: fields,
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: reply.body)))
        }
        var logger = Logger(label: "revenue-testing.fake-server")
        logger.logLevel = .critical
        let app = Application(
            responder: responder,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { (channel: any NIOCore.Channel) in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger
        )
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            var port = 0
            for await bound in ports { port = bound }
            let server = FakeProviderServer(port: port, log: log)
            do {
                let result = try await body(server)
                group.cancelAll()
                return result
            } catch {
                group.cancelAll()
                throw error
            }
        }
    }
}
