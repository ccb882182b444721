import Foundation
import RevenueCore

/// What one planning pass decided for a lead: touches to insert, queued touches to cancel, state
/// changes and the deferrals on the way.
public struct PlanResult: Sendable, Hashable {
    public var touches: [TouchRun] = []
    public var cancellations: [TouchID] = []
    public var stateChanges: [StateChange] = []
    public var deferrals: [Deferral] = []
    public init() {}
}

/// A touch's outcome applied: the updated touch, the lead after it, and the next plan.
public struct ApplyResult: Sendable, Hashable {
    public var touch: TouchRun
    public var lead: Lead
    public var stateChanges: [StateChange]
    public var plan: PlanResult
}

/// The touch orchestrator for the daemon: from (playbook, lead, history, appointments, now) to the
/// next `touch_runs` rows. Idempotent: replanning the same state yields nothing new.
public struct Orchestrator: Sendable {
    public let playbook: CompiledPlaybook
    public let client: Client
    public let campaignID: CampaignID
    let plan: CadencePlan
    let scheduler: ComplianceScheduler
    let renderer: TemplateRenderer

    /// `offer` is the campaign's (`{{campaign.offer}}`); `links` builds the per-lead signed URLs.
    public init(playbook: CompiledPlaybook, client: Client, campaignID: CampaignID, offer: String? = nil, links: LeadLinks = .none) {
        self.playbook = playbook
        self.client = client
        self.campaignID = campaignID
        plan = CadencePlan(playbook: playbook, allowedChannels: client.allowedChannels)
        scheduler = ComplianceScheduler(playbook: playbook, clientWindow: client.schedule, clientTouchesPerDay: client.limits.touchesPerLeadPerDay)
        renderer = TemplateRenderer(client: client, offer: offer, links: links)
    }

    /// Plans the lead's next touches and cancellations. Never returns a second queued touch for a step.
    public func plan(lead: Lead, history: [TouchRun], appointments: [Appointment], now: Date) -> PlanResult {
        var result = PlanResult()
        let mine = history.filter { $0.leadID == lead.id && $0.campaignID == campaignID }
        let queued = mine.filter { $0.status == .queued }
        switch lead.state {
        case .doNotContact, .unqualified:
            result.cancellations = queued.map(\.id)
            return result
        default: break
        }
        let context = LeadContext(lead: lead, history: history, appointments: appointments, client: client)
        planCadence(context, mine: mine, queued: queued, now: now, into: &result)
        planAppointments(context, mine: mine, queued: queued, appointments: appointments.filter { $0.leadID == lead.id }, now: now, into: &result)
        return result
    }

    /// Records a touch's outcome, moves the lead's state, and plans what follows.
    public func apply(outcome: Outcome, to touch: TouchRun, lead: Lead, history: [TouchRun], appointments: [Appointment], now: Date) -> ApplyResult {
        var touch = touch
        touch.outcome = outcome
        touch.status = switch outcome {
        case .failed, .bounced: .failed
        case .noAnswer, .busy: .sent
        default: .delivered
        }
        if touch.sentAt == nil { touch.sentAt = now }
        var lead = lead
        var changes: [StateChange] = []
        if outcome == .answered || outcome == .replied {
            lead.lastActivityAt = now
            if lead.state != .engaged, lead.state != .appointmentScheduled, let to = try? LeadStateMachine.transition(from: lead.state, on: .engaged) {
                changes.append(StateChange(leadID: lead.id, from: lead.state, to: to, at: now, trigger: .engaged))
                lead.state = to
            }
        }
        let updated = history.map { $0.id == touch.id ? touch : $0 } + (history.contains { $0.id == touch.id } ? [] : [touch])
        let next = plan(lead: lead, history: updated, appointments: appointments, now: now)
        for change in next.stateChanges { lead.state = change.to }
        return ApplyResult(touch: touch, lead: lead, stateChanges: changes + next.stateChanges, plan: next)
    }

    // MARK: - Cadence

