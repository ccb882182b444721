import Foundation
import RevenueCore

/// Builds an RFC 5322 / MIME message for SMTP submission (UTF-8, base64 bodies, CRLF line ends).
public enum MIMEMessage {
    /// The full message text, ending with CRLF. `extraHeaders` go after the standard ones (List-Unsubscribe …).
    public static func build(
        touch: OutboundMessage, from: String, fromName: String?, replyTo: String?, messageID: String, extraHeaders: [HeaderField]
    ) -> String {
        var lines: [String] = []
        lines.append("From: " + (fromName.map { "\(encodeWord($0)) <\(from)>" } ?? "<\(from)>"))
        lines.append("To: <\(touch.to)>")
        if let replyTo { lines.append("Reply-To: <\(replyTo)>") }
        lines.append("Subject: " + encodeWord(touch.subject ?? ""))
        lines.append("Date: " + rfc5322Date(touch.now))
        lines.append("Message-ID: <\(messageID)>")
        lines.append("MIME-Version: 1.0")
        for header in extraHeaders { lines.append("\(header.name): \(header.value)") }
        if let html = touch.htmlBody {
            let boundary = "=_revasi_" + String(messageID.utf8.reduce(UInt64(5381)) { ($0 &* 33) ^ UInt64($1) }, radix: 16)
            lines.append("Content-Type: multipart/alternative; boundary=\"\(boundary)\"")
            lines.append("")
            lines.append("--\(boundary)")
            lines.append(contentsOf: part("text/plain", touch.body))
            lines.append("--\(boundary)")
            lines.append(contentsOf: part("text/html", html))
            lines.append("--\(boundary)--")
        } else {
            lines.append(contentsOf: part("text/plain", touch.body).map { $0 })
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// One body part: headers, blank line, base64 in 76-character lines.
    static func part(_ type: String, _ text: String) -> [String] {
        let encoded = Data(text.utf8).base64EncodedString()
        var lines = ["Content-Type: \(type); charset=utf-8", "Content-Transfer-Encoding: base64", ""]
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let end = encoded.index(index, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines.append(String(encoded[index..<end]))
            index = end
        }
        return lines
    }

    /// RFC 2047 encoded-word for non-ASCII header text; ASCII passes through.
    public static func encodeWord(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 32 }) { return text }
        return "=?UTF-8?B?" + Data(text.utf8).base64EncodedString() + "?="
    }

    /// `Tue, 24 Nov 2026 23:10:00 +0000`.
    public static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }

    /// Dot-stuffs a message for the DATA phase and appends the terminating `.` line.
    public static func dataPayload(_ message: String) -> String {
        let stuffed = message.split(separator: "\r\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix(".") ? "." + line : String(line)
        }
        var text = stuffed.joined(separator: "\r\n")
        if !text.hasSuffix("\r\n") { text += "\r\n" }
        return text + ".\r\n"
    }
}
