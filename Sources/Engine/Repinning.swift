import Foundation
import RevenueCore

extension Orchestrator {
    /// A queued touch of another version of this playbook, moved onto this one: same id, step,
    /// attempt, channel and time, this version's hash and idempotency key, the message rendered from
    /// this version's template. Nil when this version has no such step, or the step no longer has
    /// a message for the touch's channel (the caller keeps the lead on its old version).
    public func repin(_ touch: TouchRun, lead: Lead, appointments: [Appointment]) -> TouchRun? {
        guard touch.playbookHash != playbook.contentHash else { return touch }
        guard let index = plan.index(of: StepID(touch.step)) else { return nil }
        let step = playbook.steps[index]
        guard step.channel == touch.channel || step.content.contains(where: { $0.channel == touch.channel }) else { return nil }
        let c = LeadContext(lead: lead, history: [], appointments: appointments, client: client)
        var moved = self.touch(c, step: step, channel: ChannelBits.of(touch.channel), attempt: touch.attempt, kind: touch.payload.kind,
                               at: Int(touch.scheduledAt.timeIntervalSince1970), appointment: touch.appointmentID)
        moved.id = touch.id
        moved.scheduledAt = touch.scheduledAt
        moved.status = touch.status
        moved.error = touch.error
        return moved
    }
}
