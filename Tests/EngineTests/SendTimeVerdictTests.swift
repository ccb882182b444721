import Engine
import Foundation
import RevenueCore
import Testing

/// The send-time re-check: a touch planned inside the window can still be claimed outside it (a
/// backlog, a crashed daemon), or after other touches used up the lead's caps.
@Suite struct SendTimeVerdictTests {
    let book = Fixture.playbook(channels: [.voice, .sms], caps: LeadCaps(touchesPerDay: 2, callsPerDay: 20))
    var orchestrator: Orchestrator { Orchestrator(playbook: book, client: Fixture.client, campaignID: "c1") }

    func firstTouch(_ lead: Lead, at t: Int) throws -> TouchRun {
        let plan = orchestrator.plan(lead: lead, history: [], appointments: [], now: Date(timeIntervalSince1970: Double(t)))
        return try #require(plan.touches.first)
    }

    func sent(_ lead: Lead, channel: Channel, at t: Int, step: Int) -> TouchRun {
        TouchRun(id: TouchID("\(lead.id.rawValue)-sent-\(t)"), orgID: lead.orgID, leadID: lead.id, campaignID: "c1", channel: channel, step: step,
                 status: .delivered, scheduledAt: Date(timeIntervalSince1970: Double(t)), sentAt: Date(timeIntervalSince1970: Double(t)),
                 payload: TouchPayload(message: "", template: "x", reason: "x", kind: .cadence, language: .es),
                 idempotencyKey: "k-\(t)", playbookHash: book.contentHash, outcome: .delivered)
    }

    @Test func insideTheWindowItGoes() throws {
        let lead = Fixture.lead()
        let t = Fixture.utc(2026, 12, 1, 10, zone: "America/Chicago")
        let touch = try firstTouch(lead, at: t)
        #expect(orchestrator.sendTimeVerdict(for: touch, lead: lead, history: [touch], now: touch.scheduledAt) == .send)
    }

    @Test func aBacklogPastNineInTheEveningWaitsForMorning() throws {
        let lead = Fixture.lead()
        let touch = try firstTouch(lead, at: Fixture.utc(2026, 12, 1, 20, 50, zone: "America/Chicago"))
        let late = Date(timeIntervalSince1970: Double(Fixture.utc(2026, 12, 1, 21, 5, zone: "America/Chicago")))
        let morning = Date(timeIntervalSince1970: Double(Fixture.utc(2026, 12, 2, 8, zone: "America/Chicago")))
        #expect(orchestrator.sendTimeVerdict(for: touch, lead: lead, history: [touch], now: late) == .deferred(until: morning, reason: .window))
    }

    @Test func floridaStopsAtEightNotNine() throws {
        let lead = Fixture.lead(state: "FL", zone: "America/New_York", phone: "+13055550100")
        let touch = try firstTouch(lead, at: Fixture.utc(2026, 12, 1, 19, 30, zone: "America/New_York"))
        let at = Date(timeIntervalSince1970: Double(Fixture.utc(2026, 12, 1, 20, 10, zone: "America/New_York")))
        guard case .deferred(_, let reason) = orchestrator.sendTimeVerdict(for: touch, lead: lead, history: [touch], now: at) else {
            Issue.record("a Florida call at 20:10 must wait")
            return
        }
        #expect(reason == .window)
    }

    @Test func theDailyCapCountsTouchesSentSincePlanning() throws {
        let lead = Fixture.lead()
        let ten = Fixture.utc(2026, 12, 1, 10, zone: "America/Chicago")
        let touch = try firstTouch(lead, at: ten)
        // Two other touches went out this morning (the cap is 2 a day): this one waits for tomorrow.
        let history = [sent(lead, channel: .sms, at: ten - 3600, step: 5), sent(lead, channel: .email, at: ten - 1800, step: 6), touch]
        guard case .deferred(let until, let reason) = orchestrator.sendTimeVerdict(for: touch, lead: lead, history: history, now: touch.scheduledAt) else {
            Issue.record("the daily cap must defer the touch")
            return
        }
        #expect(reason == .cap)
        #expect(until == Date(timeIntervalSince1970: Double(Fixture.utc(2026, 12, 2, 8, zone: "America/Chicago"))))
        // The touch itself (still `sending` in history) is not counted against its own cap.
        #expect(orchestrator.sendTimeVerdict(for: touch, lead: lead, history: [history[0], touch], now: touch.scheduledAt) == .send)
    }

