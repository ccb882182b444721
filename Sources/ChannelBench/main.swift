// `ChannelBench`: webhook verification + parsing and sandbox sends, each next to a baseline measured
// in the same run (see docs/performance.md, "Channels").
import Crypto
import Foundation
import ProviderHTTP
import RevenueCore
import SandboxChannel
import TwilioChannel
import WhatsAppCloudChannel

/// Thread CPU time in nanoseconds (other processes on the machine do not inflate it).
func threadNanoseconds() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
}

/// Median over `rounds` of the CPU time per operation for `count` operations, in microseconds.
func measure(rounds: Int = 9, count: Int, _ body: (Int) throws -> Void) rethrows -> Double {
    var samples: [Double] = []
    for _ in 0..<rounds {
        let start = threadNanoseconds()
        for i in 0..<count { try body(i) }
        samples.append(Double(threadNanoseconds() - start) / Double(count) / 1000)
    }
    return samples.sorted()[rounds / 2]
}

func line(_ label: String, _ microseconds: Double) {
    let padded = label.padding(toLength: 56, withPad: " ", startingAt: 0)
    print("  \(padded) \(String(format: "%8.2f", microseconds)) µs/op  \(String(format: "%10.0f", 1_000_000 / microseconds)) op/s")
}

struct NoTransport: HTTPTransport {
    func send(_ request: TransportRequest) async throws(TransportError) -> TransportResponse { throw .connectionFailed }
}

let count = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 20_000

// 1. Twilio status callback: verify X-Twilio-Signature, parse into a CallStatusEvent.
let token = "0123456789abcdef0123456789abcdef"
let url = "https://hooks.example.com/webhooks/twilio?touch=t-123&org=org-1"
let fields: [(String, String)] = [
    ("AccountSid", "AC0123456789abcdef0123456789abcdef"), ("ApiVersion", "2010-04-01"), ("CallSid", "CA0123456789abcdef0123456789abcdef"),
    ("CallStatus", "completed"), ("CallDuration", "42"), ("Duration", "1"), ("AnsweredBy", "machine_end_beep"), ("Called", "+13055550199"),
    ("Caller", "+13055550100"), ("Direction", "outbound-api"), ("From", "+13055550100"), ("To", "+13055550199"),
    ("SequenceNumber", "3"), ("Timestamp", "Tue, 24 Nov 2026 23:10:00 +0000"),
]
let twilio = TwilioAdapter(accountSID: "AC1", authToken: token, from: "+13055550100", transport: NoTransport())
let signature = TwilioSignature(authToken: token).compute(url: url, parameters: fields)
let twilioRequest = WebhookRequest(
    method: "POST", url: url,
    headers: [HeaderField("Content-Type", "application/x-www-form-urlencoded"), HeaderField("X-Twilio-Signature", signature)],
    body: FormEncoding.encode(fields))
let canonical = Data((url + fields.sorted { $0.0 < $1.0 }.map { $0.0 + $0.1 }.joined()).utf8)
let key = SymmetricKey(data: Data(token.utf8))
print("channels: \(count) operations per round, median of 9 rounds, thread CPU time")
print("Twilio status callback (14 form fields)")
line("verify signature + parse (TwilioAdapter.handleWebhook)", try measure(count: count) { _ in _ = try twilio.handleWebhook(twilioRequest) })
line("baseline: one HMAC-SHA1 over the signed string", measure(count: count) { _ in _ = HMAC<Insecure.SHA1>.authenticationCode(for: canonical, using: key) })

// 2. Meta statuses webhook: verify X-Hub-Signature-256, parse two statuses.
let metaBody = Array(#"{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"statuses":[{"id":"wamid.A","status":"delivered","timestamp":"1790000200","recipient_id":"13055550199"},{"id":"wamid.B","status":"failed","timestamp":"1790000300","recipient_id":"13055550198","errors":[{"code":131047,"title":"Re-engagement message"}]}]},"field":"messages"}]}]}"#.utf8)
let meta = WhatsAppCloudAdapter(phoneNumberID: "106540352242922", accessToken: "t", appSecret: "secret", verifyToken: "v", transport: NoTransport())
let metaRequest = WebhookRequest(method: "POST", url: "https://hooks.example.com/webhooks/whatsapp", headers: [HeaderField("X-Hub-Signature-256", meta.signature(for: metaBody))], body: metaBody)
let metaKey = SymmetricKey(data: Data("secret".utf8))
print("Meta WhatsApp statuses webhook (\(metaBody.count) bytes, 2 statuses)")
line("verify signature + parse (WhatsAppCloudAdapter)", try measure(count: count) { _ in _ = try meta.handleWebhook(metaRequest) })
line("baseline: one HMAC-SHA256 of the body", measure(count: count) { _ in _ = HMAC<SHA256>.authenticationCode(for: metaBody, using: metaKey) })
line("baseline: JSONSerialization of the body", measure(count: count) { _ in _ = try? JSONSerialization.jsonObject(with: Data(metaBody)) })

// 3. Sandbox: decide an outcome and build the provider-like events (no I/O).
let sandbox = SandboxAdapter(seed: 42)
let touches = (0..<1000).map { i in
    OutboundMessage(touchID: TouchID("t\(i)"), orgID: "org", channel: Channel.allCases[i % 4], to: i % 4 == 3 ? "ana@example.com" : "+13055550199",
                    language: .es, body: "Hola", template: ApprovedTemplate(name: "x", languageCode: "es_MX"),
                    now: Date(timeIntervalSince1970: 1_790_000_000), idempotencyKey: "lead-\(i)/camp/abcdef0123456789/1/0")
}
print("Sandbox (4 channels)")
line("outcome + simulated events (SandboxAdapter)", measure(count: count) { i in
    let touch = touches[i % touches.count]
    let receipt = SendReceipt(provider: .sandbox, providerMessageID: "SBX", status: .delivered, simulatedOutcome: sandbox.outcome(for: touch))
    _ = sandbox.simulatedEvents(for: touch, receipt: receipt)
})
line("baseline: SHA-256 of the idempotency key", measure(count: count) { i in _ = SHA256.hash(data: Data(touches[i % touches.count].idempotencyKey.utf8)) })
