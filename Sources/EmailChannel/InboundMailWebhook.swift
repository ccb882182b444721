import Foundation
import ProviderHTTP
import RevenueCore

/// The generic inbound route, `POST /webhooks/email/inbound`: an SMTP relay posts one raw MIME message
/// per request (`Content-Type: message/rfc822` or `text/plain`), authenticated by a shared token
/// (`?token=` or `Authorization: Bearer`) configured as the e-mail adapter's `inbound_token` credential.
public enum InboundMailWebhook {
    /// The route's path.
    public static let path = "/webhooks/email/inbound"

    /// Whether `url` calls the inbound route (not the provider's status notifications).
    public static func isInbound(_ url: String) -> Bool {
        URLComponents(string: url)?.path.hasSuffix(path) == true
    }

    /// Checks the shared token in constant time. No token configured: every request is refused.
    public static func verify(_ request: WebhookRequest, token expected: String?, provider: ProviderKind) throws(ChannelError) {
        guard let expected, !expected.isEmpty else { throw ChannelError(.invalidSignature, provider: provider, code: "no_inbound_token") }
        var offered = FormFields(query: request.url)["token"]
        if let authorization = request.headers.value(for: "Authorization"), authorization.lowercased().hasPrefix("bearer ") {
            offered = String(authorization.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        }
        guard let offered, ConstantTime.equals(offered, expected) else {
            throw ChannelError(.invalidSignature, provider: provider, code: "inbound_token")
        }
    }

    /// The raw message in the body as an inbound e-mail event (none for an auto-reply).
    public static func parse(_ request: WebhookRequest, provider: ProviderKind) throws(ChannelError) -> WebhookResult {
        let type = MIMEReader.contentType(request.headers.value(for: "Content-Type")).type
        guard ["message/rfc822", "text/plain", "application/octet-stream"].contains(type) || request.headers.value(for: "Content-Type") == nil else {
            throw ChannelError(.malformedWebhook, provider: provider, code: "content_type")
        }
        guard let mail = MIMEReader.read(request.body) else { throw ChannelError(.malformedWebhook, provider: provider, code: "no_from") }
        if isAutomatic(MIMEReader.split(MIMEReader.normalize(request.body)).0) { return WebhookResult(events: []) }
        return WebhookResult(events: [event(mail, provider: provider, raw: request.body)])
    }

    /// An inbound e-mail as the event the sink reads like an SMS reply: the reply text without the
    /// quoted message (the subject when nothing else is left), the answered message from `In-Reply-To`.
    public static func event(_ mail: InboundMail, provider: ProviderKind, raw: [UInt8]) -> ChannelEvent {
        var body = ReplyText.strip(mail.text)
        if body.isEmpty { body = subjectText(mail.subject) }
        let id = mail.messageID ?? "sha-" + fingerprint(raw)
        return .inboundMessage(InboundMessageEvent(
            provider: provider, channel: .email, providerMessageID: id, from: mail.from, to: mail.to, body: body, inReplyTo: mail.inReplyTo))
    }

    /// `Re: Fwd: BAJA` → `BAJA`.
    static func subjectText(_ subject: String) -> String {
        var text = subject.trimmingCharacters(in: .whitespaces)
        while let colon = text.firstIndex(of: ":"), ["re", "fw", "fwd", "rv", "aw"].contains(text[..<colon].lowercased()) {
            text = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return text
    }

    /// Out-of-office and other machine answers (RFC 3834 `Auto-Submitted`, `Precedence: auto_reply`).
    static func isAutomatic(_ headers: [MIMEReader.Header]) -> Bool {
        if let auto = headers.first(named: "auto-submitted")?.lowercased(), !auto.hasPrefix("no") { return true }
        if let precedence = headers.first(named: "precedence")?.lowercased(), ["auto_reply", "bulk", "junk"].contains(precedence) { return true }
        return headers.first(named: "x-autoreply") != nil || headers.first(named: "x-autorespond") != nil
    }

    /// FNV-1a 64 of the message, in hex: a stable id for a message without `Message-ID`.
    static func fingerprint(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(hash, radix: 16)
    }
}
