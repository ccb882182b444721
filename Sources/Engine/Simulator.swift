import Foundation
import RevenueCore

/// Runs the engine over simulated time for many leads with seeded outcomes: the core of
/// `revasi dry-run` and its benchmark. Uses the same pieces as the orchestrator (CadencePlan,
/// ComplianceScheduler, LeadStateMachine, AppointmentPlanner, Scoring) on compact records.
public struct Simulator: Sendable {
    /// What to simulate.
    public struct Configuration: Sendable {
        public var playbook: CompiledPlaybook
        public var client: Client
        /// The campaign's offer (`{{campaign.offer}}`).
        public var offer: String?
        public var start: Date
        public var days: Int
        public var seed: UInt64
        public var model: OutcomeModel
        /// false only for the benchmark baseline: no windows, caps or throttles.
        public var enforceCompliance: Bool

        public init(playbook: CompiledPlaybook, client: Client, offer: String? = nil, start: Date, days: Int = 30, seed: UInt64 = 42,
                    model: OutcomeModel = .default, enforceCompliance: Bool = true) {
            self.playbook = playbook
            self.client = client
            self.offer = offer
            self.start = start
            self.days = days
            self.seed = seed
            self.model = model
            self.enforceCompliance = enforceCompliance
        }
    }

    public let configuration: Configuration

    public init(_ configuration: Configuration) { self.configuration = configuration }

    /// Simulates `leads` (their zones already resolved, else the client's default applies).
    public func run(leads: [Lead]) -> SimulationResult {
        var run = SimulationRun(configuration, leads: leads)
        run.execute()
        return run.result()
    }
}

/// A touch waiting in the queue.
struct PendingTouch {
    var lead: Int32
    var step: Int32
    var appointment: Int32
    var channel: UInt8
    var attempt: UInt8
    var kind: TouchKind
    var live: Bool
    /// The instant compliance last approved, and the lead's send count then: when both still
    /// hold at dispatch, the re-check is skipped (nothing it depends on changed).
    var approvedAt: Int = .min
    var approvedSends: UInt32 = 0
}

/// Mutable per-lead simulation state (plain values: copying one never touches reference counts).
struct SimLead {
    var state: LeadState
    var zone: Int32
    var rule: StateCallingRule
    var reach: UInt8
    var fit: UInt8
    var created: Int
    var lastActivity: Int?
    var behaviour = LeadBehaviour()
    var rng: SplitMix64
    /// The pool slot of the queued cadence touch, or -1.
    var cadenceSlot: Int32 = -1
    /// The current appointment, or -1.
    var appointment: Int32 = -1
    /// Touches sent so far (the ledger's version).
    var sends: UInt32 = 0
}

/// One simulation in progress.
struct SimulationRun {
    let config: Simulator.Configuration
    let plan: CadencePlan
    let scheduler: ComplianceScheduler
    let sampler: OutcomeSampler
    let end: Int
    let throttles: [Int]
    var zones = ZoneTable()
    var leads: [SimLead] = []
    /// Per-lead sent-touch ledgers, apart from `leads` so `SimLead` stays a plain value.
    var ledgers: [TouchLedger] = []
    var pool: [PendingTouch] = []
    var free: [Int32] = []
    var queue = EventQueue()
    var touches: [SimTouch] = []
    var appointments: [SimAppointment] = []
    var events: [SimEvent] = []
    var attempted = 0
    var hour = Int.min
    var usedThisHour = [0, 0, 0, 0]

