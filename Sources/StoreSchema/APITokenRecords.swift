import Foundation
import RevenueCore

/// `api_tokens`: one row per token, the secret kept only as its SHA-256.
public enum APITokenRecord: StoreRecord {
    public enum Columns: String, CaseIterable { case id, org_id, token_hash, label, created_at }
    public static let table = "api_tokens"
    public static func decode(_ row: some StoreRow) throws -> APIToken {
        APIToken(
            id: try row.requiredText("id"), orgID: try row.requiredID(OrgID.self, "org_id"),
            tokenHash: try row.requiredText("token_hash"), label: try row.text("label"), createdAt: try row.requiredDate("created_at"))
    }
    public static func values(_ t: APIToken) throws -> [StoreValue] {
        [.text(t.id), .raw(t.orgID), .text(t.tokenHash), .text(t.label), .date(t.createdAt)]
    }
}

/// A `(channel, status, n)` row of the queue counts query.
public enum QueueCountRecord: StoreRecord {
    public enum Columns: String, CaseIterable { case channel, status, n }
    public static let table = "touch_runs"
    public static func decode(_ row: some StoreRow) throws -> QueueCount {
        QueueCount(
            channel: try row.requiredEnum(Channel.self, "channel"), status: try row.requiredEnum(TouchStatus.self, "status"),
            count: try row.requiredInt("n"))
    }
    public static func values(_ c: QueueCount) throws -> [StoreValue] { [.raw(c.channel), .raw(c.status), .int(Int64(c.count))] }
}

/// The statements of the server's store queries (API tokens, queue counts), rendered for one dialect.
public struct ServerStatements: Sendable {
    public let insertAPIToken: String
    public let apiTokenByHash: String
    public let apiTokensOfOrg: String
    public let deleteAPIToken: String
    public let queueCountsOfOrg: String
    public let queueCounts: String

    public init(_ dialect: SQLDialect) {
        insertAPIToken = dialect.prepare(APITokenRecord.insertSQL())
        apiTokenByHash = dialect.prepare("SELECT \(APITokenRecord.selectList) FROM api_tokens WHERE token_hash = ?")
        apiTokensOfOrg = dialect.prepare("SELECT \(APITokenRecord.selectList) FROM api_tokens WHERE org_id = ? ORDER BY created_at, id")
        deleteAPIToken = dialect.prepare("DELETE FROM api_tokens WHERE id = ? AND org_id = ?")
        let counts = "SELECT channel, status, COUNT(*) AS n FROM touch_runs"
        queueCountsOfOrg = dialect.prepare(counts + " WHERE org_id = ? GROUP BY channel, status ORDER BY channel, status")
        queueCounts = dialect.prepare(counts + " GROUP BY channel, status ORDER BY channel, status")
    }
}
