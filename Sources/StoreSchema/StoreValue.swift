import Foundation
import RevenueCore

/// A statement argument, converted by each driver to its own binding.
public enum StoreValue: Sendable, Hashable {
    case null
    case text(String)
    case int(Int64)
    case date(Date)

    /// `.text` or `.null`.
    public static func text(_ value: String?) -> StoreValue { value.map { .text($0) } ?? .null }
    /// `.int` or `.null`.
    public static func int(_ value: Int?) -> StoreValue { value.map { .int(Int64($0)) } ?? .null }
    /// `.date` or `.null`.
    public static func date(_ value: Date?) -> StoreValue { value.map { .date($0) } ?? .null }
    /// The raw value of a string-backed enum or id, or `.null`.
    public static func raw<R: RawRepresentable>(_ value: R?) -> StoreValue where R.RawValue == String {
        text(value?.rawValue)
    }
}

/// A fetched row, read by column name; each driver adapts its own row type.
public protocol StoreRow {
    func text(_ column: String) throws -> String?
    func int(_ column: String) throws -> Int64?
    func date(_ column: String) throws -> Date?
}

extension StoreRow {
    /// A non-null text column.
    public func requiredText(_ column: String) throws -> String {
        guard let value = try text(column) else { throw StoreError.nullColumn(column) }
        return value
    }
    /// A non-null integer column.
    public func requiredInt(_ column: String) throws -> Int {
        guard let value = try int(column) else { throw StoreError.nullColumn(column) }
        return Int(value)
    }
    /// A non-null instant column.
    public func requiredDate(_ column: String) throws -> Date {
        guard let value = try date(column) else { throw StoreError.nullColumn(column) }
        return value
    }
    /// A nullable closed-set column.
    public func optionalEnum<E: RawRepresentable>(_ type: E.Type, _ column: String) throws -> E? where E.RawValue == String {
        try text(column).map { try storeEnum(type, $0, column: column) }
    }
    /// A non-null closed-set column.
    public func requiredEnum<E: RawRepresentable>(_ type: E.Type, _ column: String) throws -> E where E.RawValue == String {
        try storeEnum(type, try requiredText(column), column: column)
    }
    /// A nullable string-backed id column.
    public func id<I: StringIdentifier>(_ type: I.Type, _ column: String) throws -> I? { try text(column).map(I.init(rawValue:)) }
    /// A non-null string-backed id column.
    public func requiredID<I: StringIdentifier>(_ type: I.Type, _ column: String) throws -> I { I(rawValue: try requiredText(column)) }
}

extension StoreError {
    /// A NOT NULL column came back empty (schema and code disagree).
    static func nullColumn(_ column: String) -> StoreError {
        StoreError(code: "corrupt_row", message: "column \(column) is unexpectedly null")
    }
}
