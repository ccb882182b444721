import ProviderHTTP
import RevenueCore
import Testing
@testable import TwilioChannel

/// Twilio callbacks shaped like the real ones (form-encoded, Twilio's field names).
@Suite struct TwilioWebhookTests {
    let adapter = TwilioAdapter(accountSID: "AC1", authToken: "secret", from: "+13055550100", transport: NoTransport())
    let url = "https://hooks.example.com/webhooks/twilio"

    func post(_ fields: [(String, String)]) throws -> WebhookResult {
        let signature = TwilioSignature(authToken: "secret").compute(url: url, parameters: fields)
        return try adapter.handleWebhook(WebhookRequest(
            method: "POST", url: url,
            headers: [HeaderField("Content-Type", "application/x-www-form-urlencoded"), HeaderField("X-Twilio-Signature", signature)],
            body: FormEncoding.encode(fields)))
    }

    @Test func messageStatusDelivered() throws {
        let result = try post([
            ("SmsSid", "SM7a1b"), ("SmsStatus", "delivered"), ("MessageStatus", "delivered"), ("To", "+13055550199"),
            ("MessageSid", "SM7a1b"), ("AccountSid", "AC1"), ("From", "+13055550100"), ("ApiVersion", "2010-04-01"),
        ])
        #expect(result.events == [.messageStatus(MessageStatusEvent(provider: .twilio, providerMessageID: "SM7a1b", status: .delivered))])
        #expect(result.events.first?.outcome == .delivered)
        #expect(result.reply.contentType == "text/xml")
        #expect(result.reply.body == TwiML.empty)
    }

    @Test func undeliveredCarriesTheClassifiedErrorCode() throws {
        let result = try post([("MessageSid", "SM9"), ("MessageStatus", "undelivered"), ("ErrorCode", "30006"), ("To", "+13055550199")])
        guard case .messageStatus(let event) = try #require(result.events.first) else { Issue.record("not a status"); return }
        #expect(event.status == .undelivered)
        #expect(event.failure?.kind == .landline)
        #expect(result.events.first?.decision == .fallback(mark: .landline))
        #expect(result.events.first?.outcome == .failed)
    }

    @Test func inboundSMSWithStop() throws {
        let result = try post([
            ("ToCountry", "US"), ("SmsMessageSid", "SMin1"), ("NumMedia", "0"), ("SmsSid", "SMin1"), ("SmsStatus", "received"),
            ("Body", "STOP"), ("To", "+13055550100"), ("NumSegments", "1"), ("MessageSid", "SMin1"), ("AccountSid", "AC1"),
            ("From", "+13055550199"), ("ApiVersion", "2010-04-01"), ("OptOutType", "STOP"),
        ])
        guard case .inboundMessage(let event) = try #require(result.events.first) else { Issue.record("not inbound"); return }
        #expect(event.channel == .sms)
        #expect(event.from == "+13055550199")
        #expect(event.optOut == .stop)
        #expect(result.events.first?.decision == .doNotContact)
    }

