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
    static func normalize(_ raw: String) throws(Problem) -> String {
        var text = Substring(raw)
        if text.count > 7, text.prefix(7).lowercased() == "mailto:" { text = text.dropFirst(7) }
        if text.first == "<", text.last == ">" { text = text.dropFirst().dropLast() }
        let address = text.lowercased()
        let utf8 = address.utf8
        guard utf8.count <= 254 else { throw .tooLong }
        guard !utf8.contains(0x20) && !utf8.contains(0x09) else { throw .spaces }
        let parts = utf8.split(separator: UInt8(ascii: "@"), omittingEmptySubsequences: false)
        guard parts.count >= 2 else { throw .missingAt }
        guard parts.count == 2 else { throw .multipleAt }
        guard isValidLocal(parts[0]) else { throw .badLocalPart }
        guard isValidDomain(parts[1]) else { throw .badDomain }
        return address
    }

    private static func isValidLocal(_ local: Substring.UTF8View.SubSequence) -> Bool {
        guard !local.isEmpty, local.count <= 64, local.first != 0x2E, local.last != 0x2E else { return false }
        var previousDot = false
        for byte in local {
            let isDot = byte == 0x2E
            if isDot && previousDot { return false }
            previousDot = isDot
            if byte >= 0x80 || isAlphanumeric(byte) || isDot { continue }
            // RFC 5322 atext specials.
            if !"!#$%&'*+/=?^_`{|}~-".utf8.contains(byte) { return false }
        }
        return true
    }

    private static func isValidDomain(_ domain: Substring.UTF8View.SubSequence) -> Bool {
        let labels = domain.split(separator: 0x2E, omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        for label in labels {
            guard !label.isEmpty, label.count <= 63, label.first != 0x2D, label.last != 0x2D else { return false }
            for byte in label where !(byte >= 0x80 || isAlphanumeric(byte) || byte == 0x2D) { return false }
        }
        let tld = labels.last!
        return tld.count >= 2 && !tld.allSatisfy { (0x30...0x39).contains($0) }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
}