    private func planCadence(_ c: LeadContext, mine: [TouchRun], queued: [TouchRun], now: Date, into result: inout PlanResult) {
        let cadence = mine.filter { [.cadence, .fallback, .retry].contains($0.payload.kind) }
        let exited = cadence.contains { $0.outcome.flatMap(plan.exitCondition(for:)) != nil }
            || ([.appointmentScheduled, .appointmentCompleted].contains(c.lead.state) && playbook.exits(on: .booked))
        if exited || !c.lead.state.permits(.cadence) {
            result.cancellations += queued.filter { [.cadence, .fallback, .retry].contains($0.payload.kind) }.map(\.id)
            return
        }
        if cadence.contains(where: { $0.status == .queued || $0.status == .sending }) { return }
        let nowS = Int(now.timeIntervalSince1970)
        guard let last = cadence.max(by: { ($0.scheduledAt, $0.attempt) < ($1.scheduledAt, $1.attempt) }) else {
            queueStep(c, index: plan.index(of: playbook.entry), waitFrom: nowS, now: nowS, existing: mine, into: &result)
            return
        }
        guard last.status != .cancelled else { return }
        let outcome: Outcome
        if let o = last.outcome { outcome = o } else if last.status == .failed || last.status == .skipped { outcome = .failed } else { return }
        guard let index = plan.index(of: StepID(last.step)) else { return }
        let from = Int((last.sentAt ?? last.scheduledAt).timeIntervalSince1970)
        switch plan.next(afterStepAt: index, channel: ChannelBits.of(last.channel), outcome: outcome, reach: c.reach) {
        case .exit, .end: return
        case .fallback(let channel):
            let attempt = last.attempt + 1
            guard !mine.contains(where: { $0.step == last.step && $0.attempt == attempt && $0.appointmentID == nil }) else { return }
            add(c, step: playbook.steps[index], channel: ChannelBits.of(channel), attempt: attempt, kind: .fallback, earliest: max(from, nowS), appointment: nil, into: &result)
        case .step(let id):
            queueStep(c, index: plan.index(of: id), waitFrom: from, now: nowS, existing: mine, into: &result)
        }
    }

    private func queueStep(_ c: LeadContext, index start: Int?, waitFrom: Int, now: Int, existing: [TouchRun], into result: inout PlanResult) {
        var index = start
        var hops = 0
        while let i = index, hops <= playbook.steps.count {
            hops += 1
            let step = playbook.steps[i]
            guard !existing.contains(where: { $0.step == step.id.rawValue && $0.attempt == 0 && $0.appointmentID == nil }) else { return }
            let earliest = max(now, ComplianceScheduler.earliest(after: step.wait, from: waitFrom, zone: c.zone))
            guard let channel = plan.channel(forStepAt: i, reach: c.reach) else {
                result.deferrals.append(Deferral(leadID: c.lead.id, step: step.id, channel: step.channel, from: date(earliest), to: nil, reason: .unreachable))
                switch step.next(after: .failed) {
                case .end: index = nil
                case .step(let id): index = plan.index(of: id)
                }
                continue
            }
            if c.lead.state == .new || c.lead.state == .enriched, let to = try? LeadStateMachine.transition(from: c.lead.state, on: .touchQueued) {
                result.stateChanges.append(StateChange(leadID: c.lead.id, from: c.lead.state, to: to, at: date(now), trigger: .touchQueued))
            }
            let kind: TouchKind = channel == ChannelBits.of(step.channel) ? .cadence : .fallback
            add(c, step: step, channel: channel, attempt: 0, kind: kind, earliest: earliest, appointment: nil, into: &result)
            return
        }
    }

    // MARK: - Appointments

    private func planAppointments(_ c: LeadContext, mine: [TouchRun], queued: [TouchRun], appointments: [Appointment], now: Date, into result: inout PlanResult) {
        let nowS = Int(now.timeIntervalSince1970)
        for a in appointments.sorted(by: { $0.startsAt < $1.startsAt }) {
            let start = Int(a.startsAt.timeIntervalSince1970)
            if a.status == .scheduled {
                guard c.lead.state.permits(.reminder) else { continue }
                for r in AppointmentPlanner.reminders(startsAt: start, now: nowS, plan: plan) {
                    guard !mine.contains(where: { $0.step == r.step.rawValue && $0.appointmentID == a.id }), let i = plan.index(of: r.step) else { continue }
                    guard let channel = plan.channel(forStepAt: i, reach: c.reach) else {
                        result.deferrals.append(Deferral(leadID: c.lead.id, step: r.step, channel: playbook.steps[i].channel, from: date(r.at), to: nil, reason: .unreachable))
                        continue
                    }
                    if let reason = scheduler.checkExact(channel: channel, at: r.at, zone: c.zone, rule: c.rule, ledger: c.ledger) {
                        result.deferrals.append(Deferral(leadID: c.lead.id, step: r.step, channel: ChannelBits.channels[Int(channel)], from: date(r.at), to: nil, reason: reason))
                        continue
                    }
                    result.touches.append(touch(c, step: playbook.steps[i], channel: channel, attempt: 0, kind: .reminder, at: r.at, appointment: a.id))
                }
            } else {
                result.cancellations += queued.filter { $0.appointmentID == a.id && $0.payload.kind == .reminder }.map(\.id)
            }
            guard let outcome = a.outcome, c.lead.state.permits(.followUp),
                  let follow = AppointmentPlanner.followUp(for: outcome, endedAt: max(nowS, start), plan: plan, zone: c.zone),
                  !mine.contains(where: { $0.step == follow.step.rawValue && $0.appointmentID == a.id }),
                  let i = plan.index(of: follow.step), let channel = plan.channel(forStepAt: i, reach: c.reach) else { continue }
            add(c, step: playbook.steps[i], channel: channel, attempt: 0, kind: .followUp, earliest: follow.at, appointment: a.id, into: &result)
        }
    }

