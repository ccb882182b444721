import Foundation
import Yams

/// A YAML mapping read for a small settings file, with errors that name the file and the key.
struct YAMLMapping {
    let path: String
    let values: [String: Any]
    let prefix: String

    /// Reads the top-level mapping of the file at `path`.
    static func load(_ path: String, what: String) throws(CLIError) -> YAMLMapping {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw .usage("cannot read the \(what) \(path)")
        }
        let root: Any?
        do { root = try Yams.load(yaml: text) } catch {
            throw .usage("\(path): not valid YAML (\(String(describing: error).prefix(200)))")
        }
        guard let map = root as? [String: Any] else { throw .usage("\(path): expected a mapping at the top level") }
        return YAMLMapping(path: path, values: map, prefix: "")
    }

    /// Keys in order, for deterministic error reporting.
    var keys: [String] { values.keys.sorted() }

    func name(_ key: String) -> String { prefix + key }

    func unknown(_ key: String, expected: [String]) -> CLIError {
        .usage("\(path): unknown key `\(name(key))` (expected \(expected.joined(separator: ", ")))")
    }

    func mapping(_ key: String) throws(CLIError) -> YAMLMapping {
        guard let m = values[key] as? [String: Any] else { throw .usage("\(path): `\(name(key))` must be a mapping") }
        return YAMLMapping(path: path, values: m, prefix: name(key) + ".")
    }

    func string(_ key: String) throws(CLIError) -> String {
        switch values[key] {
        case let s as String: return s
        case let i as Int: return String(i)
        default: throw .usage("\(path): `\(name(key))` must be a string")
        }
    }

    func strings(_ key: String) throws(CLIError) -> [String] {
        guard let list = values[key] as? [Any], case let strings = list.compactMap({ $0 as? String }), strings.count == list.count else {
            throw .usage("\(path): `\(name(key))` must be a list of strings")
        }
        return strings
    }

    func integer(_ key: String, min: Int) throws(CLIError) -> Int {
        guard let i = values[key] as? Int, i >= min else { throw .usage("\(path): `\(name(key))` must be an integer ≥ \(min)") }
        return i
    }

    func probability(_ key: String) throws(CLIError) -> Double {
        let number: Double? = (values[key] as? Double) ?? (values[key] as? Int).map(Double.init)
        guard let p = number, p >= 0, p <= 1 else { throw .usage("\(path): `\(name(key))` must be a number between 0 and 1") }
        return p
    }
}
