import Crypto
import Foundation
import ProviderHTTP

/// Twilio's `X-Twilio-Signature`: Base64 HMAC-SHA1 (auth token) over the URL plus sorted POST parameters.
public struct TwilioSignature: Sendable {
    private let key: SymmetricKey

    public init(authToken: String) {
        key = SymmetricKey(data: Data(authToken.utf8))
    }

    /// The signature of a form webhook: URL, then each parameter name+value sorted by name (then value).
    public func compute(url: String, parameters: [(String, String)]) -> String {
        var text = url
        for (name, value) in parameters.sorted(by: { ($0.0, $0.1) < ($1.0, $1.1) }) {
            text += name + value
        }
        let mac = HMAC<Insecure.SHA1>.authenticationCode(for: Data(text.utf8), using: key)
        return Data(mac).base64EncodedString()
    }

    /// Whether `signature` matches a form webhook, trying the URL as given, without its port, and with the default port.
    public func isValid(signature: String, url: String, parameters: [(String, String)]) -> Bool {
        var valid = false
        for candidate in Self.urlVariants(url) {
            // Evaluate every variant: no early exit on a match.
            if ConstantTime.equals(compute(url: candidate, parameters: parameters), signature) { valid = true }
        }
        return valid
    }

    /// Whether `signature` matches a JSON webhook: the URL's `bodySHA256` must be the body's SHA-256 and the
    /// signature is over the URL alone.
    public func isValid(signature: String, url: String, jsonBody: [UInt8]) -> Bool {
        guard let expected = FormFields(query: url)["bodySHA256"] else { return false }
        let actual = DigestText.hex(SHA256.hash(data: jsonBody))
        let bodyMatches = ConstantTime.equals(actual, expected.lowercased())
        return isValid(signature: signature, url: url, parameters: []) && bodyMatches
    }

    /// The SHA-256 hex Twilio puts in `bodySHA256`.
    public static func bodyHash(_ body: [UInt8]) -> String { DigestText.hex(SHA256.hash(data: body)) }

    /// The URL as given, with any explicit port removed, and with the scheme's default port added.
    /// String surgery on the authority (no `URLComponents`: it re-encodes and is slow on Linux).
    static func urlVariants(_ url: String) -> [String] {
        guard let schemeEnd = url.range(of: "://") else { return [url] }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        let authorityStart = schemeEnd.upperBound
        let authorityEnd = url[authorityStart...].firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? url.endIndex
        let authority = url[authorityStart..<authorityEnd]
        let hostStart = authority.lastIndex(of: "@").map { authority.index(after: $0) } ?? authority.startIndex
        let host = authority[hostStart...]
        let prefix = url[..<hostStart]
        let rest = url[authorityEnd...]
        // A port is a `:digits` suffix after any IPv6 `]`.
        let afterBracket = host.lastIndex(of: "]").map { host.index(after: $0) } ?? host.startIndex
        if let colon = host[afterBracket...].lastIndex(of: ":"), host[host.index(after: colon)...].allSatisfy(\.isNumber) {
            return [url, String(prefix) + String(host[..<colon]) + String(rest)]
        }
        guard let port = scheme == "https" ? "443" : scheme == "http" ? "80" : nil else { return [url] }
        return [url, String(prefix) + String(host) + ":" + port + String(rest)]
    }
}
