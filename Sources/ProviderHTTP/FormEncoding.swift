import Foundation

/// `application/x-www-form-urlencoded` bodies: what Twilio sends and receives.
public enum FormEncoding {
    /// Characters left unescaped (RFC 3986 unreserved).
    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// Percent-encodes one name or value (space as `%20`).
    public static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// Encodes pairs in the given order (repeated names allowed).
    public static func encode(_ pairs: [(String, String)]) -> [UInt8] {
        Array(pairs.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&").utf8)
    }

    /// Decodes a body or query string into pairs in order (`+` is a space).
    public static func decode(_ text: String) -> [(String, String)] {
        text.split(separator: "&", omittingEmptySubsequences: true).map { part in
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = unescape(String(pieces[0]))
            let value = pieces.count > 1 ? unescape(String(pieces[1])) : ""
            return (name, value)
        }
    }

    /// Decodes bytes (UTF-8) into pairs.
    public static func decode(_ body: [UInt8]) -> [(String, String)] {
        decode(String(decoding: body, as: UTF8.self))
    }

    /// `+` → space, `%XX` → byte; a malformed escape stays as written. Byte-level: Foundation's
    /// `removingPercentEncoding` dominated webhook parsing on Linux.
    static func unescape(_ text: String) -> String {
        let input = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var index = 0
        while index < input.count {
            let byte = input[index]
            if byte == UInt8(ascii: "+") {
                output.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), index + 2 < input.count, let high = hexValue(input[index + 1]), let low = hexValue(input[index + 2]) {
                output.append(high << 4 | low)
                index += 2
            } else {
                output.append(byte)
            }
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// Form fields with name lookup (first value wins).
public struct FormFields: Sendable {
    public let pairs: [Pair]
    /// One field.
    public struct Pair: Sendable, Hashable {
        public var name: String
        public var value: String
    }

    public init(_ body: [UInt8]) {
        pairs = FormEncoding.decode(body).map { Pair(name: $0.0, value: $0.1) }
    }

    public init(query url: String) {
        guard let index = url.firstIndex(of: "?") else {
            pairs = []
            return
        }
        pairs = FormEncoding.decode(String(url[url.index(after: index)...])).map { Pair(name: $0.0, value: $0.1) }
    }

    public subscript(name: String) -> String? { pairs.first { $0.name == name }?.value }

    /// All values of `name`, in order.
    public func values(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    /// A non-empty value.
    public func nonEmpty(_ name: String) -> String? {
        guard let value = self[name], !value.isEmpty else { return nil }
        return value
    }
}
