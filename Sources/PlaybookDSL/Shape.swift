/// The shape a YAML value must have. One definition drives three things: the structural checks
/// (unknown keys, missing keys, wrong types, bad values), the JSON Schema editors use, and the
/// documentation test that keeps the Director's prompt honest.
indirect enum Shape: Sendable {
    /// A string, optionally matching a name pattern.
    case string(NamePattern?)
    /// An unquoted integer within bounds.
    case integer(minimum: Int, maximum: Int)
    /// One of a closed set of words.
    case choice([String])
    /// `<n>m`, `<n>h`, `<n>d` or `<n>bd`.
    case duration
    /// `HH:MM`, 24-hour.
    case timeOfDay
    /// A list; `unique` lists may not repeat a value (PB039).
    case list(Shape, unique: Bool)
    /// A mapping with known keys.
    case object([Field])
    /// A mapping whose keys follow a rule and whose values share one shape.
    case dictionary(keys: KeyRule, value: Shape)
    /// A plain string or a mapping (message content may be either).
    case stringOrObject([Field])

    /// A free string.
    static let text = Shape.string(nil)
}

/// What keys a `dictionary` shape accepts.
enum KeyRule: Sendable {
    case choice([String])
    case pattern(NamePattern)
}

/// A naming rule: a regular expression for the JSON Schema and the same rule as a fast check
/// (no regex engine on the compiler's hot path).
struct NamePattern: Sendable {
    /// The regular expression, for editors.
    var regex: String
    /// The rule in words, for hints.
    var description: String
    var matches: @Sendable (String) -> Bool

    /// `lower_snake_case`: a letter, then letters, digits and `_`.
    static let snakeCase = NamePattern(regex: "^[a-z][a-z0-9_]*$", description: "lower_snake_case") { text in
        guard let first = text.utf8.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) else { return false }
        return text.utf8.allSatisfy { isLowerAlnum($0) || $0 == UInt8(ascii: "_") }
    }

    /// A playbook id: lower-case letters and digits, `-` and `_`, not starting with punctuation.
    static let playbookID = NamePattern(regex: "^[a-z0-9][a-z0-9_-]*$", description: "lower-case letters, digits, - and _") { text in
        guard let first = text.utf8.first, isLowerAlnum(first) else { return false }
        return text.utf8.allSatisfy { isLowerAlnum($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    /// One keypad key.
    static let keypad = NamePattern(regex: "^[0-9*#]$", description: "one keypad key: 0-9, * or #") { text in
        text.count == 1 && "0123456789*#".contains(text)
    }

    /// `description` with a different wording for hints.
    func named(_ description: String) -> NamePattern {
        var copy = self
        copy.description = description
        return copy
    }

    private static func isLowerAlnum(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}

/// One key of an object shape.
struct Field: Sendable {
    var name: String
    var shape: Shape
    var required: Bool
    /// One line for the JSON Schema's `description` (editors show it on hover).
    var doc: String

    init(_ name: String, _ shape: Shape, required: Bool = false, _ doc: String) {
        self.name = name
        self.shape = shape
        self.required = required
        self.doc = doc
    }
}

/// The durations grammar shared by the checker and the schema.
enum DurationSyntax {
    static let pattern = "^[0-9]+(m|h|d|bd)$"

    /// Parses `30m`, `2h`, `1d`, `2bd`.
    static func parse(_ text: String) -> Wait? {
        let unitStart = text.firstIndex { !$0.isASCII || !$0.isNumber } ?? text.endIndex
        guard unitStart > text.startIndex, let amount = Int(text[..<unitStart]), amount <= 10_000 else { return nil }
        switch text[unitStart...] {
        case "m": return .seconds(amount * 60)
        case "h": return .seconds(amount * 3600)
        case "d": return .seconds(amount * 86_400)
        case "bd": return .businessDays(amount)
        default: return nil
        }
    }
}

/// The `HH:MM` grammar shared by the checker and the schema.
enum TimeOfDaySyntax {
    static let pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$"

    /// Minutes after midnight for `HH:MM` (00:00 … 24:00).
    static func parse(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
              let hours = Int(parts[0]), let minutes = Int(parts[1]),
              (0...24).contains(hours), (0...59).contains(minutes), hours < 24 || minutes == 0 else { return nil }
        return hours * 60 + minutes
    }
}

import RevenueCore
