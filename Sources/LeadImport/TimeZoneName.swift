import Foundation
import RevenueCore

/// Reads a time-zone cell: IANA names (`America/Chicago`, `America/New York`) and the US names people
/// write (`EST`, `Central`, `Pacific Time`, `Hora del Este`); nil when unrecognised.
enum TimeZoneName {
    static func ianaName(_ raw: String) -> String? {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        let underscored = trimmed.replacingOccurrences(of: " ", with: "_")
        if TimeZoneInference.isValidZone(underscored) { return underscored }
        let key = trimmed.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        if let zone = abbreviations[key.uppercased()] { return zone }
        for (word, zone) in words where key.contains(word) { return zone }
        return nil
    }

    private static let abbreviations: [String: String] = [
        "ET": "America/New_York", "EST": "America/New_York", "EDT": "America/New_York",
        "CT": "America/Chicago", "CST": "America/Chicago", "CDT": "America/Chicago",
        "MT": "America/Denver", "MST": "America/Denver", "MDT": "America/Denver",
        "PT": "America/Los_Angeles", "PST": "America/Los_Angeles", "PDT": "America/Los_Angeles",
        "AKST": "America/Anchorage", "AKDT": "America/Anchorage", "HST": "Pacific/Honolulu",
        "AST": "America/Puerto_Rico",
    ]

    /// Checked in order: "arizona" before "mountain", "mexico" before "central".
    private static let words: [(String, String)] = [
        ("tijuana", "America/Tijuana"), ("mexico", "America/Mexico_City"),
        ("arizona", "America/Phoenix"), ("eastern", "America/New_York"), ("del este", "America/New_York"),
        ("central", "America/Chicago"), ("mountain", "America/Denver"), ("montana", "America/Denver"),
        ("pacific", "America/Los_Angeles"), ("pacifico", "America/Los_Angeles"), ("alaska", "America/Anchorage"),
        ("hawaii", "Pacific/Honolulu"), ("atlantic", "America/Puerto_Rico"), ("atlantico", "America/Puerto_Rico"),
        ("puerto rico", "America/Puerto_Rico"),
    ]
}
