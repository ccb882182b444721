/// Where a NANP area code is: its state/territory/province and the IANA zone of most of its people.
public struct AreaCodeInfo: Sendable, Hashable {
    /// Two-letter US state/territory code (`FL`, `PR`), Canadian province (`ON`) or country (`DO`).
    public let region: String
    /// IANA zone where the majority of the area code's population lives.
    public let timeZone: String
    /// True when part of the area code lies in another zone (or keeps different DST rules).
    public let splitsZones: Bool

    public init(region: String, timeZone: String, splitsZones: Bool) {
        self.region = region
        self.timeZone = timeZone
        self.splitsZones = splitsZones
    }
}
