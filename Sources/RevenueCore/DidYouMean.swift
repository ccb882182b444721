/// "Did you mean …?" hints for the checkers of YAML files (playbooks, channels, clients), by edit distance.
public enum DidYouMean {
    /// Levenshtein distance between two strings, by Unicode scalar.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// `did you mean `x`?` for the closest candidate within max(2, its length / 3) edits (case-insensitive),
    /// else the list of candidates; nil when there are none.
    public static func hint(_ word: String, _ candidates: [String]) -> String? {
        let scored = candidates.map { ($0, distance(word.lowercased(), $0.lowercased())) }.min { $0.1 < $1.1 }
        guard let (best, d) = scored, d <= max(2, best.count / 3) else {
            return candidates.isEmpty ? nil : "expected one of: \(candidates.joined(separator: ", "))"
        }
        return "did you mean `\(best)`?"
    }
}
