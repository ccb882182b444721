import Foundation
import ProviderHTTP
import RevenueCore
import RevenueTesting
import Runtime
import Testing
import TwilioChannel

/// Import → enrolment → dispatch to a fake Twilio over loopback HTTP → status callbacks → state
/// changes → an inbound "BAJA" → do_not_contact with exactly one confirmation and nothing more.
@Suite struct EndToEndTests {
    @Test func dispatchCallbacksAndOptOutOverLoopback() async throws {
        let h = try await RuntimeHarness(leads: 3)
        defer { h.cleanup() }
        try await FakeTwilio.run { fake in
            let twilio = TwilioAdapter(accountSID: FakeTwilio.Behavior().accountSID, authToken: FakeTwilio.Behavior().authToken,
                                       from: "+13055550100", baseURL: fake.baseURL, timeoutSeconds: 5, transport: URLSessionTransport())
            let health = RuntimeHealth(startedAt: RuntimeHarness.start)
            let config = h.configuration(base: "https://hooks.example.com")
            let dispatcher = DispatchService(store: h.store, adapters: { _, _ in twilio }, configuration: config, clock: h.clock,
                                             logger: h.logger, health: health)
            let enrolment = EnrollmentService(store: h.store, configuration: config, clock: h.clock, logger: h.logger, health: health)
            let sink = RuntimeEventSink(store: h.store, clock: h.clock, logger: h.logger, health: health)

            #expect(await enrolment.runOnce() == 3)
            // Run the clock until each lead's first touch reached the fake provider.
            for _ in 0..<200 where await fake.log.count < 3 {
                await dispatcher.runOnce()
                h.time.advance(by: 600)
            }
            let first = await fake.log.requests
            #expect(first.count == 3)
            #expect(Set(first.compactMap { $0.formValue("To") }) == ["+13055550000", "+13055550001", "+13055550002"])
            let callback = first.compactMap { $0.formValue("StatusCallback") }.first ?? ""
            #expect(callback.contains("touch=") && callback.contains("org=org-rt"))

            // Status callbacks: each sent touch settles and the next step is planned in the same write.
            let lead0 = LeadID("lead-0000")
            var sent = try await h.touches(lead0).filter { $0.status == .sent }
            #expect(sent.count == 1)
            let touch = sent[0]
            let event = statusEvent(for: touch)
            let context = WebhookContext(provider: .twilio, url: "https://hooks.example.com/webhooks/twilio?touch=\(touch.id.rawValue)&org=org-rt",
                                         receivedAt: h.time.now)
            try await sink.handle([event], context: context)
            let afterFirst = try await h.touches(lead0)
            #expect(afterFirst.first { $0.id == touch.id }?.outcome != nil)
            #expect(afterFirst.contains { $0.status == .queued })
            // A redelivered callback changes nothing.
            try await sink.handle([event], context: context)
            #expect(try await h.touches(lead0) == afterFirst)

            // The lead answers BAJA by SMS: do_not_contact at once, queue emptied, one confirmation.
            let before = await fake.log.count
            let baja = ChannelEvent.inboundMessage(InboundMessageEvent(
                provider: .twilio, channel: .sms, providerMessageID: "SMin0001", from: "+13055550000", to: "+13055550100", body: "BAJA"))
            let inboundContext = WebhookContext(provider: .twilio, url: "https://hooks.example.com/webhooks/twilio/inbound", receivedAt: h.time.now)
            try await sink.handle([baja], context: inboundContext)
            try await sink.handle([baja], context: inboundContext)
            #expect(try await h.store.lead(lead0, org: RuntimeHarness.org)?.state == .doNotContact)
            let afterOptOut = try await h.touches(lead0)
            #expect(!afterOptOut.contains { $0.status == .queued && $0.payload.kind != .confirmation })
            #expect(afterOptOut.filter { $0.payload.kind == .confirmation }.count == 1)

            // A month of dispatching: the confirmation goes out once, nothing else ever reaches lead 0.
            for _ in 0..<120 {
                await dispatcher.runOnce()
                h.time.advance(by: 6 * 3600)
            }
            let toLead0 = await fake.log.requests.dropFirst(before).filter { $0.formValue("To") == "+13055550000" }
            #expect(toLead0.count == 1)
            #expect(toLead0.first?.formValue("Body")?.contains("START") == true)
            // The other leads kept going (their cadences continue after callbacks or none).
            sent = try await h.touches(LeadID("lead-0001")).filter { $0.status == .sent }
            #expect(sent.count >= 1)
            let events = try await h.store.coreEvents(org: RuntimeHarness.org, engine: "compliance", limit: 10)
            #expect(events.contains { $0.leadID == lead0 && $0.message.contains("do_not_contact") })
            let snapshot = await health.snapshot()
            #expect(snapshot.loops.contains { $0.name == "dispatch" && $0.runs > 0 && $0.lastError == nil })
        }
    }

    private func statusEvent(for touch: TouchRun) -> ChannelEvent {
        if touch.channel == .voice {
            return .callStatus(CallStatusEvent(provider: .twilio, providerCallID: touch.providerMessageID ?? "", status: .completed,
                                               durationSeconds: 40, answeredBy: .machine))
        }
        return .messageStatus(MessageStatusEvent(provider: .twilio, providerMessageID: touch.providerMessageID ?? "", status: .delivered))
    }
}
