import Engine
import Foundation
import RevenueCore
import Testing

/// The daemon's orchestrator and the dry-run simulator must make the same decisions.
@Suite("Orchestrator and simulator agree")
struct OrchestratorSimulatorAgreementTests {
    /// Every touch has one fixed outcome per channel, so both paths see the same outcomes.
    static func model(voice: Outcome, email: Outcome) -> OutcomeModel {
        OutcomeModel(channels: [.voice: [voice: 1], .sms: [.delivered: 1], .whatsapp: [.delivered: 1], .email: [email: 1]],
                     bookOnAnswer: 0, bookOnReply: 0, optOut: 0, appointments: [.show: 1])
    }

    @Test(arguments: [
        (Outcome.noAnswer, Outcome.delivered, "America/Los_Angeles", "CA", false),
        (.failed, .bounced, "America/New_York", "FL", false),
        (.voicemail, .opened, "America/Phoenix", "AZ", true),
        (.busy, .delivered, "America/Puerto_Rico", "PR", false),
    ])
    func sameTouchesAtTheSameTimes(voice: Outcome, email: Outcome, zone: String, state: String, landline: Bool) {
        let book = DemoPlaybook.make()
        let lead = Fixture.lead(state: state, zone: zone, landline: landline)
        let end = Fixture.start.addingTimeInterval(30 * 86_400)
        let sim = Simulator(.init(playbook: book, client: Fixture.client, start: Fixture.start, days: 30, seed: 1, model: Self.model(voice: voice, email: email)))
        let simulated = sim.run(leads: [lead]).touches.filter { $0.status != .queued }
            .map { "\($0.step)/\($0.channelValue)/\($0.attempt)@\($0.scheduledAt)" }

        let orchestrator = Orchestrator(playbook: book, client: Fixture.client, campaignID: "c")
        var current = lead
        current.state = .enriched
        var history: [TouchRun] = []
        var planned: [String] = []
        var queue = orchestrator.plan(lead: current, history: history, appointments: [], now: Fixture.start)
        for change in queue.stateChanges { current.state = change.to }
        while let next = queue.touches.first, next.scheduledAt < end {
            history.append(next)
            let outcome: Outcome = switch next.channel {
            case .voice: voice
            case .email: email
            default: .delivered
            }
            planned.append("\(next.step)/\(next.channel)/\(next.attempt)@\(Int(next.scheduledAt.timeIntervalSince1970))")
            let applied = orchestrator.apply(outcome: outcome, to: next, lead: current, history: history, appointments: [], now: next.scheduledAt)
            history = history.map { $0.id == applied.touch.id ? applied.touch : $0 }
            current = applied.lead
            queue = applied.plan
        }
        #expect(planned.count >= 4)
        #expect(planned == simulated)
    }
}