    init(_ config: Simulator.Configuration, leads input: [Lead]) {
        self.config = config
        plan = CadencePlan(playbook: config.playbook, allowedChannels: config.client.allowedChannels)
        scheduler = ComplianceScheduler(playbook: config.playbook, clientWindow: config.client.schedule,
                                        clientTouchesPerDay: config.client.limits.touchesPerLeadPerDay, enforce: config.enforceCompliance)
        sampler = OutcomeSampler(config.model)
        let start = Int(config.start.timeIntervalSince1970)
        end = start + config.days * 86_400
        throttles = ChannelBits.channels.map { config.enforceCompliance ? (config.client.limits.perChannelPerHour[$0] ?? Int.max) : Int.max }
        let fallbackZone = zones.intern(config.client.timeZone) ?? zones.intern("America/New_York")!
        leads.reserveCapacity(input.count)
        ledgers = [TouchLedger](repeating: TouchLedger(), count: input.count)
        queue.reserve(input.count * 2)
        let playbook = config.playbook
        for (i, lead) in input.enumerated() {
            let zone = lead.timeZone.flatMap { zones.intern($0) } ?? fallbackZone
            let reach = CadencePlan.reach(of: lead, allowed: config.client.allowedChannels)
            let reachable = playbook.channels.filter { reach & (1 << ChannelBits.of($0)) != 0 }.count
            let fit = Scoring.fit(vertical: playbook.vertical, hasName: Scoring.hasName(lead), hasPhone: lead.phone != nil,
                                  hasEmail: lead.email != nil, reachable: reachable, playbookChannels: playbook.channels.count)
            leads.append(SimLead(
                state: lead.state, zone: Int32(zone), rule: StateCallingRule(usState: lead.usState), reach: reach, fit: UInt8(fit),
                created: Int(lead.createdAt.timeIntervalSince1970), lastActivity: lead.lastActivityAt.map { Int($0.timeIntervalSince1970) },
                rng: SplitMix64(seed: config.seed &+ UInt64(i) &* 0x9E37_79B9_7F4A_7C15)))
        }
        events.reserveCapacity(input.count * 10)
        touches.reserveCapacity(input.count * 6)
    }

    // MARK: - Main loop

    mutating func execute() {
        let start = Int(config.start.timeIntervalSince1970)
        for i in leads.indices {
            let l = Int32(i)
            if leads[i].state == .new { transition(l, .enrichmentDone, at: start) }
            guard leads[i].state.permits(.cadence) else { continue }
            enqueueStep(lead: l, stepIndex: plan.index(of: config.playbook.entry), from: start, waitFrom: start)
        }
        let throttled = throttles.contains { $0 != Int.max }
        var batch: [EventQueue.Item] = []
        while let top = queue.first, top.time < end {
            let hourStart = top.time - ((top.time % 3600) + 3600) % 3600
            if hourStart != hour {
                hour = hourStart
                usedThisHour = [0, 0, 0, 0]
            }
            if !throttled {
                let item = queue.pop()!
                process(item)
                continue
            }
            batch.removeAll(keepingCapacity: true)
            while let next = queue.first, next.time < hourStart + 3600 { batch.append(queue.pop()!) }
            batch.sort { priorityKey($0) < priorityKey($1) }
            for item in batch { process(item) }
        }
        // Whatever is still queued at the end is reported as queued.
        while let item = queue.pop() {
            guard item.ref >= 0 else { continue }
            let p = pool[Int(item.ref)]
            guard p.live else { continue }
            emitTouch(p, at: item.time, status: .queued, outcome: nil, reason: nil)
            release(Int(item.ref))
        }
    }

    /// Throttle order: reminders first, then engaged leads, then the rest by score (higher first), then time.
    private func priorityKey(_ item: EventQueue.Item) -> (Int, Int, Int, Int) {
        guard item.ref >= 0 else { return (-1, 0, item.time, item.seq) }  // appointment events do not use slots
        let p = pool[Int(item.ref)]
        let k = TouchPriority.key(kind: p.kind, state: leads[Int(p.lead)].state, score: score(of: Int(p.lead), at: item.time).total, dueAt: item.time)
        return (k.0, k.1, k.2, item.seq)
    }

    private func score(of l: Int, at t: Int) -> LeadScore {
        LeadScore(fit: Int(leads[l].fit), recency: Scoring.recency(ageSeconds: t - leads[l].created, sinceActivitySeconds: leads[l].lastActivity.map { t - $0 }),
                  behaviour: Scoring.behaviour(leads[l].behaviour))
    }

