import Foundation
import ProviderHTTP
import RevenueCore
import RevenueTesting
import Runtime
import Testing
import TwilioChannel

/// A daemon that died between Twilio accepting a message and recording it: the next daemon lists
/// what the account sent to the lead (fake Twilio over loopback) and re-sends only what it can show
/// was never accepted.
@Suite struct TwilioReconciliationTests {
    @Test func acceptedIsMarkedSentMissingIsSentOnceAmbiguousIsNeverResent() async throws {
        let h = try await RuntimeHarness(leads: 3, allowed: [.sms])
        defer { h.cleanup() }
        let health = RuntimeHealth(startedAt: RuntimeHarness.start)
        let config = h.configuration(owner: "daemon-b")
        let enrolment = EnrollmentService(store: h.store, configuration: config, clock: h.clock, logger: h.logger, health: health)
        #expect(await enrolment.runOnce() == 3)
        let time = h.time
        try await FakeTwilio.run(FakeTwilio.Behavior(clock: { time.now })) { fake in
            let behavior = FakeTwilio.Behavior()
            let twilio = TwilioAdapter(accountSID: behavior.accountSID, authToken: behavior.authToken, from: "+13055550100",
                                       baseURL: fake.baseURL, timeoutSeconds: 5, transport: URLSessionTransport())
            let due = try #require(try await h.touches(LeadID("lead-0000")).first).scheduledAt
            h.time.set(due)

            // Daemon A claims all three, then dies: lead 0's text had reached Twilio, lead 1's had not,
            // and for lead 2 Twilio holds a text whose body differs from ours (re-encoded, say).
            let claimed = try await h.store.claimDue(org: RuntimeHarness.org, now: due, limit: 10, lease: Lease(owner: "daemon-a", duration: .seconds(60)))
            #expect(claimed.count == 3)
            func message(_ touch: TouchRun, body: String? = nil) throws -> OutboundMessage {
                let phone = String(format: "+1305555%04d", Int(touch.leadID.rawValue.suffix(4))!)
                return OutboundMessage(touchID: touch.id, orgID: touch.orgID, channel: .sms, to: phone, language: touch.payload.language,
                                       body: body ?? touch.payload.message, now: due, idempotencyKey: touch.idempotencyKey)
            }
            let byLead = Dictionary(uniqueKeysWithValues: claimed.map { ($0.leadID, $0) })
            let first = try await twilio.send(try message(try #require(byLead[LeadID("lead-0000")])))
            _ = try await twilio.send(try message(try #require(byLead[LeadID("lead-0002")]), body: "Hola (texto reescrito)"))
            #expect(await fake.log.count == 2)

            // Daemon B after the lease ran out.
            h.time.advance(by: 120)
            let dispatcher = DispatchService(store: h.store, adapters: { _, _ in twilio }, configuration: config, clock: h.clock,
                                             logger: h.logger, health: health)
            let report = await dispatcher.runOnce()
            #expect(report.expired == 3 && report.reconciled == 3 && report.sent == 1)

            let requests = await fake.log.requests
            let posts = requests.filter { $0.method == "POST" }
            #expect(requests.filter { $0.method == "GET" }.count == 3, "one lookup per unsettled touch")
            #expect(posts.count == 3, "only lead 1's text was sent again")
            #expect(posts.last?.formValue("To") == "+13055550001")

            let t0 = try #require(try await h.store.touch(byLead[LeadID("lead-0000")]!.id, org: RuntimeHarness.org))
            #expect(t0.status == .sent && t0.providerMessageID == first.providerMessageID)
            let t1 = try #require(try await h.store.touch(byLead[LeadID("lead-0001")]!.id, org: RuntimeHarness.org))
            #expect(t1.status == .sent && t1.providerMessageID?.hasPrefix("SM") == true)
            let t2 = try #require(try await h.store.touch(byLead[LeadID("lead-0002")]!.id, org: RuntimeHarness.org))
            #expect(t2.status == .failed && t2.error == "unreconciled: provider answer ambiguous")

            // Twilio's delivered callback for lead 2's text (the URL names the touch) settles it after all.
            let sink = RuntimeEventSink(store: h.store, clock: h.clock, logger: h.logger, health: health)
            let callback = WebhookContext(provider: .twilio, url: "http://127.0.0.1/webhooks/twilio?touch=\(t2.id.rawValue)&org=org-rt", receivedAt: h.time.now)
            try await sink.handle([.messageStatus(MessageStatusEvent(provider: .twilio, providerMessageID: "SMrewritten", status: .delivered))],
                                  context: callback)
            let settled = try #require(try await h.store.touch(t2.id, org: RuntimeHarness.org))
            #expect(settled.status == .delivered && settled.outcome == .delivered && settled.providerMessageID == "SMrewritten")

            // Nothing is left to send: another pass sends nothing more.
            h.time.advance(by: 60)
            #expect(await dispatcher.runOnce().sent == 0)
            #expect(await fake.log.requests.filter { $0.method == "POST" }.count == 3)
        }
    }

    @Test func messagesFromBeforeTheTouchWasDueDoNotCount() async throws {
        let start = Date(timeIntervalSince1970: 1_772_463_600)
        try await FakeTwilio.run(FakeTwilio.Behavior(clock: { start })) { fake in
            let behavior = FakeTwilio.Behavior()
            let twilio = TwilioAdapter(accountSID: behavior.accountSID, authToken: behavior.authToken, from: "+13055550100",
                                       baseURL: fake.baseURL, timeoutSeconds: 5, transport: URLSessionTransport())
            let text = OutboundMessage(touchID: "t-1", orgID: "org", channel: .sms, to: "+13055550007", language: .es, body: "Hola", now: start,
                                       idempotencyKey: "k1")
            _ = try await twilio.send(text)
            // The same text one hour later is a different touch: the earlier message is not it.
            #expect(try await twilio.status(of: text, notBefore: start.addingTimeInterval(3600)) == .notFound)
            guard case .accepted = try await twilio.status(of: text, notBefore: start.addingTimeInterval(60)) else {
                Issue.record("within the clock slack the message is found")
                return
            }
            // Calls match on number and time.
            let call = OutboundMessage(touchID: "t-2", orgID: "org", channel: .voice, to: "+13055550008", language: .es, body: "Hola", now: start,
                                       idempotencyKey: "k2")
            #expect(try await twilio.status(of: call, notBefore: start) == .notFound)
            let placed = try await twilio.send(call)
            #expect(try await twilio.status(of: call, notBefore: start) == .accepted(SendReceipt(provider: .twilio, providerMessageID: placed.providerMessageID)))
        }
    }
}
