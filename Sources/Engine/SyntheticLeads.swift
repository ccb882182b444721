import Foundation
import RevenueCore

/// Seeded fake leads for benchmarks and property tests: varied zones (incl. Arizona, Hawaii, Puerto
/// Rico, Mexico), states (incl. FL, OK, MD), languages, missing e-mail and landlines.
public enum SyntheticLeads {
    /// (zone, state) pairs leads are drawn from.
    public static let places: [(zone: String, state: String?)] = [
        ("America/New_York", "FL"), ("America/New_York", "NY"), ("America/New_York", "MD"), ("America/Chicago", "TX"),
        ("America/Chicago", "OK"), ("America/Chicago", "IL"), ("America/Denver", "CO"), ("America/Phoenix", "AZ"),
        ("America/Los_Angeles", "CA"), ("America/Anchorage", "AK"), ("Pacific/Honolulu", "HI"), ("America/Puerto_Rico", "PR"),
        ("America/Mexico_City", nil), ("America/Indiana/Indianapolis", "IN"),
    ]

    static let first = ["María", "José", "Guadalupe", "Juan", "Ana", "Luis", "Carmen", "Carlos", "Rosa", "Miguel", "John", "Emily"]
    static let last = ["García", "Rodríguez", "Martínez", "Hernández", "López", "González", "Pérez", "Sánchez", "Smith", "Johnson"]

    /// `count` leads, the same for the same seed.
    public static func generate(count: Int, seed: UInt64, org: OrgID = "org-bench", createdAt: Date) -> [Lead] {
        var rng = SplitMix64(seed: seed)
        var leads: [Lead] = []
        leads.reserveCapacity(count)
        for i in 0..<count {
            let place = places[rng.below(places.count)]
            let hasEmail = rng.below(10) < 7
            let hasPhone = rng.below(20) != 0 || !hasEmail
            let landline = rng.below(10) == 0
            let number = 100 + i % 100
            leads.append(Lead(
                id: LeadID("L\(i + 1)"), orgID: org, firstName: first[rng.below(first.count)], lastName: last[rng.below(last.count)],
                phone: hasPhone ? (place.state == nil ? "+5255555501\(number % 100 < 10 ? "0" : "")\(number % 100)" : "+1305555\(String(format: "%04d", number))") : nil,
                phoneLineType: landline ? .landline : .mobile, email: hasEmail ? "lead\(i + 1)@example.com" : nil, usState: place.state,
                timeZone: place.zone, timeZoneSource: .explicit, language: rng.below(3) == 0 ? .en : .es, createdAt: createdAt))
        }
        return leads
    }
}
