import Foundation
import RevenueCore

/// A playbook's bytes checked for the basics (size, encoding, emptiness) before any parsing.
public struct SourceFile: Sendable {
    /// The path diagnostics name.
    public let path: String
    /// The decoded text.
    public let text: String

    /// Files larger than this are refused before parsing (PB004).
    public static let maximumSize = 4 << 20

    /// Checks `data` and decodes it, or returns the one diagnostic that stops compilation.
    public static func load(_ data: Data, path: String) -> Result<SourceFile, Diagnostic> {
        if data.count > maximumSize {
            return .failure(Diagnostic(
                file: path, line: 1, column: 1, severity: .error, code: DiagnosticCode.fileTooLarge,
                message: "the file is \(data.count) bytes; playbooks are limited to \(maximumSize) bytes",
                hint: "split the playbook, or check that this is the file you meant"))
        }
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let (line, column) = firstInvalidUTF8(in: Array(bytes))
            return .failure(Diagnostic(
                file: path, line: line, column: column, severity: .error, code: DiagnosticCode.notUTF8,
                message: "the file is not valid UTF-8",
                hint: "save the file as UTF-8 (in VS Code: 'Save with Encoding' → UTF-8)"))
        }
        if text.allSatisfy({ $0.isWhitespace }) {
            return .failure(Diagnostic(
                file: path, line: 1, column: 1, severity: .error, code: DiagnosticCode.emptyFile,
                message: "the file is empty", hint: "start from one of the playbooks in playbooks/"))
        }
        return .success(SourceFile(path: path, text: text))
    }

    init(path: String, text: String) {
        self.path = path
        self.text = text
    }

    /// The 1-based line without its line break, if it exists (found on demand: only diagnostics need it).
    public func line(_ number: Int) -> Substring? {
        guard number >= 1 else { return nil }
        var current = 1
        var start = text.utf8.startIndex
        if number > 1 {
            for index in text.utf8.indices where text.utf8[index] == UInt8(ascii: "\n") {
                current += 1
                if current == number {
                    start = text.utf8.index(after: index)
                    break
                }
            }
            guard current == number else { return nil }
        }
        let end = text.utf8[start...].firstIndex(of: UInt8(ascii: "\n")) ?? text.utf8.endIndex
        let line = text[start..<end]
        return line.hasSuffix("\r") ? line.dropLast() : line
    }

    private static func firstInvalidUTF8(in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let width: Int
            switch byte {
            case 0x00...0x7F: width = 1
            case 0xC2...0xDF: width = 2
            case 0xE0...0xEF: width = 3
            case 0xF0...0xF4: width = 4
            default: width = 0
            }
            let valid = width > 0 && index + width <= bytes.count
                && bytes[index + 1 ..< index + width].allSatisfy { $0 & 0xC0 == 0x80 }
            if !valid {
                let column = String(decoding: bytes[lineStart ..< index], as: UTF8.self).count + 1
                return (line, column)
            }
            if byte == 0x0A {
                line += 1
                lineStart = index + 1
            }
            index += width
        }
        return (line, 1)
    }
}
