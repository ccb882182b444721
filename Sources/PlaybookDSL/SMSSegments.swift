/// Estimates how many SMS segments a message takes (GSM-7 or UCS-2).
public enum SMSSegments {
    /// GSM 03.38 basic characters (one septet each).
    static let basic: Set<Unicode.Scalar> = Set(
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
            .unicodeScalars
    )
    /// GSM 03.38 extension characters (an escape plus one septet: two each).
    static let extended: Set<Unicode.Scalar> = Set("^{}\\[~]|€\u{0C}".unicodeScalars)

    /// Septets per scalar below U+0400 (0 = not GSM-7): a table, so the common case never hashes.
    static let septetTable: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 0x400)
        for scalar in basic where scalar.value < 0x400 { table[Int(scalar.value)] = 1 }
        for scalar in extended where scalar.value < 0x400 { table[Int(scalar.value)] = 2 }
        return table
    }()

    /// Septets the scalar takes in GSM-7 (1 basic, 2 extension), or 0 when it is not GSM-7.
    @inline(__always)
    static func septets(_ scalar: Unicode.Scalar) -> Int {
        if scalar.value < 0x400 { return Int(septetTable[Int(scalar.value)]) }
        return extended.contains(scalar) ? 2 : basic.contains(scalar) ? 1 : 0
    }

    /// Whether the text can go as GSM-7.
    public static func isGSM7(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { septets($0) != 0 }
    }

    /// The number of segments the text needs.
    public static func count(_ text: String) -> Int {
        estimate(septets: text.unicodeScalars.reduce(0) { $0 + (extended.contains($1) ? 2 : 1) },
                 utf16: text.utf16.count, gsm: isGSM7(text))
    }

    /// Segments for a template whose `{{variables}}` take `length(name)` plain ASCII characters each.
    public static func count(template: String, length: (String) -> Int) -> Int {
        let scalars = Array(template.unicodeScalars)
        var septets = 0
        var utf16 = 0
        var gsm = true
        var i = 0
        while i < scalars.count {
            let scalar = scalars[i]
            if scalar == "{", i + 1 < scalars.count, scalars[i + 1] == "{" {
                var j = i + 2
                while j + 1 < scalars.count, !(scalars[j] == "}" && scalars[j + 1] == "}") { j += 1 }
                if j + 1 < scalars.count {
                    var name = String.UnicodeScalarView()
                    name.append(contentsOf: scalars[(i + 2)..<j].filter { $0 != " " })
                    let n = length(String(name))
                    septets += n
                    utf16 += n
                    i = j + 2
                    continue
                }
            }
            let cost = Self.septets(scalar)
            if cost == 0 { gsm = false }
            septets += max(cost, 1)
            utf16 += scalar.utf16.count
            i += 1
        }
        return estimate(septets: septets, utf16: utf16, gsm: gsm)
    }

    static func estimate(septets: Int, utf16: Int, gsm: Bool) -> Int {
        if gsm { return septets <= 160 ? 1 : (septets + 152) / 153 }
        return utf16 <= 70 ? 1 : (utf16 + 66) / 67
    }
}

import Foundation
