import Foundation
import RevenueCore
import Yams

/// One problem found in a client file or body: the diagnostic and the field it is about (`limits.calls_per_day`).
public struct ClientFileIssue: Sendable, Hashable {
    /// The dotted key path the problem is about; empty for the file as a whole.
    public var field: String
    public var diagnostic: Diagnostic

    public init(field: String, diagnostic: Diagnostic) {
        self.field = field
        self.diagnostic = diagnostic
    }
}

/// What checking a client file produced: the patch (nil when any error was found) and every problem.
public struct ClientFileCheck: Sendable {
    public var patch: ClientPatch?
    public var issues: [ClientFileIssue]

    /// The diagnostics, in file order.
    public var diagnostics: [Diagnostic] { issues.map(\.diagnostic) }
}

/// Client files (YAML): a client's profile and rules, checked like a playbook (codes `CL001`…,
/// see docs/clients.md). `revasi client create|update --file`, `revasi dry-run --client`,
/// `revasi validate` and `PATCH /api/clients/{id}` all read values through here.
public enum ClientFile {
    /// Parses and checks YAML text.
    public static func check(_ data: Data, path: String) -> ClientFileCheck {
        var checker = ClientChecker(path: path)
        let patch = checker.check(source: String(decoding: data, as: UTF8.self))
        return finish(patch, checker.issues)
    }

    /// Reads and checks the file at `path`.
    public static func check(fileAt path: String) -> ClientFileCheck {
        guard let data = FileManager.default.contents(atPath: path) else {
            return ClientFileCheck(patch: nil, issues: [ClientFileIssue(field: "", diagnostic: Diagnostic(
                file: path, line: 1, column: 1, severity: .error, code: "CL000", message: "cannot read file"))])
        }
        return check(data, path: path)
    }

    /// Checks a JSON object with the file's snake_case keys (an API body); `null` clears an optional value.
    public static func check(json data: Data, path: String = "body") -> ClientFileCheck {
        guard let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]), object is [String: Any] else {
            return ClientFileCheck(patch: nil, issues: [ClientFileIssue(field: "", diagnostic: Diagnostic(
                file: path, line: 1, column: 1, severity: .error, code: "CL004", message: "the body must be a JSON object"))])
        }
        var checker = ClientChecker(path: path)
        let patch = checker.check(node(object))
        return finish(patch, checker.issues)
    }

    /// Checks text values given one by one (command-line flags), keyed like the file (`phone`, `booking_link`).
    public static func check(values: [(key: String, value: String)], path: String = "command line") -> ClientFileCheck {
        let pairs = values.map { (Node($0.key), Node($0.value, .implicit, .doubleQuoted)) }
        var checker = ClientChecker(path: path)
        let patch = checker.check(Node(pairs))
        return finish(patch, checker.issues)
    }

    /// Whether YAML text looks like a client file: a top-level key only client files have, and no `steps:`.
    public static func isClientFile(_ source: String) -> Bool {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: true)
        if lines.contains(where: { $0.hasPrefix("steps:") || $0.hasPrefix("adapters:") }) { return false }
        if lines.first?.contains("client.schema.json") == true { return true }
        return lines.contains { line in ClientSchema.distinctiveKeys.contains { line.hasPrefix("\($0):") } }
    }

    /// The keys a client file may hold at its top level.
    public static var keys: [String] { ClientSchema.topLevelKeys }

    /// The draft-07 JSON Schema for client files (committed as docs/client.schema.json).
    public static func jsonSchema() -> String { ClientSchema.jsonSchema() }

    private static func finish(_ patch: ClientPatch?, _ issues: [ClientFileIssue]) -> ClientFileCheck {
        let sorted = issues.sorted { $0.diagnostic < $1.diagnostic }
        return ClientFileCheck(patch: sorted.contains { $0.diagnostic.severity == .error } ? nil : patch, issues: sorted)
    }

    /// A JSON value as a YAML node: strings quoted (so `"null"` stays text), numbers and null plain.
    private static func node(_ value: Any) -> Node {
        switch value {
        case let map as [String: Any]:
            return Node(map.keys.sorted().map { (Node($0), node(map[$0]!)) })
        case let list as [Any]:
            return Node(list.map(node))
        case let text as String:
            return Node(text, .implicit, .doubleQuoted)
        case is NSNull:
            return Node("null", .implicit, .plain)
        case let number as NSNumber:
            return Node(number.stringValue, .implicit, .plain)
        default:
            return Node("\(value)", .implicit, .doubleQuoted)
        }
    }
}
