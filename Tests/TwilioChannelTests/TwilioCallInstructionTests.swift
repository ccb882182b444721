import ProviderHTTP
import RevenueCore
import Testing
@testable import TwilioChannel

/// What the daemon answers a `<Gather>` with (TwiML for each `CallInstruction`), the transfer's callbacks
/// (whisper and `DialCallStatus`), and how an answer is matched against the step's options.
@Suite struct TwilioCallInstructionTests {
    let adapter = TwilioAdapter(accountSID: "AC1", authToken: "secret", from: "+13055550100", voice: "Polly.Mia", transport: NoTransport())
    let header = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>"

    func post(_ fields: [(String, String)], url: String) throws -> WebhookResult {
        let signature = TwilioSignature(authToken: "secret").compute(url: url, parameters: fields)
        return try adapter.handleWebhook(WebhookRequest(
            method: "POST", url: url,
            headers: [HeaderField("Content-Type", "application/x-www-form-urlencoded"), HeaderField("X-Twilio-Signature", signature)],
            body: FormEncoding.encode(fields)))
    }

    @Test func sayThenHangUpAndWhisperWithout() {
        let bye = adapter.reply(for: .say("Listo & adiós", language: .es, hangUp: true))
        #expect(bye.status == 200 && bye.contentType == "text/xml")
        #expect(bye.body == header + "<Say language=\"es-MX\" voice=\"Polly.Mia\">Listo &amp; adiós</Say><Hangup/></Response>")
        // A whisper must not hang up: the client's leg is connected to the lead after it.
        let whisper = TwiML.reply(for: .say("Transferred call: John", language: .en, hangUp: false), voice: nil)
        #expect(whisper == header + "<Say language=\"en-US\">Transferred call: John</Say></Response>")
        #expect(TwiML.reply(for: .say("", language: .en, hangUp: true), voice: nil) == header + "<Hangup/></Response>")
    }

