import RevenueCore

/// Undoes what spreadsheets and people do to phone cells before `PhoneNumber` parses them:
/// Excel's text markers (`'3055550100`, `="3055550100"`), an extension (`x12`, `ext. 12`,
/// `extensión 12`, `#12`), and several numbers in one cell (`305-555-0100 / 786-555-0101`).
enum PhoneCell {
    /// The number and, when the cell needed more than unwrapping, a note for the report.
    struct Parsed {
        var number: PhoneNumber
        var note: String?
    }

    static func parse(_ raw: String) throws(PhoneNumberError) -> Parsed {
        let text = unwrapped(raw)
        let firstError: PhoneNumberError
        do {
            return Parsed(number: try PhoneNumber(parsing: text, defaultCountry: .nanp))
        } catch {
            firstError = error
        }
        let parts = split(text)
        if parts.count > 1 {
            for part in parts {
                if let number = try? PhoneNumber(parsing: part, defaultCountry: .nanp) {
                    return Parsed(number: number, note: "the cell holds several numbers; kept the first valid one")
                }
            }
        }
        if let base = withoutExtension(text), let number = try? PhoneNumber(parsing: base, defaultCountry: .nanp) {
            return Parsed(number: number, note: "extension dropped (calls and messages go to the main number)")
        }
        throw firstError
    }

    /// `'305…` → `305…`; `="305…"` → `305…`.
    private static func unwrapped(_ raw: String) -> String {
        if raw.hasPrefix("=\""), raw.hasSuffix("\""), raw.count >= 3 { return String(raw.dropFirst(2).dropLast()) }
        if raw.hasPrefix("'") { return String(raw.dropFirst()) }
        return raw
    }

    private static func split(_ text: String) -> [String] {
        var parts = [text]
        for separator in [";", ",", "|", "\n", " / ", " or ", " o ", " y ", " and "] {
            parts = parts.flatMap { $0.components(separatedBy: separator) }
        }
        return parts.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The text before an extension marker, when there are digits before it.
    private static func withoutExtension(_ text: String) -> String? {
        let lower = text.lowercased()
        for marker in ["extension", "extensión", "ext.", "ext", "x", "#"] {
            guard let range = lower.range(of: marker) else { continue }
            let before = String(lower[..<range.lowerBound])
            if before.contains(where: \.isNumber) { return before.trimmingCharacters(in: .whitespaces.union(.punctuationCharacters)) }
        }
        return nil
    }
}
