import Foundation

/// The text encoding a lead file was detected to use.
public enum DetectedEncoding: String, Sendable, Hashable, CustomStringConvertible {
    case utf8 = "UTF-8"
    case utf8BOM = "UTF-8 with BOM"
    case windows1252 = "Windows-1252"
    /// Mostly UTF-8 with some bytes that are not (a cell pasted from a Windows-1252 file).
    case utf8WithWindows1252 = "UTF-8 with Windows-1252 bytes"
    case utf16LE = "UTF-16LE"
    case utf16BE = "UTF-16BE"

    public var description: String { rawValue }
}

/// Turns a file's bytes into UTF-8 bytes: valid UTF-8 stays as is (BOM dropped), UTF-16 with a BOM
/// is transcoded, anything else is read as Windows-1252 (what Excel writes on a US/Spanish Windows),
/// keeping any well-formed UTF-8 sequences of a mixed file as they are.
enum TextDecoder {
    /// The UTF-8 bytes and the encoding they came from; fails only on files that are not text.
    static func utf8Bytes(of data: Data, path: String) throws(ImportFileError) -> (bytes: [UInt8], encoding: DetectedEncoding) {
        let raw = [UInt8](data)
        if raw.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            throw .notCSV(path: path, detected: "an Excel workbook or other ZIP archive (.xlsx)")
        }
        if raw.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            throw .notCSV(path: path, detected: "a legacy Excel workbook (.xls)")
        }
        if raw.starts(with: [0xFF, 0xFE]) { return (utf16(raw.dropFirst(2), littleEndian: true), .utf16LE) }
        if raw.starts(with: [0xFE, 0xFF]) { return (utf16(raw.dropFirst(2), littleEndian: false), .utf16BE) }
        let hasBOM = raw.starts(with: [0xEF, 0xBB, 0xBF])
        let body = hasBOM ? Array(raw.dropFirst(3)) : raw
        if let nul = body.firstIndex(of: 0) {
            throw .unreadableEncoding(path: path, line: lineNumber(ofOffset: nul, in: body), detail: "it contains NUL bytes (a binary file, or UTF-16 without a byte-order mark)")
        }
        if isValidUTF8(body) { return (body, hasBOM ? .utf8BOM : .utf8) }
        let (bytes, keptUTF8) = windows1252ToUTF8(body)
        return (bytes, keptUTF8 ? .utf8WithWindows1252 : .windows1252)
    }

    /// Whether `bytes` is well-formed UTF-8 (ASCII fast path, then the standard library's validator).
    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            let count = buffer.count
            // Skip the ASCII prefix eight bytes at a time: most lead files are nearly all ASCII.
            while index + 8 <= count {
                let word = UnsafeRawPointer(buffer.baseAddress! + index).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                index += 8
            }
            if index == count { return true }
            return String(validating: UnsafeBufferPointer(rebasing: buffer[index...]), as: UTF8.self) != nil
        }
    }

    /// Windows-1252 to UTF-8 by table (Foundation on Linux may not ship the code page). Well-formed
    /// UTF-8 sequences are copied as they are; reports whether there were any.
    static func windows1252ToUTF8(_ bytes: [UInt8]) -> (bytes: [UInt8], keptUTF8: Bool) {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        var keptUTF8 = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                out.append(byte)
                index += 1
                continue
            }
            let length = utf8SequenceLength(bytes, at: index)
            if length > 0 {
                out.append(contentsOf: bytes[index..<index + length])
                keptUTF8 = true
                index += length
                continue
            }
            let scalar = byte < 0xA0 ? windows1252High[Int(byte - 0x80)] : UInt32(byte)
            appendUTF8(scalar, to: &out)
            index += 1
        }
        return (out, keptUTF8)
    }

    /// The length of the well-formed multi-byte UTF-8 sequence starting at `index`, or 0.
    static func utf8SequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let lead = bytes[index]
        let (length, secondRange): (Int, ClosedRange<UInt8>) = switch lead {
        case 0xC2...0xDF: (2, 0x80...0xBF)
        case 0xE0: (3, 0xA0...0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (3, 0x80...0xBF)
        case 0xED: (3, 0x80...0x9F)
        case 0xF0: (4, 0x90...0xBF)
        case 0xF1...0xF3: (4, 0x80...0xBF)
        case 0xF4: (4, 0x80...0x8F)
        default: (0, 0x80...0xBF)
        }
        guard length > 0, index + length <= bytes.count, secondRange.contains(bytes[index + 1]) else { return 0 }
        for offset in 2..<length where !(0x80...0xBF).contains(bytes[index + offset]) { return 0 }
        return length
    }

    /// Code points of bytes 0x80–0x9F in Windows-1252; the five undefined bytes map to C1 controls (as WHATWG does).
    static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    private static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        if scalar < 0x800 {
            out.append(UInt8(0xC0 | (scalar >> 6)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        } else {
            out.append(UInt8(0xE0 | (scalar >> 12)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }

    private static func utf16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) -> [UInt8] {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let (a, b) = (UInt16(bytes[index]), UInt16(bytes[index + 1]))
            units.append(littleEndian ? a | b << 8 : a << 8 | b)
            index += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }

    private static func lineNumber(ofOffset offset: Int, in bytes: [UInt8]) -> Int {
        1 + bytes[..<offset].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }
}
