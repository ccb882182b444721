import Foundation
import Hummingbird

/// An API failure answered as `{"error": {"code", "message"}}`. Messages never hold personal data.
public struct APIError: Error, Sendable, HTTPResponseError {
    public var status: HTTPResponse.Status
    /// A stable machine-readable code (`unauthorized`, `not_found`, `method_not_allowed`, `bad_request`, `conflict`).
    public var code: String
    public var message: String

    public init(_ status: HTTPResponse.Status, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    public var headers: HTTPFields { [.contentType: "application/json; charset=utf-8"] }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// The JSON body.
    var body: [UInt8] {
        struct Envelope: Encodable { var error: Detail }
        struct Detail: Encodable { var code: String; var message: String }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array((try? encoder.encode(Envelope(error: Detail(code: code, message: message)))) ?? Data())
    }

    static let unauthorized = APIError(.unauthorized, code: "unauthorized", message: "a valid API token is required (Authorization: Bearer …)")
    static func notFound(_ what: String) -> APIError { APIError(.notFound, code: "not_found", message: "\(what) not found") }
    static func badRequest(_ message: String) -> APIError { APIError(.badRequest, code: "bad_request", message: message) }
    static func conflict(_ message: String) -> APIError { APIError(.conflict, code: "conflict", message: message) }
    static let tooLarge = APIError(.contentTooLarge, code: "too_large", message: "request body too large")
    static let internalError = APIError(.internalServerError, code: "internal", message: "internal error")
}