    // MARK: - Building touches

    private func add(_ c: LeadContext, step: CompiledStep, channel: UInt8, attempt: Int, kind: TouchKind, earliest: Int, appointment: AppointmentID?, into result: inout PlanResult) {
        let decision = scheduler.schedule(channel: channel, earliest: earliest, zone: c.zone, rule: c.rule, ledger: c.ledger)
        for move in decision.moves {
            result.deferrals.append(Deferral(leadID: c.lead.id, step: step.id, channel: ChannelBits.channels[Int(channel)], from: date(move.from), to: move.to.map(date), reason: move.reason))
        }
        guard let at = decision.at else { return }
        result.touches.append(touch(c, step: step, channel: channel, attempt: attempt, kind: kind, at: at, appointment: appointment))
    }

    func touch(_ c: LeadContext, step: CompiledStep, channel ch: UInt8, attempt: Int, kind: TouchKind, at: Int, appointment: AppointmentID?) -> TouchRun {
        let channel = ChannelBits.channels[Int(ch)]
        let language = TouchIdentity.language(for: c.lead, playbook: playbook)
        let appointmentContext = c.appointmentStart(appointment).map { TemplateRenderer.AppointmentContext(startsAt: $0, zone: c.zone) }
        let template = step.message(for: channel, language: language)
        return TouchRun(
            id: TouchIdentity.id(lead: c.lead.id, step: step.id.rawValue, attempt: attempt, appointment: appointment),
            orgID: c.lead.orgID, leadID: c.lead.id, campaignID: campaignID, channel: channel, step: step.id.rawValue, status: .queued,
            scheduledAt: date(at),
            payload: TouchPayload(
                message: template.map { renderer.render($0.body, lead: c.lead, language: language, appointment: appointmentContext) } ?? "",
                subject: template?.subject.map { renderer.render($0, lead: c.lead, language: language, appointment: appointmentContext) },
                template: step.template, reason: TouchIdentity.reason(kind: kind, step: step, channel: channel, appointment: appointment),
                kind: kind, language: language),
            attempt: attempt,
            idempotencyKey: TouchIdentity.key(lead: c.lead.id, campaign: campaignID, playbookHash: playbook.contentHash, step: step.id.rawValue, attempt: attempt, appointment: appointment),
            playbookHash: playbook.contentHash, appointmentID: appointment)
    }

    func date(_ t: Int) -> Date { Date(timeIntervalSince1970: Double(t)) }
}

/// The per-lead facts planning needs: zone rules, state rule, reach, the ledger of sent touches.
struct LeadContext {
    let lead: Lead
    let zone: ZoneRules
    let rule: StateCallingRule
    let reach: UInt8
    let ledger: TouchLedger
    let appointmentStarts: [AppointmentID: Int]

    init(lead: Lead, history: [TouchRun], appointments: [Appointment], client: Client) {
        self.lead = lead
        zone = ZoneCache.shared.rules(lead.timeZone ?? client.timeZone) ?? ZoneCache.shared.rules(client.timeZone)
            ?? ZoneRules(identifier: "UTC", fixedOffset: 0)
        rule = StateCallingRule(usState: lead.usState)
        reach = CadencePlan.reach(of: lead, allowed: client.allowedChannels)
        var ledger = TouchLedger()
        let sent = history.filter { $0.leadID == lead.id && ($0.outcome != nil || $0.status == .sent || $0.status == .delivered) }
            .map { (Int(($0.sentAt ?? $0.scheduledAt).timeIntervalSince1970), ChannelBits.of($0.channel)) }
            .sorted { $0.0 < $1.0 }
        for (t, channel) in sent { ledger.record(at: t, channel: channel) }
        self.ledger = ledger
        appointmentStarts = Dictionary(appointments.map { ($0.id, Int($0.startsAt.timeIntervalSince1970)) }, uniquingKeysWith: { a, _ in a })
    }

    func appointmentStart(_ id: AppointmentID?) -> Int? { id.flatMap { appointmentStarts[$0] } }
}

/// Zone rules built once per zone name and shared (building reads the system zone database).
final class ZoneCache: @unchecked Sendable {
    static let shared = ZoneCache()
    private let lock = NSLock()
    private var rules: [String: ZoneRules] = [:]

    func rules(_ identifier: String) -> ZoneRules? {
        lock.lock()
        defer { lock.unlock() }
        if let r = rules[identifier] { return r }
        guard let r = ZoneRules(identifier: identifier) else { return nil }
        rules[identifier] = r
        return r
    }
}
