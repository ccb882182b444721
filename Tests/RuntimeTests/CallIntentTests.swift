import Engine
import Foundation
import Logging
import RevenueCore
import RevenueTesting
import Runtime
import StorePostgres
import Testing

/// Issue 10 §4 over real loopback sockets: a voice step offering every intent is dialled through the real
/// Twilio adapter (fake Twilio), then signed `<Gather>` results for keypad and Spanish/English speech are
/// posted to the live server; each answer's TwiML, store effects and what later reached Twilio are checked.
@Suite struct CallIntentTests {
    @Test func sqlite() async throws {
        let h = try await RuntimeHarness(leads: 12)
        defer { h.cleanup() }
        try await Self.scenario(h)
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["REVASI_TEST_POSTGRES_URL"] != nil))
    func postgres() async throws {
        try await RuntimeHarness.withPostgres("calls", leads: 12) { h, _ in try await Self.scenario(h) }
    }

    static let clientPhone = "+13055550111"
    static let bookingLink = "https://book.example/sonrisa"
    static let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>"

    /// The demo playbook with a first call that offers every intent and an information text; an answered
    /// call goes on to the second call (so a callback has a call to move); three calls a day allowed.
    static func playbook() -> CompiledPlaybook {
        var playbook = DemoPlaybook.make(caps: LeadCaps(touchesPerDay: 5, callsPerDay: 3))
        let es = [VoiceOption(digit: "1", speech: ["cita", "agendar"], intent: .book),
                  VoiceOption(digit: "2", speech: ["asesor", "persona"], intent: .transfer),
                  VoiceOption(digit: "3", speech: ["más tarde", "luego"], intent: .callback),
                  VoiceOption(digit: "4", speech: ["información"], intent: .moreInfo),
                  VoiceOption(digit: "9", speech: ["no llamar", "no me llame"], intent: .optOut)]
        let en = [VoiceOption(digit: "1", speech: ["appointment", "book"], intent: .book),
                  VoiceOption(digit: "2", speech: ["advisor", "person"], intent: .transfer),
                  VoiceOption(digit: "3", speech: ["later", "call me back"], intent: .callback),
                  VoiceOption(digit: "4", speech: ["information"], intent: .moreInfo),
                  VoiceOption(digit: "9", speech: ["stop", "do not call"], intent: .optOut)]
        let first = playbook.steps.firstIndex { $0.id == 1 }!
        playbook.steps[first].transitions = [Transition(outcome: .answered, target: .step(3))]
        for i in playbook.steps[first].content.indices where playbook.steps[first].content[i].channel == .voice {
            let spanish = playbook.steps[first].content[i].language == .es
            playbook.steps[first].content[i].template.body = spanish
                ? "Hola {{lead.first_name}}. Oprima 1 para agendar, 2 para un asesor, 3 para más tarde, 4 para información, 9 para no recibir llamadas."
                : "Hi {{lead.first_name}}. Press 1 to book, 2 for an advisor, 3 for later, 4 for information, 9 to stop calls."
            playbook.steps[first].content[i].template.options = spanish ? es : en
            playbook.steps[first].content[i].template.info = spanish
                ? "Información de {{client.name}}: {{campaign.offer}}, sin costo." : "About {{client.name}}: {{campaign.offer}}, free of charge."
        }
        playbook.contentHash = String(repeating: "c", count: 64)
        return playbook
    }

    static func scenario(_ h: RuntimeHarness) async throws {
        let org = RuntimeHarness.org
        let playbook = playbook()
        try await h.store.savePlaybookVersion(PlaybookVersion(
            orgID: org, playbookID: playbook.id, version: 2, contentHash: playbook.contentHash, sourceYAML: "",
            compiledJSON: String(decoding: try JSONEncoder().encode(playbook), as: UTF8.self), createdAt: RuntimeHarness.start), org: org)
        var client = try #require(try await h.store.client(ClientID("client-rt"), org: org))
        client.profile = ClientProfile(phone: clientPhone, bookingLink: bookingLink,
                                       businessHours: SendWindow(days: [.mon, .tue, .wed, .thu, .fri], startMinute: 9 * 60, endMinute: 18 * 60))
        try await h.store.saveClient(client, org: org)
        // Lead 3 answers from a landline: its opt-out can only be confirmed aloud.
        var landline = try #require(try await h.store.lead(lead(3), org: org))
        landline.phoneLineType = .landline
        try await h.store.upsertLead(landline, org: org)

        try await FakeTwilio.run { fake in
            try await LiveDaemon.run(h, fake: fake) { daemon in
                try await drive(h, fake: fake, daemon: daemon)
            }
        }
    }

    static func lead(_ i: Int) -> LeadID { LeadID(String(format: "lead-%04d", i)) }
    static func phone(_ i: Int) -> String { String(format: "+1305555%04d", i) }

    /// One dialled lead: where its `<Gather>` posts and its call's id.
    struct Call: Sendable {
        var url: String
        var sid: String
        var touch: TouchID
    }

    static func drive(_ h: RuntimeHarness, fake: FakeProviderServer, daemon d: LiveDaemon) async throws {
        let org = RuntimeHarness.org
        #expect(await d.enrolment.runOnce() == 12)
        for _ in 0..<30 where await fake.log.count < 12 {
            await d.dispatcher.runOnce()
            h.time.advance(by: 60)
        }
        let dialled = await fake.log.requests
        #expect(dialled.count == 12 && dialled.allSatisfy { $0.path.hasSuffix("/Calls.json") })
        var calls: [Int: Call] = [:]
        for i in 0..<12 {
            let request = try #require(dialled.first { $0.formValue("To") == phone(i) })
            let touch = try #require(try await h.touches(lead(i)).first { $0.channel == .voice && $0.status == .sent })
            let url = try #require(request.formValue("StatusCallback"))
            // The call offers every option, and the `<Gather>` posts to the touch's own callback URL.
            let twiml = try #require(request.formValue("Twiml"))
            #expect(twiml.contains("action=\"\(url.replacingOccurrences(of: "&", with: "&amp;"))\""))
            calls[i] = Call(url: url, sid: try #require(touch.providerMessageID), touch: touch.id)
        }
        func gather(_ i: Int, digits: String? = nil, speech: String? = nil, url: String? = nil) async throws -> String {
            let call = calls[i]!
            var form = [("AccountSid", LiveDaemon.twilio.accountSID), ("CallSid", call.sid), ("CallStatus", "in-progress"),
                        ("From", LiveDaemon.sender), ("To", phone(i)), ("ApiVersion", "2010-04-01")]
            if let digits { form.append(("Digits", digits)) }
            if let speech { form += [("SpeechResult", speech), ("Confidence", "0.9")] }
            let reply = try await d.postTwilio(url ?? call.url, form)
            #expect(reply.status == 200)
            #expect(reply.headers.value(for: "Content-Type")?.hasPrefix("text/xml") == true)
            return reply.bodyText
        }
        func say(_ text: String, _ language: String, hangUp: Bool = true) -> String {
            xml + "<Say language=\"\(language)\">\(text)</Say>" + (hangUp ? "<Hangup/>" : "") + "</Response>"
        }
        func queued(_ i: Int) async throws -> [TouchRun] { try await h.touches(lead(i)).filter { $0.status == .queued } }
        func tasks() async throws -> [DirectorEvent] { try await h.store.directorEvents(org: org, limit: 100).filter { $0.kind == "operator.task" } }

        // 9 / "stop calling" / "no me llame": do_not_contact, queued touches cancelled, one confirmation text queued.
        #expect(try await gather(0, digits: "9") == say("Entendido. Adiós.", "es-MX"))
        #expect(try await gather(1, speech: "Please stop calling me.") == say("Understood. Goodbye.", "en-US"))
        #expect(try await gather(2, speech: "¡No me llame, por favor!") == say("Entendido. Adiós.", "es-MX"))
        for i in [0, 1, 2] {
            #expect(try await h.store.lead(lead(i), org: org)?.state == .doNotContact)
            let left = try await queued(i)
            #expect(left.count == 1 && left.first?.channel == .sms && left.first?.payload.kind == .confirmation && left.first?.step == 0)
            #expect(left.first?.payload.message == ComplianceReplies.text("opt_out", language: i == 1 ? .en : .es))
            #expect(try await h.touches(lead(i)).first { $0.id == calls[i]!.touch }?.outcome == .answered)
        }
        // A landline cannot take the text: the confirmation is spoken before hanging up, nothing is queued.
        #expect(try await gather(3, digits: "9") == say(CallReplies.optOutSpoken(.en), "en-US"))
        #expect(try await h.store.lead(lead(3), org: org)?.state == .doNotContact)
        #expect(try await queued(3).isEmpty)
        // Redelivered answers add nothing.
        let before = try await h.touches(lead(0))
        #expect(try await gather(0, digits: "9") == say("Entendido. Adiós.", "es-MX"))
        #expect(try await h.touches(lead(0)) == before)
        // Pressing 1 after opting out books nothing and sends nothing.
        #expect(try await gather(0, digits: "1") == say("Entendido. Adiós.", "es-MX"))
        #expect(try await h.touches(lead(0)) == before)

        // 1 / "appointment": the booking link by text at once, the lead engaged.
        #expect(try await gather(4, digits: "1") == say(CallReplies.bookingSent(.es), "es-MX"))
        #expect(try await gather(5, speech: "Yes, I want an Appointment") == say(CallReplies.bookingSent(.en), "en-US"))
        for i in [4, 5] {
            #expect(try await h.store.lead(lead(i), org: org)?.state == .engaged)
            let link = try #require(try await queued(i).first { $0.payload.kind == .confirmation })
            #expect(link.channel == .sms && link.payload.message.contains(bookingLink) && link.scheduledAt <= h.time.now)
        }

        // 2: the client is rung with a whisper; no answer → a callback task and a text "le llamamos pronto".
        let dial = try await gather(6, digits: "2")
        let base = try #require(calls[6]!.url.components(separatedBy: "?").first)
        let query = "touch=\(calls[6]!.touch.rawValue)&amp;org=\(org.rawValue)"
        #expect(dial == xml + "<Say language=\"es-MX\">\(CallReplies.transferring(.es))</Say>"
            + "<Dial action=\"\(base)?\(query)&amp;event=dial\" method=\"POST\" timeout=\"20\">"
            + "<Number url=\"\(base)?\(query)&amp;event=whisper\" method=\"POST\">\(clientPhone)</Number></Dial></Response>")
        let whisperURL = "\(base)?touch=\(calls[6]!.touch.rawValue)&org=\(org.rawValue)&event=whisper"
        let whisper = try await d.postTwilio(whisperURL, [("CallSid", "CAclientleg"), ("ParentCallSid", calls[6]!.sid), ("CallStatus", "in-progress")])
        #expect(whisper.bodyText == say("Llamada transferida: María, de la campaña Test. Conectando.", "es-MX", hangUp: false))
        #expect(try await d.postTwilio(whisperURL, [("CallSid", "CAclientleg"), ("ParentCallSid", calls[6]!.sid)], signing: .wrongToken).status == 403)
        let dialURL = "\(base)?touch=\(calls[6]!.touch.rawValue)&org=\(org.rawValue)&event=dial"
        let missed = [("CallSid", calls[6]!.sid), ("DialCallStatus", "no-answer"), ("DialCallSid", "CAclientleg"), ("CallStatus", "in-progress")]
        #expect(try await d.postTwilio(dialURL, missed).bodyText == say(CallReplies.transferUnavailable(.es), "es-MX"))
        #expect(try await d.postTwilio(dialURL, missed).status == 200)  // redelivered: still one task, one text
        let sorry = try await queued(6).filter { $0.payload.kind == .confirmation }
        #expect(sorry.count == 1 && sorry.first?.payload.message.contains("Le llamamos pronto") == true)
        #expect(try await tasks().filter { $0.summary.contains(lead(6).rawValue) }.count == 1)

        // 3 / "call me back at 5 pm" / "mañana a las 3": a task, and the next call moved to the time asked.
        let ny = TimeZone(identifier: "America/New_York")!
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = ny
        func local(_ day: Int, _ hour: Int) -> Date { calendar.date(from: DateComponents(year: 2026, month: 3, day: day, hour: hour))! }
        #expect(try await gather(7, speech: "Can you call me back at 5 pm?") == say("Of course. We will call you today at 17:00. Thank you, goodbye!", "en-US"))
        #expect(try await gather(8, speech: "Mejor más tarde, mañana a las 3") == say("Con gusto. Le llamaremos mañana a las 15:00. ¡Gracias, hasta luego!", "es-MX"))
        let asked = h.time.now
        #expect(try await gather(11, digits: "3") == say(CallReplies.callbackSpoken(.en), "en-US"))
        for (i, at) in [(7, local(2, 17)), (8, local(3, 15)), (11, asked.addingTimeInterval(7200))] {
            let next = try await queued(i).filter { $0.channel == .voice }
            #expect(next.count == 1 && next.first?.step == 3 && next.first?.scheduledAt == at, "lead \(i)")
            #expect(try await h.store.lead(lead(i), org: org)?.state == .engaged)
            #expect(try await tasks().contains { $0.summary.contains(lead(i).rawValue) && $0.summary.contains("called back") })
        }

        // 4: the step's information text by SMS.
        #expect(try await gather(9, digits: "4") == say(CallReplies.moreInfoSent(.en), "en-US"))
        let info = try #require(try await queued(9).first { $0.payload.kind == .confirmation })
        #expect(info.channel == .sms && info.payload.message == "About Clínica Sonrisa: limpieza gratis, free of charge.")

        // Unrecognised: the menu once more (the attempt in the action URL), then a polite goodbye.
        let again = try await gather(10, digits: "7")
        let retryURL = "\(base)?touch=\(calls[10]!.touch.rawValue)&org=\(org.rawValue)&attempt=2"
        #expect(again.hasPrefix(xml + "<Gather input=\"speech dtmf\" language=\"es-MX\""))
        #expect(again.contains("action=\"\(retryURL.replacingOccurrences(of: "&", with: "&amp;"))\""))
        #expect(again.contains(">Disculpe, no le entendí. Hola María. Oprima 1 para agendar"))
        #expect(again.hasSuffix("</Gather><Say language=\"es-MX\">\(CallReplies.goodbye(.es))</Say><Hangup/></Response>"))
        #expect(try await gather(10, speech: "¿Qué?", url: retryURL) == say(CallReplies.goodbye(.es), "es-MX"))
        #expect(try await h.store.lead(lead(10), org: org)?.state != .doNotContact)

        // The call's own completion arrives late: nothing changes for the opted-out leads.
        for i in [0, 1, 2, 3] {
            let completed = [("CallSid", calls[i]!.sid), ("CallStatus", "completed"), ("CallDuration", "31"), ("AnsweredBy", "human")]
            #expect(try await d.postTwilio(calls[i]!.url, completed).status == 200)
        }

        // Drive the dispatcher for nine days: the texts go at once, later calls when due.
        let mark = await fake.log.count
        for _ in 0..<(9 * 24) {
            await d.dispatcher.runOnce()
            h.time.advance(by: 3600)
        }
        let later = Array(await fake.log.requests.dropFirst(mark))
        func sent(_ i: Int) -> [RecordedRequest] { later.filter { $0.formValue("To") == phone(i) } }
        // After "9", "stop calling" or "no me llame": only the one confirmation, ever.
        for i in [0, 1, 2] {
            #expect(sent(i).count == 1, "lead \(i)")
            #expect(sent(i).first?.path.hasSuffix("/Messages.json") == true)
            #expect(sent(i).first?.formValue("Body") == ComplianceReplies.text("opt_out", language: i == 1 ? .en : .es))
        }
        #expect(sent(3).isEmpty)
        #expect(sent(4).first?.formValue("Body")?.contains(bookingLink) == true)
        #expect(sent(6).first?.formValue("Body")?.contains("Le llamamos pronto") == true)
        #expect(sent(9).first?.formValue("Body") == "About Clínica Sonrisa: limpieza gratis, free of charge.")
        // The moved calls went out (the dispatcher really ran), the lead who asked for 5 pm first.
        for i in [7, 8, 10, 11] { #expect(sent(i).contains { $0.path.hasSuffix("/Calls.json") }, "lead \(i)") }
    }
}
