import Foundation
import PostgresNIO
import RevenueCore
import StoreSchema

extension PostgresStore {
    public func saveOrg(_ org: Org) async throws {
        let values = try OrgRecord.values(org)
        try await transaction { db in try await db.run(sql.saveOrg, values) }
    }

    public func org(_ id: OrgID) async throws -> Org? {
        try await connection { db in try await db.fetch(OrgRecord.self, sql.org, [.raw(id)]).first }
    }

    public func orgs() async throws -> [Org] {
        try await connection { db in try await db.fetch(OrgRecord.self, sql.orgs, []) }
    }

    public func saveClient(_ client: Client, org: OrgID) async throws {
        try TenantCheck.require([client.orgID], equal: org, "client")
        let values = try ClientRecord.values(client)
        try await transaction { db in
            if try await db.run(sql.saveClient, values) == 0 { throw StoreError.tenantMismatch("client") }
        }
    }

    public func client(_ id: ClientID, org: OrgID) async throws -> Client? {
        try await connection { db in try await db.fetch(ClientRecord.self, sql.client, [.raw(org), .raw(id)]).first }
    }

    public func clients(org: OrgID) async throws -> [Client] {
        try await connection { db in try await db.fetch(ClientRecord.self, sql.clients, [.raw(org)]) }
    }

    public func saveCampaign(_ campaign: Campaign, org: OrgID) async throws {
        try TenantCheck.require([campaign.orgID], equal: org, "campaign")
        let values = try CampaignRecord.values(campaign)
        try await transaction { db in
            if try await db.run(sql.saveCampaign, values) == 0 { throw StoreError.tenantMismatch("campaign") }
        }
    }

    public func campaign(_ id: CampaignID, org: OrgID) async throws -> Campaign? {
        try await connection { db in try await db.fetch(CampaignRecord.self, sql.campaign, [.raw(org), .raw(id)]).first }
    }

    public func campaigns(org: OrgID, status: CampaignStatus?) async throws -> [Campaign] {
        try await connection { db in
            if let status { return try await db.fetch(CampaignRecord.self, sql.campaignsWithStatus, [.raw(org), .raw(status)]) }
            return try await db.fetch(CampaignRecord.self, sql.campaigns, [.raw(org)])
        }
    }

    public func savePlaybookVersion(_ version: PlaybookVersion, org: OrgID) async throws {
        try TenantCheck.require([version.orgID], equal: org, "playbook version")
        let values = try PlaybookVersionRecord.values(version)
        try await transaction { db in
            try await db.run(sql.insertPlaybook, [.raw(org), .text(version.playbookID), .date(version.createdAt)])
            if try await db.run(sql.insertPlaybookVersion, values) == 0 {
                let existing = try await db.fetch(
                    PlaybookVersionRecord.self, sql.playbookVersion, [.raw(org), .text(version.playbookID), .int(version.version)]
                ).first
                if existing?.contentHash != version.contentHash { throw StoreError.playbookVersionTaken }
            }
        }
    }

    public func playbookVersion(playbook: String, version: Int, org: OrgID) async throws -> PlaybookVersion? {
        try await connection { db in
            try await db.fetch(PlaybookVersionRecord.self, sql.playbookVersion, [.raw(org), .text(playbook), .int(version)]).first
        }
    }

    public func playbookVersion(contentHash: String, org: OrgID) async throws -> PlaybookVersion? {
        try await connection { db in
            try await db.fetch(PlaybookVersionRecord.self, sql.playbookVersionByHash, [.raw(org), .text(contentHash)]).first
        }
    }

    public func playbookVersions(playbook: String, org: OrgID) async throws -> [PlaybookVersion] {
        try await connection { db in try await db.fetch(PlaybookVersionRecord.self, sql.playbookVersions, [.raw(org), .text(playbook)]) }
    }

    public func sharedSecret(named name: String, candidate: String, at: Date) async throws -> String {
        try await transaction { db in
            try await db.run(sql.insertSecret, [.text(name), .text(candidate), .date(at)])
            guard let value = try await db.rows(sql.secret, [.text(name)]).first?.text("text") else { throw StoreError.notFound("secret") }
            return value
        }
    }
}