    private mutating func process(_ item: EventQueue.Item) {
        if item.ref < 0 {
            appointmentEvent(Int32(-1 - Int(item.ref)), at: item.time)
            return
        }
        let slot = Int(item.ref)
        let p = pool[slot]
        guard p.live else {
            release(slot)
            return
        }
        let li = Int(p.lead)
        let t = item.time
        if !leads[li].state.permits(p.kind) {
            finish(slot, at: t, status: .skipped, reason: leads[li].state == .doNotContact ? .optOut : .stateRule)
            return
        }
        let zone = zones[Int(leads[li].zone)]
        // Re-check at dispatch: the ledger may have changed since the touch was queued.
        if p.kind == .reminder {
            if let reason = scheduler.checkExact(channel: p.channel, at: t, zone: zone, rule: leads[li].rule, ledger: ledgers[li]) {
                finish(slot, at: t, status: .skipped, reason: reason)
                return
            }
        } else if p.approvedAt != t || p.approvedSends != leads[li].sends {
            let decision = scheduler.schedule(channel: p.channel, earliest: t, zone: zone, rule: leads[li].rule, ledger: ledgers[li])
            if decision.at != t {
                record(decision, lead: p.lead, step: p.step, channel: p.channel)
                requeue(slot, decision, at: t)
                return
            }
        }
        let channel = Int(p.channel)
        if usedThisHour[channel] >= throttles[channel] {
            let next = hour + 3600
            if p.kind == .reminder {
                finish(slot, at: t, status: .skipped, reason: .throttle)
                return
            }
            events.append(.deferral(lead: p.lead, step: p.step, channel: p.channel, from: t, to: next, reason: .throttle))
            let decision = scheduler.schedule(channel: p.channel, earliest: next, zone: zone, rule: leads[li].rule, ledger: ledgers[li])
            record(decision, lead: p.lead, step: p.step, channel: p.channel)
            requeue(slot, decision, at: t)
            return
        }
        usedThisHour[channel] += 1
        send(slot, p, at: t)
    }

    /// Puts a deferred touch back in the queue at its new approved instant (or skips it).
    private mutating func requeue(_ slot: Int, _ decision: ScheduleDecision, at t: Int) {
        guard let at = decision.at else {
            finish(slot, at: t, status: .skipped, reason: .cap)
            return
        }
        pool[slot].approvedAt = at
        pool[slot].approvedSends = leads[Int(pool[slot].lead)].sends
        queue.push(time: at, ref: Int32(slot))
    }

    // MARK: - Sending and outcomes

    private mutating func send(_ slot: Int, _ p: PendingTouch, at t: Int) {
        let li = Int(p.lead)
        let outcome = sampler.outcome(channel: p.channel, draw: leads[li].rng.next())
        attempted += 1
        ledgers[li].record(at: t, channel: p.channel)
        leads[li].sends &+= 1
        leads[li].behaviour.note(outcome)
        if p.kind == .cadence || p.kind == .fallback { leads[li].cadenceSlot = -1 }
        let status: TouchStatus = switch outcome {
        case .failed, .bounced: .failed
        case .noAnswer, .busy: .sent
        default: .delivered
        }
        emitTouch(p, at: t, status: status, outcome: outcome, reason: nil)
        release(slot)

        var booked = false
        var optedOut = false
        if outcome == .answered || outcome == .replied {
            leads[li].lastActivity = t
            if leads[li].rng.next() < sampler.optOut {
                optOut(p.lead, at: t)
                optedOut = true
            } else {
                if LeadStateMachine.allows(.engaged, in: leads[li].state), leads[li].state != .engaged, leads[li].state != .appointmentScheduled {
                    transition(p.lead, .engaged, at: t)
                }
                let threshold = outcome == .answered ? sampler.bookOnAnswer : sampler.bookOnReply
                if p.kind != .reminder, leads[li].appointment < 0 || appointments[Int(leads[li].appointment)].status != .scheduled,
                   leads[li].rng.next() < threshold, LeadStateMachine.allows(.booked, in: leads[li].state) {
                    book(p.lead, at: t, channel: p.channel)
                    booked = true
                }
            }
        }
        guard p.kind == .cadence || p.kind == .fallback, !optedOut else { return }
        if booked, plan.exitsOnBooked { return }
        guard let index = plan.index(of: StepID(Int(p.step))) else { return }
        switch plan.next(afterStepAt: index, channel: p.channel, outcome: outcome, reach: leads[li].reach) {
        case .exit, .end: return
        case .fallback(let channel):
            enqueue(PendingTouch(lead: p.lead, step: p.step, appointment: -1, channel: ChannelBits.of(channel), attempt: p.attempt &+ 1, kind: .fallback, live: true), earliest: t)
        case .step(let id):
            enqueueStep(lead: p.lead, stepIndex: plan.index(of: id), from: t, waitFrom: t)
        }
    }

