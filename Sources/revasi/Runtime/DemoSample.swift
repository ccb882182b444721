import Foundation
import RevenueCore

/// The demo's built-in leads: Spanish and English names across FL, TX, CA, AZ, NY and Puerto Rico,
/// fake 555-01xx numbers and example.com addresses. No real person.
enum DemoSample {
    static let firstNames = [
        "María", "José", "Guadalupe", "Juan", "Carmen", "Luis", "Rosa", "Carlos", "Ana", "Miguel", "Sofía", "Jorge",
        "Emily", "Michael", "Sarah", "David", "Jessica", "James", "Ashley", "Robert",
    ]
    static let lastNames = [
        "García", "Rodríguez", "Martínez", "Hernández", "López", "González", "Pérez", "Sánchez", "Ramírez", "Torres",
        "Smith", "Johnson", "Williams", "Brown",
    ]
    /// (state, area code, zone).
    static let places: [(String, String, String)] = [
        ("FL", "305", "America/New_York"), ("TX", "713", "America/Chicago"), ("CA", "213", "America/Los_Angeles"),
        ("AZ", "602", "America/Phoenix"), ("NY", "212", "America/New_York"), ("PR", "787", "America/Puerto_Rico"),
    ]

    /// `count` leads (at most 100: the 555-0100…0199 range), in `org`, state `enriched`.
    static func leads(count: Int, org: OrgID, campaigns: [CampaignID], now: Date) -> [Lead] {
        (0..<min(count, 100)).map { i in
            let first = firstNames[i % firstNames.count]
            let last = lastNames[(i * 7 + i / firstNames.count) % lastNames.count]
            let (state, area, zone) = places[i % places.count]
            let spanish = i % firstNames.count < 12
            let ascii = (first + "." + last).folding(options: .diacriticInsensitive, locale: nil).lowercased()
            return Lead(
                id: LeadID(String(format: "demo-%03d", i + 1)), orgID: org, firstName: first, lastName: last,
                phone: "+1\(area)55501\(String(format: "%02d", i))", phoneLineType: .mobile,
                email: i % 3 == 0 ? nil : "\(ascii)\(i)@example.com", usState: state, timeZone: zone, timeZoneSource: .state,
                language: spanish ? .es : .en, state: .enriched, createdAt: now, campaignID: campaigns[i % campaigns.count])
        }
    }

    /// What a lead answers when the sandbox decided it replied: keywords, questions, interest, refusals.
    static let replies: [(String, Language)] = [
        ("Sí, me interesa. ¿Cuándo puedo ir?", .es), ("BAJA", .es), ("¿Cuánto cuesta?", .es), ("No gracias", .es),
        ("Yes, I'm interested", .en), ("STOP", .en), ("AYUDA", .es), ("Número equivocado", .es),
        ("Me interesa, llámeme mañana", .es), ("Can I come Saturday?", .en), ("Sí, quiero una cita", .es), ("ok", .en),
    ]
}
