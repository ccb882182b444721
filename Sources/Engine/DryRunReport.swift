import Foundation
import RevenueCore

/// Turns a simulation into `touch_runs` records and the dry-run's jsonl or table text. Pure: returns
/// bytes, the caller writes them. Messages are rendered here, lazily, not in the simulation loop.
public struct DryRunReport: Sendable {
    public let result: SimulationResult
    public let leads: [Lead]
    public let playbook: CompiledPlaybook
    public let client: Client
    public let campaignID: CampaignID
    /// Names people know the leads by (the file's id column), shown in the table.
    public let labels: [String?]
    private let renderer: TemplateRenderer
    private let plan: CadencePlan

    public init(
        result: SimulationResult, leads: [Lead], playbook: CompiledPlaybook, client: Client, offer: String? = nil, links: LeadLinks = .none,
        campaignID: CampaignID, labels: [String?] = []
    ) {
        self.result = result
        self.labels = labels
        self.leads = leads
        self.playbook = playbook
        self.client = client
        self.campaignID = campaignID
        renderer = TemplateRenderer(client: client, offer: offer, links: links)
        plan = CadencePlan(playbook: playbook, allowedChannels: client.allowedChannels)
    }

    /// The appointment id of simulated appointment `index`.
    public func appointmentID(_ index: Int32) -> AppointmentID { AppointmentID("A\(index + 1)") }

    private func zone(ofLead lead: Int32) -> ZoneRules { result.zones[Int(result.leadZones[Int(lead)])] }

    /// The full `touch_runs` record of a simulated touch, message rendered in the lead's language.
    public func touchRun(_ t: SimTouch) -> TouchRun {
        let lead = leads[Int(t.lead)]
        let step = plan.index(of: StepID(Int(t.step))).map { playbook.steps[$0] }
        let channel = t.channelValue
        let language = TouchIdentity.language(for: lead, playbook: playbook)
        let appointment = t.appointment >= 0 ? appointmentID(t.appointment) : nil
        let context = t.appointment >= 0 ? TemplateRenderer.AppointmentContext(
            startsAt: result.appointments[Int(t.appointment)].startsAt, zone: zone(ofLead: t.lead)) : nil
        let template = step?.message(for: channel, language: language)
        let message = template.map { renderer.render($0.body, lead: lead, language: language, appointment: context) } ?? ""
        let subject = template?.subject.map { renderer.render($0, lead: lead, language: language, appointment: context) }
        var reason = TouchIdentity.reason(kind: t.kind, step: step, channel: channel, appointment: appointment)
        if let code = t.reason { reason += "; \(t.status.rawValue): \(code.rawValue)" }
        let at = Date(timeIntervalSince1970: Double(t.scheduledAt))
        let sent = [.sent, .delivered, .failed].contains(t.status) && t.outcome != nil
        let attempt = Int(t.attempt)
        return TouchRun(
            id: TouchIdentity.id(lead: lead.id, step: Int(t.step), attempt: attempt, appointment: appointment),
            orgID: lead.orgID, leadID: lead.id, campaignID: campaignID, channel: channel, step: Int(t.step), status: t.status,
            scheduledAt: at, sentAt: sent ? at : nil,
            payload: TouchPayload(message: message, subject: subject, template: step?.template ?? "", reason: reason, kind: t.kind, language: language),
            error: t.status == .failed ? t.outcome?.rawValue : nil, attempt: attempt,
            idempotencyKey: TouchIdentity.key(lead: lead.id, campaign: campaignID, playbookHash: playbook.contentHash, step: Int(t.step), attempt: attempt, appointment: appointment),
            playbookHash: playbook.contentHash, outcome: t.outcome, appointmentID: appointment)
    }

    /// Every event as one JSON object per line, then the summary; byte-identical for the same inputs.
    public func jsonl() throws -> Data {
        var out = Data()
        out.reserveCapacity(result.events.count * 200)
        try jsonl(chunkBytes: .max) { out.append($0) }
        return out
    }

