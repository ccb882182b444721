import Foundation

/// A tenant: an agency or business account whose rows never mix with another's.
public struct Org: Sendable, Codable, Hashable, Identifiable {
    public var id: OrgID
    public var name: String
    public var createdAt: Date

    public init(id: OrgID, name: String, createdAt: Date) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
    }
}
