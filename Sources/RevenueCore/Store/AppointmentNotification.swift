import Foundation

/// A reminder planned for an appointment (24 h, 1 h, 10 min); each one is also a `touch_runs` row.
public struct AppointmentNotification: Sendable, Codable, Hashable, Identifiable {
    public var id: String
    public var orgID: OrgID
    public var appointmentID: AppointmentID
    /// The reminder step (200, 201, 202).
    public var step: Int
    public var remindAt: Date
    /// The touch that carries the reminder.
    public var touchID: TouchID?

    public init(id: String, orgID: OrgID, appointmentID: AppointmentID, step: Int, remindAt: Date, touchID: TouchID? = nil) {
        self.id = id
        self.orgID = orgID
        self.appointmentID = appointmentID
        self.step = step
        self.remindAt = remindAt
        self.touchID = touchID
    }
}
