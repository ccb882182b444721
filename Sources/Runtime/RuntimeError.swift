import Foundation
import RevenueCore

/// Runtime failures with a stable code; `description` holds no personal data.
public struct RuntimeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable code (`playbook_missing`, `lead_missing`).
    public var code: String
    public var message: String

    public init(_ code: String, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }

    /// A loggable description of any error: channel and store errors describe themselves safely;
    /// anything else is reduced to its type name.
    static func safeDescription(_ error: any Error) -> String {
        switch error {
        case let e as RuntimeError: e.description
        case let e as ChannelError: e.description
        case let e as StoreError: e.description
        case is CancellationError: "cancelled"
        default: String(describing: type(of: error))
        }
    }

    /// The code to store in `core_memory_events.error_code`.
    static func code(_ error: any Error) -> String {
        switch error {
        case let e as RuntimeError: e.code
        case let e as ChannelError: e.kind.rawValue
        case let e as StoreError: e.code
        default: "error"
        }
    }
}
