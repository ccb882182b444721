import Conversations
import Engine
import Foundation
import Logging
import RevenueCore

/// Applies verified webhook events: status callbacks settle touches (next step planned in the same
/// transaction), inbound messages land on the lead's timeline and are read for consent and intent,
/// bounces, complaints and unsubscribes fall back or stop the lead. Safe to call twice with the same events.
public final class RuntimeEventSink: ChannelEventSink {
    let store: any Store
    let clock: RuntimeClock
    let logger: Logger
    let events: EventRecorder
    let applier: OutcomeApplier
    let health: RuntimeHealth?

    public init(store: any Store, clock: RuntimeClock = .system, logger: Logger, directory: CampaignDirectory? = nil, health: RuntimeHealth? = nil) {
        self.store = store
        self.clock = clock
        self.logger = logger
        self.health = health
        events = EventRecorder(store: store, logger: logger)
        applier = OutcomeApplier(store: store, directory: directory ?? CampaignDirectory(store: store), events: events)
    }

    @discardableResult
    public func handle(_ events: [ChannelEvent], context: WebhookContext) async throws -> CallInstruction? {
        let now = clock.now()
        do {
            var instruction: CallInstruction?
            for event in events { instruction = try await handle(event, context: context, now: now) ?? instruction }
            health?.record("webhooks", at: now, error: nil)
            return instruction
        } catch {
            health?.record("webhooks", at: now, error: error)
            await self.events.error(engine: "webhooks", org: context.queryItem("org").map { OrgID($0) }, error, context: "webhook event not applied", at: now)
            throw error
        }
    }

    /// One event; a call answer (`<Gather>` result, transfer) returns what the call does next (CallIntents.swift).
    func handle(_ event: ChannelEvent, context: WebhookContext, now: Date) async throws -> CallInstruction? {
        switch event {
        case .messageStatus(let e):
            guard let outcome = e.status.outcome, let touch = try await resolveTouch(context, providerID: e.providerMessageID) else { return nil }
            if e.failure?.decision == .doNotContact {
                try await optOut(lead: touch.leadID, org: touch.orgID, channel: touch.channel, reason: "provider reports opt-out", confirm: nil, now: now)
            }
            try await apply(outcome, touch, providerID: e.providerMessageID, error: e.failure?.description, now: now)
        case .callStatus(let e):
            guard let outcome = e.outcome, let touch = try await resolveTouch(context, providerID: e.providerCallID) else { return nil }
            try await apply(outcome, touch, providerID: e.providerCallID, error: e.failure?.description,
                            duration: e.durationSeconds, recording: e.recordingURL, now: now)
        case .callInput(let e):
            guard let touch = try await resolveTouch(context, providerID: e.providerCallID) else { return nil }
            return try await callInput(e, touch: touch, context: context, now: now)
        case .callTransfer(let e):
            guard let touch = try await resolveTouch(context, providerID: e.providerCallID) else { return nil }
            return try await callTransfer(e, touch: touch, context: context, now: now)
        case .callRecording:
            return nil
        case .emailOpened(let e):
            guard let touch = try await resolveTouch(context, providerID: e.providerMessageID) else { return nil }
            try await apply(.opened, touch, providerID: e.providerMessageID, error: nil, now: now)
        case .emailBounce(let e):
            guard e.kind == .hard, let touch = try await resolveTouch(context, providerID: e.providerMessageID) else { return nil }
            try await apply(.bounced, touch, providerID: e.providerMessageID, error: "hard bounce", now: now)
        case .complaint(let e):
            guard let touch = try await resolveTouch(context, providerID: e.providerMessageID) else { return nil }
            try await optOut(lead: touch.leadID, org: touch.orgID, channel: touch.channel, reason: "complaint", confirm: nil, now: now)
        case .unsubscribe(let e):
            var target: (org: OrgID, lead: LeadID)?
            if let org = e.orgID, let lead = e.leadID { target = (org, lead) }
            if target == nil, let id = e.providerMessageID, let touch = try await resolveTouch(context, providerID: id) { target = (touch.orgID, touch.leadID) }
            if target == nil, let found = try await store.findLead(address: e.recipient, org: context.queryItem("org").map { OrgID($0) }) {
                target = (found.orgID, found.id)
            }
            guard let target else { return nil }
            try await optOut(lead: target.lead, org: target.org, channel: e.channel, reason: "unsubscribe", confirm: nil, now: now)
        case .inboundMessage(let e):
            try await inbound(e, context: context, now: now)
        }
        return nil
    }

    private func apply(_ outcome: Outcome, _ touch: TouchRun, providerID: String, error: String?, duration: Int? = nil, recording: String? = nil, now: Date) async throws {
        if try await applier.apply(outcome, to: touch.id, org: touch.orgID, providerMessageID: providerID, error: error,
                                   durationSeconds: duration, recordingURL: recording, now: now) {
            RuntimeMetrics.touch(touch.channel, outcome.rawValue)
        }
    }

