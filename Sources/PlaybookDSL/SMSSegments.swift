/// Estimates how many SMS segments a message takes (GSM-7 or UCS-2).
public enum SMSSegments {
    /// GSM 03.38 basic characters (one septet each).
    static let basic: Set<Character> = Set(
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
    )
    /// GSM 03.38 extension characters (an escape plus one septet: two each).
    static let extended: Set<Character> = Set("^{}\\[~]|€\u{0C}")

    /// Whether the text can go as GSM-7.
    public static func isGSM7(_ text: String) -> Bool {
        text.allSatisfy { basic.contains($0) || extended.contains($0) }
    }

    /// The number of segments the text needs.
    public static func count(_ text: String) -> Int {
        if isGSM7(text) {
            let septets = text.reduce(0) { $0 + (extended.contains($1) ? 2 : 1) }
            return septets <= 160 ? 1 : (septets + 152) / 153
        }
        let units = text.utf16.count
        return units <= 70 ? 1 : (units + 66) / 67
    }
}
