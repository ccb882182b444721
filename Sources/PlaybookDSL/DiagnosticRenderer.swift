import Foundation
import RevenueCore

/// Prints diagnostics like a compiler: `path:line:col: error[CODE]: message`, the source line,
/// a caret under the problem, and `help: …`.
public struct DiagnosticRenderer: Sendable {
    /// ANSI colours (only for terminals, and never when NO_COLOR is set).
    public var colors: Bool

    public init(colors: Bool = false) {
        self.colors = colors
    }

    /// One diagnostic as text, with the offending line when `line` can provide it.
    public func render(_ diagnostic: Diagnostic, line: Substring?) -> String {
        let severityColor = diagnostic.severity == .error ? "\u{1B}[1;31m" : "\u{1B}[1;33m"
        var out = paint("\(diagnostic.file):\(diagnostic.line):\(diagnostic.column): ", "\u{1B}[1m")
        out += paint("\(diagnostic.severity.rawValue)[\(diagnostic.code)]", severityColor)
        out += paint(": \(diagnostic.message)", "\u{1B}[1m") + "\n"
        if let line {
            let number = String(diagnostic.line)
            let gutter = String(repeating: " ", count: number.count)
            let shown = line.replacingOccurrences(of: "\t", with: " ")
            let caretColumn = max(0, min(diagnostic.column - 1, shown.count))
            let width = max(1, min(diagnostic.length, max(1, shown.count - caretColumn)))
            out += " \(number) | \(shown)\n"
            out += " \(gutter) | " + String(repeating: " ", count: caretColumn)
                + paint("^" + String(repeating: "~", count: width - 1), severityColor) + "\n"
        }
        if let hint = diagnostic.hint {
            out += paint("help", "\u{1B}[1;36m") + ": \(hint)\n"
        }
        return out
    }

    /// Every diagnostic of one compilation, then nothing else.
    public func render(_ result: CompilationResult) -> String {
        result.diagnostics.map { render($0, line: result.source?.line($0.line)) }.joined(separator: "\n")
    }

    private func paint(_ text: String, _ code: String) -> String {
        colors ? code + text + "\u{1B}[0m" : text
    }

    /// Diagnostics as the JSON array the Director reads: `[{file, line, column, severity, code, message, hint}]`.
    public static func json(_ diagnostics: [Diagnostic]) -> String {
        struct Row: Encodable {
            let file: String, line: Int, column: Int, severity: String, code: String, message: String, hint: String?
            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(file, forKey: .file)
                try c.encode(line, forKey: .line)
                try c.encode(column, forKey: .column)
                try c.encode(severity, forKey: .severity)
                try c.encode(code, forKey: .code)
                try c.encode(message, forKey: .message)
                try c.encode(hint, forKey: .hint)
            }
            enum CodingKeys: String, CodingKey { case file, line, column, severity, code, message, hint }
        }
        let rows = diagnostics.map {
            Row(file: $0.file, line: $0.line, column: $0.column, severity: $0.severity.rawValue, code: $0.code, message: $0.message, hint: $0.hint)
        }
        let data = (try? CanonicalJSON.encoder.encode(rows)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
