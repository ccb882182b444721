import Engine
import Foundation
import RevenueCore
import Testing

@Suite("Compliance scheduler")
struct ComplianceSchedulerTests {
    let window = SendWindow(days: [.mon, .tue, .wed, .thu, .fri, .sat], startMinute: 9 * 60, endMinute: 19 * 60)

    @Test func movesToTheNextWindowInTheLeadsZone() {
        let s = ComplianceScheduler(sendWindow: window, caps: LeadCaps(touchesPerDay: 3, callsPerDay: 1))
        let zone = ZoneRules(identifier: "America/Los_Angeles")!
        // 13:00Z is 05:00 in Los Angeles: moves to 09:00 local.
        let d = s.schedule(channel: ChannelBits.voice, earliest: Fixture.seconds(Fixture.start), zone: zone, rule: .federal, ledger: TouchLedger())
        #expect(d.at == Fixture.utc(2026, 12, 1, 9, zone: "America/Los_Angeles"))
        #expect(d.moves.map(\.reason) == [.window])
        // Saturday 19:30 → Monday 09:00 (Sunday not in the window).
        let sat = Fixture.utc(2026, 12, 5, 19, 30, zone: "America/Los_Angeles")
        #expect(s.schedule(channel: ChannelBits.sms, earliest: sat, zone: zone, rule: .federal, ledger: TouchLedger()).at
                == Fixture.utc(2026, 12, 7, 9, zone: "America/Los_Angeles"))
    }

    @Test func legalFloorAppliesWhateverThePlaybookSays() {
        // A (non-compilable) window to midnight: calls and texts still stop at 21:00, 20:00 in Florida.
        let wide = SendWindow(days: Weekday.allCases, startMinute: 0, endMinute: 24 * 60)
        let s = ComplianceScheduler(sendWindow: wide, caps: LeadCaps(touchesPerDay: 9, callsPerDay: 9))
        let ny = ZoneRules(identifier: "America/New_York")!
        let at2030 = Fixture.utc(2026, 12, 1, 20, 30, zone: "America/New_York")
        #expect(s.schedule(channel: ChannelBits.voice, earliest: at2030, zone: ny, rule: .federal, ledger: TouchLedger()).at == at2030)
        #expect(s.schedule(channel: ChannelBits.voice, earliest: at2030, zone: ny, rule: StateCallingRule(usState: "FL"), ledger: TouchLedger()).at
                == Fixture.utc(2026, 12, 2, 8, zone: "America/New_York"))
        let at0700 = Fixture.utc(2026, 12, 1, 7, zone: "America/New_York")
        #expect(s.schedule(channel: ChannelBits.whatsapp, earliest: at0700, zone: ny, rule: .federal, ledger: TouchLedger()).at
                == Fixture.utc(2026, 12, 1, 8, zone: "America/New_York"))
        // E-mail is not a call or text: the playbook window alone.
        #expect(s.schedule(channel: ChannelBits.email, earliest: at0700, zone: ny, rule: .federal, ledger: TouchLedger()).at == at0700)
    }

    @Test func floridaThreeCallsPerRolling24Hours() {
        let s = ComplianceScheduler(sendWindow: SendWindow(days: Weekday.allCases, startMinute: 8 * 60, endMinute: 21 * 60),
                                    caps: LeadCaps(touchesPerDay: 10, callsPerDay: 10))
        let ny = ZoneRules(identifier: "America/New_York")!
        var ledger = TouchLedger()
        let t0 = Fixture.utc(2026, 12, 1, 10, zone: "America/New_York")
        for k in 0..<3 { ledger.record(at: t0 + k * 3600, channel: ChannelBits.voice) }
        let d = s.schedule(channel: ChannelBits.voice, earliest: t0 + 4 * 3600, zone: ny, rule: StateCallingRule(usState: "FL"), ledger: ledger)
        #expect(d.at == t0 + 86_400)
        #expect(d.moves.contains { $0.reason == .cap })
        // Texts do not count in Florida, they do in Maryland.
        #expect(s.schedule(channel: ChannelBits.sms, earliest: t0 + 4 * 3600, zone: ny, rule: StateCallingRule(usState: "FL"), ledger: ledger).at == t0 + 4 * 3600)
        var texts = TouchLedger()
        for k in 0..<3 { texts.record(at: t0 + k * 3600, channel: ChannelBits.sms) }
        #expect(s.schedule(channel: ChannelBits.voice, earliest: t0 + 4 * 3600, zone: ny, rule: StateCallingRule(usState: "MD"), ledger: texts).at == t0 + 86_400)
        #expect(s.schedule(channel: ChannelBits.voice, earliest: t0 + 4 * 3600, zone: ny, rule: .federal, ledger: texts).at == t0 + 4 * 3600)
    }

    @Test func dailyCapsMoveToTheNextLocalDay() {
        let s = ComplianceScheduler(sendWindow: window, caps: LeadCaps(touchesPerDay: 2, callsPerDay: 1))
        let chi = ZoneRules(identifier: "America/Chicago")!
        var ledger = TouchLedger()
        let t = Fixture.utc(2026, 12, 1, 10, zone: "America/Chicago")
        ledger.record(at: t, channel: ChannelBits.voice)
        let call = s.schedule(channel: ChannelBits.voice, earliest: t + 3600, zone: chi, rule: .federal, ledger: ledger)
        #expect(call.at == Fixture.utc(2026, 12, 2, 9, zone: "America/Chicago"))
        #expect(call.moves.first?.reason == .cap)
        #expect(s.schedule(channel: ChannelBits.sms, earliest: t + 3600, zone: chi, rule: .federal, ledger: ledger).at == t + 3600)
    }

    @Test func businessDayWaitsKeepTheLocalTime() {
        let ny = ZoneRules(identifier: "America/New_York")!
        let wed = Fixture.utc(2026, 11, 25, 10, zone: "America/New_York")
        #expect(ComplianceScheduler.earliest(after: .businessDays(1), from: wed, zone: ny) == Fixture.utc(2026, 11, 27, 10, zone: "America/New_York"))
        #expect(ComplianceScheduler.earliest(after: .businessDays(2), from: wed, zone: ny) == Fixture.utc(2026, 11, 30, 10, zone: "America/New_York"))
    }

    @Test func remindersAreCheckedNotMoved() {
        let s = ComplianceScheduler(sendWindow: window, caps: LeadCaps(touchesPerDay: 1, callsPerDay: 1))
        let ny = ZoneRules(identifier: "America/New_York")!
        #expect(s.checkExact(channel: ChannelBits.sms, at: Fixture.utc(2026, 12, 6, 8, 50, zone: "America/New_York"), zone: ny, rule: .federal, ledger: TouchLedger()) == nil)
        #expect(s.checkExact(channel: ChannelBits.sms, at: Fixture.utc(2026, 12, 6, 7, 50, zone: "America/New_York"), zone: ny, rule: .federal, ledger: TouchLedger()) == .window)
    }
}