    /// The same lines handed over in chunks of about `chunkBytes`, so big runs stream to the output.
    public func jsonl(chunkBytes: Int, emit: (Data) throws -> Void) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var out = Data()
        func line(_ value: some Encodable) throws {
            out.append(try encoder.encode(value))
            out.append(0x0A)
            if out.count >= chunkBytes {
                try emit(out)
                out.removeAll(keepingCapacity: true)
            }
        }
        for event in result.events {
            switch event {
            case .touch(let i):
                let t = result.touches[Int(i)]
                let zone = zone(ofLead: t.lead)
                try line(DryRunLine.Touch(run: touchRun(t), localTime: LocalTimeFormatter.isoLocal(t.scheduledAt, zone: zone),
                                          timeZone: zone.identifier, leadState: t.leadState, score: t.score, reasonCode: t.reason))
            case .state(let lead, let from, let to, let at, let trigger):
                try line(DryRunLine.State(lead_id: leads[Int(lead)].id, from: from, to: to, at: LocalTimeFormatter.isoUTC(at), reason: trigger))
            case .appointment(let i, let status, let outcome, let at):
                let a = result.appointments[Int(i)]
                let zone = zone(ofLead: a.lead)
                try line(DryRunLine.Appointment(
                    id: appointmentID(i), lead_id: leads[Int(a.lead)].id, status: status, outcome: outcome,
                    starts_at: LocalTimeFormatter.isoUTC(a.startsAt), starts_at_local: LocalTimeFormatter.isoLocal(a.startsAt, zone: zone),
                    timezone: zone.identifier, at: LocalTimeFormatter.isoUTC(at)))
            case .deferral(let lead, let step, let channel, let from, let to, let reason):
                try line(DryRunLine.Deferral(
                    lead_id: leads[Int(lead)].id, step: Int(step), channel: ChannelBits.channels[Int(channel)],
                    from: LocalTimeFormatter.isoUTC(from), to: to.map(LocalTimeFormatter.isoUTC), reason: reason))
            }
        }
        try line(summary())
        if !out.isEmpty { try emit(out) }
    }

    /// The counts of the summary line.
    public func summary() -> DryRunLine.Summary {
        var touches: [String: [String: Int]] = [:]
        var replies = 0
        for t in result.touches {
            touches[t.channelValue.rawValue, default: [:]][t.status.rawValue, default: 0] += 1
            if t.outcome == .replied { replies += 1 }
        }
        var deferrals: [String: Int] = [:]
        var bookings = 0
        var shows = 0
        for event in result.events {
            switch event {
            case .deferral(_, _, _, _, _, let reason): deferrals[reason.rawValue, default: 0] += 1
            case .state(_, _, _, _, let trigger) where trigger == .booked: bookings += 1
            case .appointment(_, _, let outcome, _) where outcome == .show: shows += 1
            default: break
            }
        }
        var states: [String: Int] = [:]
        for s in result.finalStates { states[s.rawValue, default: 0] += 1 }
        return DryRunLine.Summary(leads: leads.count, touches: touches, replies: replies, bookings: bookings, shows: shows,
                                  deferrals: deferrals, final_states: states)
    }

    /// A per-lead timeline for people.
    public func table() -> String {
        var perLead = [[SimEvent]](repeating: [], count: leads.count)
        for event in result.events {
            switch event {
            case .touch(let i): perLead[Int(result.touches[Int(i)].lead)].append(event)
            case .state(let lead, _, _, _, _), .deferral(let lead, _, _, _, _, _): perLead[Int(lead)].append(event)
            case .appointment(let i, _, _, _): perLead[Int(result.appointments[Int(i)].lead)].append(event)
            }
        }
        var out = ""
        for (i, lead) in leads.enumerated() {
            let zone = zone(ofLead: Int32(i))
            let source = lead.timeZoneSource?.rawValue ?? "fallback"
            let label = i < labels.count ? labels[i].map { " (\($0))" } ?? "" : ""
            out += "Lead \(lead.id)\(label) · \(lead.fullName ?? "(no name)") · \(zone.identifier) (\(source))"
            out += (lead.usState.map { " · \($0)" } ?? "") + " · \(TouchIdentity.language(for: lead, playbook: playbook).rawValue)\n"
            for event in perLead[i] { out += "  " + row(event, zone: zone) + "\n" }
            out += "  → final state: \(result.finalStates[i].rawValue)\n\n"
        }
        let s = summary()
        out += "Summary: \(leads.count) leads, \(result.touches.count) touches, \(s.replies) replies, \(s.bookings) bookings, \(s.shows) shows\n"
        for (channel, statuses) in s.touches.sorted(by: { $0.key < $1.key }) {
            out += "  \(channel.padding(toLength: 9, withPad: " ", startingAt: 0))" + statuses.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + "\n"
        }
        out += "  final    " + s.final_states.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + "\n"
        return out
    }

    private func when(_ t: Int, _ zone: ZoneRules) -> String {
        let p = LocalTimeFormatter.parts(local: zone.local(t))
        let day = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][p.weekday - 1]
        return "\(p.year)-\(LocalTimeFormatter.pad2(p.month))-\(LocalTimeFormatter.pad2(p.day)) \(day) \(LocalTimeFormatter.pad2(p.hour)):\(LocalTimeFormatter.pad2(p.minute))"
    }

    private func row(_ event: SimEvent, zone: ZoneRules) -> String {
        func col(_ s: String, _ n: Int) -> String { s.padding(toLength: max(n, s.count), withPad: " ", startingAt: 0) }
        switch event {
        case .touch(let i):
            let t = result.touches[Int(i)]
            let name = plan.index(of: StepID(Int(t.step))).map { playbook.steps[$0].name } ?? ""
            let detail = t.outcome?.rawValue ?? t.reason?.rawValue ?? ""
            return "\(when(t.scheduledAt, zone))  \(col(t.channelValue.rawValue, 8)) step \(col(String(t.step), 4)) \(col(t.kind.rawValue, 9)) \(col(t.status.rawValue, 9)) \(col(detail, 10)) \(name)"
        case .state(_, let from, let to, let at, let trigger):
            return "\(when(at, zone))  state    \(from.rawValue) → \(to.rawValue) (\(trigger.rawValue))"
        case .appointment(let i, let status, let outcome, let at):
            let a = result.appointments[Int(i)]
            return "\(when(at, zone))  appt     \(appointmentID(i)) \(status.rawValue)\(outcome.map { " (\($0.rawValue))" } ?? "") starts \(when(a.startsAt, zone))"
        case .deferral(_, let step, let channel, let from, let to, let reason):
            let target = to.map { "moved to \(when($0, zone))" } ?? "skipped"
            return "\(when(from, zone))  \(col(ChannelBits.channels[Int(channel)].rawValue, 8)) step \(col(String(step), 4)) \(target) (\(reason.rawValue))"
        }
    }
}
