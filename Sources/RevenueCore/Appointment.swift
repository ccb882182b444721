import Foundation

/// Where an appointment stands.
public enum AppointmentStatus: String, CaseIterable, Codable, Sendable, Hashable {
    case scheduled, completed
    case noShow = "no_show"
    case cancelled, rescheduled
}

/// What happened at (or instead of) an appointment: the design's `set_appointment_outcome`.
public enum AppointmentOutcome: String, CaseIterable, Codable, Sendable, Hashable {
    case show
    case noShow = "no_show"
    case rescheduled, unqualified, cancelled
}

/// A booked appointment between a lead and a client.
public struct Appointment: Sendable, Codable, Hashable, Identifiable {
    public var id: AppointmentID
    public var orgID: OrgID
    public var leadID: LeadID
    public var campaignID: CampaignID
    /// The channel the booking came through.
    public var channel: Channel?
    public var status: AppointmentStatus
    public var outcome: AppointmentOutcome?
    public var startsAt: Date
    /// IANA zone the appointment was booked in (the lead's).
    public var timeZone: String

    public init(
        id: AppointmentID, orgID: OrgID, leadID: LeadID, campaignID: CampaignID, channel: Channel? = nil,
        status: AppointmentStatus = .scheduled, outcome: AppointmentOutcome? = nil, startsAt: Date, timeZone: String
    ) {
        self.id = id
        self.orgID = orgID
        self.leadID = leadID
        self.campaignID = campaignID
        self.channel = channel
        self.status = status
        self.outcome = outcome
        self.startsAt = startsAt
        self.timeZone = timeZone
    }
}