@Suite("Compliance scheduler edge cases")
struct ComplianceEdgeTests {
    @Test func aWindowThatNeverOpensSkipsInsteadOfSending() {
        let s = ComplianceScheduler(sendWindow: SendWindow(days: [], startMinute: 9 * 60, endMinute: 19 * 60), caps: LeadCaps(touchesPerDay: 3, callsPerDay: 1))
        let d = s.schedule(channel: ChannelBits.voice, earliest: Fixture.seconds(Fixture.start), zone: ZoneRules(identifier: "America/Chicago")!, rule: .federal, ledger: TouchLedger())
        #expect(d.at == nil && d.moves.last?.reason == .window)
    }

    @Test func dstChangeKeepsLocalWindow() {
        // 2026-03-08 is the spring-forward Sunday in New York; Monday 09:00 local is 13:00Z (EDT).
        let s = ComplianceScheduler(sendWindow: SendWindow(days: [.mon], startMinute: 9 * 60, endMinute: 17 * 60), caps: LeadCaps(touchesPerDay: 3, callsPerDay: 1))
        let ny = ZoneRules(identifier: "America/New_York")!
        let friday = Fixture.utc(2026, 3, 6, 12, zone: "America/New_York")
        #expect(s.schedule(channel: ChannelBits.sms, earliest: friday, zone: ny, rule: .federal, ledger: TouchLedger()).at == Fixture.utc(2026, 3, 9, 13, zone: "UTC"))
    }
}

@Suite("Client schedule")
struct ClientScheduleTests {
    @Test func clientWindowNarrowsThePlaybookWindow() {
        let playbook = SendWindow(days: [.mon, .tue, .wed, .thu, .fri, .sat], startMinute: 9 * 60, endMinute: 19 * 60)
        let client = SendWindow(days: [.tue, .sat, .sun], startMinute: 10 * 60, endMinute: 20 * 60)
        let both = ComplianceScheduler.intersect(playbook, client)
        #expect(both.days == [.tue, .sat] && both.startMinute == 10 * 60 && both.endMinute == 19 * 60)
        #expect(ComplianceScheduler.intersect(playbook, nil) == playbook)
        var settings = Fixture.client
        settings.schedule = client
        let o = Orchestrator(playbook: Fixture.playbook(channels: [.sms], window: playbook), client: settings, campaignID: "c")
        // Tuesday 13:00Z is 07:00 in Chicago: the client's 10:00 applies.
        let touch = o.plan(lead: Fixture.lead(), history: [], appointments: [], now: Fixture.start).touches.first
        #expect(touch.map { Fixture.seconds($0.scheduledAt) } == Fixture.utc(2026, 12, 1, 10, zone: "America/Chicago"))
    }
}