    /// Queues the step at `stepIndex` (skipping steps no channel can deliver) after its wait from `waitFrom`.
    private mutating func enqueueStep(lead l: Int32, stepIndex: Int?, from t: Int, waitFrom: Int) {
        var index = stepIndex
        var hops = 0
        while let i = index, hops <= plan.stepIDs.count {
            hops += 1
            let li = Int(l)
            let stepID = plan.stepIDs[i]
            let earliest = ComplianceScheduler.earliest(after: plan.waits[i], from: waitFrom, zone: zones[Int(leads[li].zone)])
            guard let channel = plan.channel(forStepAt: i, reach: leads[li].reach) else {
                events.append(.deferral(lead: l, step: stepID, channel: plan.stepChannels[i], from: earliest, to: nil, reason: .unreachable))
                let next = plan.nextIndex(afterStepAt: i, outcome: .failed)
                index = next >= 0 ? next : nil
                continue
            }
            let kind: TouchKind = channel == plan.stepChannels[i] ? .cadence : .fallback
            if LeadStateMachine.allows(.touchQueued, in: leads[li].state), leads[li].state == .new || leads[li].state == .enriched {
                transition(l, .touchQueued, at: t)
            }
            enqueue(PendingTouch(lead: l, step: stepID, appointment: -1, channel: channel, attempt: 0, kind: kind, live: true), earliest: earliest)
            return
        }
    }

    /// Schedules a pending touch through the compliance scheduler and queues it (or records the skip).
    @discardableResult
    private mutating func enqueue(_ p: PendingTouch, earliest: Int) -> Int32 {
        let li = Int(p.lead)
        let slot = allocate(p)
        let zone = zones[Int(leads[li].zone)]
        if p.kind == .reminder {
            queue.push(time: earliest, ref: slot)
        } else {
            let decision = scheduler.schedule(channel: p.channel, earliest: earliest, zone: zone, rule: leads[li].rule, ledger: ledgers[li])
            record(decision, lead: p.lead, step: p.step, channel: p.channel)
            guard let at = decision.at else {
                finish(Int(slot), at: earliest, status: .skipped, reason: .cap)
                return -1
            }
            pool[Int(slot)].approvedAt = at
            pool[Int(slot)].approvedSends = leads[li].sends
            queue.push(time: at, ref: slot)
        }
        if p.kind == .cadence || p.kind == .fallback { leads[li].cadenceSlot = slot }
        return slot
    }

    private mutating func record(_ decision: ScheduleDecision, lead: Int32, step: Int32, channel: UInt8) {
        for move in decision.moves {
            events.append(.deferral(lead: lead, step: step, channel: channel, from: move.from, to: move.to, reason: move.reason))
        }
    }

    // MARK: - Appointments

