import Foundation

/// A received e-mail, read from its raw RFC 5322 / MIME text: what a reply needs, nothing more.
/// Holds personal data (addresses, text): never log it.
public struct InboundMail: Sendable, Hashable {
    /// The sender's bare address (`maria@example.com`), from `From`.
    public var from: String
    /// The first bare address of `To`, or empty.
    public var to: String
    /// The decoded `Subject` (RFC 2047 words decoded).
    public var subject: String
    /// `Message-ID` without angle brackets.
    public var messageID: String?
    /// `In-Reply-To` (else the last `References` id) without angle brackets: the message this answers.
    public var inReplyTo: String?
    /// The text the sender wrote: the text/plain part (else the HTML part as text), decoded, before reply stripping.
    public var text: String

    public init(from: String, to: String = "", subject: String = "", messageID: String? = nil, inReplyTo: String? = nil, text: String) {
        self.from = from
        self.to = to
        self.subject = subject
        self.messageID = messageID
        self.inReplyTo = inReplyTo
        self.text = text
    }
}

/// A small MIME reader for inbound replies: folded headers, `multipart/*` (first text/plain part wins,
/// text/html as a fallback), quoted-printable and base64 transfer encodings, UTF-8 / Latin-1 / Windows-1252.
public enum MIMEReader {
    /// One header field, unfolded.
    public struct Header: Sendable, Hashable {
        public var name: String
        public var value: String
    }

    /// The mail in `bytes`, or nil when it has no `From` address.
    public static func read(_ bytes: [UInt8]) -> InboundMail? {
        let (headers, body) = split(normalize(bytes))
        guard let from = headers.first(named: "from").flatMap(address(in:)) else { return nil }
        let text = bodyText(headers: headers, body: body, depth: 0) ?? ""
        let references = headers.first(named: "references")?.split(whereSeparator: \.isWhitespace).last.map(String.init)
        return InboundMail(
            from: from, to: headers.first(named: "to").flatMap(address(in:)) ?? "",
            subject: decodeWords(headers.first(named: "subject") ?? "").trimmingCharacters(in: .whitespaces),
            messageID: headers.first(named: "message-id").flatMap(messageID(in:)),
            inReplyTo: headers.first(named: "in-reply-to").flatMap(messageID(in:)) ?? references.flatMap(messageID(in:)),
            text: text)
    }

    // MARK: Structure

