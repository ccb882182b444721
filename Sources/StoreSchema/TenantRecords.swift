import Foundation
import RevenueCore

/// `orgs`.
public enum OrgRecord: StoreRecord {
    /// The columns, in insert order.
    public enum Columns: String, CaseIterable { case id, name, createdAt = "created_at" }
    public static let table = "orgs"
    public static func decode(_ row: some StoreRow) throws -> Org {
        Org(id: try row.requiredID(OrgID.self, "id"), name: try row.requiredText("name"), createdAt: try row.requiredDate("created_at"))
    }
    public static func values(_ org: Org) throws -> [StoreValue] { [.raw(org.id), .text(org.name), .date(org.createdAt)] }
}

/// `clients`.
public enum ClientRecord: StoreRecord {
    /// The columns, in insert order.
    public enum Columns: String, CaseIterable {
        case id, orgID = "org_id", name, timeZone = "time_zone", schedule, allowedChannels = "allowed_channels", tone, limits
        case createdAt = "created_at", profile, status
    }
    public static let table = "clients"
    public static let jsonColumns: Set<String> = ["schedule", "allowed_channels", "limits", "profile"]
    public static func decode(_ row: some StoreRow) throws -> Client {
        Client(
            id: try row.requiredID(ClientID.self, "id"), orgID: try row.requiredID(OrgID.self, "org_id"),
            name: try row.requiredText("name"), timeZone: try row.requiredText("time_zone"),
            schedule: try row.text("schedule").map { try StoreJSON.decode(SendWindow.self, from: $0, column: "schedule") },
            allowedChannels: try StoreJSON.decode([Channel].self, from: try row.requiredText("allowed_channels"), column: "allowed_channels"),
            tone: try row.text("tone"),
            limits: try StoreJSON.decode(ClientLimits.self, from: try row.requiredText("limits"), column: "limits"),
            profile: try row.text("profile").map { try StoreJSON.decode(ClientProfile.self, from: $0, column: "profile") } ?? ClientProfile(),
            status: try row.requiredEnum(ClientStatus.self, "status"),
            createdAt: try row.requiredDate("created_at")
        )
    }
    public static func values(_ c: Client) throws -> [StoreValue] {
        [
            .raw(c.id), .raw(c.orgID), .text(c.name), .text(c.timeZone), .text(try c.schedule.map(StoreJSON.encode)),
            .text(try StoreJSON.encode(c.allowedChannels)), .text(c.tone), .text(try StoreJSON.encode(c.limits)), .date(c.createdAt),
            .text(try StoreJSON.encode(c.profile)), .raw(c.status),
        ]
    }
}

/// `campaigns`.
public enum CampaignRecord: StoreRecord {
    /// The columns, in insert order.
    public enum Columns: String, CaseIterable {
        case id, orgID = "org_id", clientID = "client_id", name, playbookID = "playbook_id", niche, offer, geography
        case monthlyAppointmentTarget = "monthly_appointment_target", status, createdAt = "created_at"
    }
    public static let table = "campaigns"
    public static func decode(_ row: some StoreRow) throws -> Campaign {
        Campaign(
            id: try row.requiredID(CampaignID.self, "id"), orgID: try row.requiredID(OrgID.self, "org_id"),
            clientID: try row.requiredID(ClientID.self, "client_id"), name: try row.requiredText("name"),
            playbookID: try row.requiredText("playbook_id"), niche: try row.text("niche"), offer: try row.text("offer"),
            geography: try row.text("geography"), monthlyAppointmentTarget: try row.int("monthly_appointment_target").map { Int($0) },
            status: try row.requiredEnum(CampaignStatus.self, "status"), createdAt: try row.requiredDate("created_at")
        )
    }
    public static func values(_ c: Campaign) throws -> [StoreValue] {
        [
            .raw(c.id), .raw(c.orgID), .raw(c.clientID), .text(c.name), .text(c.playbookID), .text(c.niche), .text(c.offer),
            .text(c.geography), .int(c.monthlyAppointmentTarget), .raw(c.status), .date(c.createdAt),
        ]
    }
}

/// `playbook_versions`.
public enum PlaybookVersionRecord: StoreRecord {
    /// The columns, in insert order.
    public enum Columns: String, CaseIterable {
        case orgID = "org_id", playbookID = "playbook_id", version, contentHash = "content_hash", sourceYAML = "source_yaml"
        case compiledJSON = "compiled_json", createdAt = "created_at"
    }
    public static let table = "playbook_versions"
    public static let jsonColumns: Set<String> = ["compiled_json"]
    public static func decode(_ row: some StoreRow) throws -> PlaybookVersion {
        PlaybookVersion(
            orgID: try row.requiredID(OrgID.self, "org_id"), playbookID: try row.requiredText("playbook_id"),
            version: try row.requiredInt("version"), contentHash: try row.requiredText("content_hash"),
            sourceYAML: try row.requiredText("source_yaml"), compiledJSON: try row.requiredText("compiled_json"),
            createdAt: try row.requiredDate("created_at")
        )
    }
    public static func values(_ v: PlaybookVersion) throws -> [StoreValue] {
        [.raw(v.orgID), .text(v.playbookID), .int(v.version), .text(v.contentHash), .text(v.sourceYAML), .text(v.compiledJSON), .date(v.createdAt)]
    }
}

/// `leads`.
public enum LeadRecord: StoreRecord {
    /// The columns, in insert order.
    public enum Columns: String, CaseIterable {
        case id, orgID = "org_id", campaignID = "campaign_id", firstName = "first_name", lastName = "last_name", name
        case contactName = "contact_name", companyName = "company_name", phone, phoneLineType = "phone_line_type", email
        case usState = "us_state", timeZone = "time_zone", timeZoneSource = "time_zone_source", language, state
        case createdAt = "created_at", lastActivityAt = "last_activity_at"
    }
    public static let table = "leads"
    public static func decode(_ row: some StoreRow) throws -> Lead {
        Lead(
            id: try row.requiredID(LeadID.self, "id"), orgID: try row.requiredID(OrgID.self, "org_id"),
            firstName: try row.text("first_name"), lastName: try row.text("last_name"), name: try row.text("name"),
            contactName: try row.text("contact_name"), companyName: try row.text("company_name"), phone: try row.text("phone"),
            phoneLineType: try row.requiredEnum(PhoneLineType.self, "phone_line_type"), email: try row.text("email"),
            usState: try row.text("us_state"), timeZone: try row.text("time_zone"),
            timeZoneSource: try row.optionalEnum(TimeZoneSource.self, "time_zone_source"),
            language: try row.optionalEnum(Language.self, "language"), state: try row.requiredEnum(LeadState.self, "state"),
            createdAt: try row.requiredDate("created_at"), lastActivityAt: try row.date("last_activity_at"),
            campaignID: try row.id(CampaignID.self, "campaign_id")
        )
    }
    public static func values(_ l: Lead) throws -> [StoreValue] {
        [
            .raw(l.id), .raw(l.orgID), .raw(l.campaignID), .text(l.firstName), .text(l.lastName), .text(l.name),
            .text(l.contactName), .text(l.companyName), .text(l.phone), .raw(l.phoneLineType), .text(l.email), .text(l.usState),
            .text(l.timeZone), .raw(l.timeZoneSource), .raw(l.language), .raw(l.state), .date(l.createdAt), .date(l.lastActivityAt),
        ]
    }
}
