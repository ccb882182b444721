import Foundation

/// E.164 phone number for the countries we serve (NANP: US, Puerto Rico, Canada, …; Mexico).
///
/// `description` is masked (`+1305•••0100`) so a number can be interpolated into logs safely;
/// use `e164` when the full number is needed (sending, storing).
public struct PhoneNumber: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The normalized number: `+13055550100`, `+525512345678`.
    public let e164: String

    /// Parses what people type: `(305) 555-0100`, `305.555.0100`, `13055550100`, `+1 305 555 0100`,
    /// `+52 1 55 1234 5678`, `+52 55 1234 5678`, `011 52 55 1234 5678`.
    /// Numbers without a country code are read in `defaultCountry`.
    public init(parsing raw: String, defaultCountry: PhoneCountry = .nanp) throws(PhoneNumberError) {
        let (digits, international) = try Self.scan(raw)
        if international {
            if digits.first == "1" {
                e164 = try Self.nanp(national: digits.dropFirst(), reportedCount: digits.count)
            } else if digits.hasPrefix("52") {
                e164 = try Self.mexico(national: digits.dropFirst(2), reportedCount: digits.count)
            } else {
                throw .unsupportedCountry
            }
            return
        }
        switch defaultCountry {
        case .nanp:
            if digits.count == 11, digits.first == "1" {
                e164 = try Self.nanp(national: digits.dropFirst(), reportedCount: digits.count)
            } else {
                e164 = try Self.nanp(national: digits[...], reportedCount: digits.count)
            }
        case .mexico:
            if digits.count >= 12, digits.hasPrefix("52") {
                e164 = try Self.mexico(national: digits.dropFirst(2), reportedCount: digits.count)
            } else {
                e164 = try Self.mexico(national: digits[...], reportedCount: digits.count)
            }
        }
    }

    /// Which plan the number belongs to.
    public var country: PhoneCountry {
        e164.hasPrefix("+52") ? .mexico : .nanp
    }

    /// NANP 3-digit area code (`"305"`); nil for Mexico.
    public var areaCode: String? {
        guard country == .nanp else { return nil }
        return String(e164.dropFirst(2).prefix(3))
    }

    /// The national significant number (10 digits for both plans).
    public var nationalNumber: String {
        String(e164.dropFirst(1 + country.callingCode.count))
    }

    /// Masked form safe for logs: `+1305•••0100`, `+5255••••5678`. Never the full number.
    public var description: String {
        let national = nationalNumber
        switch country {
        case .nanp: return "+1" + national.prefix(3) + "•••" + national.suffix(4)
        case .mexico: return "+52" + national.prefix(2) + "••••" + national.suffix(4)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        do {
            self = try PhoneNumber(parsing: raw)
        } catch {
            // The message deliberately leaves the value out.
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(e164)
    }

    // MARK: - Parsing

    /// Keeps the ASCII digits; reports whether the number was written with `+`, `011` or `00`.
    private static func scan(_ raw: String) throws(PhoneNumberError) -> (digits: String, international: Bool) {
        // Trimmed with the stdlib's White_Space property, not Foundation: imports parse 100,000s of these.
        let scalars = raw.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { throw .empty }
        let trimmed = raw[first...last]
        var digits = ""
        var plus = false
        for scalar in trimmed.unicodeScalars {
            switch scalar {
            case "0"..."9":
                digits.unicodeScalars.append(scalar)
            case "+" where digits.isEmpty && !plus:
                plus = true
            case "(", ")", "-", ".", "/", " ", "\t", "\u{00A0}", "\u{2010}", "\u{2011}", "\u{2013}":
                continue
            default:
                throw .invalidCharacters
            }
        }
        guard !digits.isEmpty else { throw .invalidCharacters }
        if plus { return (digits, true) }
        // International dialing prefixes: 011 (from NANP) and 00 (from Mexico and most others).
        if digits.hasPrefix("011"), digits.count > 11 { return (String(digits.dropFirst(3)), true) }
        if digits.hasPrefix("00"), digits.count > 11 { return (String(digits.dropFirst(2)), true) }
        return (digits, false)
    }

    /// Validates a 10-digit NANP number `NXX NXX XXXX` and returns its E.164 form.
    private static func nanp(national: Substring, reportedCount: Int) throws(PhoneNumberError) -> String {
        guard national.count == 10 else { throw .wrongLength(digits: reportedCount) }
        let digits = Array(national.utf8)
        let zero = UInt8(ascii: "0"), one = UInt8(ascii: "1")
        // Area code and exchange start with 2-9.
        guard digits[0] != zero, digits[0] != one, digits[3] != zero, digits[3] != one else {
            throw .invalidAreaCode
        }
        // N11 codes (211, 311, … 911) are service codes, not area codes.
        if digits[1] == one, digits[2] == one { throw .invalidAreaCode }
        return "+1" + national
    }

    /// Validates a Mexican number (10 national digits, or the legacy mobile `1` + 10) and returns `+52` + 10 digits.
    private static func mexico(national: Substring, reportedCount: Int) throws(PhoneNumberError) -> String {
        var national = national
        // The old mobile marker: +52 1 XX XXXX XXXX is now dialed as +52 XX XXXX XXXX.
        if national.count == 11, national.first == "1" { national = national.dropFirst() }
        guard national.count == 10 else { throw .wrongLength(digits: reportedCount) }
        guard let first = national.first, first != "0", first != "1" else { throw .invalidAreaCode }
        return "+52" + national
    }
}
