import Crypto
import Foundation
import RevenueCore

/// What a signed link is for: a token made for one purpose never verifies for another.
public enum LinkPurpose: String, Sendable, CaseIterable {
    case unsubscribe, booking

    /// The byte the token carries (and the MAC covers).
    var code: UInt8 {
        switch self {
        case .unsubscribe: 1
        case .booking: 2
        }
    }
}

/// Signs and verifies per-lead link tokens: version, purpose, org id and lead id, then an HMAC-SHA256
/// of those bytes, base64url without padding. No address, no name: the token names the lead only.
public struct LinkSigner: Sendable {
    /// The format version the first byte carries.
    static let version: UInt8 = 1
    /// Bytes of the HMAC-SHA256 tag.
    static let tagLength = 32
    /// The shared secret's name in the store.
    public static let secretName = "link-signing-key"

    private let key: SymmetricKey

    /// A signer with this key (every daemon on the database must use the same one).
    public init(key: [UInt8]) {
        self.key = SymmetricKey(data: key)
    }

    /// The signer every daemon on `store` shares: the key is created once (32 random bytes) and survives restarts.
    public static func load(from store: any Store, now: Date) async throws -> LinkSigner {
        let candidate = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
        let stored = try await store.sharedSecret(named: secretName, candidate: candidate, at: now)
        let bytes = Data(base64Encoded: stored).map { [UInt8]($0) } ?? Array(stored.utf8)
        return LinkSigner(key: bytes)
    }

    /// The token for a lead's link of `purpose`.
    public func token(org: OrgID, lead: LeadID, purpose: LinkPurpose) -> String {
        var payload: [UInt8] = [Self.version, purpose.code]
        Self.append(org.rawValue, to: &payload)
        Self.append(lead.rawValue, to: &payload)
        let tag = HMAC<SHA256>.authenticationCode(for: payload, using: key)
        return Base64URL.encode(payload + Array(tag))
    }

    /// The org and lead a token names, or nil when it is malformed, tampered, truncated, of another
    /// version or made for another purpose.
    public func verify(_ token: String, purpose: LinkPurpose) -> (org: OrgID, lead: LeadID)? {
        guard token.utf8.count <= 2048, let bytes = Base64URL.decode(token), bytes.count > Self.tagLength + 6 else { return nil }
        let payload = Array(bytes.dropLast(Self.tagLength))
        let tag = Array(bytes.suffix(Self.tagLength))
        // Constant-time comparison (swift-crypto) before anything in the payload is trusted.
        guard HMAC<SHA256>.isValidAuthenticationCode(tag, authenticating: payload, using: key) else { return nil }
        guard payload[0] == Self.version, payload[1] == purpose.code else { return nil }
        var cursor = 2
        guard let org = Self.read(payload, at: &cursor), let lead = Self.read(payload, at: &cursor), cursor == payload.count,
              !org.isEmpty, !lead.isEmpty else { return nil }
        return (OrgID(org), LeadID(lead))
    }

    /// The per-lead URLs the engine renders and the dispatcher puts on e-mail: `{base}/u/{token}`.
    public func leadLinks(publicBaseURL: String) -> LeadLinks {
        var base = publicBaseURL
        while base.hasSuffix("/") { base.removeLast() }
        let signer = self
        return LeadLinks(unsubscribe: { [base] org, lead in "\(base)/u/\(signer.token(org: org, lead: lead, purpose: .unsubscribe))" })
    }

    /// Appends a UTF-8 string with a two-byte big-endian length (ids longer than 65 535 bytes are cut).
    private static func append(_ text: String, to bytes: inout [UInt8]) {
        let utf8 = Array(text.utf8.prefix(Int(UInt16.max)))
        bytes.append(UInt8(utf8.count >> 8))
        bytes.append(UInt8(utf8.count & 0xFF))
        bytes.append(contentsOf: utf8)
    }

    /// Reads one length-prefixed UTF-8 string, or nil when the bytes run out or are not UTF-8.
    private static func read(_ bytes: [UInt8], at cursor: inout Int) -> String? {
        guard cursor + 2 <= bytes.count else { return nil }
        let length = Int(bytes[cursor]) << 8 | Int(bytes[cursor + 1])
        cursor += 2
        guard cursor + length <= bytes.count else { return nil }
        let slice = bytes[cursor..<(cursor + length)]
        cursor += length
        return String(bytes: slice, encoding: .utf8)
    }
}

/// RFC 4648 §5 base64url without padding.
enum Base64URL {
    /// The unpadded base64url text of `bytes`.
    static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// The bytes, or nil for text outside the base64url alphabet (padding, `+`, `/` and spaces are refused).
    static func decode(_ text: String) -> [UInt8]? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0.isBase64URL }), text.utf8.count % 4 != 1 else { return nil }
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        standard += String(repeating: "=", count: (4 - standard.utf8.count % 4) % 4)
        // Only the canonical spelling decodes: no two tokens name the same bytes.
        guard let bytes = Data(base64Encoded: standard).map({ [UInt8]($0) }), encode(bytes) == text else { return nil }
        return bytes
    }
}

extension UInt8 {
    fileprivate var isBase64URL: Bool {
        (0x41...0x5A).contains(self) || (0x61...0x7A).contains(self) || (0x30...0x39).contains(self) || self == 0x2D || self == 0x5F
    }
}
