import RevenueCore

/// Deterministic ids for touches: the same lead, step, attempt (and appointment) always give the
/// same id and idempotency key, so replanning never doubles a touch.
public enum TouchIdentity {
    /// `touch_runs.id`: `<lead>-<step>-<attempt>`, or `<lead>-<appointment>-<step>` for appointment touches.
    public static func id(lead: LeadID, step: Int, attempt: Int, appointment: AppointmentID?) -> TouchID {
        if let appointment { return TouchID("\(lead.rawValue)-\(appointment.rawValue)-\(step)") }
        return TouchID("\(lead.rawValue)-\(step)-\(attempt)")
    }

    /// The idempotency key (core `IdempotencyKey.make`, plus the appointment for reminders and follow-ups).
    public static func key(lead: LeadID, campaign: CampaignID, playbookHash: String, step: Int, attempt: Int, appointment: AppointmentID?) -> String {
        let base = IdempotencyKey.make(lead: lead, campaign: campaign, playbookHash: playbookHash, step: step, attempt: attempt)
        return appointment.map { base + "/" + $0.rawValue } ?? base
    }

    /// The human-readable reason a touch exists (no personal data).
    public static func reason(kind: TouchKind, step: CompiledStep?, channel: Channel, appointment: AppointmentID?) -> String {
        let name = step?.name ?? "?"
        let number = step.map { String($0.id.rawValue) } ?? "?"
        switch kind {
        case .cadence: return "cadence step \(number) \(name)"
        case .fallback: return "fallback to \(channel.rawValue) for step \(number) \(name)"
        case .retry: return "retry of step \(number) \(name)"
        case .reminder:
            if case .reminder(let before)? = step?.kind {
                return "reminder \(Wait.seconds(before)) before appointment \(appointment?.rawValue ?? "?")"
            }
            return "reminder for appointment \(appointment?.rawValue ?? "?")"
        case .followUp:
            if case .followUp(let outcomes)? = step?.kind {
                return "follow-up after \(outcomes.map(\.rawValue).joined(separator: "/")) of appointment \(appointment?.rawValue ?? "?")"
            }
            return "follow-up"
        case .confirmation: return "confirmation"
        }
    }

    /// The template language for a lead: theirs when the playbook has it, else the playbook default.
    public static func language(for lead: Lead, playbook: CompiledPlaybook) -> Language {
        if let l = lead.language, playbook.locales.contains(l) { return l }
        return playbook.defaultLocale
    }
}
