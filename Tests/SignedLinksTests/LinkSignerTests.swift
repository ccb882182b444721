import Foundation
import RevenueCore
import SignedLinks
import Testing

/// The signed per-lead link tokens: round trip, tampering, truncation, purpose and key separation.
@Suite struct LinkSignerTests {
    static let key = Array("0123456789abcdef0123456789abcdef".utf8)
    let signer = LinkSigner(key: LinkSignerTests.key)

    @Test func roundTripNamesOrgAndLeadOnly() throws {
        let token = signer.token(org: "org-1", lead: "lead-42", purpose: .unsubscribe)
        let hit = try #require(signer.verify(token, purpose: .unsubscribe))
        #expect(hit.org == OrgID("org-1") && hit.lead == LeadID("lead-42"))
        // URL-safe: no padding, no `+` or `/`; deterministic for the same lead.
        #expect(token.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        #expect(token == signer.token(org: "org-1", lead: "lead-42", purpose: .unsubscribe))
        #expect(token != signer.token(org: "org-1", lead: "lead-43", purpose: .unsubscribe))
    }

    @Test func unicodeAndLongIDsRoundTrip() throws {
        let lead = LeadID(String(repeating: "ñ", count: 300))
        let token = signer.token(org: "org-é", lead: lead, purpose: .booking)
        let hit = try #require(signer.verify(token, purpose: .booking))
        #expect(hit.org == OrgID("org-é") && hit.lead == lead)
    }

    @Test func wrongPurposeIsRejected() {
        let token = signer.token(org: "org-1", lead: "lead-42", purpose: .booking)
        #expect(signer.verify(token, purpose: .unsubscribe) == nil)
        #expect(signer.verify(token, purpose: .booking) != nil)
    }

    @Test func everySingleCharacterChangeIsRejected() {
        let token = signer.token(org: "org-1", lead: "lead-42", purpose: .unsubscribe)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        var characters = Array(token)
        for index in characters.indices {
            let original = characters[index]
            for replacement in alphabet where replacement != original {
                characters[index] = replacement
                #expect(signer.verify(String(characters), purpose: .unsubscribe) == nil, "changed at \(index)")
            }
            characters[index] = original
        }
    }

    @Test func truncatedExtendedAndGarbageTokensAreRejected() {
        let token = signer.token(org: "org-1", lead: "lead-42", purpose: .unsubscribe)
        for cut in 1..<token.count {
            #expect(signer.verify(String(token.prefix(cut)), purpose: .unsubscribe) == nil)
        }
        #expect(signer.verify(token + "A", purpose: .unsubscribe) == nil)
        #expect(signer.verify(token + "AA", purpose: .unsubscribe) == nil)
        #expect(signer.verify(token + "=", purpose: .unsubscribe) == nil)
        for garbage in ["", "%%%", "a b", String(repeating: "A", count: 5000), "lead-42"] {
            #expect(signer.verify(garbage, purpose: .unsubscribe) == nil)
        }
    }

    @Test func anotherKeyDoesNotVerify() {
        let token = signer.token(org: "org-1", lead: "lead-42", purpose: .unsubscribe)
        let other = LinkSigner(key: Array("another key of thirty-two bytes!".utf8))
        #expect(other.verify(token, purpose: .unsubscribe) == nil)
    }

    @Test func tokenCarriesNoAddress() throws {
        // The payload is version, purpose and the two ids: nothing else to leak.
        let token = signer.token(org: "o", lead: "l", purpose: .unsubscribe)
        var standard = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        standard += String(repeating: "=", count: (4 - standard.count % 4) % 4)
        let bytes = try #require(Data(base64Encoded: standard))
        #expect(Array(bytes.prefix(8)) == [1, 1, 0, 1, UInt8(ascii: "o"), 0, 1, UInt8(ascii: "l")])
        #expect(bytes.count == 8 + 32)
    }

    @Test func leadLinksBuildUnsubscribeURLs() throws {
        let links = signer.leadLinks(publicBaseURL: "https://hooks.example.com/")
        let url = try #require(links.unsubscribe("org-1", "lead-42"))
        #expect(url.hasPrefix("https://hooks.example.com/u/"))
        let token = String(url.dropFirst("https://hooks.example.com/u/".count))
        #expect(signer.verify(token, purpose: .unsubscribe)?.lead == LeadID("lead-42"))
        #expect(links.booking("org-1", "lead-42") == nil)
    }
    // `LinkSigner.load(from:now:)` against SQLite and PostgreSQL: RuntimeTests/UnsubscribeAndRepliesTests.
}
