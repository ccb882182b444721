import Foundation
import RevenueCore

/// Reads when a lead asked to be called back from simple Spanish or English phrases: "mañana a las 3",
/// "at 5 pm", "en una hora", "in 30 minutes", "tomorrow morning". Pure: the clock and zone are parameters.
public enum CallbackTime {
    /// The wait used when no time was said or understood.
    public static let defaultDelay: TimeInterval = 2 * 3600

    /// The instant asked for in `speech`, in the lead's `zone`, after `now`; nil when no time was understood.
    public static func parse(_ speech: String?, now: Date, zone: TimeZone) -> Date? {
        let words = TextNormalizer.words(speech ?? "")
        guard !words.isEmpty else { return nil }
        if let delay = relativeDelay(words) { return now.addingTimeInterval(delay) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let dayOffset = words.contains("pasado") && words.contains("manana") ? 2
            : (words.contains("tomorrow") || (words.contains("manana") && !isMorning(words, at: words.firstIndex(of: "manana")!))) ? 1 : 0
        guard let said = clockTime(words) ?? (dayOffset > 0 ? (10, 0) : nil) else { return nil }
        var (hour, minute) = said
        let pm = words.contains("pm") || words.contains("p") && words.contains("m") || words.contains("tarde") || words.contains("noche")
            || words.contains("afternoon") || words.contains("evening") || words.contains("night")
        let am = words.contains("am") || words.contains("morning") || hasMorningPhrase(words)
        if pm, hour < 12 { hour += 12 } else if !am, (1...7).contains(hour) { hour += 12 }
        if am, hour == 12 { hour = 0 }
        minute = min(max(minute, 0), 59)
        let today = calendar.startOfDay(for: now)
        guard let day = calendar.date(byAdding: .day, value: dayOffset, to: today),
              var at = calendar.date(bySettingHour: min(hour, 23), minute: minute, second: 0, of: day)
        else { return nil }
        if at <= now, let next = calendar.date(byAdding: .day, value: 1, to: at) { at = next }
        return at
    }

    /// "en una hora", "in 2 hours", "en media hora", "in 30 minutes".
    static func relativeDelay(_ words: [String]) -> TimeInterval? {
        guard let start = words.firstIndex(where: { $0 == "en" || $0 == "in" || $0 == "dentro" }) else { return nil }
        var rest = Array(words[(start + 1)...])
        if rest.first == "de" { rest.removeFirst() }
        if rest.starts(with: ["media", "hora"]) || rest.starts(with: ["half", "an", "hour"]) || rest.starts(with: ["half", "hour"]) { return 1800 }
        if rest.first == "an" || rest.first == "a" { rest[0] = "one" }
        guard rest.count >= 2, let amount = number(rest[0]) else { return nil }
        switch rest[1] {
        case "hora", "horas", "hour", "hours": return TimeInterval(amount * 3600)
        case "minuto", "minutos", "minute", "minutes", "min": return TimeInterval(amount * 60)
        default: return nil
        }
    }

    /// The hour and minute said after "a las" / "at", or a lone "5pm"-like number.
    static func clockTime(_ words: [String]) -> (Int, Int)? {
        for (i, word) in words.enumerated() {
            let isMarker = word == "at" || (word == "las" || word == "la") && i > 0 && words[i - 1] == "a"
            guard isMarker, i + 1 < words.count else { continue }
            if let hit = hourAndMinute(words, from: i + 1) { return hit }
        }
        for (i, word) in words.enumerated() {
            if word.hasSuffix("pm") || word.hasSuffix("am"), let hour = Int(word.dropLast(2)), (1...12).contains(hour) { return (hour, 0) }
            if i + 1 < words.count, ["pm", "am"].contains(words[i + 1]), let hour = number(word), (1...12).contains(hour) {
                return hourAndMinute(words, from: i) ?? (hour, 0)
            }
        }
        return nil
    }

    /// `3`, `3 30`, `3 y media`, `tres y cuarto` starting at `index`.
    static func hourAndMinute(_ words: [String], from index: Int) -> (Int, Int)? {
        var token = words[index]
        var minute = 0
        if token.hasSuffix("pm") || token.hasSuffix("am"), token.count > 2 { token = String(token.dropLast(2)) }
        guard let hour = number(token), (0...23).contains(hour) else { return nil }
        if index + 1 < words.count {
            let next = words[index + 1]
            if let m = Int(next), (0...59).contains(m) { minute = m }
            if next == "y", index + 2 < words.count {
                switch words[index + 2] {
                case "media": minute = 30
                case "cuarto": minute = 15
                default: if let m = number(words[index + 2]), m < 60 { minute = m }
                }
            }
        }
        return (hour, minute)
    }

    /// "de la mañana" / "por la mañana": morning, not tomorrow.
    static func hasMorningPhrase(_ words: [String]) -> Bool {
        words.indices.contains { words[$0] == "manana" && isMorning(words, at: $0) }
    }

    static func isMorning(_ words: [String], at index: Int) -> Bool {
        index >= 2 && words[index - 1] == "la" && ["de", "por", "en"].contains(words[index - 2])
    }

    /// Digits or a number word up to twelve (and thirty), Spanish or English.
    static func number(_ word: String) -> Int? {
        if let value = Int(word) { return value }
        let table: [String: Int] = [
            "una": 1, "uno": 1, "one": 1, "dos": 2, "two": 2, "tres": 3, "three": 3, "cuatro": 4, "four": 4, "cinco": 5, "five": 5,
            "seis": 6, "six": 6, "siete": 7, "seven": 7, "ocho": 8, "eight": 8, "nueve": 9, "nine": 9, "diez": 10, "ten": 10,
            "once": 11, "eleven": 11, "doce": 12, "twelve": 12, "quince": 15, "fifteen": 15, "veinte": 20, "twenty": 20,
            "treinta": 30, "thirty": 30,
        ]
        return table[word]
    }
}
