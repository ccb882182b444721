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
        "client.website": 28,
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

    /// One `{{ name }}` occurrence: the name and its offset (in Unicode scalars, as libyaml counts columns) in the text.
    public struct Occurrence: Sendable, Hashable {
        public var name: String
        public var offset: Int
        /// Scalars from `{{` to `}}` inclusive.
        public var length: Int
    }

    /// Every `{{ name }}` in `text`, in order. Unterminated `{{` is reported with an empty name.
    public static func scan(_ text: String) -> [Occurrence] {
        var result: [Occurrence] = []
        let bytes = Array(text.utf8)
        guard bytes.contains(UInt8(ascii: "{")) else { return result }
        let open = UInt8(ascii: "{"), close = UInt8(ascii: "}")
        var i = 0
        while i + 1 < bytes.count {
            guard bytes[i] == open, bytes[i + 1] == open else {
                i += 1
                continue
            }
            var j = i + 2
            while j + 1 < bytes.count, !(bytes[j] == close && bytes[j + 1] == close) { j += 1 }
            let offset = scalarCount(bytes[..<i])
            guard j + 1 < bytes.count else {
                result.append(Occurrence(name: "", offset: offset, length: scalarCount(bytes[i...])))
                return result
            }
            var inner = bytes[(i + 2)..<j]
            while inner.first == UInt8(ascii: " ") { inner = inner.dropFirst() }
            while inner.last == UInt8(ascii: " ") { inner = inner.dropLast() }
            let name = String(decoding: inner, as: UTF8.self)
            result.append(Occurrence(name: name, offset: offset, length: scalarCount(bytes[i..<(j + 2)])))
            i = j + 2
        }
        return result
    }

    /// Unicode scalars in UTF-8 bytes (every byte that does not continue a sequence starts one).
    static func scalarCount(_ bytes: ArraySlice<UInt8>) -> Int {
        bytes.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
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
