/// Comparison that takes the same time wherever the inputs differ: for signatures and tokens.
public enum ConstantTime {
    /// Whether `a` and `b` hold the same bytes (length leaks, content does not).
    public static func equals<A: Collection<UInt8>, B: Collection<UInt8>>(_ a: A, _ b: B) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return difference == 0
    }

    /// Whether two strings have the same UTF-8 bytes.
    public static func equals(_ a: String, _ b: String) -> Bool {
        equals(Array(a.utf8), Array(b.utf8))
    }
}

/// Hex and Base64 helpers for digests.
public enum DigestText {
    /// Lower-case hex.
    public static func hex<D: Sequence<UInt8>>(_ bytes: D) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
