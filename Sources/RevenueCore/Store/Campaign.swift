import Foundation

/// Whether a campaign is running. Only `active` campaigns enrol leads and send; `paused` keeps its
/// queued touches for `resume`; `archived` has cancelled them for good.
public enum CampaignStatus: String, CaseIterable, Codable, Sendable, Hashable {
    case draft, active, paused, completed, archived
}

/// A client's offer run with one playbook against a niche and geography.
public struct Campaign: Sendable, Codable, Hashable, Identifiable {
    public var id: CampaignID
    public var orgID: OrgID
    public var clientID: ClientID
    public var name: String
    /// The playbook id (`auto-dealer-es`); leads are pinned to a version when enrolled.
    public var playbookID: String
    public var niche: String?
    public var offer: String?
    public var geography: String?
    public var monthlyAppointmentTarget: Int?
    public var status: CampaignStatus
    public var createdAt: Date

    public init(
        id: CampaignID, orgID: OrgID, clientID: ClientID, name: String, playbookID: String, niche: String? = nil,
        offer: String? = nil, geography: String? = nil, monthlyAppointmentTarget: Int? = nil,
        status: CampaignStatus = .draft, createdAt: Date
    ) {
        self.id = id
        self.orgID = orgID
        self.clientID = clientID
        self.name = name
        self.playbookID = playbookID
        self.niche = niche
        self.offer = offer
        self.geography = geography
        self.monthlyAppointmentTarget = monthlyAppointmentTarget
        self.status = status
        self.createdAt = createdAt
    }
}
