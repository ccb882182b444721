import Foundation

/// Which time-zone names the command line accepts: IANA identifiers only (`America/Chicago`, `UTC`).
enum TimeZoneNames {
    /// Whether `name` is an IANA zone this system knows (abbreviations like `EST` and offsets like `GMT+5` are not).
    static func isIANA(_ name: String) -> Bool {
        name == "UTC" || TimeZone.knownTimeZoneIdentifiers.contains(name)
    }
}