    /// CRLF → LF, so one line ending is handled everywhere.
    static func normalize(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == 13, index + 1 < bytes.count, bytes[index + 1] == 10 { index += 1; continue }
            out.append(bytes[index])
            index += 1
        }
        return out
    }

    /// Headers (unfolded) and the body after the first empty line.
    static func split(_ bytes: [UInt8]) -> ([Header], [UInt8]) {
        var end = bytes.count, bodyStart = bytes.count
        var index = 0
        if bytes.first == 10 { return ([], Array(bytes.dropFirst())) }
        while index + 1 < bytes.count {
            if bytes[index] == 10, bytes[index + 1] == 10 { end = index; bodyStart = index + 2; break }
            index += 1
        }
        let head = String(decoding: bytes[0..<min(end, bytes.count)], as: UTF8.self)
        return (headers(head), bodyStart < bytes.count ? Array(bytes[bodyStart...]) : [])
    }

    /// Header lines with continuation lines (leading space or tab) folded back in.
    static func headers(_ text: String) -> [Header] {
        var result: [Header] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let first = line.first, first == " " || first == "\t", !result.isEmpty {
                result[result.count - 1].value += " " + line.trimmingCharacters(in: .whitespaces)
            } else if let colon = line.firstIndex(of: ":") {
                result.append(Header(name: String(line[..<colon]).trimmingCharacters(in: .whitespaces),
                                     value: String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
            }
        }
        return result
    }

    /// `text/plain; charset="utf-8"` → (`text/plain`, [`charset`: `utf-8`]).
    static func contentType(_ value: String?) -> (type: String, parameters: [String: String]) {
        guard let value else { return ("text/plain", [:]) }
        var pieces = value.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        let type = pieces.isEmpty ? "text/plain" : pieces.removeFirst().lowercased()
        var parameters: [String: String] = [:]
        for piece in pieces {
            guard let equals = piece.firstIndex(of: "=") else { continue }
            var raw = piece[piece.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if raw.count >= 2, raw.hasPrefix("\""), raw.hasSuffix("\"") { raw = String(raw.dropFirst().dropLast()) }
            parameters[piece[..<equals].trimmingCharacters(in: .whitespaces).lowercased()] = raw
        }
        return (type.isEmpty ? "text/plain" : type, parameters)
    }

    /// The readable text of an entity: text/plain first, then text/html without tags.
    static func bodyText(headers: [Header], body: [UInt8], depth: Int) -> String? {
        let (type, parameters) = contentType(headers.first(named: "content-type"))
        if type.hasPrefix("multipart/"), let boundary = parameters["boundary"], depth < 8 {
            let parts = multipartParts(body, boundary: boundary).map(split)
            let plain = parts.lazy.compactMap { part -> String? in
                let partType = contentType(part.0.first(named: "content-type")).type
                guard partType == "text/plain" || partType.hasPrefix("multipart/"), !isAttachment(part.0) else { return nil }
                return bodyText(headers: part.0, body: part.1, depth: depth + 1)
            }.first
            if let plain { return plain }
            return parts.lazy.compactMap { part in
                isAttachment(part.0) ? nil : bodyText(headers: part.0, body: part.1, depth: depth + 1)
            }.first
        }
        guard type == "text/plain" || type == "text/html" else { return nil }
        let decoded = decodeTransfer(body, encoding: headers.first(named: "content-transfer-encoding"))
        let text = decodeCharset(decoded, charset: parameters["charset"])
        return type == "text/html" ? htmlToText(text) : text
    }

    /// A part marked `Content-Disposition: attachment`.
    static func isAttachment(_ headers: [Header]) -> Bool {
        headers.first(named: "content-disposition")?.lowercased().hasPrefix("attachment") == true
    }

    /// The bodies between `--boundary` lines, up to `--boundary--`.
    static func multipartParts(_ body: [UInt8], boundary: String) -> [[UInt8]] {
        let delimiter = Array(("--" + boundary).utf8)
        var parts: [[UInt8]] = []
        var current: [UInt8]?
        for line in body.split(separator: 10, omittingEmptySubsequences: false) {
            let trimmed = Array(line.reversed().drop { $0 == 32 || $0 == 9 }.reversed())
            if trimmed.starts(with: delimiter) {
                let rest = trimmed.dropFirst(delimiter.count)
                if let finished = current { parts.append(finished.last == 10 ? Array(finished.dropLast()) : finished) }
                if rest.starts(with: [45, 45]) { return parts }
                if rest.isEmpty { current = []; continue }
            }
            if current != nil {
                current!.append(contentsOf: line)
                current!.append(10)
            }
        }
        if let finished = current { parts.append(finished) }
        return parts
    }

    // MARK: Encodings

    /// Undoes `quoted-printable` or `base64`; other encodings (7bit, 8bit, binary) pass through.
    static func decodeTransfer(_ body: [UInt8], encoding: String?) -> [UInt8] {
        switch encoding?.lowercased().trimmingCharacters(in: .whitespaces) {
        case "base64":
            let clean = String(decoding: body.filter { !($0 == 10 || $0 == 13 || $0 == 32 || $0 == 9) }, as: UTF8.self)
            let padded = clean + String(repeating: "=", count: (4 - clean.utf8.count % 4) % 4)
            return Data(base64Encoded: padded, options: .ignoreUnknownCharacters).map { [UInt8]($0) } ?? body
        case "quoted-printable":
            return quotedPrintable(body)
        default:
            return body
        }
    }

    /// RFC 2045 §6.7: `=XX` bytes and `=` soft line breaks.
    static func quotedPrintable(_ body: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var index = 0
        while index < body.count {
            let byte = body[index]
            guard byte == 61 else { out.append(byte); index += 1; continue }
            // `=` then optional trailing whitespace then a line break: a soft break.
            var look = index + 1
            while look < body.count, body[look] == 32 || body[look] == 9 { look += 1 }
            if look < body.count, body[look] == 10 { index = look + 1; continue }
            if look >= body.count { index = look; continue }
            if index + 2 < body.count, let high = hex(body[index + 1]), let low = hex(body[index + 2]) {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(byte)
                index += 1
            }
        }
        return out
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: byte - 48
        case 65...70: byte - 55
        case 97...102: byte - 87
        default: nil
        }
    }

    /// Bytes in `charset` as text: UTF-8 (the default), ISO-8859-1 / Latin-1, Windows-1252, US-ASCII.
    static func decodeCharset(_ bytes: [UInt8], charset: String?) -> String {
        switch charset?.lowercased() {
        case "iso-8859-1", "latin1", "latin-1", "iso8859-1", "iso_8859-1":
            return String(bytes: bytes, encoding: .isoLatin1) ?? String(decoding: bytes, as: UTF8.self)
        case "windows-1252", "cp1252":
            return String(bytes: bytes, encoding: .windowsCP1252) ?? String(decoding: bytes, as: UTF8.self)
        default:
            if let text = String(bytes: bytes, encoding: .utf8) { return text }
            // Mislabelled 8-bit text: Latin-1 keeps every byte readable.
            return String(bytes: bytes, encoding: .isoLatin1) ?? String(decoding: bytes, as: UTF8.self)
        }
    }

    /// RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?ISO-8859-1?Q?…?=`) in a header value.
    static func decodeWords(_ value: String) -> String {
        guard value.contains("=?") else { return value }
        let pattern = #"=\?([^?]+)\?([BbQq])\?([^?]*)\?="#
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return value }
        // Whitespace between two adjacent encoded words is dropped (RFC 2047 §6.2).
        let joined = value.replacingOccurrences(of: #"\?=\s+=\?"#, with: "?==?", options: .regularExpression)
        let source = joined as NSString
        var result = ""
        var last = 0
        for match in regex.matches(in: joined, range: NSRange(location: 0, length: source.length)) {
            result += source.substring(with: NSRange(location: last, length: match.range.location - last))
            let charset = source.substring(with: match.range(at: 1))
            let mode = source.substring(with: match.range(at: 2)).uppercased()
            let payload = source.substring(with: match.range(at: 3))
            let bytes: [UInt8]
            if mode == "B" {
                bytes = decodeTransfer(Array(payload.utf8), encoding: "base64")
            } else {
                bytes = quotedPrintable(Array(payload.replacingOccurrences(of: "_", with: " ").utf8))
            }
            result += decodeCharset(bytes, charset: charset)
            last = match.range.location + match.range.length
        }
        result += source.substring(from: last)
        return result
    }

    // MARK: Header values

    /// The bare address of `Name <a@b>` or `a@b`, as written.
    public static func address(in value: String) -> String? {
        if let open = value.lastIndex(of: "<"), let close = value[open...].firstIndex(of: ">") {
            let inner = value[value.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
            return inner.contains("@") ? inner : nil
        }
        let token = value.split { $0 == " " || $0 == "," || $0 == "\t" }.first { $0.contains("@") }
        return token.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"'()")) }
    }

    /// `<id@host>` → `id@host`.
    static func messageID(in value: String) -> String? {
        var text = value.trimmingCharacters(in: .whitespaces)
        if let open = text.firstIndex(of: "<"), let close = text[open...].firstIndex(of: ">") {
            text = String(text[text.index(after: open)..<close])
        }
        text = text.trimmingCharacters(in: .whitespaces)
        return text.isEmpty || text.count > 500 ? nil : text
    }

    /// HTML as plain text: tags dropped, line breaks kept for `<br>`/`<p>`/`<div>`, common entities decoded.
    static func htmlToText(_ html: String) -> String {
        var text = html.replacingOccurrences(of: #"(?is)<(script|style|head)[^>]*>.*?</\1>"#, with: "", options: .regularExpression)
        text = text.replacingOccurrences(of: #"(?i)<blockquote[^>]*>"#, with: "\n> ", options: .regularExpression)
        text = text.replacingOccurrences(of: #"(?i)<\s*(br|/p|/div|/li|/tr)\s*/?>"#, with: "\n", options: .regularExpression)
        text = text.replacingOccurrences(of: #"<[^>]*>"#, with: "", options: .regularExpression)
        for (entity, character) in [("&nbsp;", " "), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text
    }
}

extension [MIMEReader.Header] {
    /// The first value of the header `name` (any case).
    func first(named name: String) -> String? {
        first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}
