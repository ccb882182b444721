import Crypto
import Foundation
import RevenueCore

/// Making and hashing API token secrets: `revasi_` + 32 random bytes (hex); stored as SHA-256 only.
public enum APITokenSecret {
    /// SHA-256 of a secret, lower-case hex: what `api_tokens.token_hash` holds.
    public static func hash(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// A new secret and the token row to store for `org`. Print the secret once; never log it.
    public static func make(org: OrgID, label: String? = nil, now: Date) -> (secret: String, token: APIToken) {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let secret = "revasi_" + bytes.map { String(format: "%02x", $0) }.joined()
        let id = "tok_" + String(hash(secret).prefix(12))
        return (secret, APIToken(id: id, orgID: org, tokenHash: hash(secret), label: label, createdAt: now))
    }
}
