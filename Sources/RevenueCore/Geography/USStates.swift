import Foundation

/// US states, DC and territories: names, codes and each one's dominant IANA zone.
public enum USStates {
    /// The IANA zone where most of the state's people live (`"FL"` → `America/New_York`).
    public static func timeZone(forState code: String) -> String? {
        guard let code = normalize(code) else { return nil }
        return byCode[code]?.zone
    }

    /// `"Florida"`, `"fl"`, `"Puerto Rico"`, `"P.R."` → `"FL"` / `"PR"`; nil when unknown.
    public static func normalize(_ nameOrCode: String) -> String? {
        let key = Self.key(nameOrCode)
        guard !key.isEmpty else { return nil }
        if key.count == 2, byCode[key.uppercased()] != nil { return key.uppercased() }
        return byName[key]
    }

    /// Every known code.
    public static var allCodes: [String] { rows.map(\.code) }

    /// Lowercased, accents and punctuation dropped, single spaces: "Puerto  Rico." → "puerto rico".
    private static func key(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        let kept = folded.unicodeScalars.map { CharacterSet.letters.contains($0) ? Character($0) : " " }
        return String(kept).split(separator: " ").joined(separator: " ").lowercased()
    }

    private static let byCode: [String: (name: String, zone: String)] =
        Dictionary(uniqueKeysWithValues: rows.map { ($0.code, ($0.name, $0.zone)) })

    private static let byName: [String: String] = {
        var result: [String: String] = [:]
        for row in rows {
            result[key(row.name)] = row.code
        }
        // Common alternative spellings.
        result["washington dc"] = "DC"
        result["washington d c"] = "DC"
        result["d c"] = "DC"
        result["p r"] = "PR"
        result["us virgin islands"] = "VI"
        result["virgin islands"] = "VI"
        result["usvi"] = "VI"
        result["northern mariana islands"] = "MP"
        result["commonwealth of puerto rico"] = "PR"
        result["estado libre asociado de puerto rico"] = "PR"
        result["nuevo mexico"] = "NM"
        result["carolina del norte"] = "NC"
        result["carolina del sur"] = "SC"
        result["nueva york"] = "NY"
        result["nueva jersey"] = "NJ"
        result["tejas"] = "TX"
        result["luisiana"] = "LA"
        result["pensilvania"] = "PA"
        result["hawai"] = "HI"
        return result
    }()

    private static let rows: [(code: String, name: String, zone: String)] = [
        ("AL", "Alabama", "America/Chicago"), ("AK", "Alaska", "America/Anchorage"),
        ("AZ", "Arizona", "America/Phoenix"), ("AR", "Arkansas", "America/Chicago"),
        ("CA", "California", "America/Los_Angeles"), ("CO", "Colorado", "America/Denver"),
        ("CT", "Connecticut", "America/New_York"), ("DE", "Delaware", "America/New_York"),
        ("DC", "District of Columbia", "America/New_York"), ("FL", "Florida", "America/New_York"),
        ("GA", "Georgia", "America/New_York"), ("HI", "Hawaii", "Pacific/Honolulu"),
        ("ID", "Idaho", "America/Boise"), ("IL", "Illinois", "America/Chicago"),
        ("IN", "Indiana", "America/Indiana/Indianapolis"), ("IA", "Iowa", "America/Chicago"),
        ("KS", "Kansas", "America/Chicago"), ("KY", "Kentucky", "America/New_York"),
        ("LA", "Louisiana", "America/Chicago"), ("ME", "Maine", "America/New_York"),
        ("MD", "Maryland", "America/New_York"), ("MA", "Massachusetts", "America/New_York"),
        ("MI", "Michigan", "America/Detroit"), ("MN", "Minnesota", "America/Chicago"),
        ("MS", "Mississippi", "America/Chicago"), ("MO", "Missouri", "America/Chicago"),
        ("MT", "Montana", "America/Denver"), ("NE", "Nebraska", "America/Chicago"),
        ("NV", "Nevada", "America/Los_Angeles"), ("NH", "New Hampshire", "America/New_York"),
        ("NJ", "New Jersey", "America/New_York"), ("NM", "New Mexico", "America/Denver"),
        ("NY", "New York", "America/New_York"), ("NC", "North Carolina", "America/New_York"),
        ("ND", "North Dakota", "America/Chicago"), ("OH", "Ohio", "America/New_York"),
        ("OK", "Oklahoma", "America/Chicago"), ("OR", "Oregon", "America/Los_Angeles"),
        ("PA", "Pennsylvania", "America/New_York"), ("RI", "Rhode Island", "America/New_York"),
        ("SC", "South Carolina", "America/New_York"), ("SD", "South Dakota", "America/Chicago"),
        ("TN", "Tennessee", "America/Chicago"), ("TX", "Texas", "America/Chicago"),
        ("UT", "Utah", "America/Denver"), ("VT", "Vermont", "America/New_York"),
        ("VA", "Virginia", "America/New_York"), ("WA", "Washington", "America/Los_Angeles"),
        ("WV", "West Virginia", "America/New_York"), ("WI", "Wisconsin", "America/Chicago"),
        ("WY", "Wyoming", "America/Denver"),
        ("PR", "Puerto Rico", "America/Puerto_Rico"), ("VI", "U.S. Virgin Islands", "America/St_Thomas"),
        ("GU", "Guam", "Pacific/Guam"), ("MP", "Northern Mariana Islands", "Pacific/Saipan"),
        ("AS", "American Samoa", "Pacific/Pago_Pago"),
    ]
}
