import Foundation

/// The zone chosen for a lead, the US state if known, and which input it came from.
public struct ZoneInference: Sendable, Hashable {
    public let timeZone: String
    public let usState: String?
    public let source: TimeZoneSource

    public init(timeZone: String, usState: String?, source: TimeZoneSource) {
        self.timeZone = timeZone
        self.usState = usState
        self.source = source
    }
}

/// Picks a lead's IANA zone from what is known about it.
public enum TimeZoneInference {
    /// explicit zone (if a valid IANA id) > phone (area code / Mexico) > state > fallback; reports which source was used.
    ///
    /// `usState` in the result is the normalized given state, else the US state/territory of the
    /// phone's area code.
    public static func infer(explicitTimeZone: String?, usState: String?, phone: PhoneNumber?, fallback: String) -> ZoneInference {
        let state = usState.flatMap(USStates.normalize)
        let phoneInfo = phone?.areaCode.flatMap(NANPAreaCodes.lookup)
        let phoneState = phoneInfo.flatMap { USStates.normalize($0.region) == $0.region ? $0.region : nil }
        let reportedState = state ?? phoneState

        if let explicit = explicitTimeZone?.trimmingCharacters(in: .whitespacesAndNewlines),
           isValidZone(explicit) {
            return ZoneInference(timeZone: explicit, usState: reportedState, source: .explicit)
        }
        if let phone, phone.country == .mexico {
            return ZoneInference(timeZone: MexicoZones.timeZone(forNational: phone.nationalNumber), usState: state, source: .phone)
        }
        if let phoneInfo {
            return ZoneInference(timeZone: phoneInfo.timeZone, usState: reportedState, source: .phone)
        }
        if let state, let zone = USStates.timeZone(forState: state) {
            return ZoneInference(timeZone: zone, usState: state, source: .state)
        }
        return ZoneInference(timeZone: fallback, usState: reportedState, source: .fallback)
    }

    /// True for an IANA region id Foundation knows (`America/New_York`); abbreviations like `EST` are refused.
    public static func isValidZone(_ identifier: String) -> Bool {
        guard identifier.contains("/") || identifier == "UTC" else { return false }
        return TimeZone(identifier: identifier) != nil
    }
}