    /// The touch a callback is about: the `touch`/`org` query items the dispatcher put in the URL, else the provider's id.
    func resolveTouch(_ context: WebhookContext, providerID: String) async throws -> TouchRun? {
        let org = context.queryItem("org").map { OrgID($0) }
        if let org, let id = context.queryItem("touch"), let touch = try await store.touch(TouchID(id), org: org) { return touch }
        let orgs: [OrgID]
        if let org { orgs = [org] } else { orgs = try await store.orgs().map(\.id) }
        for org in orgs {
            if let touch = try await store.touch(providerMessageID: providerID, org: org) { return touch }
        }
        return nil
    }

    // MARK: - Inbound messages

    func inbound(_ e: InboundMessageEvent, context: WebhookContext, now: Date) async throws {
        let org = context.queryItem("org").map { OrgID($0) }
        guard let lead = try await store.findLead(address: e.from, org: org) else {
            RuntimeMetrics.inbound("unknown_sender")
            await events.record(engine: "conversations", org: org, errorCode: "unknown_sender", "inbound \(e.channel.rawValue) message from an unknown sender ignored", at: now)
            return
        }
        let history = try await store.touches(lead: lead.id, org: lead.orgID)
        // The touch it answers: the one `In-Reply-To` names, else the latest sent on the channel.
        let named = e.inReplyTo.flatMap { id in history.first { $0.providerMessageID == id && $0.channel == e.channel } }
        let answered = named ?? history.filter { $0.channel == e.channel && $0.sentAt != nil }.max { ($0.sentAt ?? .distantPast) < ($1.sentAt ?? .distantPast) }
        let isNew = try await store.appendMessage(Message(
            id: "in-\(e.provider.rawValue)-\(e.providerMessageID)", orgID: lead.orgID, leadID: lead.id, channel: e.channel, direction: .inbound,
            body: e.body, providerMessageID: e.providerMessageID, touchID: answered?.id, at: e.at ?? now), org: lead.orgID)
        guard isNew else { return }
        let classification = ReplyClassifier.classify(e.body)
        let keyword: ConsentSignal? = switch e.optOut {
        case .stop: .optOut
        case .start: .optIn
        case .help: .help
        case nil: nil
        }
        let consent = classification.consent ?? keyword
        switch consent {
        case .optOut:
            RuntimeMetrics.inbound("opt_out")
            try await optOut(lead: lead.id, org: lead.orgID, channel: e.channel, reason: "opted out by keyword on \(e.channel.rawValue)",
                             confirm: (e.providerMessageID, history), now: now)
        case .optIn:
            RuntimeMetrics.inbound("opt_in")
            try await optIn(lead, channel: e.channel, messageID: e.providerMessageID, history: history, now: now)
        case .help:
            RuntimeMetrics.inbound("help")
            try await confirm(lead, kind: "help", channel: e.channel, messageID: e.providerMessageID, history: history, now: now)
            await events.record(engine: "conversations", org: lead.orgID, lead: lead.id, "help requested on \(e.channel.rawValue); help text queued", at: now)
        case nil:
            RuntimeMetrics.inbound(classification.intent.rawValue)
            try await reply(lead, intent: classification.intent, channel: e.channel, answered: answered, now: now)
        }
    }

    /// A reply that is not a keyword: settles the touch it answers as `replied` (engaged, cadence exit),
    /// then acts on the intent; anything a person must answer becomes an operator task.
    func reply(_ lead: Lead, intent: ReplyIntent, channel: Channel, answered: TouchRun?, now: Date) async throws {
        if let answered, answered.outcome != .replied {
            try await applier.apply(.replied, to: answered.id, org: lead.orgID, now: now)
        }
        try await store.move(lead.id, org: lead.orgID, to: .engaged, reason: "replied on \(channel.rawValue)", at: now) {
            [.new, .enriched, .attempting].contains($0)
        }
        switch intent {
        case .notInterested, .wrongPerson:
            let moved = try await store.move(lead.id, org: lead.orgID, to: .unqualified, reason: "reply: \(intent.rawValue)", at: now) {
                $0 != .doNotContact && $0 != .unqualified
            }
            if moved { try await store.cancelQueued(lead: lead.id, org: lead.orgID, reason: "reply: \(intent.rawValue)") }
        case .interested, .question, .reschedule, .unclear:
            try await store.recordDirectorEvent(DirectorEvent(
                orgID: lead.orgID, campaignID: answered?.campaignID ?? lead.campaignID, kind: "operator.task",
                summary: "lead \(lead.id.rawValue) replied on \(channel.rawValue): \(intent.rawValue); answer and book", at: now), org: lead.orgID)
        }
        await events.record(engine: "conversations", org: lead.orgID, campaign: answered?.campaignID, lead: lead.id,
                            "reply on \(channel.rawValue) read as \(intent.rawValue)", at: now)
    }

