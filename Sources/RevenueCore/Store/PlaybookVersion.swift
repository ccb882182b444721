import Foundation

/// One stored version of a playbook: its YAML source and compiled graph, keyed by content hash.
public struct PlaybookVersion: Sendable, Codable, Hashable {
    public var orgID: OrgID
    public var playbookID: String
    public var version: Int
    /// The compiled graph's hex SHA-256 (`CompiledPlaybook.contentHash`).
    public var contentHash: String
    public var sourceYAML: String
    /// The compiled graph as JSON (`revasi compile --format json`).
    public var compiledJSON: String
    public var createdAt: Date

    public init(
        orgID: OrgID, playbookID: String, version: Int, contentHash: String, sourceYAML: String, compiledJSON: String,
        createdAt: Date
    ) {
        self.orgID = orgID
        self.playbookID = playbookID
        self.version = version
        self.contentHash = contentHash
        self.sourceYAML = sourceYAML
        self.compiledJSON = compiledJSON
        self.createdAt = createdAt
    }
}
