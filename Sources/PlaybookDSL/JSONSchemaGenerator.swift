import Foundation

/// Generates the JSON Schema (draft-07) of the playbook language from `PlaybookSchema`, so editors
/// and the compiler can never disagree about which keys exist.
public enum PlaybookJSONSchema {
    /// The schema document, pretty-printed with sorted keys.
    public static func generate() -> String {
        var root = schema(for: PlaybookSchema.root)
        root["$schema"] = "http://json-schema.org/draft-07/schema#"
        root["$id"] = "https://revenue-asi.invalid/schemas/playbook.schema.json"
        root["title"] = "Revenue ASI playbook"
        root["description"] = "An outbound cadence: steps on channels, waits, send windows, fallbacks, exit rules, reminders and bilingual templates. See docs/playbooks.md."
        let data = try! JSONSerialization.data(withJSONObject: root, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Every key name the language has (used to keep prompts and docs honest).
    public static var keyNames: Set<String> { PlaybookSchema.allKeyNames }

    /// Every word the language knows: keys, closed-set values, the known verticals and `end`.
    public static var vocabulary: Set<String> {
        PlaybookSchema.allKeyNames.union(PlaybookSchema.allChoiceValues).union(PlaybookSchema.knownVerticals).union(["end"])
    }

    static func schema(for shape: Shape) -> [String: Any] {
        switch shape {
        case .string(let pattern):
            var s: [String: Any] = ["type": "string"]
            if let pattern { s["pattern"] = pattern.regex }
            return s
        case .integer(let minimum, let maximum):
            return ["type": "integer", "minimum": minimum, "maximum": maximum]
        case .choice(let words):
            return ["type": "string", "enum": words]
        case .duration:
            return ["type": "string", "pattern": DurationSyntax.pattern]
        case .timeOfDay:
            return ["type": "string", "pattern": TimeOfDaySyntax.pattern]
        case .list(let item, let unique):
            var s: [String: Any] = ["type": "array", "items": schema(for: item)]
            if unique { s["uniqueItems"] = true }
            return s
        case .object(let fields):
            return object(fields)
        case .stringOrObject(let fields):
            return ["anyOf": [["type": "string"], object(fields)]]
        case .dictionary(let keys, let value):
            var s: [String: Any] = ["type": "object", "additionalProperties": schema(for: value)]
            switch keys {
            case .choice(let words): s["propertyNames"] = ["enum": words]
            case .pattern(let pattern): s["propertyNames"] = ["pattern": pattern.regex]
            }
            return s
        }
    }

    static func object(_ fields: [Field]) -> [String: Any] {
        var properties: [String: Any] = [:]
        for field in fields {
            var property = schema(for: field.shape)
            property["description"] = field.doc
            properties[field.name] = property
        }
        var s: [String: Any] = ["type": "object", "properties": properties, "additionalProperties": false]
        let required = fields.filter(\.required).map(\.name)
        if !required.isEmpty { s["required"] = required }
        return s
    }
}
