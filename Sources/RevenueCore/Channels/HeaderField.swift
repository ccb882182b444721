/// One HTTP header (name as sent; lookups ignore case). Order and repeats are kept.
public struct HeaderField: Sendable, Hashable, Codable {
    public var name: String
    public var value: String
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

extension Array where Element == HeaderField {
    /// The first value of header `name`, compared case-insensitively.
    public func value(for name: String) -> String? {
        let wanted = name.lowercased()
        return first { $0.name.lowercased() == wanted }?.value
    }
}
