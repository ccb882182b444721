import Foundation
import RevenueCore
import Runtime
import Testing

/// An adapter that fails every send with one error, counting the attempts.
final class FailingAdapter: ChannelAdapter {
    let kind = ProviderKind.sandbox
    let capabilities = ChannelCapabilities(Channel.allCases.map { .init(channel: $0, outcomes: $0.outcomes) }, signsWebhooks: false)
    let error: ChannelError
    let attempts = LockedValue(0)
    init(_ error: ChannelError) { self.error = error }
    func send(_ touch: OutboundMessage) async throws(ChannelError) -> SendReceipt {
        attempts.withLock { $0 += 1 }
        throw error
    }
    func verifyWebhook(_ request: WebhookRequest) throws(ChannelError) {}
    func parseWebhook(_ request: WebhookRequest) throws(ChannelError) -> WebhookResult { WebhookResult(events: []) }
}

/// How `ChannelError.decision` maps onto the queue: retry with backoff, fallback, do_not_contact, halt.
@Suite struct DispatchDecisionTests {
    func firstTouch(_ h: RuntimeHarness, _ adapter: any ChannelAdapter) async throws -> (DispatchService, TouchRun) {
        let health = RuntimeHealth(startedAt: RuntimeHarness.start)
        let enrolment = EnrollmentService(store: h.store, configuration: h.configuration(), clock: h.clock, logger: h.logger, health: health)
        #expect(await enrolment.runOnce() == 1)
        let touch = try #require(try await h.touches(LeadID("lead-0000")).first)
        h.time.set(touch.scheduledAt)
        let dispatcher = DispatchService(store: h.store, adapters: { _, _ in adapter }, configuration: h.configuration(), clock: h.clock,
                                         logger: h.logger, health: health)
        return (dispatcher, touch)
    }

    @Test func retryableFailuresBackOffThenFallBack() async throws {
        let h = try await RuntimeHarness(leads: 1)
        defer { h.cleanup() }
        let adapter = FailingAdapter(ChannelError(.retryable, provider: .sandbox, code: "HTTP 503"))
        let (dispatcher, touch) = try await firstTouch(h, adapter)
        let report = await dispatcher.runOnce()
        #expect(report.retried == 1)
        let retried = try #require(try await h.store.touch(touch.id, org: RuntimeHarness.org))
        #expect(retried.status == .queued && retried.attempt == 1)
        // Backoff: 60 s base plus at most 20 % jitter.
        let delay = retried.scheduledAt.timeIntervalSince(h.time.now)
        #expect(delay >= 60 && delay <= 72.001)
        for _ in 0..<4 {
            h.time.advance(by: 4000)
            await dispatcher.runOnce()
        }
        #expect(adapter.attempts.withLock { $0 } >= 3)
        let final = try #require(try await h.store.touch(touch.id, org: RuntimeHarness.org))
        #expect(final.status == .failed)
    }

    @Test func permanentFailureQueuesTheFallbackInTheSameWrite() async throws {
        let h = try await RuntimeHarness(leads: 1)
        defer { h.cleanup() }
        let (dispatcher, touch) = try await firstTouch(h, FailingAdapter(ChannelError(.permanent, provider: .sandbox, code: "21610x")))
        await dispatcher.runOnce()
        let all = try await h.touches(LeadID("lead-0000"))
        #expect(all.first { $0.id == touch.id }?.status == .failed)
        #expect(all.contains { $0.id != touch.id && $0.status == .queued })
        let events = try await h.store.coreEvents(org: RuntimeHarness.org, engine: "dispatcher", limit: 5)
        #expect(events.contains { $0.errorCode == "permanent" })
    }

    @Test func optedOutAtTheProviderStopsTheLead() async throws {
        let h = try await RuntimeHarness(leads: 1)
        defer { h.cleanup() }
        let (dispatcher, _) = try await firstTouch(h, FailingAdapter(ChannelError(.optedOut, provider: .sandbox, code: "21610")))
        await dispatcher.runOnce()
        #expect(try await h.store.lead(LeadID("lead-0000"), org: RuntimeHarness.org)?.state == .doNotContact)
        #expect(!(try await h.touches(LeadID("lead-0000"))).contains { $0.status == .queued })
    }

