import Hummingbird

/// Answers requests no route matched in the API's JSON error format: `405 method_not_allowed` (with `Allow`)
/// when the path exists for other methods, else `404 not_found`. Added last, it wraps only the router's not-found responder.
struct APIFallbackMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    /// Every registered route, read when the router is complete.
    let routes: [(path: RouterPath, method: HTTPRequest.Method)]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let segments = request.uri.path.split(separator: "/", omittingEmptySubsequences: true)
            let methods = routes.filter { Self.matches($0.path, segments) }.map(\.method.rawValue)
            guard methods.isEmpty else {
                let allowed = Array(Set(methods)).sorted()
                var response = try APIError(
                    .methodNotAllowed, code: "method_not_allowed",
                    message: "\(request.method.rawValue) is not allowed on this route; use \(allowed.joined(separator: " or "))"
                ).response(from: request, context: context)
                response.headers[.allow] = allowed.joined(separator: ", ")
                return response
            }
            return try APIError(.notFound, code: "not_found", message: "no route \(request.method.rawValue) \(request.uri.path.prefix(200))")
                .response(from: request, context: context)
        }
    }

    /// Whether `path` (a route pattern) matches the request's path segments.
    static func matches(_ path: RouterPath, _ segments: [Substring]) -> Bool {
        let components = path.components
        if components.last.map({ $0.description == "**" }) == true { return segments.count >= components.count - 1 }
        guard components.count == segments.count else { return false }
        return zip(components, segments).allSatisfy { $0 ~= $1 }
    }
}
