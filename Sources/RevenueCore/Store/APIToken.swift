import Foundation

/// An API token of one org, stored only as the SHA-256 of its secret (`api_tokens`).
public struct APIToken: Sendable, Codable, Hashable, Identifiable {
    /// A short public id (`tok_…`), safe to print and log; never the secret.
    public var id: String
    public var orgID: OrgID
    /// Lower-case hex SHA-256 of the secret the client sends as `Authorization: Bearer …`.
    public var tokenHash: String
    /// What the token is for (`cockpit`), if given.
    public var label: String?
    public var createdAt: Date

    public init(id: String, orgID: OrgID, tokenHash: String, label: String? = nil, createdAt: Date) {
        self.id = id
        self.orgID = orgID
        self.tokenHash = tokenHash
        self.label = label
        self.createdAt = createdAt
    }
}

/// API tokens: the HTTP API resolves a bearer token's hash to the one org it may read.
public protocol APITokenStore: Sendable {
    /// Stores a new token (its org must exist).
    func saveAPIToken(_ token: APIToken) async throws
    /// The token whose secret hashes to `hash`, if any.
    func apiToken(hash: String) async throws -> APIToken?
    /// The org's tokens, oldest first (revoked tokens are gone, so never listed).
    func apiTokens(org: OrgID) async throws -> [APIToken]
    /// Revokes the org's token `id` by deleting its row, so its hash resolves to nothing from then on;
    /// `false` when the org has no such token (another org's token is never touched).
    func revokeAPIToken(_ id: String, org: OrgID) async throws -> Bool
}

/// How many touches sit in one (channel, status) cell: queue depth and failures for health and metrics.
public struct QueueCount: Sendable, Codable, Hashable {
    public var channel: Channel
    public var status: TouchStatus
    public var count: Int

    public init(channel: Channel, status: TouchStatus, count: Int) {
        self.channel = channel
        self.status = status
        self.count = count
    }
}

/// Aggregate counts over `touch_runs` for `GET /api/health` and `/metrics`.
public protocol QueueStatsStore: Sendable {
    /// Touch counts by channel and status, for one org or (when `nil`) every org; empty cells omitted.
    func queueCounts(org: OrgID?) async throws -> [QueueCount]
}
