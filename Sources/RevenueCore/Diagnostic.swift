/// A problem found in a user's file, reported like a compiler: file, line, column, code, message, hint.
///
/// Shared by the playbook compiler and the channel-configuration validator so `revasi validate`
/// prints and serializes both the same way.
public struct Diagnostic: Error, Sendable, Codable, Hashable, Comparable {
    /// How bad it is: errors make the file invalid, warnings do not.
    public enum Severity: String, Sendable, Codable, Hashable {
        case error, warning, note
    }

    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column.
    public var column: Int
    public var severity: Severity
    /// Stable code (`PB013`); the message text may change, the code does not.
    public var code: String
    public var message: String
    /// How to fix it, when we can say ("did you mean `whatsapp`?").
    public var hint: String?
    /// How many characters the caret underlines (at least 1).
    public var length: Int

    public init(file: String, line: Int, column: Int, severity: Severity, code: String, message: String, hint: String? = nil, length: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.code = code
        self.message = message
        self.hint = hint
        self.length = max(1, length)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.file, lhs.line, lhs.column, lhs.code, lhs.message) < (rhs.file, rhs.line, rhs.column, rhs.code, rhs.message)
    }
}

extension Collection where Element == Diagnostic {
    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { contains { $0.severity == .error } }
}
