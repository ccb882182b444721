import Foundation
import RevenueCore
import Yams

/// Validates `channels/*.yaml` into a `ChannelConfiguration`, reporting every problem as a `Diagnostic`
/// (codes `CH001`…, see docs/channels.md). Used by `revasi validate`.
public enum ChannelConfigValidator {
    /// Codes whose source line may hold a secret: print them without the line.
    public static let sensitiveCodes: Set<String> = ["CH007"]

    /// Whether a YAML source looks like a channel configuration (a top-level `adapters:` key).
    public static func isChannelConfig(_ source: String) -> Bool {
        source.split(separator: "\n", omittingEmptySubsequences: true).contains { line in
            line.hasPrefix("adapters:")
        }
    }

    /// Parses and checks a file; `config` is nil when any error was found.
    public static func validate(_ data: Data, path: String) -> (config: ChannelConfiguration?, diagnostics: [Diagnostic]) {
        var checker = ConfigChecker(path: path)
        let config = checker.check(String(decoding: data, as: UTF8.self))
        let diagnostics = checker.diagnostics.sorted()
        return (diagnostics.hasErrors ? nil : config, diagnostics)
    }

    /// Reads and validates the file at `path`.
    public static func validate(fileAt path: String) -> (config: ChannelConfiguration?, diagnostics: [Diagnostic]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            return (nil, [Diagnostic(file: path, line: 1, column: 1, severity: .error, code: "CH000", message: "cannot read file")])
        }
        return validate(data, path: path)
    }

    /// The draft-07 JSON Schema for channel files (committed as docs/channels.schema.json).
    public static func jsonSchema() -> String { ChannelSchema.jsonSchema() }
}
