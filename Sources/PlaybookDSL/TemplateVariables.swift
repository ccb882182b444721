/// The closed set of `{{variables}}` templates may use, and a scanner that finds them.
public enum TemplateVariables {
    /// Variables available in every template, with a typical rendered length (for SMS estimates).
    public static let general: [String: Int] = [
        "lead.first_name": 9,
        "lead.last_name": 9,
        "lead.full_name": 18,
        "client.name": 20,
        "client.phone": 14,
        "client.address": 35,
        "agent.name": 8,
        "campaign.offer": 40,
        "booking_link": 28,
        "reschedule_link": 28,
        "unsubscribe_link": 28,
    ]

    /// Variables that need an appointment: reminders and follow-ups only.
    public static let appointment: [String: Int] = [
        "appointment.starts_at_local": 24,
        "appointment.date_local": 14,
        "appointment.time_local": 8,
    ]

    /// Every allowed variable name, sorted.
    public static var all: [String] { (Array(general.keys) + Array(appointment.keys)).sorted() }

    /// One `{{ name }}` occurrence: the name and its offset (in characters) in the text.
    public struct Occurrence: Sendable, Hashable {
        public var name: String
        public var offset: Int
        /// Characters from `{{` to `}}` inclusive.
        public var length: Int
    }

    /// Every `{{ name }}` in `text`, in order. Unterminated `{{` is reported with an empty name.
    public static func scan(_ text: String) -> [Occurrence] {
        var result: [Occurrence] = []
        let chars = Array(text)
        var i = 0
        while i + 1 < chars.count {
            if chars[i] == "{", chars[i + 1] == "{" {
                var j = i + 2
                while j + 1 < chars.count, !(chars[j] == "}" && chars[j + 1] == "}") { j += 1 }
                if j + 1 >= chars.count {
                    result.append(Occurrence(name: "", offset: i, length: chars.count - i))
                    return result
                }
                let name = String(chars[(i + 2)..<j]).trimmingCharacters(in: .whitespaces)
                result.append(Occurrence(name: name, offset: i, length: j + 2 - i))
                i = j + 2
            } else {
                i += 1
            }
        }
        return result
    }

    /// `text` with every known variable replaced by `value(name)`; unknown names are left as written.
    public static func substitute(_ text: String, _ value: (String) -> String?) -> String {
        var output = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            output += rest[..<open.lowerBound]
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            output += value(name) ?? String(rest[open.lowerBound..<close.upperBound])
            rest = rest[close.upperBound...]
        }
        output += rest
        return output
    }
}

import Foundation
