import Foundation
import ProviderHTTP
import RevenueCore

/// Parses Twilio's form-encoded callbacks (message status, inbound, call status, gather, recording).
enum TwilioWebhook {
    /// The event `fields` carry; `query` is the callback URL's query (`event=whisper` marks the transfer's whisper).
    static func event(_ fields: FormFields, query: FormFields = FormFields([])) -> ChannelEvent? {
        if let callSID = fields.nonEmpty("ParentCallSid") ?? fields.nonEmpty("CallSid") {
            if query["event"] == "whisper" {
                return .callTransfer(CallTransferEvent(provider: .twilio, providerCallID: callSID, stage: .whisper))
            }
            if let raw = fields.nonEmpty("DialCallStatus"), let callSID = fields.nonEmpty("CallSid") {
                return .callTransfer(CallTransferEvent(provider: .twilio, providerCallID: callSID, stage: .ended(dialResult(raw))))
            }
        }
        if let recordingURL = fields.nonEmpty("RecordingUrl"), let callSID = fields.nonEmpty("CallSid"), fields["RecordingStatus"] != nil || fields["CallStatus"] == nil {
            return .callRecording(CallRecordingEvent(
                provider: .twilio, providerCallID: callSID, recordingURL: recordingURL,
                durationSeconds: fields["RecordingDuration"].flatMap(Int.init)))
        }
        if let callSID = fields.nonEmpty("CallSid") {
            if fields["Digits"] != nil || fields["SpeechResult"] != nil {
                return .callInput(CallInputEvent(
                    provider: .twilio, providerCallID: callSID, digits: fields.nonEmpty("Digits"),
                    speech: fields.nonEmpty("SpeechResult"), confidence: fields["Confidence"].flatMap(Double.init)))
            }
            if let status = fields["CallStatus"].flatMap(callProgress) {
                return .callStatus(CallStatusEvent(
                    provider: .twilio, providerCallID: callSID, status: status,
                    durationSeconds: (fields["CallDuration"] ?? fields["Duration"]).flatMap(Int.init),
                    answeredBy: fields["AnsweredBy"].flatMap(answeredBy),
                    recordingURL: fields.nonEmpty("RecordingUrl"),
                    sequence: fields["SequenceNumber"].flatMap(Int.init),
                    failure: fields["ErrorCode"].flatMap(Int.init).map { TwilioErrorCode.error(code: $0) },
                    at: fields["Timestamp"].flatMap(parseRFC2822)))
            }
            return nil
        }
        guard let messageSID = fields.nonEmpty("MessageSid") ?? fields.nonEmpty("SmsSid") else { return nil }
        let status = fields["MessageStatus"] ?? fields["SmsStatus"]
        if status == "received" || (status == nil && fields["Body"] != nil) {
            let from = fields["From"] ?? ""
            let whatsapp = from.hasPrefix("whatsapp:")
            return .inboundMessage(InboundMessageEvent(
                provider: .twilio, channel: whatsapp ? .whatsapp : .sms, providerMessageID: messageSID,
                from: strip(from), to: strip(fields["To"] ?? ""), body: fields["Body"] ?? "",
                profileName: fields.nonEmpty("ProfileName"),
                optOut: fields["OptOutType"].flatMap { OptOutKeyword(rawValue: $0.lowercased()) }))
        }
        guard let status, let delivery = messageStatus(status) else { return nil }
        return .messageStatus(MessageStatusEvent(
            provider: .twilio, providerMessageID: messageSID, status: delivery,
            failure: fields["ErrorCode"].flatMap(Int.init).map { TwilioErrorCode.error(code: $0) }))
    }

    /// `whatsapp:+1…` → `+1…`.
    static func strip(_ address: String) -> String {
        address.hasPrefix("whatsapp:") ? String(address.dropFirst("whatsapp:".count)) : address
    }

    static func messageStatus(_ raw: String) -> MessageDeliveryStatus? {
        switch raw {
        case "accepted", "scheduled", "queued", "sending": .queued
        case "sent": .sent
        case "delivered": .delivered
        case "read": .read
        case "undelivered": .undelivered
        case "failed", "canceled": .failed
        default: nil
        }
    }

    /// Twilio's `DialCallStatus`; `answered` and `completed` both mean the client took the call.
    static func dialResult(_ raw: String) -> DialResult {
        switch raw {
        case "completed", "answered", "in-progress": .completed
        case "busy": .busy
        case "no-answer": .noAnswer
        case "canceled": .canceled
        default: .failed
        }
    }

    static func callProgress(_ raw: String) -> CallProgress? {
        switch raw {
        case "queued": .queued
        case "initiated": .initiated
        case "ringing": .ringing
        case "in-progress", "answered": .answered
        case "completed": .completed
        case "busy": .busy
        case "no-answer": .noAnswer
        case "failed": .failed
        case "canceled": .canceled
        default: nil
        }
    }

    static func answeredBy(_ raw: String) -> AnsweredBy? {
        if raw == "human" { return .human }
        if raw.hasPrefix("machine") { return .machine }
        if raw == "fax" { return .fax }
        if raw == "unknown" { return .unknown }
        return nil
    }

    /// Twilio's `Timestamp` (`Tue, 25 Nov 2026 00:10:00 +0000`), parsed by hand: a `DateFormatter` per
    /// callback costs more than verifying the signature.
    static func parseRFC2822(_ text: String) -> Date? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, let day = Int(parts[1]), let year = Int(parts[3]),
              let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"].firstIndex(of: String(parts[2])).map({ $0 + 1 })
        else { return nil }
        let clock = parts[4].split(separator: ":").compactMap { Int($0) }
        let zone = parts[5]
        guard clock.count == 3, zone.count == 5, let sign = zone.first, sign == "+" || sign == "-",
              let hours = Int(zone.dropFirst().prefix(2)), let minutes = Int(zone.suffix(2))
        else { return nil }
        // Days from 1970-01-01 to the civil date (Howard Hinnant's algorithm).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        let offset = (hours * 3600 + minutes * 60) * (sign == "-" ? -1 : 1)
        let seconds = days * 86_400 + clock[0] * 3600 + clock[1] * 60 + clock[2] - offset
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}
