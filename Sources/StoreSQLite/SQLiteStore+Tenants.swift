import Foundation
import GRDB
import RevenueCore
import StoreSchema

extension SQLiteStore {
    public func saveOrg(_ org: Org) async throws {
        let values = try OrgRecord.values(org)
        try await write { [sql] db in try db.run(sql.saveOrg, values) }
    }

    public func org(_ id: OrgID) async throws -> Org? {
        try await read { [sql] db in try db.fetch(OrgRecord.self, sql.org, [.raw(id)]).first }
    }

    public func orgs() async throws -> [Org] {
        try await read { [sql] db in try db.fetch(OrgRecord.self, sql.orgs, []) }
    }

    public func saveClient(_ client: Client, org: OrgID) async throws {
        try TenantCheck.require([client.orgID], equal: org, "client")
        let values = try ClientRecord.values(client)
        try await write { [sql] db in
            if try db.run(sql.saveClient, values) == 0 { throw StoreError.tenantMismatch("client") }
        }
    }

    public func client(_ id: ClientID, org: OrgID) async throws -> Client? {
        try await read { [sql] db in try db.fetch(ClientRecord.self, sql.client, [.raw(org), .raw(id)]).first }
    }

    public func clients(org: OrgID) async throws -> [Client] {
        try await read { [sql] db in try db.fetch(ClientRecord.self, sql.clients, [.raw(org)]) }
    }

    public func saveCampaign(_ campaign: Campaign, org: OrgID) async throws {
        try TenantCheck.require([campaign.orgID], equal: org, "campaign")
        let values = try CampaignRecord.values(campaign)
        try await write { [sql] db in
            if try db.run(sql.saveCampaign, values) == 0 { throw StoreError.tenantMismatch("campaign") }
        }
    }

    public func campaign(_ id: CampaignID, org: OrgID) async throws -> Campaign? {
        try await read { [sql] db in try db.fetch(CampaignRecord.self, sql.campaign, [.raw(org), .raw(id)]).first }
    }

    public func campaigns(org: OrgID, status: CampaignStatus?) async throws -> [Campaign] {
        try await read { [sql] db in
            if let status { return try db.fetch(CampaignRecord.self, sql.campaignsWithStatus, [.raw(org), .raw(status)]) }
            return try db.fetch(CampaignRecord.self, sql.campaigns, [.raw(org)])
        }
    }

    public func savePlaybookVersion(_ version: PlaybookVersion, org: OrgID) async throws {
        try TenantCheck.require([version.orgID], equal: org, "playbook version")
        let values = try PlaybookVersionRecord.values(version)
        try await write { [sql] db in
            try db.run(sql.insertPlaybook, [.raw(org), .text(version.playbookID), .date(version.createdAt)])
            if try db.run(sql.insertPlaybookVersion, values) == 0 {
                let existing = try db.fetch(
                    PlaybookVersionRecord.self, sql.playbookVersion, [.raw(org), .text(version.playbookID), .int(version.version)]
                ).first
                if existing?.contentHash != version.contentHash { throw StoreError.playbookVersionTaken }
            }
        }
    }

    public func playbookVersion(playbook: String, version: Int, org: OrgID) async throws -> PlaybookVersion? {
        try await read { [sql] db in
            try db.fetch(PlaybookVersionRecord.self, sql.playbookVersion, [.raw(org), .text(playbook), .int(version)]).first
        }
    }

    public func playbookVersion(contentHash: String, org: OrgID) async throws -> PlaybookVersion? {
        try await read { [sql] db in
            try db.fetch(PlaybookVersionRecord.self, sql.playbookVersionByHash, [.raw(org), .text(contentHash)]).first
        }
    }

    public func playbookVersions(playbook: String, org: OrgID) async throws -> [PlaybookVersion] {
        try await read { [sql] db in try db.fetch(PlaybookVersionRecord.self, sql.playbookVersions, [.raw(org), .text(playbook)]) }
    }

    public func sharedSecret(named name: String, candidate: String, at: Date) async throws -> String {
        try await write { [sql] db in
            try db.run(sql.insertSecret, [.text(name), .text(candidate), .date(at)])
            guard let value = try db.rows(sql.secret, [.text(name)]).first?.text("text") else { throw StoreError.notFound("secret") }
            return value
        }
    }
}
