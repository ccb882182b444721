import Engine
import Foundation
import Logging
import RevenueCore
import ServiceLifecycle

/// Finds the adapter that sends a client's touches on a channel (built by the executable from channels/*.yaml).
public typealias AdapterResolver = @Sendable (ClientID, Channel) -> (any ChannelAdapter)?

/// What the dispatcher did in one pass.
public struct DispatchReport: Sendable, Hashable {
    public var claimed = 0
    public var sent = 0
    public var skipped = 0
    /// Claimed but moved to a later compliant instant (send-time window or cap).
    public var deferred = 0
    public var retried = 0
    public var failed = 0
    public var reconciled = 0
    public var expired = 0
    public init() {}

    mutating func add(_ other: DispatchReport) {
        claimed += other.claimed; sent += other.sent; skipped += other.skipped; deferred += other.deferred; retried += other.retried
        failed += other.failed; reconciled += other.reconciled; expired += other.expired
    }
}

/// The dispatch loop: expire stale leases, claim due touches per org under a lease, re-check the lead
/// (state, window, caps) at send time, send through the adapter, then complete, retry, fall back or stop the lead.
public final class DispatchService: Service {
    let store: any Store
    let adapters: AdapterResolver
    let configuration: RuntimeConfiguration
    let clock: RuntimeClock
    let logger: Logger
    let health: RuntimeHealth
    let directory: CampaignDirectory
    let events: EventRecorder
    let applier: OutcomeApplier
    let throttle: ClientThrottle

    public init(
        store: any Store, adapters: @escaping AdapterResolver, configuration: RuntimeConfiguration, clock: RuntimeClock = .system,
        logger: Logger, health: RuntimeHealth, directory: CampaignDirectory? = nil
    ) {
        self.store = store
        self.adapters = adapters
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        self.health = health
        let directory = directory ?? CampaignDirectory(store: store)
        self.directory = directory
        events = EventRecorder(store: store, logger: logger)
        applier = OutcomeApplier(store: store, directory: directory, events: events)
        throttle = ClientThrottle(store: store)
    }