    private mutating func book(_ l: Int32, at t: Int, channel: UInt8) {
        let li = Int(l)
        let zone = zones[Int(leads[li].zone)]
        var rng = leads[li].rng
        let localDay = CivilCalendar.dayNumber(ofSeconds: zone.local(t))
        let day = USFederalHolidays.addingBusinessDays(1 + rng.below(3), to: localDay)
        let minute = 9 * 60 + rng.below(18) * 30  // 09:00 … 17:30 local
        let start = zone.utc(fromLocal: day * 86_400 + minute * 60)
        let planned = sampler.appointmentOutcome(draw: rng.next())
        leads[li].rng = rng
        schedule(appointmentFor: l, startsAt: start, bookedAt: t, planned: planned)
        transition(l, .booked, at: t)
        cancelCadence(l, at: t, reason: .stateRule)
    }

    private mutating func schedule(appointmentFor l: Int32, startsAt start: Int, bookedAt t: Int, planned: AppointmentOutcome) {
        let index = Int32(appointments.count)
        appointments.append(SimAppointment(lead: l, startsAt: start, bookedAt: t, status: .scheduled, outcome: nil, plannedOutcome: planned))
        leads[Int(l)].appointment = index
        events.append(.appointment(index, status: .scheduled, outcome: nil, at: t))
        var slots: [Int32] = []
        for reminder in AppointmentPlanner.reminders(startsAt: start, now: t, plan: plan) {
            guard let i = plan.index(of: reminder.step) else { continue }
            guard let ch = plan.channel(forStepAt: i, reach: leads[Int(l)].reach) else {
                events.append(.deferral(lead: l, step: Int32(reminder.step.rawValue), channel: plan.stepChannels[i], from: reminder.at, to: nil, reason: .unreachable))
                continue
            }
            slots.append(enqueue(PendingTouch(lead: l, step: Int32(reminder.step.rawValue), appointment: index, channel: ch, attempt: 0, kind: .reminder, live: true), earliest: reminder.at))
        }
        appointments[Int(index)].reminderSlots = slots
        // Reschedules and cancellations come in before the start (and cancel the last reminders); the rest after it.
        let fires = planned == .rescheduled || planned == .cancelled ? max(t, start - 3 * 3600) : start + 3600
        queue.push(time: fires, ref: -1 - index)
    }

    private mutating func appointmentEvent(_ index: Int32, at t: Int) {
        let a = appointments[Int(index)]
        let l = a.lead
        let li = Int(l)
        guard a.status == .scheduled, leads[li].appointment == index, leads[li].state == .appointmentScheduled else { return }
        let outcome = a.plannedOutcome
        cancelReminders(of: index, at: t, reason: .stateRule)
        appointments[Int(index)].status = AppointmentPlanner.status(for: outcome)
        appointments[Int(index)].outcome = outcome
        events.append(.appointment(index, status: AppointmentPlanner.status(for: outcome), outcome: outcome, at: t))
        transition(l, AppointmentPlanner.trigger(for: outcome), at: t)
        let zone = zones[Int(leads[li].zone)]
        if outcome == .rescheduled {
            var rng = leads[li].rng
            let day = USFederalHolidays.addingBusinessDays(2 + rng.below(3), to: CivilCalendar.dayNumber(ofSeconds: zone.local(a.startsAt)))
            let start = zone.utc(fromLocal: day * 86_400 + (9 * 60 + rng.below(18) * 30) * 60)
            var planned = sampler.appointmentOutcome(draw: rng.next())
            if planned == .rescheduled { planned = .show }
            leads[li].rng = rng
            schedule(appointmentFor: l, startsAt: start, bookedAt: t, planned: planned)
        }
        if let follow = AppointmentPlanner.followUp(for: outcome, endedAt: t, plan: plan, zone: zone),
           let i = plan.index(of: follow.step), let channel = plan.channel(forStepAt: i, reach: leads[li].reach) {
            enqueue(PendingTouch(lead: l, step: Int32(follow.step.rawValue), appointment: index, channel: channel, attempt: 0, kind: .followUp, live: true), earliest: follow.at)
        }
    }

