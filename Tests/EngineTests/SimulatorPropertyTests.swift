import Engine
import Foundation
import RevenueCore
import Testing

@Suite("Simulator properties over random leads, zones and outcomes")
struct SimulatorPropertyTests {
    /// Many calls and texts with short waits, so the legal rules (not the playbook) are what binds.
    static let aggressive = Fixture.playbook(channels: [.voice, .sms, .voice, .whatsapp, .voice, .voice, .email, .voice, .sms, .voice],
                                             wait: .seconds(1800), fallbacks: [.sms, .email],
                                             window: SendWindow(days: Weekday.allCases, startMinute: 8 * 60, endMinute: 21 * 60),
                                             caps: LeadCaps(touchesPerDay: 12, callsPerDay: 12))
    static let chatty = OutcomeModel(
        channels: [.voice: [.answered: 0.3, .noAnswer: 0.4, .failed: 0.3], .sms: [.delivered: 0.6, .replied: 0.3, .failed: 0.1],
                   .whatsapp: [.delivered: 0.6, .replied: 0.4], .email: [.delivered: 0.5, .bounced: 0.5]],
        bookOnAnswer: 0.5, bookOnReply: 0.5, optOut: 0.15,
        appointments: [.show: 0.4, .noShow: 0.2, .rescheduled: 0.2, .cancelled: 0.1, .unqualified: 0.1])

    static func simulate(seed: UInt64, playbook: CompiledPlaybook = aggressive, leads count: Int = 300) -> (SimulationResult, [Lead]) {
        let leads = SyntheticLeads.generate(count: count, seed: seed, createdAt: Fixture.start)
        let sim = Simulator(.init(playbook: playbook, client: Fixture.client, start: Fixture.start, days: 20, seed: seed, model: chatty))
        return (sim.run(leads: leads), leads)
    }

    static let sentStatuses: Set<TouchStatus> = [.sent, .delivered, .failed]

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func noCallOrTextOutsideTheLegalWindow(seed: UInt64) {
        let (result, leads) = Self.simulate(seed: seed)
        var checked = 0
        for t in result.touches where Self.sentStatuses.contains(t.status) && t.channelValue != .email {
            let zone = result.zones[Int(result.leadZones[Int(t.lead)])]
            let local = zone.local(t.scheduledAt)
            let minute = (local - CivilCalendar.dayNumber(ofSeconds: local) * 86_400) / 60
            let end = ["FL", "OK", "MD"].contains(leads[Int(t.lead)].usState ?? "") ? 20 * 60 : 21 * 60
            #expect(minute >= 8 * 60 && minute < end, "lead \(t.lead) step \(t.step) at local minute \(minute)")
            checked += 1
        }
        #expect(checked > 1000)
    }

    @Test(arguments: [5, 6, 7] as [UInt64])
    func atMostThreeCallsPer24HoursInFloridaOklahomaMaryland(seed: UInt64) {
        let (result, leads) = Self.simulate(seed: seed)
        var byLead: [Int32: [(Int, Channel)]] = [:]
        for t in result.touches where Self.sentStatuses.contains(t.status) { byLead[t.lead, default: []].append((t.scheduledAt, t.channelValue)) }
        var strictLeads = 0
        for (lead, sends) in byLead {
            guard let state = leads[Int(lead)].usState, ["FL", "OK", "MD"].contains(state) else { continue }
            strictLeads += 1
            let counted = sends.filter { state == "MD" ? $0.1 != .email : $0.1 == .voice }.map(\.0).sorted()
            for (i, t) in counted.enumerated() {
                #expect(counted[i...].prefix { $0 < t + 86_400 }.count <= 3, "lead \(lead) in \(state)")
            }
        }
        #expect(strictLeads > 20)
    }

    @Test(arguments: [8, 9] as [UInt64])
    func nothingAfterOptOutAndOneTouchPerStep(seed: UInt64) {
        let (result, _) = Self.simulate(seed: seed)
        var optedOut: [Int32: Int] = [:]
        for case .state(let lead, _, .doNotContact, let at, _) in result.events { optedOut[lead] = at }
        #expect(!optedOut.isEmpty)
        var seen = Set<[Int]>()
        for t in result.touches {
            if let at = optedOut[t.lead], Self.sentStatuses.contains(t.status) { #expect(t.scheduledAt <= at) }
            // One record per (lead, step, appointment, attempt): fallbacks are recorded retries (attempt + 1).
            #expect(seen.insert([Int(t.lead), Int(t.step), Int(t.appointment), Int(t.attempt)]).inserted)
        }
    }

    @Test(arguments: [10, 11] as [UInt64])
    func remindersExactlyBeforeTheStartAndNeverAfter(seed: UInt64) {
        let (result, _) = Self.simulate(seed: seed, leads: 600)
        var reminders = 0
        for t in result.touches where t.kind == .reminder && Self.sentStatuses.contains(t.status) {
            let start = result.appointments[Int(t.appointment)].startsAt
            let offset = [200: 86_400, 201: 3600, 202: 600][Int(t.step)]!
            #expect(t.scheduledAt == start - offset)
            reminders += 1
        }
        #expect(reminders > 20)
        #expect(result.touches.contains { $0.status == .cancelled && $0.kind == .reminder })
    }

    @Test func sameInputsAndSeedGiveByteIdenticalOutput() throws {
        func jsonl(_ seed: UInt64) throws -> Data {
            let (result, leads) = Self.simulate(seed: seed, playbook: DemoPlaybook.make(), leads: 150)
            return try DryRunReport(result: result, leads: leads, playbook: DemoPlaybook.make(), client: Fixture.client, campaignID: "c").jsonl()
        }
        let a = try jsonl(42)
        #expect(a == (try jsonl(42)))
        #expect(a != (try jsonl(43)))
        let lines = String(decoding: a, as: UTF8.self).split(separator: "\n")
        #expect(lines.last?.hasPrefix("{\"bookings\":") == true)
        let touch = try #require(lines.first { $0.contains("\"type\":\"touch\"") })
        for key in ["\"scheduled_at\":\"2026-12-", "\"local_time\":", "\"timezone\":", "\"lead_state\":", "\"idempotency_key\":", "\"lease_owner\":null", "\"score\":{"] {
            #expect(touch.contains(key), "missing \(key)")
        }
    }

    @Test func throttleServesRemindersAndEngagedLeadsFirst() {
        var client = Fixture.client
        client.limits.perChannelPerHour = [.voice: 5, .sms: 3, .whatsapp: 5, .email: 5]
        let leads = SyntheticLeads.generate(count: 200, seed: 3, createdAt: Fixture.start)
        let result = Simulator(.init(playbook: DemoPlaybook.make(), client: client, start: Fixture.start, days: 10, seed: 3, model: Self.chatty)).run(leads: leads)
        var perHour: [Int: [UInt8: Int]] = [:]
        for t in result.touches where Self.sentStatuses.contains(t.status) {
            perHour[t.scheduledAt / 3600 * 3600, default: [:]][t.channel, default: 0] += 1
        }
        for (_, counts) in perHour {
            #expect((counts[ChannelBits.voice] ?? 0) <= 5 && (counts[ChannelBits.sms] ?? 0) <= 3)
        }
        var throttled = 0
        for case .deferral(_, _, _, _, _, .throttle) in result.events { throttled += 1 }
        #expect(throttled > 0)
    }
}
