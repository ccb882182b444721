import Hummingbird

/// The query parameters an API route accepts: any other is a 400 naming it and listing the accepted ones.
enum APIQuery {
    /// Throws `400 bad_request` when `request` carries a query parameter not in `accepted`.
    static func check(_ request: Request, accepts accepted: [String]) throws {
        for (key, _) in request.uri.queryParameters where !accepted.contains(String(key)) {
            let list = accepted.isEmpty ? "this route takes no query parameters" : "accepted: \(accepted.joined(separator: ", "))"
            throw APIError.badRequest("unknown query parameter \(key.prefix(40)); \(list)")
        }
    }
}
