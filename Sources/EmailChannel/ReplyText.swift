import Foundation

/// The new text of an e-mail reply: the quoted earlier message ("On … wrote:", "El … escribió:",
/// Outlook's "-----Original Message-----" block, `>` lines) and the signature after `-- ` are dropped.
public enum ReplyText {
    /// What the sender wrote above (or between) the quoted text, trimmed.
    public static func strip(_ text: String) -> String {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var kept: [String] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if line == "-- " || line == "--" { break }
            if isSeparator(trimmed) { break }
            if isAttribution(trimmed) { break }
            // Attribution lines that mail clients wrap onto two lines ("On Mon, … <a@b>" / "wrote:").
            if index + 1 < lines.count, startsAttribution(trimmed), isAttribution(trimmed + " " + lines[index + 1].trimmingCharacters(in: .whitespaces)) { break }
            if !trimmed.hasPrefix(">") { kept.append(line) }
            index += 1
        }
        return kept.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// "On … wrote:" (English) or "El … escribió:" (Spanish).
    static func isAttribution(_ line: String) -> Bool {
        let lower = line.lowercased()
        if lower.hasPrefix("on "), lower.hasSuffix("wrote:") { return true }
        if lower.hasPrefix("el "), lower.hasSuffix("escribió:") || lower.hasSuffix("escribio:") { return true }
        return false
    }

    private static func startsAttribution(_ line: String) -> Bool {
        let lower = line.lowercased()
        return lower.hasPrefix("on ") || lower.hasPrefix("el ")
    }

    /// Outlook and webmail separators that start the forwarded or quoted message.
    static func isSeparator(_ line: String) -> Bool {
        let lower = line.lowercased()
        return lower.hasPrefix("-----original message-----") || lower.hasPrefix("-----mensaje original-----")
            || (line.count >= 20 && line.allSatisfy { $0 == "_" })
    }
}