    @Test func doNotContactLeadsAreSkippedAtSendTime() async throws {
        let h = try await RuntimeHarness(leads: 1)
        defer { h.cleanup() }
        let adapter = CountingAdapter()
        let (dispatcher, touch) = try await firstTouch(h, adapter)
        // The lead opts out after the touch was queued (and the cancel was missed): the send-time check catches it.
        try await h.store.updateLeadState(LeadStateChange(leadID: touch.leadID, to: .doNotContact, reason: "test"), org: RuntimeHarness.org, at: h.time.now)
        await dispatcher.runOnce()
        #expect(adapter.received.withLock { $0 }.isEmpty)
        #expect(try await h.store.touch(touch.id, org: RuntimeHarness.org)?.status == .skipped)
    }
}

/// Inbound keywords and replies through the sink.
@Suite struct InboundTests {
    func sinkAndSentTouch(_ h: RuntimeHarness) async throws -> RuntimeEventSink {
        let health = RuntimeHealth(startedAt: RuntimeHarness.start)
        let enrolment = EnrollmentService(store: h.store, configuration: h.configuration(), clock: h.clock, logger: h.logger, health: health)
        await enrolment.runOnce()
        let adapter = CountingAdapter()
        let dispatcher = DispatchService(store: h.store, adapters: { _, _ in adapter }, configuration: h.configuration(), clock: h.clock,
                                         logger: h.logger, health: health)
        for _ in 0..<50 where adapter.received.withLock({ $0.isEmpty }) {
            await dispatcher.runOnce()
            h.time.advance(by: 900)
        }
        return RuntimeEventSink(store: h.store, clock: h.clock, logger: h.logger)
    }

    func inbound(_ body: String, id: String) -> [ChannelEvent] {
        [.inboundMessage(InboundMessageEvent(provider: .twilio, channel: .sms, providerMessageID: id, from: "+13055550000", to: "+13055550100", body: body))]
    }

    let context = WebhookContext(provider: .twilio, url: "https://hooks.example.com/webhooks/twilio/inbound", receivedAt: RuntimeHarness.start)

    @Test func stopThenStartRecordsTheReOptIn() async throws {
        let h = try await RuntimeHarness(leads: 1)
        defer { h.cleanup() }
        let sink = try await sinkAndSentTouch(h)
        try await sink.handle(inbound("STOP", id: "SM1"), context: context)
        #expect(try await h.store.lead(LeadID("lead-0000"), org: RuntimeHarness.org)?.state == .doNotContact)
        try await sink.handle(inbound("START", id: "SM2"), context: context)
        let lead = try await h.store.lead(LeadID("lead-0000"), org: RuntimeHarness.org)
        #expect(lead?.state != .doNotContact)
        let states = try await h.store.leadStateEvents(lead: LeadID("lead-0000"), org: RuntimeHarness.org)
        #expect(states.contains { $0.reason.contains("re-opt-in") })
        let confirmations = try await h.touches(LeadID("lead-0000")).filter { $0.payload.kind == .confirmation }
        #expect(confirmations.count == 2)
        let messages = try await h.store.messages(conversation: Conversation.id(lead: LeadID("lead-0000"), channel: .sms), org: RuntimeHarness.org)
        #expect(messages.filter { $0.direction == .inbound }.count == 2)
    }

    @Test func helpQueuesTheHelpText() async throws {
        let h = try await RuntimeHarness(leads: 1)
        defer { h.cleanup() }
        let sink = try await sinkAndSentTouch(h)
        try await sink.handle(inbound("AYUDA", id: "SM3"), context: context)
        let help = try await h.touches(LeadID("lead-0000")).filter { $0.payload.kind == .confirmation }
        #expect(help.count == 1)
        #expect(help.first?.payload.message.contains("BAJA") == true)
    }

    @Test func notInterestedMakesTheLeadUnqualified() async throws {
        let h = try await RuntimeHarness(leads: 1)
        defer { h.cleanup() }
        let sink = try await sinkAndSentTouch(h)
        try await sink.handle(inbound("No gracias, no me interesa", id: "SM4"), context: context)
        #expect(try await h.store.lead(LeadID("lead-0000"), org: RuntimeHarness.org)?.state == .unqualified)
        #expect(!(try await h.touches(LeadID("lead-0000"))).contains { $0.status == .queued })
    }

    @Test func aQuestionBecomesAnOperatorTask() async throws {
        let h = try await RuntimeHarness(leads: 1)
        defer { h.cleanup() }
        let sink = try await sinkAndSentTouch(h)
        try await sink.handle(inbound("¿Cuánto cuesta la limpieza?", id: "SM5"), context: context)
        #expect(try await h.store.lead(LeadID("lead-0000"), org: RuntimeHarness.org)?.state == .engaged)
        let tasks = try await h.store.directorEvents(org: RuntimeHarness.org, limit: 5)
        #expect(tasks.contains { $0.kind == "operator.task" && !$0.summary.contains("+1") })
    }
}
