/// Where a lead is in its lifecycle (the design's state machine). Closed set.
public enum LeadState: String, CaseIterable, Codable, Sendable, Hashable, CustomStringConvertible {
    case new
    case enriched
    case attempting
    case engaged
    case appointmentScheduled = "appointment_scheduled"
    case appointmentCompleted = "appointment_completed"
    case unqualified
    case doNotContact = "do_not_contact"

    public var description: String { rawValue }
}
