/// Why a typed phone number was rejected; `description` never echoes the number.
public enum PhoneNumberError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Nothing but whitespace was given.
    case empty
    /// Letters or symbols other than digits, spaces, `( ) - . /` and a leading `+`.
    case invalidCharacters
    /// The digit count (after any `+`/`011`/`00` prefix and country code) fits no supported plan.
    case wrongLength(digits: Int)
    /// NANP area code or exchange starting with 0 or 1, an N11 area code, or a Mexican number starting with 0 or 1.
    case invalidAreaCode
    /// A country code other than +1 (NANP) or +52 (Mexico).
    case unsupportedCountry

    public var description: String {
        switch self {
        case .empty:
            return "phone number is empty"
        case .invalidCharacters:
            return "phone number may contain only digits, spaces, ( ) - . / and a leading +"
        case .wrongLength(let digits):
            return "phone number has \(digits) digits; expected 10 (US/Canada/Puerto Rico or Mexico) or 1 + 10"
        case .invalidAreaCode:
            return "phone number has an invalid area code or exchange (cannot start with 0 or 1, or be N11)"
        case .unsupportedCountry:
            return "phone number's country code is not supported (only +1 and +52)"
        }
    }
}