    /// Stops every cadence of the lead on every channel at once: do_not_contact, queued touches cancelled,
    /// and (for a keyword) exactly one confirmation, only on the change into do_not_contact.
    func optOut(lead id: LeadID, org: OrgID, channel: Channel, reason: String, confirm: (messageID: String, history: [TouchRun])?, now: Date) async throws {
        guard let lead = try await store.lead(id, org: org) else { return }
        let cancelled = try await store.cancelQueued(lead: id, org: org, reason: "opted out")
        // One move into do_not_contact, whichever daemon gets the opt-out first: one event, one confirmation.
        guard try await store.move(id, org: org, to: .doNotContact, reason: reason, at: now, when: { $0 != .doNotContact }) else { return }
        await events.record(engine: "compliance", org: org, lead: id, "do_not_contact (\(reason)); \(cancelled) queued touches cancelled", at: now)
        if let confirm {
            try await self.confirm(lead, kind: "opt_out", channel: channel, messageID: confirm.messageID, history: confirm.history, now: now)
        }
    }

    /// START/UNSTOP: a recorded re-opt-in, the only way out of do_not_contact.
    func optIn(_ lead: Lead, channel: Channel, messageID: String, history: [TouchRun], now: Date) async throws {
        guard lead.state == .doNotContact else { return }
        let consent = ConsentRecord(at: now, source: "START", channel: channel)
        let to = try LeadStateMachine.transition(from: lead.state, on: .reOptIn, consent: consent)
        guard try await store.move(lead.id, org: lead.orgID, to: to, reason: "re-opt-in: START on \(channel.rawValue)", at: now, when: { $0 == .doNotContact })
        else { return }
        await events.record(engine: "compliance", org: lead.orgID, lead: lead.id, "re-opt-in recorded (START on \(channel.rawValue)); state \(to.rawValue)", at: now)
        try await confirm(lead, kind: "opt_in", channel: channel, messageID: messageID, history: history, now: now)
    }

    /// Queues one compliance reply (idempotent per inbound message), due now.
    func confirm(_ lead: Lead, kind: String, channel: Channel, messageID: String, history: [TouchRun], now: Date) async throws {
        guard let anchor = history.last else {
            await events.record(engine: "compliance", org: lead.orgID, lead: lead.id, errorCode: "no_campaign",
                                "\(kind) confirmation not queued: the lead has no touch to attach it to", at: now)
            return
        }
        let language = lead.language ?? anchor.payload.language
        let safeID = String(messageID.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init)).suffix(24)
        let touch = TouchRun(
            id: TouchID("\(lead.id.rawValue)-\(kind)-\(safeID)"), orgID: lead.orgID, leadID: lead.id, campaignID: anchor.campaignID,
            channel: channel, step: 0, scheduledAt: now,
            payload: TouchPayload(message: ComplianceReplies.text(kind, language: language), template: "compliance.\(kind)",
                                  reason: "\(kind) confirmation", kind: .confirmation, language: language),
            idempotencyKey: "\(lead.id.rawValue)/\(kind)/\(messageID)", playbookHash: anchor.playbookHash)
        try await store.enqueue([touch], org: lead.orgID)
    }
}

/// The fixed compliance replies (opt-out confirmation, re-opt-in, help), in Spanish and English.
public enum ComplianceReplies {
    /// The text for `kind` (`opt_out`, `opt_in`, `help`) in `language`.
    public static func text(_ kind: String, language: Language) -> String {
        switch (kind, language) {
        case ("opt_out", .es): "Listo: no le enviaremos más mensajes. Responda START para volver a suscribirse."
        case ("opt_out", _): "You are unsubscribed and will get no more messages. Reply START to subscribe again."
        case ("opt_in", .es): "Suscrito de nuevo. Responda BAJA en cualquier momento para no recibir más mensajes."
        case ("opt_in", _): "You are subscribed again. Reply STOP at any time to stop messages."
        case (_, .es): "Ayuda: responda BAJA para no recibir más mensajes. Pueden aplicarse tarifas de mensajes y datos."
        default: "Help: reply STOP to stop messages. Message and data rates may apply."
        }
    }
}

extension Store {
    /// The lead with this phone (E.164) or e-mail, in `org` or else the first org that has it (an index lookup per org).
    public func findLead(address: String, org: OrgID?) async throws -> Lead? {
        let orgs: [OrgID]
        if let org { orgs = [org] } else { orgs = try await self.orgs().map(\.id) }
        for org in orgs {
            if let hit = try await lead(address: address, org: org) { return hit }
        }
        return nil
    }
}
