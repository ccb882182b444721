/// Why a store operation failed. `description` is safe to log: no statement arguments, no personal data.
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable machine-readable kind (`not_found`, `tenant_mismatch` …).
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "store error [\(code)]: \(message)" }

    /// A row the operation needs does not exist in this org.
    public static func notFound(_ what: String) -> StoreError { .init(code: "not_found", message: "\(what) not found in this org") }
    /// A value carries a different org than the one the call names.
    public static func tenantMismatch(_ what: String) -> StoreError {
        .init(code: "tenant_mismatch", message: "\(what) belongs to another org than the one given")
    }
    /// The worker no longer holds the lease on a touch (it expired and was taken back).
    public static func leaseLost(_ touch: TouchID) -> StoreError {
        .init(code: "lease_lost", message: "lease on touch \(touch) is no longer held by this worker")
    }
    /// A compare-and-set lost: the row moved on since the caller read it (another daemon got there first).
    /// Nothing was written; the caller re-reads and decides again, or leaves it.
    public static func conflict(_ what: String) -> StoreError { .init(code: "conflict", message: "\(what) changed since it was read") }
    /// Whether this error is a lost compare-and-set.
    public var isConflict: Bool { code == "conflict" }
    /// A uniqueness or foreign-key rule was broken.
    public static func constraint(_ message: String) -> StoreError { .init(code: "constraint", message: message) }
    /// The database URL or file is unusable.
    public static func configuration(_ message: String) -> StoreError { .init(code: "configuration", message: message) }
}
