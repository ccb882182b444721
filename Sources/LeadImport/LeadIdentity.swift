import Crypto
import RevenueCore

/// Deterministic lead ids: the same org and key always give the same id, so importing a file twice
/// adds nothing new. Key: the file's own id if the row has one, else the E.164 phone, else the e-mail.
///
/// `lead_` + 24 hex digits of SHA-256(org ␟ kind ␟ key): opaque (no personal data in ids or logs),
/// scoped to the org (two orgs importing the same number get different leads).
struct LeadIdentity: Sendable {
    let org: OrgID

    func id(externalID: String?, phone: String?, email: String?) -> LeadID {
        if let externalID { return make("ext", externalID) }
        if let phone { return make("tel", phone) }
        return make("mail", email ?? "")
    }

    private func make(_ kind: String, _ key: String) -> LeadID {
        var input: [UInt8] = []
        input.reserveCapacity(org.rawValue.utf8.count + kind.utf8.count + key.utf8.count + 2)
        input.append(contentsOf: org.rawValue.utf8)
        input.append(0x1F)
        input.append(contentsOf: kind.utf8)
        input.append(0x1F)
        input.append(contentsOf: key.utf8)
        let digest = SHA256.hash(data: input)
        var text: [UInt8] = Array("lead_".utf8)
        text.reserveCapacity(29)
        for byte in digest.prefix(12) {
            text.append(Self.hex[Int(byte >> 4)])
            text.append(Self.hex[Int(byte & 0x0F)])
        }
        return LeadID(String(decoding: text, as: UTF8.self))
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)
}
