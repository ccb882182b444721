/// Mexican numbers → IANA zone: America/Mexico_City except the regions listed by area code.
public enum MexicoZones {
    /// The zone for a 10-digit Mexican national number (`"6641234567"` → `America/Tijuana`).
    public static func timeZone(forNational national: String) -> String {
        // Two-digit area codes: Mexico City (55, 56), Guadalajara (33), Monterrey (81).
        exceptions[String(national.prefix(3))] ?? defaultZone
    }

    /// The zone of most of the country.
    public static let defaultZone = "America/Mexico_City"

    /// Every three-digit prefix with its own zone.
    public static var all: [String: String] { exceptions }

    private static let exceptions: [String: String] = {
        let rows: [(zone: String, codes: String)] = [
            ("America/Tijuana", "646 664 665 686"), // Baja California: Ensenada, Tijuana, Tecate, Mexicali
            ("America/Cancun", "983 984 987 998"), // Quintana Roo: Chetumal, Playa del Carmen, Cozumel, Cancún
            ("America/Hermosillo", "631 638 642 644 653 662"), // Sonora: no DST
            ("America/Chihuahua", "614 625 627 628 635 639"), // Chihuahua state (Central, no DST)
            ("America/Ciudad_Juarez", "656"), // Ciudad Juárez follows US DST
            ("America/Mazatlan", "311 612 613 615 624 667 668 669 687"), // Sinaloa, Nayarit, Baja California Sur
        ]
        var result: [String: String] = [:]
        for row in rows {
            for code in row.codes.split(separator: " ") { result[String(code)] = row.zone }
        }
        return result
    }()
}
