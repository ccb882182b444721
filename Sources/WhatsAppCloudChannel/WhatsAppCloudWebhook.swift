import Foundation
import RevenueCore

/// Parses Meta's `whatsapp_business_account` webhook payloads (messages and statuses).
enum WhatsAppCloudWebhook {
    static func events(_ body: [UInt8]) throws(ChannelError) -> [ChannelEvent] {
        guard let root = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any],
              root["object"] as? String == "whatsapp_business_account",
              let entries = root["entry"] as? [[String: Any]]
        else { throw ChannelError(.malformedWebhook, provider: .whatsAppCloud, code: "not_whatsapp_business_account") }
        var events: [ChannelEvent] = []
        for entry in entries {
            for change in entry["changes"] as? [[String: Any]] ?? [] where change["field"] as? String == "messages" {
                guard let value = change["value"] as? [String: Any] else { continue }
                let metadata = value["metadata"] as? [String: Any]
                let ourNumber = metadata?["phone_number_id"] as? String ?? ""
                let contacts = value["contacts"] as? [[String: Any]] ?? []
                for message in value["messages"] as? [[String: Any]] ?? [] {
                    guard let id = message["id"] as? String, let from = message["from"] as? String else { continue }
                    let profile = contacts.first { $0["wa_id"] as? String == from }?["profile"] as? [String: Any]
                    events.append(.inboundMessage(InboundMessageEvent(
                        provider: .whatsAppCloud, channel: .whatsapp, providerMessageID: id,
                        from: "+" + from, to: ourNumber, body: text(of: message),
                        profileName: profile?["name"] as? String, at: date(message["timestamp"]))))
                }
                for status in value["statuses"] as? [[String: Any]] ?? [] {
                    guard let id = status["id"] as? String, let raw = status["status"] as? String,
                          let delivery = MessageDeliveryStatus(rawValue: raw)
                    else { continue }
                    let firstError = (status["errors"] as? [[String: Any]])?.first
                    let failure = (firstError?["code"] as? Int).map {
                        MetaErrorCode.error(code: $0, message: firstError?["title"] as? String)
                    }
                    events.append(.messageStatus(MessageStatusEvent(
                        provider: .whatsAppCloud, providerMessageID: id, status: delivery,
                        failure: failure, at: date(status["timestamp"]))))
                }
            }
        }
        return events
    }

    /// The text of any inbound message type we understand (text, button, interactive reply).
    static func text(of message: [String: Any]) -> String {
        if let text = message["text"] as? [String: Any], let body = text["body"] as? String { return body }
        if let button = message["button"] as? [String: Any], let body = button["text"] as? String { return body }
        if let interactive = message["interactive"] as? [String: Any] {
            for key in ["button_reply", "list_reply"] {
                if let reply = interactive[key] as? [String: Any], let title = reply["title"] as? String { return title }
            }
        }
        return ""
    }

    /// Unix seconds as a string (Meta's `timestamp`).
    static func date(_ value: Any?) -> Date? {
        guard let text = value as? String, let seconds = TimeInterval(text) else { return nil }
        return Date(timeIntervalSince1970: seconds)
    }
}
