import Foundation

/// A lead attribute a CSV column can fill; raw values are the names used in mapping files.
public enum LeadField: String, CaseIterable, Sendable, Hashable, Codable, CustomStringConvertible {
    case id
    case firstName = "first_name"
    case lastName = "last_name"
    case name
    case contactName = "contact_name"
    case companyName = "company_name"
    case phone
    case email
    case state
    case timezone
    case language

    public var description: String { rawValue }

    /// Whether the field can reach the lead (a row needs at least one).
    public var isContact: Bool { self == .phone || self == .email }
}

/// Header text folded for matching: lower case, accents removed, only letters and digits kept
/// (`"Correo electrónico"` → `correoelectronico`, `"State/Region"` → `stateregion`).
enum HeaderKey {
    static func normalize(_ header: String) -> String {
        let folded = header.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        return String(String.UnicodeScalarView(folded.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }))
    }
}