    // MARK: - Cancellation, opt-out, state

    private mutating func optOut(_ l: Int32, at t: Int) {
        transition(l, .optOut, at: t)
        cancelCadence(l, at: t, reason: .optOut)
        let a = leads[Int(l)].appointment
        if a >= 0, appointments[Int(a)].status == .scheduled {
            cancelReminders(of: a, at: t, reason: .optOut)
            appointments[Int(a)].status = .cancelled
            appointments[Int(a)].outcome = .cancelled
            events.append(.appointment(a, status: .cancelled, outcome: .cancelled, at: t))
        }
    }

    private mutating func cancelCadence(_ l: Int32, at t: Int, reason: DeferralReason) {
        let slot = leads[Int(l)].cadenceSlot
        guard slot >= 0 else { return }
        cancel(Int(slot), at: t, reason: reason)
        leads[Int(l)].cadenceSlot = -1
    }

    private mutating func cancelReminders(of a: Int32, at t: Int, reason: DeferralReason) {
        // A slot freed after sending may hold another touch now: only this appointment's reminders are cancelled.
        for slot in appointments[Int(a)].reminderSlots
        where slot >= 0 && pool[Int(slot)].live && pool[Int(slot)].appointment == a && pool[Int(slot)].kind == .reminder {
            cancel(Int(slot), at: t, reason: reason)
        }
        appointments[Int(a)].reminderSlots = []
    }

    /// Marks a queued touch cancelled; its queue entry is dropped (and its slot freed) when popped.
    private mutating func cancel(_ slot: Int, at t: Int, reason: DeferralReason) {
        guard pool[slot].live else { return }
        emitTouch(pool[slot], at: t, status: .cancelled, outcome: nil, reason: reason)
        pool[slot].live = false
    }

    private mutating func finish(_ slot: Int, at t: Int, status: TouchStatus, reason: DeferralReason?) {
        emitTouch(pool[slot], at: t, status: status, outcome: nil, reason: reason)
        if pool[slot].kind == .cadence || pool[slot].kind == .fallback, leads[Int(pool[slot].lead)].cadenceSlot == Int32(slot) {
            leads[Int(pool[slot].lead)].cadenceSlot = -1
        }
        release(slot)
    }

    private mutating func transition(_ l: Int32, _ trigger: LeadTrigger, at t: Int) {
        let from = leads[Int(l)].state
        guard let to = try? LeadStateMachine.transition(from: from, on: trigger) else { return }
        guard to != from else { return }
        leads[Int(l)].state = to
        events.append(.state(lead: l, from: from, to: to, at: t, trigger: trigger))
    }

    private mutating func emitTouch(_ p: PendingTouch, at t: Int, status: TouchStatus, outcome: Outcome?, reason: DeferralReason?) {
        let s = score(of: Int(p.lead), at: t)
        touches.append(SimTouch(
            lead: p.lead, step: p.step, appointment: p.appointment, scheduledAt: t, channel: p.channel, attempt: p.attempt, kind: p.kind,
            status: status, outcome: outcome, reason: reason, leadState: leads[Int(p.lead)].state, fit: UInt8(s.fit), recency: UInt8(s.recency),
            behaviour: UInt8(s.behaviour)))
        events.append(.touch(Int32(touches.count - 1)))
    }

    // MARK: - Pool

    private mutating func allocate(_ p: PendingTouch) -> Int32 {
        if let slot = free.popLast() {
            pool[Int(slot)] = p
            return slot
        }
        pool.append(p)
        return Int32(pool.count - 1)
    }

    private mutating func release(_ slot: Int) {
        pool[slot].live = false
        free.append(Int32(slot))
    }

    func result() -> SimulationResult {
        SimulationResult(touches: touches, appointments: appointments, events: events, finalStates: leads.map(\.state),
                         leadZones: leads.map(\.zone), zones: zones, attempted: attempted)
    }
}
