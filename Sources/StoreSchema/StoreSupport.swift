import Foundation
import RevenueCore

/// JSON coding for the store's document columns: sorted keys so equal values store equal text.
public enum StoreJSON {
    /// Shared coders: configured once, never mutated (creating one per row costs more than decoding).
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()
    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    /// Encodes a value as compact JSON text.
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Decodes JSON text; a column that does not decode is a store error naming the column, not its content.
    public static func decode<T: Decodable>(_ type: T.Type, from text: String, column: String) throws -> T {
        do {
            return try decoder.decode(type, from: Data(text.utf8))
        } catch {
            throw StoreError(code: "corrupt_row", message: "column \(column) does not hold valid JSON for \(type)")
        }
    }
}

/// Tenant checks shared by both stores: values must carry the org the call names.
public enum TenantCheck {
    /// Throws `tenantMismatch` unless every value's org is `org`.
    public static func require(_ orgs: some Sequence<OrgID>, equal org: OrgID, _ what: String) throws {
        for other in orgs where other != org { throw StoreError.tenantMismatch(what) }
    }
}

/// Decodes a closed-set column (`status`, `channel` …), naming the column when the value is unknown.
public func storeEnum<E: RawRepresentable>(_ type: E.Type, _ raw: String, column: String) throws -> E where E.RawValue == String {
    guard let value = E(rawValue: raw) else {
        throw StoreError(code: "corrupt_row", message: "column \(column) holds an unknown \(type) value")
    }
    return value
}

/// Statuses a claimed touch may be completed with.
public let completableStatuses: Set<TouchStatus> = [.sent, .delivered, .skipped, .failed]

extension StoreError {
    /// A playbook version number is already stored with different content.
    public static let playbookVersionTaken = StoreError(
        code: "version_taken", message: "this playbook version is already stored with a different content hash")
}

/// The rows an import writes: every lead checked for its org and given the import's campaign.
public enum ImportPlan {
    /// `(id, insert arguments)` per lead, in batch order; throws before anything is written.
    public static func rows(_ batch: [Lead], org: OrgID, campaign: CampaignID?) throws -> [(LeadID, [StoreValue])] {
        try TenantCheck.require(batch.map(\.orgID), equal: org, "lead")
        return try batch.map { lead in
            var lead = lead
            if let campaign { lead.campaignID = campaign }
            return (lead.id, try LeadRecord.values(lead))
        }
    }
}
