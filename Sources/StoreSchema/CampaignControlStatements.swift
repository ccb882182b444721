import RevenueCore

/// The statements of the campaign controls (status changes, archive's cancellation, counts), for one dialect.
public struct CampaignControlStatements: Sendable {
    public let setStatus: String
    public let cancelQueued: String
    public let touchCounts: String
    public let leadCounts: String
    public let leadsByHash: String

    public init(_ dialect: SQLDialect) {
        setStatus = dialect.prepare("UPDATE campaigns SET status = ? WHERE org_id = ? AND id = ?")
        cancelQueued = dialect.prepare(
            "UPDATE touch_runs SET status = 'cancelled', error = ? WHERE org_id = ? AND campaign_id = ? AND status = 'queued'")
        touchCounts = dialect.prepare(
            "SELECT status AS key, COUNT(*) AS n FROM touch_runs WHERE org_id = ? AND campaign_id = ? GROUP BY status ORDER BY status")
        leadCounts = dialect.prepare(
            "SELECT state AS key, COUNT(*) AS n FROM leads WHERE org_id = ? AND campaign_id = ? GROUP BY state ORDER BY state")
        leadsByHash = dialect.prepare("""
            SELECT playbook_hash AS key, COUNT(DISTINCT lead_id) AS n FROM touch_runs
            WHERE org_id = ? AND campaign_id = ? GROUP BY playbook_hash ORDER BY playbook_hash
            """)
    }

    /// `(key, n)` rows as a dictionary, keys mapped by `make` (unknown keys dropped).
    public static func counts<K: Hashable>(_ rows: [some StoreRow], _ make: (String) -> K?) throws -> [K: Int] {
        var out: [K: Int] = [:]
        for row in rows {
            guard let key = try row.text("key").flatMap(make) else { continue }
            out[key, default: 0] += try row.requiredInt("n")
        }
        return out
    }
}
