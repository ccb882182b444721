import Foundation
import ProviderHTTP
import RevenueCore

/// Elastic Email's inbound routing ("Notify via HTTP"): the received message POSTed to our URL. Read
/// tolerantly: JSON, form or multipart form fields (names in any case: `from`, `to`, `subject`,
/// `body`/`bodytext`/`text`, `bodyhtml`/`html`, `messageid`, `inreplyto`), and when a raw MIME field
/// (`rawmessage`, `raw`, `mime`, `email`) or a `message/rfc822` body is present, the MIME reader reads that.
public enum ElasticEmailInbound {
    /// Field names, lower-cased, for each part of the message.
    static let fromKeys = ["from", "fromemail", "from_email", "sender"]
    static let toKeys = ["to", "recipient", "toemail", "to_email"]
    static let subjectKeys = ["subject"]
    static let textKeys = ["bodytext", "body_text", "textbody", "text", "plaintext", "body", "text_part"]
    static let htmlKeys = ["bodyhtml", "body_html", "htmlbody", "html", "html_part"]
    static let rawKeys = ["rawmessage", "raw", "mime", "email", "rawmime"]
    static let idKeys = ["messageid", "message-id", "message_id"]
    static let replyKeys = ["inreplyto", "in-reply-to", "in_reply_to"]

    /// The inbound mail the notification carries, or nil when it is not one (no sender).
    public static func mail(_ request: WebhookRequest) -> (InboundMail, raw: [UInt8])? {
        let type = MIMEReader.contentType(request.headers.value(for: "Content-Type"))
        if type.type == "message/rfc822" { return MIMEReader.read(request.body).map { ($0, request.body) } }
        let fields = self.fields(request, contentType: type)
        if let raw = value(fields, rawKeys), let mail = MIMEReader.read(Array(raw.utf8)) { return (mail, Array(raw.utf8)) }
        guard let fromValue = value(fields, fromKeys), let from = MIMEReader.address(in: fromValue) else { return nil }
        let text = value(fields, textKeys) ?? value(fields, htmlKeys).map(MIMEReader.htmlToText) ?? ""
        let mail = InboundMail(
            from: from, to: value(fields, toKeys).flatMap(MIMEReader.address(in:)) ?? "",
            subject: MIMEReader.decodeWords(value(fields, subjectKeys) ?? ""),
            messageID: value(fields, idKeys).flatMap(MIMEReader.messageID(in:)),
            inReplyTo: value(fields, replyKeys).flatMap(MIMEReader.messageID(in:)), text: text)
        return (mail, request.body)
    }

    /// Name → value (names lower-cased; the first value wins) from a JSON object, a multipart form or a url-encoded form.
    static func fields(_ request: WebhookRequest, contentType: (type: String, parameters: [String: String])) -> [String: String] {
        var result: [String: String] = [:]
        func add(_ name: String, _ value: String) {
            let key = name.lowercased()
            if result[key] == nil { result[key] = value }
        }
        let trimmed = request.body.drop { $0 == 32 || $0 == 10 || $0 == 13 || $0 == 9 }
        if contentType.type == "application/json" || trimmed.first == UInt8(ascii: "{") {
            if let object = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any] {
                for (name, value) in object {
                    if let text = value as? String { add(name, text) } else if let number = value as? NSNumber { add(name, number.stringValue) }
                }
            }
        } else if contentType.type == "multipart/form-data", let boundary = contentType.parameters["boundary"] {
            for part in MIMEReader.multipartParts(MIMEReader.normalize(request.body), boundary: boundary) {
                let (headers, body) = MIMEReader.split(part)
                guard let disposition = headers.first(named: "content-disposition"),
                      let name = MIMEReader.contentType(disposition).parameters["name"] else { continue }
                add(name, String(decoding: body, as: UTF8.self))
            }
        } else {
            for pair in FormFields(request.body).pairs { add(pair.name, pair.value) }
        }
        for pair in FormFields(query: request.url).pairs where pair.name != "token" { add(pair.name, pair.value) }
        return result
    }

    private static func value(_ fields: [String: String], _ keys: [String]) -> String? {
        for key in keys { if let value = fields[key], !value.isEmpty { return value } }
        return nil
    }
}
