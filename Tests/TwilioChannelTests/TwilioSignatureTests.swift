import RevenueCore
import Testing
@testable import TwilioChannel

/// Vectors from Twilio's own SDK test suites (twilio-python `tests/unit/test_request_validator.py`).
@Suite struct TwilioSignatureTests {
    let signer = TwilioSignature(authToken: "12345")
    let url = "https://mycompany.com/myapp.php?foo=1&bar=2"
    let params: [(String, String)] = [
        ("CallSid", "CA1234567890ABCDE"), ("Caller", "+14158675309"), ("Digits", "1234"),
        ("From", "+14158675309"), ("To", "+18005551212"),
    ]
    let body = Array("{\"property\": \"value\", \"boolean\": true}".utf8)

    @Test func computesTheSDKSignature() {
        #expect(signer.compute(url: url, parameters: params) == "RSOYDt4T1cUTdK1PDd93/VVr8B8=")
        #expect(signer.compute(url: url, parameters: params.reversed()) == "RSOYDt4T1cUTdK1PDd93/VVr8B8=")
    }

    @Test func validatesWithAndWithoutThePort() {
        #expect(signer.isValid(signature: "RSOYDt4T1cUTdK1PDd93/VVr8B8=", url: url, parameters: params))
        // Signed with :443 added, received without it.
        #expect(signer.isValid(signature: "kvajT1Ptam85bY51eRf/AJRuM3w=", url: url, parameters: params))
        // Received with a port, signed without.
        #expect(signer.isValid(signature: "RSOYDt4T1cUTdK1PDd93/VVr8B8=", url: "https://mycompany.com:1234/myapp.php?foo=1&bar=2", parameters: params))
        // http with port 1234 as signed.
        #expect(signer.isValid(signature: "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=", url: "http://mycompany.com:1234/myapp.php?foo=1&bar=2", parameters: params))
        // http signed with :80 added.
        #expect(signer.isValid(signature: "0ZXoZLH/DfblKGATFgpif+LLRf4=", url: "http://mycompany.com/myapp.php?foo=1&bar=2", parameters: params))
    }

    @Test func sortsDuplicateParametersByValue() {
        let duplicates: [(String, String)] = [("Sid", "CA123"), ("SidAccount", "AC123"), ("Digits", "5678"), ("Digits", "1234")]
        #expect(signer.compute(url: url, parameters: duplicates) == "IK+Dwps556ElfBT0I3Rgjkr1wJU=")
    }

    @Test func validatesJSONBodiesThroughBodySHA256() {
        #expect(TwilioSignature.bodyHash(body) == "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620")
        let signedURL = url + "&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620"
        #expect(signer.isValid(signature: "a9nBmqA0ju/hNViExpshrM61xv4=", url: signedURL, jsonBody: body))
        // A different body no longer matches its hash.
        #expect(!signer.isValid(signature: "a9nBmqA0ju/hNViExpshrM61xv4=", url: signedURL, jsonBody: Array("{}".utf8)))
    }

    @Test func rejectsTamperedRequests() {
        var tampered = params
        tampered[2] = ("Digits", "9999")
        #expect(!signer.isValid(signature: "RSOYDt4T1cUTdK1PDd93/VVr8B8=", url: url, parameters: tampered))
        #expect(!signer.isValid(signature: "RSOYDt4T1cUTdK1PDd93/VVr8B8=", url: url + "&x=1", parameters: params))
        #expect(!TwilioSignature(authToken: "54321").isValid(signature: "RSOYDt4T1cUTdK1PDd93/VVr8B8=", url: url, parameters: params))
    }

    @Test func adapterVerifiesFormAndJSONWebhooks() throws {
        let adapter = TwilioAdapter(accountSID: "AC1", authToken: "12345", from: "+13055550100", transport: NoTransport())
        let form = "CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234&From=%2B14158675309&To=%2B18005551212"
        let good = WebhookRequest(method: "POST", url: url, headers: [HeaderField("x-twilio-signature", "RSOYDt4T1cUTdK1PDd93/VVr8B8="), HeaderField("Content-Type", "application/x-www-form-urlencoded")], body: Array(form.utf8))
        try adapter.verifyWebhook(good)
        var bad = good
        bad.headers[0] = HeaderField("X-Twilio-Signature", "AAAAAAAAAAAAAAAAAAAAAAAAAAA=")
        #expect(throws: ChannelError(.invalidSignature, provider: .twilio, code: "mismatch")) { try adapter.verifyWebhook(bad) }
        var missing = good
        missing.headers = []
        #expect(throws: ChannelError(.invalidSignature, provider: .twilio, code: "missing")) { try adapter.verifyWebhook(missing) }
        let json = WebhookRequest(
            method: "POST", url: url + "&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620",
            headers: [HeaderField("X-Twilio-Signature", "a9nBmqA0ju/hNViExpshrM61xv4="), HeaderField("Content-Type", "application/json")], body: body)
        try adapter.verifyWebhook(json)
    }
}

/// A transport that must never be called.
struct NoTransport: HTTPTransport {
    func send(_ request: TransportRequest) async throws(TransportError) -> TransportResponse {
        Issue.record("unexpected HTTP request")
        throw .connectionFailed
    }
}

@Suite struct TwilioURLVariantTests {
    @Test func portsAreAddedOrRemoved() {
        #expect(TwilioSignature.urlVariants("https://a.example/p?x=1") == ["https://a.example/p?x=1", "https://a.example:443/p?x=1"])
        #expect(TwilioSignature.urlVariants("http://a.example?x=1") == ["http://a.example?x=1", "http://a.example:80?x=1"])
        #expect(TwilioSignature.urlVariants("https://a.example:8443/p") == ["https://a.example:8443/p", "https://a.example/p"])
        #expect(TwilioSignature.urlVariants("https://u:p@a.example/p") == ["https://u:p@a.example/p", "https://u:p@a.example:443/p"])
        #expect(TwilioSignature.urlVariants("http://[::1]:8080/x") == ["http://[::1]:8080/x", "http://[::1]/x"])
        #expect(TwilioSignature.urlVariants("not a url") == ["not a url"])
    }
}
