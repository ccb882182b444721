import Foundation
import ProviderHTTP
import RevenueCore
import RevenueTesting
import Testing

@Suite struct ProviderHTTPTests {
    @Test func formRoundTrip() {
        let pairs = [("To", "+13055550100"), ("Body", "Hola & adiós = sí"), ("Body", "dos")]
        let encoded = FormEncoding.encode(pairs)
        #expect(String(decoding: encoded, as: UTF8.self) == "To=%2B13055550100&Body=Hola%20%26%20adi%C3%B3s%20%3D%20s%C3%AD&Body=dos")
        let decoded = FormEncoding.decode(encoded)
        #expect(decoded.map(\.0) == ["To", "Body", "Body"])
        #expect(decoded.map(\.1) == pairs.map(\.1))
        #expect(FormFields(Array("a=1+2&b=%2B".utf8))["a"] == "1 2")
        #expect(FormFields(query: "https://x.example/p?hub.mode=subscribe&hub.challenge=9")["hub.challenge"] == "9")
    }

    @Test func constantTimeEquality() {
        #expect(ConstantTime.equals("abc", "abc"))
        #expect(!ConstantTime.equals("abc", "abd"))
        #expect(!ConstantTime.equals("abc", "abcd"))
        #expect(DigestText.hex([0x00, 0xab, 0xff]) == "00abff")
    }

    @Test func urlSessionTransportSpeaksHTTP() async throws {
        try await FakeProviderServer.run(handler: { request in
            .json(201, ["method": request.method, "header": request.header("X-Test") ?? "", "body": request.bodyText], headers: [HeaderField("Retry-After", "3")])
        }) { server in
            let response = try await URLSessionTransport().send(TransportRequest(
                method: "POST", url: server.baseURL + "/echo?x=1", headers: [HeaderField("X-Test", "yes")], body: Array("hello".utf8)))
            #expect(response.status == 201)
            let json = try #require(ProviderResponse.jsonObject(response.body))
            #expect(json["method"] as? String == "POST")
            #expect(json["header"] as? String == "yes")
            #expect(json["body"] as? String == "hello")
            #expect(ProviderResponse.retryAfter(response) == 3)
            let recorded = try #require(await server.log.last)
            #expect(recorded.path == "/echo")
            #expect(recorded.query == "x=1")
        }
    }

    @Test func urlSessionTransportTimesOut() async throws {
        try await FakeProviderServer.run(handler: { _ in
            try? await Task.sleep(nanoseconds: 3_000_000_000)
            return .text(200, "late")
        }) { server in
            let error = await #expect(throws: TransportError.self) {
                try await URLSessionTransport().send(TransportRequest(method: "GET", url: server.baseURL + "/slow", timeoutSeconds: 0.5))
            }
            #expect(error == .timedOut)
            #expect(ProviderResponse.error(.timedOut, provider: .twilio).decision == .retry(afterSeconds: nil))
        }
    }

    @Test func invalidURLIsMisconfiguration() async {
        let error = await #expect(throws: TransportError.self) { try await URLSessionTransport().send(TransportRequest(method: "GET", url: "ftp://nope")) }
        #expect(error == .invalidURL)
        #expect(ProviderResponse.error(.invalidURL, provider: .twilio).decision == .halt)
    }

    @Test func stubTransportRecords() async throws {
        let stub = StubTransport { _ in .success(TransportResponse(status: 204)) }
        let response = try await stub.send(TransportRequest(method: "DELETE", url: "http://127.0.0.1/x"))
        #expect(response.status == 204)
        #expect(await stub.requests.map(\.method) == ["DELETE"])
    }
}

@Suite struct TransportDeadlineTests {
    @Test func aDripFeedingServerStillHitsTheDeadline() async throws {
        // The fake answers after 1.5 s; the request allows 0.7 s in total.
        try await FakeProviderServer.run(handler: { _ in
            try? await Task.sleep(nanoseconds: 1_500_000_000)
            return .text(200, "late")
        }) { server in
            let started = ContinuousClock.now
            let error = await #expect(throws: TransportError.self) {
                try await URLSessionTransport().send(TransportRequest(method: "GET", url: server.baseURL + "/drip", timeoutSeconds: 0.7))
            }
            #expect(error == .timedOut)
            #expect(ContinuousClock.now - started < .seconds(1.4))
        }
    }
}