    /// Loops until graceful shutdown: a batch in flight is finished (sent and completed) before returning.
    public func run() async throws {
        logger.info("dispatcher started", metadata: ["daemon.id": "\(configuration.daemonID)"])
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let report = await runOnce()
            if report.claimed == 0 && report.expired == 0 {
                try? await cancelWhenGracefulShutdown { [clock, configuration] in
                    try await clock.sleep(.milliseconds(Int64(configuration.pollIntervalSeconds * 1000)))
                }
            }
        }
        logger.info("dispatcher stopped", metadata: ["daemon.id": "\(configuration.daemonID)"])
    }

    /// One pass over every org: expire leases, claim one batch, send it. Errors are recorded, not thrown.
    @discardableResult
    public func runOnce() async -> DispatchReport {
        var total = DispatchReport()
        let now = clock.now()
        do {
            for org in try await store.orgs() {
                total.add(try await dispatch(org: org.id))
            }
            health.record("dispatch", at: now, error: nil)
        } catch {
            health.record("dispatch", at: now, error: error)
            await events.error(engine: "dispatcher", org: nil, error, context: "dispatch pass failed", at: now)
        }
        return total
    }

    /// Expires stale leases and sends one claimed batch of the org.
    public func dispatch(org: OrgID) async throws -> DispatchReport {
        var report = DispatchReport()
        let now = clock.now()
        report.expired = try await store.expireLeases(org: org, now: now).count
        if report.expired > 0 {
            await events.record(engine: "dispatcher", org: org, "\(report.expired) expired leases taken back for reconciliation", at: now)
        }
        let claimed = try await store.claimDue(org: org, now: now, limit: configuration.batchSize, lease: configuration.lease)
        report.claimed = claimed.count
        guard !claimed.isEmpty else { return report }
        let width = configuration.sendConcurrency
        await withTaskGroup(of: DispatchReport.self) { group in
            var next = 0, done = 0
            while done < claimed.count {
                while next < claimed.count && next - done < width {
                    let touch = claimed[next]
                    next += 1
                    group.addTask { await self.process(touch) }
                }
                if let one = await group.next() { report.add(one) }
                done += 1
            }
        }
        return report
    }

    /// One claimed touch, from the send-time checks to the store write that settles it.
    func process(_ touch: TouchRun) async -> DispatchReport {
        var report = DispatchReport()
        let org = touch.orgID
        let now = clock.now()
        var admitted: [String] = []
        defer { throttle.release(admitted) }
        do {
            guard let lead = try await store.lead(touch.leadID, org: org) else {
                try await skip(touch, reason: "lead missing", now: now)
                report.skipped = 1
                return report
            }
            let context = try await directory.context(org: org, campaign: touch.campaignID, playbookHash: touch.playbookHash)
            guard let adapter = adapters(context.client.id, touch.channel) else {
                try await skip(touch, reason: "no adapter routed for \(touch.channel.rawValue)", now: now)
                report.skipped = 1
                return report
            }
            // A touch a crashed dispatcher left `sending` may already be at the provider: ask first, so
            // that neither a resend nor a send-time skip or deferral hides a message that went out.
            if touch.error == "lease_expired" {
                switch try await reconcile(touch, lead: lead, adapter: adapter, now: now) {
                case .settled: report.reconciled = 1; return report
                case .send: report.reconciled = 1
                }
            }
            switch try await sendTimeCheck(touch, lead: lead, context: context, now: now) {
            case .send:
                switch try await throttle.admit(touch, client: context.client, now: now) {
                case .go(let reservations): admitted = reservations
                case .hold(let until, let reason):
                    try await reschedule(touch, to: until, reason: reason, now: now)
                    report.deferred = 1
                    return report
                }
            case .skip(let reason):
                try await skip(touch, reason: reason, now: now)
                report.skipped = 1
                return report
            case .deferred(let until, let reason):
                try await reschedule(touch, to: until, reason: reason, now: now)
                report.deferred = 1
                return report
            }
            let rendered = try await render(touch, lead: lead, context: context)
            if let hole = rendered.missing.first(where: { $0.hasPrefix("lead.") }) {
                // The lead's own record lacks it (no name at all): waiting will not fill it.
                try await skip(touch, reason: "missing_variable: \(hole)", code: "missing_variable", now: now)
                report.skipped = 1
                return report
            }
            if let hole = rendered.missing.first {
                // Never a message with a hole in it. The touch waits (no attempt spent) for the operator to
                // fill the profile (`revasi client update`); the lead is not burned through its cadence.
                try await reschedule(touch, to: now.addingTimeInterval(configuration.missingVariableRetrySeconds),
                                     reason: "missing_variable: \(hole)", code: "missing_variable", now: now)
                report.deferred = 1
                return report
            }
            let message = try await outbound(touch, lead: lead, rendered: rendered, client: context.client.id, provider: adapter.kind, now: now)
            do {
                let receipt = try await adapter.send(message)
                try await settleSent(touch, receipt: receipt, body: rendered.body, now: now)
                report.sent = 1
            } catch let error as ChannelError {
                report.add(try await handle(error, touch: touch, lead: lead, now: now))
            }
        } catch {
            report.failed = 1
            await events.error(engine: "dispatcher", org: org, campaign: touch.campaignID, lead: touch.leadID, error,
                               context: "touch \(touch.id.rawValue) not dispatched", at: now)
        }
        return report
    }

    /// What the dispatcher may do with the touch now: the lead's state and reach, a cadence exit reached
    /// since it was planned, then the calling window, state rules and caps re-checked at this instant.
    func sendTimeCheck(_ touch: TouchRun, lead: Lead, context: CampaignContext, now: Date) async throws -> SendTimeDecision {
        if touch.payload.kind == .confirmation { return lead.isReachable(on: touch.channel) ? .send : .skip("unreachable on \(touch.channel.rawValue)") }
        if !lead.state.permits(touch.payload.kind) { return .skip("lead is \(lead.state.rawValue)") }
        if !lead.isReachable(on: touch.channel) { return .skip("unreachable on \(touch.channel.rawValue)") }
        var history = try await store.touches(lead: lead.id, org: touch.orgID)
        for i in history.indices where history[i].id == touch.id { history[i].status = .queued }
        let plan = context.orchestrator.plan(lead: lead, history: history, appointments: [], now: now)
        if plan.cancellations.contains(touch.id) { return .skip("cadence exited before send") }
        switch context.orchestrator.sendTimeVerdict(for: touch, lead: lead, history: history, now: now) {
        case .send: return .send
        case .skip(let reason): return .skip("\(reason.rawValue) at send time")
        case .deferred(let until, let reason): return .deferred(until, reason.rawValue)
        }
    }

    /// The dispatcher's send-time decision, with reasons in words.
    enum SendTimeDecision { case send, skip(String), deferred(Date, String) }

    /// Puts a claimed touch back in the queue for `until` (no attempt spent) and records why.
    func reschedule(_ touch: TouchRun, to until: Date, reason: String, code: String = "deferred", now: Date) async throws {
        try await store.reschedule(touch.id, org: touch.orgID, owner: configuration.daemonID, to: until, reason: "deferred: \(reason)")
        RuntimeMetrics.touch(touch.channel, "deferred")
        await events.record(engine: "dispatcher", org: touch.orgID, campaign: touch.campaignID, lead: touch.leadID, errorCode: code,
                            "touch \(touch.id.rawValue) deferred at send time to \(until.ISO8601Format()): \(reason)", at: now)
    }

    /// Marks a claimed touch `skipped`, its reason in `error` (the timeline shows it), and records why.
    func skip(_ touch: TouchRun, reason: String, code: String = "skipped", now: Date) async throws {
        try await store.complete([TouchCompletion(touchID: touch.id, status: .skipped, error: reason, sentAt: now)], org: touch.orgID, owner: configuration.daemonID)
        RuntimeMetrics.touch(touch.channel, "skipped")
        await events.record(engine: "dispatcher", org: touch.orgID, campaign: touch.campaignID, lead: touch.leadID,
                            errorCode: code, "touch \(touch.id.rawValue) skipped at send time: \(reason)", at: now)
    }

    enum Reconciliation { case settled, send }

    /// A touch whose earlier claim expired may have reached the provider: ask it (by touch id), and
    /// send again only when it says it has no such message. Adapters that cannot answer: fail, never resend.
    func reconcile(_ touch: TouchRun, lead: Lead, adapter: any ChannelAdapter, now: Date) async throws -> Reconciliation {
        guard let lookup = adapter as? any ChannelStatusLookup else {
            try await unreconciled(touch, why: "provider cannot be asked", "\(adapter.kind) has no status lookup", now: now)
            return .settled
        }
        let state: ProviderDeliveryState
        let probe = try await outbound(touch, lead: lead, rendered: RenderedTouch(body: touch.payload.message), client: nil, provider: adapter.kind, now: now)
        do {
            state = try await lookup.status(of: probe, notBefore: touch.scheduledAt)
        } catch {
            // Could not ask now: leave it to a later pass (the lease runs out again), never resend blind.
            await events.record(engine: "reconciler", org: touch.orgID, campaign: touch.campaignID, lead: touch.leadID, errorCode: error.kind.rawValue,
                                "status lookup for touch \(touch.id.rawValue) failed: \(error.description)", at: now)
            return .settled
        }
        switch state {
        case .accepted(let receipt):
            try await store.complete([TouchCompletion(touchID: touch.id, status: .sent, providerMessageID: receipt.providerMessageID, sentAt: now)],
                                     org: touch.orgID, owner: configuration.daemonID)
            RuntimeMetrics.touch(touch.channel, "reconciled_sent")
            await events.record(engine: "reconciler", org: touch.orgID, campaign: touch.campaignID, lead: touch.leadID,
                                "touch \(touch.id.rawValue) had reached \(adapter.kind) before the crash; marked sent", at: now)
            return .settled
        case .notFound:
            await events.record(engine: "reconciler", org: touch.orgID, campaign: touch.campaignID, lead: touch.leadID,
                                "touch \(touch.id.rawValue) never reached \(adapter.kind); sending", at: now)
            return .send
        case .ambiguous:
            try await unreconciled(touch, why: "provider answer ambiguous", "\(adapter.kind) has messages that may be this one", now: now)
            return .settled
        }
    }

    /// Settles a touch whose fate is unknowable as failed, never resent, and records why.
    func unreconciled(_ touch: TouchRun, why: String, _ detail: String, now: Date) async throws {
        try await store.fail(touch.id, org: touch.orgID, owner: configuration.daemonID, error: "unreconciled: \(why)", retry: .none, now: now)
        RuntimeMetrics.touch(touch.channel, "unreconciled")
        await events.record(engine: "reconciler", org: touch.orgID, campaign: touch.campaignID, lead: touch.leadID, errorCode: "unreconciled",
                            "touch \(touch.id.rawValue) left sending by a crashed dispatcher; \(detail), not resent", at: now)
    }

    /// The touch rendered now from its step and the client's profile as stored (reminders with their appointment).
    func render(_ touch: TouchRun, lead: Lead, context: CampaignContext) async throws -> RenderedTouch {
        var start: Date?
        if let appointment = touch.appointmentID { start = try await store.appointment(appointment, org: touch.orgID)?.startsAt }
        return context.orchestrator.render(touch, lead: lead, appointmentStart: start)
    }

    /// The rendered touch as the adapter takes it: every field the step set, the lead's last inbound
    /// message on the channel (the WhatsApp session window) and the signed unsubscribe URL of campaign mail.
    func outbound(_ touch: TouchRun, lead: Lead, rendered: RenderedTouch, client: ClientID?, provider: ProviderKind, now: Date) async throws -> OutboundMessage {
        let isCampaign = touch.payload.kind != .confirmation
        var lastInbound: Date?
        if touch.channel == .whatsapp {
            let messages = try await store.messages(conversation: Conversation.id(lead: lead.id, channel: .whatsapp), org: touch.orgID)
            lastInbound = messages.last { $0.direction == .inbound }?.at
        }
        return OutboundMessage(
            touchID: touch.id, orgID: touch.orgID, clientID: client, channel: touch.channel,
            to: (touch.channel == .email ? lead.email : lead.phone) ?? "", language: touch.payload.language,
            body: rendered.body, subject: rendered.subject, htmlBody: rendered.htmlBody, voicemail: rendered.voicemail,
            voiceOptions: rendered.options, template: rendered.approvedTemplate, lastInboundAt: lastInbound,
            now: now, idempotencyKey: touch.idempotencyKey, isCampaign: isCampaign,
            unsubscribeURL: touch.channel == .email ? directory.links.unsubscribe(touch.orgID, lead.id) : nil,
            statusCallbackURL: configuration.callbackURL(provider: provider, touch: touch.id, org: touch.orgID))
    }

    /// The provider accepted the touch: complete it and store the outbound message (the text as sent).
    func settleSent(_ touch: TouchRun, receipt: SendReceipt, body: String, now: Date) async throws {
        // The touch and its outbound message land together: a crash cannot leave one without the other.
        let message = touch.channel != .voice && !body.isEmpty
            ? Message(id: "out-\(touch.id.rawValue)", orgID: touch.orgID, leadID: touch.leadID, channel: touch.channel, direction: .outbound,
                      body: body, providerMessageID: receipt.providerMessageID, touchID: touch.id, at: now)
            : nil
        let completed = try await store.completeSent(
            TouchCompletion(touchID: touch.id, status: .sent, providerMessageID: receipt.providerMessageID, sentAt: now), message: message,
            org: touch.orgID, owner: configuration.daemonID)
        guard completed else {
            await events.record(engine: "dispatcher", org: touch.orgID, campaign: touch.campaignID, lead: touch.leadID, errorCode: "lease_lost",
                                "touch \(touch.id.rawValue) sent but its lease had expired; the reconciler will find it sent", at: now)
            return
        }
        RuntimeMetrics.touch(touch.channel, "sent")
        RuntimeMetrics.scheduleToSend(touch, sentAt: now)
    }

    /// Maps a send failure with `ChannelError.decision`.
    func handle(_ error: ChannelError, touch: TouchRun, lead: Lead, now: Date) async throws -> DispatchReport {
        var report = DispatchReport()
        let org = touch.orgID
        switch error.decision {
        case .retry(let after):
            let policy = configuration.retry
            let base = policy.delay(afterAttempt: touch.attempt)
            let jitter = base * configuration.retryJitter * Double.random(in: 0...1)
            let extra = max(0, Double(after ?? 0) - base) + jitter
            let status = try await store.fail(touch.id, org: org, owner: configuration.daemonID, error: error.description,
                                              retry: policy, now: now.addingTimeInterval(extra))
            if status == .failed {
                try await applier.apply(.failed, to: touch.id, org: org, error: error.description, now: now)
                report.failed = 1
            } else {
                report.retried = 1
            }
            RuntimeMetrics.touch(touch.channel, status == .failed ? "failed" : "retry")
        case .fallback(let mark):
            var updated = lead
            if mark?.lineType != nil, lead.phoneLineType != .landline {
                updated.phoneLineType = .landline
                try await store.markLandline(lead.id, org: org)
            }
            try await applier.apply(.failed, to: touch.id, org: org, error: error.description, lead: updated, now: now)
            RuntimeMetrics.touch(touch.channel, "failed")
            report.failed = 1
        case .useTemplate:
            try await applier.apply(.failed, to: touch.id, org: org, error: error.description, now: now)
            RuntimeMetrics.touch(touch.channel, "failed")
            report.failed = 1
        case .doNotContact:
            // One move into do_not_contact whichever daemon learns it first: set from the state read, read again if it moved.
            var state = lead.state
            for attempt in 0..<3 {
                let change = state == .doNotContact ? nil : LeadStateChange(leadID: lead.id, to: .doNotContact, reason: "provider reports opt-out", expected: state)
                do {
                    try await store.recordOutcome(
                        touch: touch.id, org: org,
                        outcome: TouchOutcomeReport(status: .failed, outcome: .failed, error: error.description, at: now), next: [], leadState: change)
                    break
                } catch let lost as StoreError where lost.isConflict && attempt < 2 {
                    state = try await store.lead(lead.id, org: org)?.state ?? state
                }
            }
            try await store.cancelQueued(lead: lead.id, org: org, reason: "opted out")
            RuntimeMetrics.touch(touch.channel, "opted_out")
            report.failed = 1
        case .halt:
            try await store.fail(touch.id, org: org, owner: configuration.daemonID, error: error.description, retry: .none, now: now)
            RuntimeMetrics.touch(touch.channel, "failed")
            report.failed = 1
        }
        await events.record(engine: "dispatcher", org: org, campaign: touch.campaignID, lead: touch.leadID, errorCode: error.kind.rawValue,
                            "touch \(touch.id.rawValue) send failed: \(error.description)", at: now)
        return report
    }
}
