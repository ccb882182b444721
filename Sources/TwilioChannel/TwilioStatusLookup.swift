import Foundation
import ProviderHTTP
import RevenueCore

/// Reconciliation after a crash: Twilio keeps no field of ours on a Message or Call, so the lookup
/// lists what the account sent to the lead since the touch was due and matches on what it can see.
extension TwilioAdapter: ChannelStatusLookup {
    /// Twilio's clock and ours may differ a little: messages up to this long before `notBefore` count.
    static let clockSlackSeconds: TimeInterval = 300

    /// A message to the same number with the same body created since `notBefore` → accepted (its sid);
    /// nothing sent to that number since → not found; other messages to it since (a template, a body
    /// Twilio re-encoded) → ambiguous. Calls: any outbound call to the number since → accepted.
    public func status(of message: OutboundMessage, notBefore: Date) async throws(ChannelError) -> ProviderDeliveryState {
        let whatsapp = message.channel == .whatsapp
        let voice = message.channel == .voice
        guard message.channel != .email else { throw ChannelError(.unsupportedChannel, provider: kind, code: "email") }
        var query: [(String, String)] = [("To", whatsapp ? "whatsapp:" + message.to : message.to), ("PageSize", "50")]
        if let from, voice || messagingServiceSID == nil || whatsapp {
            query.append(("From", whatsapp && !from.hasPrefix("whatsapp:") ? "whatsapp:" + from : from))
        }
        let request = accountRequest("GET", voice ? "Calls.json" : "Messages.json", query: query)
        let response = try await ProviderResponse.send(request, via: transport, provider: kind)
        guard (200..<300).contains(response.status) else {
            throw ProviderResponse.classify(status: response.status, provider: kind, response: response)
        }
        guard let list = ProviderResponse.jsonObject(response.body)?[voice ? "calls" : "messages"] as? [[String: Any]] else {
            throw ChannelError(.retryable, provider: kind, code: "bad_list", detail: "Twilio's list answer has no \(voice ? "calls" : "messages")")
        }
        let since = notBefore.addingTimeInterval(-Self.clockSlackSeconds)
        let candidates = list.filter { item in
            guard (item["direction"] as? String)?.hasPrefix("outbound") ?? true,
                  let created = (item["date_created"] as? String).flatMap(Self.parseDate) else { return false }
            return created >= since
        }
        if voice {
            guard let sid = candidates.first?["sid"] as? String else { return .notFound }
            return .accepted(SendReceipt(provider: kind, providerMessageID: sid))
        }
        if let match = candidates.first(where: { ($0["body"] as? String) == message.body }), let sid = match["sid"] as? String {
            return .accepted(SendReceipt(provider: kind, providerMessageID: sid))
        }
        return candidates.isEmpty ? .notFound : .ambiguous
    }

    /// Twilio's RFC 2822 dates (`Wed, 25 Nov 2026 03:00:00 +0000`).
    static func parseDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.date(from: text)
    }
}
