/// The numbering plans we serve: NANP (+1: US, Puerto Rico, Canada, …) and Mexico (+52).
public enum PhoneCountry: String, Sendable, Codable, Hashable {
    case nanp, mexico

    /// The E.164 country calling code, without `+`.
    public var callingCode: String {
        switch self {
        case .nanp: return "1"
        case .mexico: return "52"
        }
    }
}