    @Test func inboundWhatsAppInSpanish() throws {
        let result = try post([
            ("SmsMessageSid", "SMwa"), ("NumMedia", "0"), ("ProfileName", "Ana"), ("MessageType", "text"), ("SmsSid", "SMwa"),
            ("WaId", "13055550199"), ("SmsStatus", "received"), ("Body", "Sí, quiero agendar"), ("To", "whatsapp:+13055550100"),
            ("MessageSid", "SMwa"), ("AccountSid", "AC1"), ("From", "whatsapp:+13055550199"), ("ApiVersion", "2010-04-01"),
        ])
        #expect(result.events == [.inboundMessage(InboundMessageEvent(
            provider: .twilio, channel: .whatsapp, providerMessageID: "SMwa", from: "+13055550199", to: "+13055550100",
            body: "Sí, quiero agendar", profileName: "Ana"))])
        #expect(result.events.first?.outcome == .replied)
    }

    @Test func spanishOptOutKeywords() {
        #expect(OptOutKeyword.detect(in: " Baja ") == .stop)
        #expect(OptOutKeyword.detect(in: "CANCELAR") == .stop)
        #expect(OptOutKeyword.detect(in: "ayuda") == .help)
        #expect(OptOutKeyword.detect(in: "ya no me escriban, BAJA") == .stop, "the core of a short message counts")
        #expect(OptOutKeyword.detect(in: "Necesito cancelar mi cita del martes") == nil, "appointment talk is not an opt-out")
    }

    @Test func callCompletedByAMachineIsVoicemail() throws {
        let result = try post([
            ("Called", "+13055550199"), ("CallStatus", "completed"), ("Duration", "1"), ("CallDuration", "42"),
            ("AnsweredBy", "machine_end_beep"), ("CallSid", "CA5"), ("SequenceNumber", "3"), ("Direction", "outbound-api"),
            ("Timestamp", "Tue, 24 Nov 2026 23:10:00 +0000"), ("CallbackSource", "call-progress-events"), ("AccountSid", "AC1"),
        ])
        guard case .callStatus(let event) = try #require(result.events.first) else { Issue.record("not a call"); return }
        #expect(event.status == .completed)
        #expect(event.durationSeconds == 42)
        #expect(event.answeredBy == .machine)
        #expect(event.sequence == 3)
        #expect(event.at?.timeIntervalSince1970 == 1_795_561_800)
        #expect(result.events.first?.outcome == .voicemail)
    }

    @Test(arguments: [
        ("initiated", nil), ("ringing", nil), ("in-progress", nil), ("busy", Outcome.busy),
        ("no-answer", .noAnswer), ("failed", .failed), ("completed", .answered),
    ] as [(String, Outcome?)])
    func callProgressOutcomes(status: String, outcome: Outcome?) throws {
        let result = try post([("CallSid", "CA6"), ("CallStatus", status), ("AnsweredBy", "human")])
        #expect(result.events.first?.outcome == outcome)
    }

    @Test func gatherKeypadAndSpeech() throws {
        let options = [VoiceOption(digit: "1", speech: ["agendar", "cita"], intent: .book), VoiceOption(digit: "2", speech: ["no me llame"], intent: .optOut)]
        let keypad = try post([("CallSid", "CA7"), ("CallStatus", "in-progress"), ("Digits", "1"), ("FinishedOnKey", "")])
        guard case .callInput(let pressed) = try #require(keypad.events.first) else { Issue.record("not input"); return }
        #expect(pressed.matchedOption(in: options)?.intent == .book)
        let speech = try post([("CallSid", "CA7"), ("CallStatus", "in-progress"), ("SpeechResult", "Sí, quiero una cita"), ("Confidence", "0.91")])
        guard case .callInput(let said) = try #require(speech.events.first) else { Issue.record("not input"); return }
        #expect(said.confidence == 0.91)
        #expect(said.matchedOption(in: options)?.intent == .book)
    }

    @Test func recordingCallback() throws {
        let result = try post([
            ("AccountSid", "AC1"), ("CallSid", "CA8"), ("RecordingSid", "RE1"), ("RecordingUrl", "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1"),
            ("RecordingStatus", "completed"), ("RecordingDuration", "37"), ("RecordingChannels", "1"), ("RecordingSource", "OutboundAPI"),
        ])
        #expect(result.events == [.callRecording(CallRecordingEvent(
            provider: .twilio, providerCallID: "CA8", recordingURL: "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1", durationSeconds: 37))])
    }

    @Test func unknownPayloadIsMalformed() throws {
        #expect(throws: ChannelError(.malformedWebhook, provider: .twilio, code: "unrecognised")) { try post([("Foo", "bar")]) }
    }
}

@Suite struct TwilioTimestampTests {
    @Test(arguments: [
        ("Tue, 24 Nov 2026 23:10:00 +0000", 1_795_561_800.0),
        ("Wed, 25 Nov 2026 01:10:00 +0200", 1_795_561_800.0),
        ("Tue, 24 Nov 2026 18:10:00 -0500", 1_795_561_800.0),
        ("Thu, 29 Feb 2024 12:00:00 +0000", 1_709_208_000.0),
        ("Thu, 01 Jan 1970 00:00:00 +0000", 0.0),
    ])
    func parsesTwilioTimestamps(text: String, epoch: Double) {
        #expect(TwilioWebhook.parseRFC2822(text)?.timeIntervalSince1970 == epoch)
    }

    @Test func rejectsOtherShapes() {
        #expect(TwilioWebhook.parseRFC2822("2026-11-24T23:10:00Z") == nil)
        #expect(TwilioWebhook.parseRFC2822("Tue, 24 Foo 2026 23:10:00 +0000") == nil)
    }
}
