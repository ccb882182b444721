import Foundation

/// Checks a syntax tree against a `Shape`: unknown and missing keys, wrong types, values outside
/// their closed set, malformed durations and times, repeated list values.
struct ShapeChecker {
    var sink: DiagnosticSink

    mutating func check(_ node: SyntaxNode, against shape: Shape, key: String) {
        switch shape {
        case .string(let pattern):
            guard let text = expectScalar(node, key: key, expected: "a string") else { return }
            if let pattern, !pattern.matches(text) {
                sink.error(DiagnosticCode.invalidValue, at: node, "`\(key)` must be \(pattern.description), found `\(text)`",
                           hint: "use \(pattern.description)")
            }
        case .integer(let minimum, let maximum):
            guard let scalar = node.scalar, !scalar.isNull else {
                return wrongType(node, key: key, expected: "an integer")
            }
            guard !scalar.quoted, let value = Int(scalar.text) else {
                return wrongType(node, key: key, expected: "an integer", hint: scalar.quoted ? "remove the quotes" : nil)
            }
            if value < minimum || value > maximum {
                sink.error(DiagnosticCode.outOfRange, at: node, "`\(key)` must be between \(minimum) and \(maximum), found \(value)")
            }
        case .choice(let words):
            guard let text = expectScalar(node, key: key, expected: "one of \(words.joined(separator: ", "))") else { return }
            if !words.contains(text) {
                sink.error(DiagnosticCode.invalidValue, at: node, "`\(text)` is not a valid \(key)",
                           hint: Suggestion.hint(for: text, in: words))
            }
        case .duration:
            guard let text = expectScalar(node, key: key, expected: "a duration") else { return }
            if DurationSyntax.parse(text) == nil {
                sink.error(DiagnosticCode.malformedDuration, at: node, "`\(text)` is not a duration",
                           hint: "write a whole number and a unit: 30m, 2h, 1d or 2bd (business days)")
            }
        case .timeOfDay:
            guard let text = expectScalar(node, key: key, expected: "a time of day") else { return }
            if TimeOfDaySyntax.parse(text) == nil {
                sink.error(DiagnosticCode.malformedDuration, at: node, "`\(text)` is not a time of day",
                           hint: "write 24-hour HH:MM in quotes, e.g. \"09:00\"")
            }
        case .list(let item, let unique):
            guard case .sequence(let items, _) = node else {
                return wrongType(node, key: key, expected: "a list", hint: "write `[a, b]` or one `- item` per line")
            }
            var seen: [String: SourceLocation] = [:]
            for element in items {
                check(element, against: item, key: key)
                if unique, let text = element.string {
                    if let first = seen[text] {
                        sink.error(DiagnosticCode.duplicateListValue, at: element, "`\(text)` appears twice in `\(key)`",
                                   hint: "remove the repeat (first at line \(first.line))")
                    } else {
                        seen[text] = element.location
                    }
                }
            }
        case .object(let fields):
            guard case .mapping = node else {
                return wrongType(node, key: key, expected: "a mapping")
            }
            checkObject(node, fields: fields, key: key)
        case .stringOrObject(let fields):
            switch node {
            case .mapping: checkObject(node, fields: fields, key: key)
            case .scalar(let s) where !s.isNull: break
            default: wrongType(node, key: key, expected: "a string or a mapping")
            }
        case .dictionary(let keys, let value):
            guard case .mapping(let pairs, _) = node else {
                return wrongType(node, key: key, expected: "a mapping")
            }
            checkDuplicateKeys(pairs)
            for pair in pairs {
                switch keys {
                case .choice(let words) where !words.contains(pair.key.text):
                    sink.error(DiagnosticCode.unknownKey, at: pair.key, "unknown key `\(pair.key.text)` in `\(key)`",
                               hint: Suggestion.hint(for: pair.key.text, in: words))
                    continue
                case .pattern(let pattern) where !pattern.matches(pair.key.text):
                    sink.error(DiagnosticCode.invalidValue, at: pair.key, "`\(pair.key.text)` is not a valid name in `\(key)`",
                               hint: "use \(pattern.description)")
                default:
                    break
                }
                check(pair.value, against: value, key: pair.key.text)
            }
        }
    }

    /// PB016 at the second occurrence of a key (YAML would silently keep only one).
    private mutating func checkDuplicateKeys(_ pairs: [(key: SyntaxNode.Scalar, value: SyntaxNode)]) {
        // Most mappings hold a handful of keys: comparing with the earlier ones beats hashing them all.
        var seen: [String: SourceLocation] = [:]
        if pairs.count > 12 { seen.reserveCapacity(pairs.count) }
        for (i, pair) in pairs.enumerated() {
            let first: SourceLocation?
            if pairs.count <= 12 {
                first = pairs[..<i].first { $0.key.text == pair.key.text }?.key.location
            } else {
                first = seen[pair.key.text]
                if first == nil { seen[pair.key.text] = pair.key.location }
            }
            guard let first else { continue }
            sink.error(DiagnosticCode.duplicateKey, at: pair.key, "the key `\(pair.key.text)` appears twice in this mapping",
                       hint: "keep one of them (the first is at line \(first.line)); YAML would silently drop the other")
        }
    }

    private mutating func checkObject(_ node: SyntaxNode, fields: [Field], key: String) {
        checkDuplicateKeys(node.pairs)
        for pair in node.pairs {
            guard let field = fields.first(where: { $0.name == pair.key.text }) else {
                var hint = Suggestion.hint(for: pair.key.text, in: fields.map(\.name))
                if pair.key.text == "<<" { hint = "YAML merge keys are not supported; write the keys out" }
                sink.error(DiagnosticCode.unknownKey, at: pair.key, "unknown key `\(pair.key.text)` in `\(key)`", hint: hint)
                continue
            }
            check(pair.value, against: field.shape, key: field.name)
        }
        for field in fields where field.required && node[field.name] == nil {
            sink.error(DiagnosticCode.missingKey, at: node.location, "`\(key)` is missing the required key `\(field.name)`",
                       hint: "add `\(field.name):` (\(field.doc.prefix(1).lowercased() + field.doc.dropFirst()))")
        }
    }

    private mutating func expectScalar(_ node: SyntaxNode, key: String, expected: String) -> String? {
        if let text = node.string { return text }
        wrongType(node, key: key, expected: expected)
        return nil
    }

    private mutating func wrongType(_ node: SyntaxNode, key: String, expected: String, hint: String? = nil) {
        sink.error(DiagnosticCode.wrongType, at: node, "`\(key)` must be \(expected), found \(node.kindName)", hint: hint)
    }
}
