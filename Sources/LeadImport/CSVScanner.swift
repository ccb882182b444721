/// Where one field sits in the UTF-8 buffer; text is only materialised for mapped columns.
struct FieldSpan: Sendable, Hashable {
    var start: Int
    var end: Int
    /// The field held a doubled quote (`""`) that must be collapsed when read.
    var hasEscapedQuote: Bool
}

/// An RFC 4180 record scanner over UTF-8 bytes: quoted fields with delimiters, doubled quotes and
/// line breaks; CRLF, LF or lone CR line ends; reports the physical line each record starts on.
///
/// Lenient where Excel and Sheets are: a stray quote inside an unquoted field is kept as text, and
/// text after a closing quote is appended to the field. The one fatal error is a quote that never closes.
struct CSVScanner {
    static let quote: UInt8 = 0x22
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D

    let bytes: UnsafeBufferPointer<UInt8>
    let delimiter: UInt8
    private(set) var position = 0
    /// The 1-based physical line of `position`.
    private(set) var line = 1

    init(bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8) {
        self.bytes = bytes
        self.delimiter = delimiter
    }

    /// Whether the whole buffer has been consumed.
    var isAtEnd: Bool { position >= bytes.count }

    /// Reads the next record into `fields` (cleared first); returns the line it starts on, or nil at
    /// the end. Throws the starting line of a quoted field that is never closed.
    mutating func nextRecord(into fields: inout [FieldSpan]) throws(UnterminatedQuote) -> Int? {
        fields.removeAll(keepingCapacity: true)
        guard position < bytes.count else { return nil }
        let startLine = line
        let count = bytes.count
        var index = position
        var fieldStart = index
        var escaped = false
        var quoted = false
        while index < count {
            let byte = bytes[index]
            if quoted {
                if byte == Self.quote {
                    if index + 1 < count, bytes[index + 1] == Self.quote {
                        escaped = true
                        index += 2
                        continue
                    }
                    quoted = false
                } else if byte == Self.lineFeed {
                    line += 1
                } else if byte == Self.carriageReturn {
                    if index + 1 >= count || bytes[index + 1] != Self.lineFeed { line += 1 }
                }
                index += 1
                continue
            }
            if byte == delimiter {
                fields.append(FieldSpan(start: fieldStart, end: index, hasEscapedQuote: escaped))
                index += 1
                fieldStart = index
                escaped = false
            } else if byte == Self.lineFeed || byte == Self.carriageReturn {
                fields.append(FieldSpan(start: fieldStart, end: index, hasEscapedQuote: escaped))
                index += (byte == Self.carriageReturn && index + 1 < count && bytes[index + 1] == Self.lineFeed) ? 2 : 1
                line += 1
                position = index
                return startLine
            } else if byte == Self.quote && index == fieldStart {
                quoted = true
                index += 1
            } else {
                index += 1
            }
        }
        if quoted { throw UnterminatedQuote(line: lineOfOpenQuote(from: fieldStart, startLine: startLine)) }
        fields.append(FieldSpan(start: fieldStart, end: index, hasEscapedQuote: escaped))
        position = index
        return startLine
    }

    /// The field's text: surrounding quotes removed, doubled quotes collapsed, padding spaces trimmed.
    func string(_ span: FieldSpan) -> String {
        var start = span.start
        var end = span.end
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        guard start < end else { return "" }
        if bytes[start] == Self.quote {
            return unquoted(start: start, end: end)
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// Whether the field holds nothing but spaces (cheap check before materialising a string).
    func isBlank(_ span: FieldSpan) -> Bool {
        var index = span.start
        while index < span.end {
            let byte = bytes[index]
            if byte != 0x20 && byte != 0x09 && byte != Self.quote { return false }
            index += 1
        }
        return true
    }

    private func unquoted(start: Int, end: Int) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        var index = start + 1
        var inQuotes = true
        while index < end {
            let byte = bytes[index]
            if byte == Self.quote && inQuotes {
                if index + 1 < end, bytes[index + 1] == Self.quote {
                    out.append(Self.quote)
                    index += 2
                    continue
                }
                inQuotes = false
            } else {
                out.append(byte)
            }
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private func lineOfOpenQuote(from fieldStart: Int, startLine: Int) -> Int {
        var line = startLine
        var index = position
        while index < fieldStart {
            if bytes[index] == Self.lineFeed { line += 1 }
            else if bytes[index] == Self.carriageReturn, index + 1 >= fieldStart || bytes[index + 1] != Self.lineFeed { line += 1 }
            index += 1
        }
        return line
    }

    /// Skips a first line of `length` bytes (Excel's `sep=;` line) and its line break.
    mutating func skipLine(ofLength length: Int) {
        guard length > 0 else { return }
        position = length
        if position < bytes.count, bytes[position] == Self.carriageReturn { position += 1 }
        if position < bytes.count, bytes[position] == Self.lineFeed { position += 1 }
        line = 2
    }

    /// Picks the delimiter: Excel's explicit `sep=X` first line (returned with its length so it can
    /// be skipped), else the most frequent of `,` `;` tab on the header line outside quotes (`,` on a tie; a title line
    /// without any of them is passed over).
    static func detectDelimiter(in bytes: UnsafeBufferPointer<UInt8>) -> (delimiter: UInt8, sepLineLength: Int) {
        if bytes.count >= 5, bytes[0] | 0x20 == 0x73, bytes[1] | 0x20 == 0x65, bytes[2] | 0x20 == 0x70, bytes[3] == 0x3D,
           bytes.count == 5 || bytes[5] == lineFeed || bytes[5] == carriageReturn {
            return (bytes[4], 5)
        }
        // The first line with any candidate on it: a title line above the header has none.
        var (commas, semicolons, tabs) = (0, 0, 0)
        var quoted = false
        var lines = 0
        for byte in bytes {
            if byte == quote { quoted.toggle(); continue }
            if quoted { continue }
            if byte == lineFeed || byte == carriageReturn {
                lines += 1
                if commas + semicolons + tabs > 0 || lines >= 5 { break }
                continue
            }
            if byte == 0x2C { commas += 1 } else if byte == 0x3B { semicolons += 1 } else if byte == 0x09 { tabs += 1 }
        }
        if semicolons > commas && semicolons >= tabs { return (0x3B, 0) }
        if tabs > commas { return (0x09, 0) }
        return (0x2C, 0)
    }
}

/// A quoted field that runs to the end of the file; `line` is where its record starts.
struct UnterminatedQuote: Error {
    var line: Int
}
