import Foundation
import RevenueCore

/// A deterministic simulated provider for the demo, dry-runs and benchmarks.
///
/// The same (seed, idempotency key) always gives the same outcome; rates are per channel and
/// configurable; latency is simulated with `Task.sleep`. Twilio's magic test numbers behave as on
/// Twilio: `+15005550001` invalid, `+15005550009` not SMS-capable (landline), `+15005550004` opted out.
public struct SandboxAdapter: ChannelAdapter {
    public let kind = ProviderKind.sandbox
    public let seed: UInt64
    public let rates: [Channel: [(Outcome, Double)]]
    public let latencyMilliseconds: Int

    /// Default outcome rates per channel (each list sums to 1).
    public static let defaultRates: [Channel: [(Outcome, Double)]] = [
        .voice: [(.answered, 0.25), (.voicemail, 0.35), (.noAnswer, 0.30), (.busy, 0.05), (.failed, 0.05)],
        .sms: [(.delivered, 0.78), (.replied, 0.17), (.failed, 0.05)],
        .whatsapp: [(.delivered, 0.70), (.replied, 0.27), (.failed, 0.03)],
        .email: [(.delivered, 0.60), (.opened, 0.30), (.replied, 0.03), (.bounced, 0.07)],
    ]

    public init(seed: UInt64 = 42, rates: [Channel: [(Outcome, Double)]] = SandboxAdapter.defaultRates, latencyMilliseconds: Int = 0) {
        self.seed = seed
        var merged = Self.defaultRates
        for (channel, list) in rates { merged[channel] = list }
        self.rates = merged
        self.latencyMilliseconds = max(0, latencyMilliseconds)
    }

    /// Builds from config options: `seed`, `latency_ms`, and `rate.<channel>.<outcome>` weights.
    public init(settings: ProviderSettings) throws(ChannelError) {
        func number(_ key: String) throws(ChannelError) -> Double? {
            guard let raw = settings.options[key] else { return nil }
            guard let value = Double(raw), value >= 0 else {
                throw ChannelError(.misconfigured, provider: .sandbox, detail: "option \(key) is not a non-negative number")
            }
            return value
        }
        var rates: [Channel: [(Outcome, Double)]] = [:]
        for channel in Channel.allCases {
            var list: [(Outcome, Double)] = []
            for outcome in channel.outcomes {
                if let weight = try number("rate.\(channel).\(outcome)") { list.append((outcome, weight)) }
            }
            if !list.isEmpty { rates[channel] = list }
        }
        self.init(
            seed: UInt64(try number("seed") ?? 42), rates: rates,
            latencyMilliseconds: Int(try number("latency_ms") ?? 0))
    }

    public var capabilities: ChannelCapabilities {
        ChannelCapabilities(Channel.allCases.map { channel in
            .init(channel: channel, outcomes: rates[channel]?.map(\.0) ?? channel.outcomes,
                  maxBodyLength: channel == .email ? nil : 1600, needsTemplateOutsideSession: channel == .whatsapp)
        }, signsWebhooks: false)
    }

    /// The outcome a touch gets: a pure function of the seed, the idempotency key and the channel's rates.
    public func outcome(for touch: OutboundMessage) -> Outcome {
        let list = rates[touch.channel] ?? []
        let total = list.reduce(0) { $0 + $1.1 }
        guard total > 0 else { return touch.channel.outcomes[0] }
        var point = Self.unit(Self.hash(seed: seed, key: touch.idempotencyKey + "|" + touch.channel.rawValue)) * total
        for (outcome, weight) in list {
            if point < weight { return outcome }
            point -= weight
        }
        return list[list.count - 1].0
    }

    public func send(_ touch: OutboundMessage) async throws(ChannelError) -> SendReceipt {
        if latencyMilliseconds > 0 {
            try? await Task.sleep(nanoseconds: UInt64(latencyMilliseconds) * 1_000_000)
        }
        if touch.channel.usesPhone {
            switch touch.to {
            case "+15005550001": throw ChannelError(.invalidNumber, provider: kind, code: "21211")
            case "+15005550009" where touch.channel != .voice: throw ChannelError(.landline, provider: kind, code: "21614")
            case "+15005550004" where touch.channel != .voice: throw ChannelError(.optedOut, provider: kind, code: "21610")
            default: break
            }
        }
        if touch.channel == .whatsapp && !touch.isInsideSessionWindow && touch.template == nil {
            throw ChannelError(.outsideSessionWindow, provider: kind, code: "no_template")
        }
        let id = "SBX" + String(Self.hash(seed: seed, key: touch.idempotencyKey), radix: 16)
        let usedTemplate = touch.channel == .whatsapp && !touch.isInsideSessionWindow
        return SendReceipt(provider: kind, providerMessageID: id, status: .delivered, usedTemplate: usedTemplate, simulatedOutcome: outcome(for: touch))
    }

    /// The sandbox accepts unsigned webhooks (it is never exposed to providers).
    public func verifyWebhook(_ request: WebhookRequest) throws(ChannelError) {}

    /// Parses `{"message_id": "SBX…", "status": "delivered"}` (the demo's simulated status callbacks).
    public func parseWebhook(_ request: WebhookRequest) throws(ChannelError) -> WebhookResult {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any],
              let id = object["message_id"] as? String,
              let status = (object["status"] as? String).flatMap(MessageDeliveryStatus.init(rawValue:))
        else { throw ChannelError(.malformedWebhook, provider: kind) }
        return WebhookResult(events: [.messageStatus(MessageStatusEvent(provider: kind, providerMessageID: id, status: status))])
    }

    /// FNV-1a 64 of the key, mixed with the seed (SplitMix64 finaliser): stable across runs and platforms.
    static func hash(seed: UInt64, key: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ seed
        for byte in key.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01b3
        }
        h ^= h >> 30
        h = h &* 0xbf58_476d_1ce4_e5b9
        h ^= h >> 27
        h = h &* 0x94d0_49bb_1331_11eb
        h ^= h >> 31
        return h
    }

    /// Maps a hash to [0, 1).
    static func unit(_ value: UInt64) -> Double { Double(value >> 11) / Double(UInt64(1) << 53) }
}

extension ChannelRegistration {
    /// The simulated provider.
    public static let sandbox = ChannelRegistration(kind: .sandbox) { settings, _ throws(ChannelError) in
        let adapter = try SandboxAdapter(settings: settings)
        // `ledger: PATH` records accepted touches in a file and answers status lookups (crash reconciliation).
        if let path = settings.options["ledger"], !path.isEmpty { return LedgerSandboxAdapter(base: adapter, ledgerPath: path) }
        return adapter
    }
}
