/// A practical e-mail syntax check (what mail providers accept, not all of RFC 5322).
enum EmailAddress {
    /// Why `raw` is not a usable address, in words that never quote it; nil when it is fine.
    enum Problem: String, Error, Sendable {
        case missingAt = "e-mail address has no @"
        case multipleAt = "e-mail address has more than one @"
        case badLocalPart = "e-mail address has an empty or malformed part before the @"
        case badDomain = "e-mail address has a malformed domain after the @"
        case spaces = "e-mail address contains spaces"
        case tooLong = "e-mail address is longer than 254 characters"
    }

    /// The address lower-cased and stripped of `mailto:` and `<…>`; throws the first problem found.
    /// One pass over the UTF-8 bytes, no intermediate strings: imports check 100,000s of these.
    static func normalize(_ raw: String) throws(Problem) -> String {
        var bytes = Array(raw.utf8)
        if bytes.count > 7, bytes[..<7].map({ $0 | 0x20 }) == Array("mailto:".utf8) { bytes.removeFirst(7) }
        if bytes.first == 0x3C, bytes.last == 0x3E { bytes = Array(bytes.dropFirst().dropLast()) }
        guard bytes.count <= 254 else { throw .tooLong }
        var at: Int?
        for (index, byte) in bytes.enumerated() {
            if byte == 0x20 || byte == 0x09 { throw .spaces }
            if byte == 0x40 {
                if at != nil { throw .multipleAt }
                at = index
            } else if (0x41...0x5A).contains(byte) {
                bytes[index] = byte | 0x20
            }
        }
        guard let at else { throw .missingAt }
        guard isValidLocal(bytes[..<at]) else { throw .badLocalPart }
        guard isValidDomain(bytes[(at + 1)...]) else { throw .badDomain }
        let address = String(decoding: bytes, as: UTF8.self)
        // Non-ASCII letters (josé@…) are lower-cased by the stdlib; ASCII ones already were.
        return bytes.contains(where: { $0 >= 0x80 }) ? address.lowercased() : address
    }

    private static func isValidLocal(_ local: ArraySlice<UInt8>) -> Bool {
        guard !local.isEmpty, local.count <= 64, local.first != 0x2E, local.last != 0x2E else { return false }
        var previousDot = false
        for byte in local {
            let isDot = byte == 0x2E
            if isDot && previousDot { return false }
            previousDot = isDot
            if byte >= 0x80 || isAlphanumeric(byte) || isDot || atextSpecials.contains(byte) { continue }
            return false
        }
        return true
    }

    /// RFC 5322 atext specials allowed in the local part.
    private static let atextSpecials = Set("!#$%&'*+/=?^_`{|}~-".utf8)

    private static func isValidDomain(_ domain: ArraySlice<UInt8>) -> Bool {
        guard !domain.isEmpty, domain.first != 0x2E, domain.last != 0x2E else { return false }
        var labelLength = 0
        var labels = 1
        var tldLength = 0
        var tldAllDigits = true
        var previous: UInt8 = 0x2E
        for byte in domain {
            if byte == 0x2E {
                // Empty label, or a label ending in '-'.
                if previous == 0x2E || previous == 0x2D { return false }
                labels += 1
                labelLength = 0
                tldLength = 0
                tldAllDigits = true
            } else {
                if byte == 0x2D && previous == 0x2E { return false }
                guard byte >= 0x80 || isAlphanumeric(byte) || byte == 0x2D else { return false }
                labelLength += 1
                tldLength += 1
                if !(0x30...0x39).contains(byte) { tldAllDigits = false }
                if labelLength > 63 { return false }
            }
            previous = byte
        }
        return labels >= 2 && previous != 0x2D && tldLength >= 2 && !tldAllDigits
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
}
