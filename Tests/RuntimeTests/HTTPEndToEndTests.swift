import Foundation
import LeadImport
import Logging
import RevenueCore
import RevenueTesting
import Runtime
import Server
import StorePostgres
import Testing

/// Issue 6 §8 over real loopback sockets: leads imported from a CSV file the way `revasi import` reads
/// them, the server and the runtime wired as `revasi serve` wires them (real Twilio adapter → fake
/// Twilio), status callbacks and a "BAJA" reply delivered as signed Twilio webhooks to the live server,
/// every effect checked in the store and through the JSON API.
@Suite struct HTTPEndToEndTests {
    @Test func sqlite() async throws {
        let h = try await RuntimeHarness(leads: 0, allowed: [.sms])
        defer { h.cleanup() }
        try await Self.scenario(h)
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["REVASI_TEST_POSTGRES_URL"] != nil))
    func postgres() async throws {
        try await RuntimeHarness.withPostgres("e2e", leads: 0, allowed: [.sms]) { h, _ in try await Self.scenario(h) }
    }

    /// A lead export as a Spanish-speaking office keeps it: Spanish headers, phones as people type them.
    static let csv = """
        Nombre,Apellido,Celular,Correo electrónico,Estado,Idioma
        María José,Rodríguez,(305) 555-0142,maria.rodriguez@example.com,FL,Español
        John,Miller,+1 512 555 0199,john.miller@example.com,TX,English
        Carmen,Figueroa Ortiz,787.555.0123,,Puerto Rico,es

        """
    static let maria = "+13055550142", john = "+15125550199", carmen = "+17875550123"

    static func scenario(_ h: RuntimeHarness) async throws {
        let org = RuntimeHarness.org
        // 1. Import: the reader `revasi import` uses, then the store's atomic, deduplicating importLeads.
        let file = h.folder.appendingPathComponent("leads.csv")
        try Data(csv.utf8).write(to: file)
        let batch = try LeadCSVReader().read(fileAt: file.path, org: org, now: h.time.now)
        #expect(batch.rejected.isEmpty && batch.duplicatesInFile.isEmpty)
        let imported = batch.accepted.map(\.lead)
        #expect(imported.map(\.phone) == [maria, john, carmen])
        #expect(imported.map(\.timeZone) == ["America/New_York", "America/Chicago", "America/Puerto_Rico"])
        #expect(imported.map(\.language) == [.es, .en, .es])
        let campaign = RuntimeHarness.campaign
        #expect(try await h.store.importLeads(imported, org: org, campaign: campaign).inserted == imported.map(\.id))
        #expect(try await h.store.importLeads(imported, org: org, campaign: campaign) == ImportSummary(inserted: [], duplicates: 3))
        let leads = Leads(maria: imported[0].id, john: imported[1].id, carmen: imported[2].id)

        try await FakeTwilio.run { fake in
            try await LiveDaemon.run(h, fake: fake) { daemon in
                try await drive(h, fake: fake, daemon: daemon, leads: leads)
            }
        }
    }

    /// The imported leads' ids.
    struct Leads: Sendable {
        var maria: LeadID, john: LeadID, carmen: LeadID
    }

    static func drive(_ h: RuntimeHarness, fake: FakeProviderServer, daemon d: LiveDaemon, leads: Leads) async throws {
        let org = RuntimeHarness.org
        #expect(try await d.get("/api/leads", token: nil).status == 401)

        // 2. The import already enriched the leads (zone from the phone); enrolment, then dispatcher passes
        // (one simulated minute apart) until every first touch reached Twilio.
        #expect(await d.enrichment.runOnce() == 0)
        #expect(await d.enrolment.runOnce() == 3)
        for _ in 0..<60 where await fake.log.count < 3 {
            await d.dispatcher.runOnce()
            h.time.advance(by: 60)
        }
        let first = await fake.log.requests
        #expect(first.count == 3)
        #expect(first.map(\.path) == Array(repeating: "/2010-04-01/Accounts/\(LiveDaemon.twilio.accountSID)/Messages.json", count: 3))
        #expect(first.compactMap { $0.formValue("To") }.sorted() == [carmen, john, maria].sorted())
        #expect(first.allSatisfy { $0.formValue("From") == LiveDaemon.sender })
        #expect(body(to: maria, in: first)?.hasPrefix("Hola María José, limpieza gratis") == true)
        #expect(body(to: john, in: first)?.hasPrefix("Hi John, limpieza gratis") == true)
        #expect(body(to: carmen, in: first)?.hasPrefix("Hola Carmen, limpieza gratis") == true)
        // Every status callback points at the live server and names the touch and the org.
        for request in first {
            let callback = request.formValue("StatusCallback") ?? ""
            #expect(callback.hasPrefix("\(d.base)/webhooks/twilio?touch=") && callback.hasSuffix("&org=\(org.rawValue)"))
        }

        // 3. Twilio reports María's text delivered: signed, over HTTP, to the URL it was given.
        let toMaria = try #require(first.first { $0.formValue("To") == maria })
        let callback = try #require(toMaria.formValue("StatusCallback"))
        let sent = try #require(try await touch(for: toMaria, h))
        #expect(sent.leadID == leads.maria && sent.step == 1 && sent.status == .sent && sent.channel == .sms)
        let sid = try #require(sent.providerMessageID)
        let delivered = LiveDaemon.statusForm(sid: sid, status: "delivered", to: maria)
        let reply = try await d.postTwilio(callback, delivered)
        #expect(reply.status == 200)
        #expect(reply.bodyText.hasSuffix("<Response/>"))
        let settled = try await h.touches(leads.maria)
        let firstTouch = try #require(settled.first { $0.id == sent.id })
        #expect(firstTouch.outcome == .delivered)
        let queued = settled.filter { $0.status == .queued }
        #expect(queued.map(\.step) == [2])
        #expect(queued.first?.channel == .sms)
        #expect((queued.first?.scheduledAt ?? .distantPast) >= (firstTouch.sentAt ?? .distantFuture).addingTimeInterval(7200))
        // The same through the API, as the cockpit reads it.
        let timeline = try await d.api("/api/leads/\(leads.maria.rawValue)/timeline", as: TimelineDocument.self)
        #expect(timeline.leadId == leads.maria.rawValue)
        #expect(timeline.state == .attempting)
        let touchRows = timeline.entries.filter { $0.kind == "touch" }
        #expect(touchRows.map(\.step) == [1, 2])
        #expect(touchRows.map(\.outcome) == ["delivered", nil])
        #expect(touchRows.last?.status == "queued")

        // A redelivered callback changes nothing.
        let stateEvents = try await h.store.leadStateEvents(lead: leads.maria, org: org)
        #expect(try await d.postTwilio(callback, delivered).status == 200)
        #expect(try await h.touches(leads.maria) == settled)
        #expect(try await h.store.leadStateEvents(lead: leads.maria, org: org) == stateEvents)

        // Unsigned, wrongly signed, tampered or replayed-elsewhere callbacks: 403, nothing changes, each one logged.
        let undelivered = LiveDaemon.statusForm(sid: sid, status: "undelivered", to: maria)
        let toJohn = try #require(first.first { $0.formValue("To") == john })
        let johnCallback = try #require(toJohn.formValue("StatusCallback"))
        let johnBefore = try await h.touches(leads.john)
        #expect(try await d.postTwilio(callback, undelivered, signing: .none).status == 403)
        #expect(try await d.postTwilio(callback, undelivered, signing: .wrongToken).status == 403)
        #expect(try await d.postTwilio(callback, undelivered, signing: .over(delivered)).status == 403)
        #expect(try await d.postTwilio(johnCallback, delivered, signing: .forURL(callback)).status == 403)
        #expect(try await h.touches(leads.maria) == settled)
        #expect(try await h.touches(leads.john) == johnBefore)
        let rejections = try await h.store.coreEvents(org: org, engine: "server", limit: 100).filter { $0.errorCode == "invalid_signature" }
        #expect(rejections.count == 4)

        // The other two texts are delivered too.
        #expect(try await deliver(first.filter { $0.formValue("To") != maria }, d, h) == 2)
        #expect(try await h.touches(leads.john).filter { $0.status == .queued }.map(\.step) == [2])
        #expect(try await h.touches(leads.carmen).filter { $0.status == .queued }.map(\.step) == [2])

        // 4. María answers by SMS. A forged opt-out for John first: refused, John untouched.
        let inbound = d.base + "/webhooks/twilio/inbound"
        let forged = LiveDaemon.inboundForm(sid: "SM" + String(repeating: "f", count: 32), from: john, body: "BAJA")
        #expect(try await d.postTwilio(inbound, forged, signing: .wrongToken).status == 403)
        let baja = LiveDaemon.inboundForm(sid: "SM" + String(repeating: "b", count: 32), from: maria, body: "Ya no me escriban, BAJA")
        let before = await fake.log.count
        // Twilio redelivers when unsure: the second copy is stored once and acted on once.
        #expect(try await d.postTwilio(inbound, baja).status == 200)
        #expect(try await d.postTwilio(inbound, baja).status == 200)
        #expect(try await h.store.lead(leads.maria, org: org)?.state == .doNotContact)
        #expect(try await h.store.lead(leads.john, org: org)?.state == .attempting)
        let stopped = try await h.touches(leads.maria)
        #expect(stopped.filter { $0.status == .queued }.map(\.payload.kind) == [.confirmation])
        #expect(stopped.filter { $0.status == .cancelled }.map(\.step) == [2])
        let optedOut = try await d.api("/api/leads?state=do_not_contact", as: LeadPageDocument.self)
        #expect(optedOut.leads.map(\.id) == [leads.maria])
        #expect(optedOut.leads.first?.phone == maria)
        #expect(Set(try await d.api("/api/leads", as: LeadPageDocument.self).leads.map(\.id)) == [leads.maria, leads.john, leads.carmen])
        let afterOptOut = try await d.api("/api/leads/\(leads.maria.rawValue)/timeline", as: TimelineDocument.self)
        #expect(afterOptOut.state == .doNotContact)
        #expect(afterOptOut.entries.filter { $0.kind == "state_change" && $0.to == .doNotContact }.count == 1)
        #expect(afterOptOut.entries.filter { $0.kind == "message" && $0.status == "inbound" }.map(\.text) == ["Ya no me escriban, BAJA"])

        // 5. Ten simulated days, a dispatcher pass every half hour; Twilio reports every text delivered.
        var seen = before
        for _ in 0..<(10 * 48) {
            await d.dispatcher.runOnce()
            let log = await fake.log.requests
            #expect(try await deliver(log[seen...], d, h) == log.count - seen)
            seen = log.count
            h.time.advance(by: 1800)
        }
        let all = await fake.log.requests
        // María: her first text, then exactly one more — the confirmation — and nothing after.
        #expect(all.filter { $0.formValue("To") == maria }.count == 2)
        #expect(all[before...].filter { $0.formValue("To") == maria }.compactMap { $0.formValue("Body") }
                == [ComplianceReplies.text("opt_out", language: .es)])
        #expect(try await h.store.lead(leads.maria, org: org)?.state == .doNotContact)
        #expect(try await h.touches(leads.maria).filter { $0.status == .queued }.isEmpty)
        // John and Carmen: the whole six-step cadence, by SMS (the client allows only SMS), in their language.
        for (lead, phone, greeting) in [(leads.john, john, "Hi John,"), (leads.carmen, carmen, "Hola Carmen,")] {
            let texts = all.filter { $0.formValue("To") == phone }
            #expect(texts.count == 6)
            #expect(texts.allSatisfy { $0.formValue("Body")?.hasPrefix(greeting) == true })
            let touches = try await h.touches(lead).sorted { $0.scheduledAt < $1.scheduledAt }
            #expect(touches.map(\.step) == [1, 2, 3, 4, 5, 6])
            #expect(touches.allSatisfy { $0.outcome == .delivered && $0.channel == .sms })
            #expect(try await h.store.lead(lead, org: org)?.state == .attempting)
        }
        #expect(all.count == 14)
        // Every text went out inside the playbook's window (Mon–Sat 09:00–19:00) in the lead's own zone,
        // across the US switch to daylight time on 8 March (Puerto Rico does not switch).
        for lead in [leads.maria, leads.john, leads.carmen] {
            let zone = try #require(try await h.store.lead(lead, org: org)?.timeZone.flatMap(TimeZone.init(identifier:)))
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            for touch in try await h.touches(lead) {
                guard let at = touch.sentAt, touch.providerMessageID != nil else { continue }
                let local = calendar.dateComponents([.weekday, .hour, .minute], from: at)
                let minute = (local.hour ?? 0) * 60 + (local.minute ?? 0)
                #expect((2...7).contains(local.weekday ?? 0) && (9 * 60..<19 * 60).contains(minute), "touch \(touch.id) at \(minute / 60):\(minute % 60)")
            }
        }
        let health = try await d.api("/api/health", as: HealthDocument.self)
        #expect(health.status == "ok")
        #expect(health.queueDepth == 0)
        #expect(health.loops.contains { $0.name == "dispatch" && $0.runs > 480 && $0.lastError == nil })
        #expect(health.loops.contains { $0.name == "webhooks" && $0.lastError == nil })
    }

    /// The body Twilio received for `phone`.
    static func body(to phone: String, in requests: [RecordedRequest]) -> String? {
        requests.first { $0.formValue("To") == phone }?.formValue("Body")
    }

    /// The stored touch a Twilio request was for, by the `touch` item of its StatusCallback URL.
    static func touch(for request: RecordedRequest, _ h: RuntimeHarness) async throws -> TouchRun? {
        let url = request.formValue("StatusCallback") ?? ""
        guard let id = URLComponents(string: url)?.queryItems?.first(where: { $0.name == "touch" })?.value else { return nil }
        return try await h.store.touch(TouchID(id), org: RuntimeHarness.org)
    }

    /// Plays Twilio: a signed `delivered` callback for each request, to its StatusCallback URL. Returns how many answered 200.
    static func deliver(_ requests: some Sequence<RecordedRequest>, _ d: LiveDaemon, _ h: RuntimeHarness) async throws -> Int {
        var accepted = 0
        for request in requests {
            guard let url = request.formValue("StatusCallback"), let to = request.formValue("To"),
                  let sid = try await touch(for: request, h)?.providerMessageID else { continue }
            if try await d.postTwilio(url, LiveDaemon.statusForm(sid: sid, status: "delivered", to: to)).status == 200 { accepted += 1 }
        }
        return accepted
    }
}

/// `GET /api/health`, the parts checked here.
struct HealthDocument: Decodable {
    var status: String
    var queueDepth: Int
    var loops: [LoopHealth]
}
