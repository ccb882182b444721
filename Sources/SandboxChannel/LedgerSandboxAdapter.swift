import Foundation
import RevenueCore

/// The sandbox with a memory: every accepted touch is appended (and flushed) to a ledger file before
/// the receipt returns, like a real provider's database that outlives our process. It answers
/// `ChannelStatusLookup` from that file, so a crashed dispatcher's touches are reconciled, not resent.
public final class LedgerSandboxAdapter: ChannelAdapter, ChannelStatusLookup, @unchecked Sendable {
    public let kind = ProviderKind.sandbox
    let base: SandboxAdapter
    let path: String
    private let lock = NSLock()
    private var known: [String: String]?

    /// `path` is created when missing; lines are `idempotency-key<TAB>message-id`.
    public init(base: SandboxAdapter, ledgerPath path: String) {
        self.base = base
        self.path = path
    }

    public var capabilities: ChannelCapabilities { base.capabilities }

    public func send(_ touch: OutboundMessage) async throws(ChannelError) -> SendReceipt {
        let receipt = try await base.send(touch)
        try append(key: touch.idempotencyKey, id: receipt.providerMessageID)
        return receipt
    }

    public func status(of message: OutboundMessage, notBefore: Date) async throws(ChannelError) -> ProviderDeliveryState {
        guard let id = try entries()[message.idempotencyKey] else { return .notFound }
        return .accepted(SendReceipt(provider: kind, providerMessageID: id, status: .accepted))
    }

    public func verifyWebhook(_ request: WebhookRequest) throws(ChannelError) {}

    public func parseWebhook(_ request: WebhookRequest) throws(ChannelError) -> WebhookResult { try base.parseWebhook(request) }

    /// Every accepted key with its message id, as recorded (a key recorded twice appears twice).
    public static func records(at path: String) -> [(key: String, id: String)] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: "\t", maxSplits: 1)
            return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
        }
    }

    private func entries() throws(ChannelError) -> [String: String] {
        lock.lock()
        defer { lock.unlock() }
        if let known { return known }
        var map: [String: String] = [:]
        for record in Self.records(at: path) { map[record.key] = record.id }
        known = map
        return map
    }

    private func append(key: String, id: String) throws(ChannelError) {
        _ = try entries()
        lock.lock()
        defer { lock.unlock() }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        guard fd >= 0 else { throw ChannelError(.misconfigured, provider: kind, detail: "cannot open the sandbox ledger") }
        defer { close(fd) }
        let line = Array("\(key)\t\(id)\n".utf8)
        let written = line.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count) }
        guard written == line.count else { throw ChannelError(.retryable, provider: kind, detail: "sandbox ledger write failed") }
        known?[key] = id
    }
}