    @Test func remindersAreExactSoOutsideTheWindowTheyAreSkipped() throws {
        let lead = Fixture.lead()
        var touch = try firstTouch(lead, at: Fixture.utc(2026, 12, 1, 10, zone: "America/Chicago"))
        touch.payload.kind = .reminder
        touch.channel = .sms
        let night = Date(timeIntervalSince1970: Double(Fixture.utc(2026, 12, 1, 22, zone: "America/Chicago")))
        #expect(orchestrator.sendTimeVerdict(for: touch, lead: lead, history: [touch], now: night) == .skip(.window))
        touch.payload.kind = .confirmation
        #expect(orchestrator.sendTimeVerdict(for: touch, lead: lead, history: [touch], now: night) == .send)
    }
}

/// Moving a queued touch onto a new playbook version.
@Suite struct RepinTests {
    @Test func keepsIdentityAndTimeTakesTheNewHashKeyAndCopy() throws {
        let old = Fixture.playbook(channels: [.sms, .email])
        var new = Fixture.playbook(channels: [.sms, .email])
        new.contentHash = String(repeating: "a", count: 64)
        new.version = 2
        for i in new.steps.indices where new.steps[i].id == StepID.cadence(index: 0) {
            new.steps[i].content = new.steps[i].content.map {
                var v = $0
                v.template.body = v.language == .es ? "Hola {{lead.first_name}}, versión nueva" : "Hi {{lead.first_name}}, new version"
                return v
            }
        }
        let lead = Fixture.lead()
        let before = Orchestrator(playbook: old, client: Fixture.client, campaignID: "c1")
        let after = Orchestrator(playbook: new, client: Fixture.client, campaignID: "c1")
        let touch = try #require(before.plan(lead: lead, history: [], appointments: [], now: Fixture.start).touches.first)
        let moved = try #require(after.repin(touch, lead: lead, appointments: []))
        #expect(moved.id == touch.id && moved.step == touch.step && moved.scheduledAt == touch.scheduledAt && moved.channel == touch.channel)
        #expect(moved.playbookHash == new.contentHash)
        #expect(moved.idempotencyKey != touch.idempotencyKey)
        #expect(moved.payload.message == "Hola Ana, versión nueva")

        // A version without the step keeps the lead where it is.
        var shorter = new
        shorter.steps.removeAll { $0.id == StepID.cadence(index: 0) }
        shorter.contentHash = String(repeating: "b", count: 64)
        #expect(Orchestrator(playbook: shorter, client: Fixture.client, campaignID: "c1").repin(touch, lead: lead, appointments: []) == nil)
    }
}

/// The client's own per-lead daily limit narrows the playbook's cap.
@Suite struct ClientLeadCapTests {
    @Test func theSmallerOfPlaybookAndClientCapApplies() throws {
        let book = Fixture.playbook(channels: [.sms, .sms], wait: .seconds(60), caps: LeadCaps(touchesPerDay: 5, callsPerDay: 5))
        var client = Fixture.client
        client.limits.touchesPerLeadPerDay = 1
        let orchestrator = Orchestrator(playbook: book, client: client, campaignID: "c1")
        let lead = Fixture.lead()
        let ten = Fixture.utc(2026, 12, 1, 10, zone: "America/Chicago")
        var first = try #require(orchestrator.plan(lead: lead, history: [], appointments: [], now: Date(timeIntervalSince1970: Double(ten))).touches.first)
        first.status = .delivered
        first.sentAt = first.scheduledAt
        first.outcome = .delivered
        let next = try #require(orchestrator.plan(lead: lead, history: [first], appointments: [], now: first.scheduledAt.addingTimeInterval(60)).touches.first)
        #expect(next.scheduledAt == Date(timeIntervalSince1970: Double(Fixture.utc(2026, 12, 2, 8, zone: "America/Chicago"))))
        // Without the client's limit the playbook's cap (5) lets it go a minute later.
        let loose = Orchestrator(playbook: book, client: Fixture.client, campaignID: "c1")
        let soon = try #require(loose.plan(lead: lead, history: [first], appointments: [], now: first.scheduledAt.addingTimeInterval(60)).touches.first)
        #expect(soon.scheduledAt == first.scheduledAt.addingTimeInterval(60))
    }
}