    @Test func gatherAgainCarriesTheMenuAndTheAttempt() {
        let options = [VoiceOption(digit: "1", speech: ["cita"], intent: .book), VoiceOption(digit: "9", speech: ["no me llame"], intent: .optOut)]
        let xml = TwiML.reply(for: .gather(prompt: "Disculpe. Oprima 1 para agendar.", options: options, language: .es,
                                           actionURL: "https://h.example/webhooks/twilio?touch=t1&org=o1&attempt=2", noInput: "Hasta luego."), voice: nil)
        #expect(xml == header
            + "<Gather input=\"speech dtmf\" language=\"es-MX\" timeout=\"5\" speechTimeout=\"auto\" numDigits=\"1\" hints=\"cita, no me llame\""
            + " action=\"https://h.example/webhooks/twilio?touch=t1&amp;org=o1&amp;attempt=2\" method=\"POST\">"
            + "<Say language=\"es-MX\">Disculpe. Oprima 1 para agendar.</Say></Gather><Say language=\"es-MX\">Hasta luego.</Say><Hangup/></Response>")
    }

    @Test func dialRingsTheClientWithAWhisperAndReportsBack() {
        let xml = TwiML.reply(for: .dial(text: "Un momento.", language: .es, number: "+13055550111",
                                         whisperURL: "https://h.example/webhooks/twilio?touch=t1&org=o1&event=whisper",
                                         actionURL: "https://h.example/webhooks/twilio?touch=t1&org=o1&event=dial", timeoutSeconds: 20), voice: nil)
        #expect(xml == header + "<Say language=\"es-MX\">Un momento.</Say>"
            + "<Dial action=\"https://h.example/webhooks/twilio?touch=t1&amp;org=o1&amp;event=dial\" method=\"POST\" timeout=\"20\">"
            + "<Number url=\"https://h.example/webhooks/twilio?touch=t1&amp;org=o1&amp;event=whisper\" method=\"POST\">+13055550111</Number></Dial></Response>")
    }

    @Test func callScriptIsUnchangedByTheRefactor() {
        let message = OutboundMessage(touchID: "t1", orgID: "o1", channel: .voice, to: "+13055550142", language: .es, body: "Hola",
                                      voicemail: "Le llamamos", voiceOptions: [VoiceOption(digit: "1", speech: ["cita"], intent: .book)],
                                      now: .init(timeIntervalSince1970: 0), idempotencyKey: "k")
        #expect(TwiML.callScript(for: message, voice: nil, gatherActionURL: "https://h/x?a=1&b=2") == header
            + "<Gather input=\"speech dtmf\" language=\"es-MX\" timeout=\"5\" speechTimeout=\"auto\" numDigits=\"1\" hints=\"cita\" action=\"https://h/x?a=1&amp;b=2\" method=\"POST\">"
            + "<Say language=\"es-MX\">Hola</Say></Gather><Say language=\"es-MX\">Le llamamos</Say><Hangup/></Response>")
    }

    @Test(arguments: [("completed", DialResult.completed), ("answered", .completed), ("busy", .busy), ("no-answer", .noAnswer),
                      ("failed", .failed), ("canceled", .canceled)] as [(String, DialResult)])
    func dialActionCallback(status: String, result: DialResult) throws {
        let parsed = try post([("AccountSid", "AC1"), ("CallSid", "CA1"), ("CallStatus", "in-progress"), ("DialCallStatus", status),
                               ("DialCallSid", "CA2"), ("DialCallDuration", "0")],
                              url: "https://h.example/webhooks/twilio?touch=t1&org=o1&event=dial")
        #expect(parsed.events == [.callTransfer(CallTransferEvent(provider: .twilio, providerCallID: "CA1", stage: .ended(result)))])
        #expect(parsed.events.first?.outcome == nil)
    }

    @Test func whisperRequestNamesTheLeadsCall() throws {
        let parsed = try post([("AccountSid", "AC1"), ("CallSid", "CA2"), ("ParentCallSid", "CA1"), ("CallStatus", "in-progress"), ("Direction", "outbound-dial")],
                              url: "https://h.example/webhooks/twilio?touch=t1&org=o1&event=whisper")
        #expect(parsed.events == [.callTransfer(CallTransferEvent(provider: .twilio, providerCallID: "CA1", stage: .whisper))])
    }

    @Test func whisperSignedForAnotherURLIsRejected() {
        let fields = [("CallSid", "CA2"), ("ParentCallSid", "CA1")]
        let signature = TwilioSignature(authToken: "secret").compute(url: "https://h.example/webhooks/twilio?touch=t1&org=o1&event=dial", parameters: fields)
        #expect(throws: ChannelError.self) {
            try adapter.handleWebhook(WebhookRequest(
                method: "POST", url: "https://h.example/webhooks/twilio?touch=t1&org=o1&event=whisper",
                headers: [HeaderField("Content-Type", "application/x-www-form-urlencoded"), HeaderField("X-Twilio-Signature", signature)],
                body: FormEncoding.encode(fields)))
        }
    }

    static let options = [
        VoiceOption(digit: "1", speech: ["cita", "agendar", "appointment"], intent: .book),
        VoiceOption(digit: "2", speech: ["asesor", "hablar con alguien", "person"], intent: .transfer),
        VoiceOption(digit: "3", speech: ["más tarde", "call back", "later"], intent: .callback),
        VoiceOption(digit: "9", speech: ["no me llame", "no llamar", "stop"], intent: .optOut),
    ]

    @Test(arguments: [
        ("1", nil, VoiceIntent.book), ("2", nil, .transfer), ("3", nil, .callback), ("9", nil, .optOut), (" 9", nil, .optOut),
        (nil, "Quiero una CITA, por favor", .book), (nil, "NO ME LLAME más", .optOut), (nil, "Llámeme MAS TARDE", .callback),
        (nil, "Mas tarde", .callback), (nil, "Stop calling me", .optOut), (nil, "can you call back later", .callback),
        // Both an appointment and "no me llame": the opt-out wins.
        (nil, "No quiero cita, no me llame", .optOut),
    ] as [(String?, String?, VoiceIntent)])
    func matchedOption(digits: String?, speech: String?, intent: VoiceIntent) {
        #expect(CallInputEvent(provider: .twilio, providerCallID: "CA1", digits: digits, speech: speech).matchedOption(in: Self.options)?.intent == intent)
    }

    @Test func unmatchedAnswers() {
        for (digits, speech) in [("7", nil), (nil, "citadino"), (nil, "¿qué?"), (nil, "")] as [(String?, String?)] {
            #expect(CallInputEvent(provider: .twilio, providerCallID: "CA1", digits: digits, speech: speech).matchedOption(in: Self.options) == nil)
        }
    }
}
